"""Improve transcript, in the review window: a button, then a row with the progress and
Cancel while the recording is decoded again (app.improve on a worker thread), then what
changed, to replace the transcript or discard the new one. Nothing changes until Replace.

The worker never touches a widget: it emits signals, which Qt queues to the GUI thread. A
running task is kept alive by a module-level set, and released on the GUI thread by its panel
(never by its worker, whose dropping the last reference would delete a QObject off its thread),
so closing the window mid-way only cancels it.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.export.timefmt import clock
from app.improve import (
    CancelFlag,
    ImproveCancelled,
    ImproveFailed,
    ImproveJob,
    ImproveRefused,
    ImproveResult,
    ModelDecoder,
    Proposal,
    RecordingDecoder,
    model_choice,
)
from app.improve.sources import recordings_to_decode
from app.store.db import Store

DecoderFactory = Callable[[], RecordingDecoder]

_RUNNING: set[ImproveTask] = set()  # tasks started and not yet released (see the module)


def default_decoder() -> RecordingDecoder:
    from app.settings import Settings

    return ModelDecoder(model_choice(Settings().model_name))


class ImproveTask(QObject):
    progress = Signal(float, str)
    ready = Signal(object)  # Proposal
    applied = Signal(object)  # ImproveResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, store: Store, interview_id: int, decoder: RecordingDecoder) -> None:
        super().__init__()
        self.flag = CancelFlag()
        self.job = ImproveJob(store, interview_id, decoder=decoder,
                              progress=self.progress.emit, cancel=self.flag)  # fmt: skip
        self._thread: threading.Thread | None = None

    def decode(self) -> None:
        self._start(lambda: self.ready.emit(self.job.decode()))

    def apply(self, proposal: Proposal) -> None:
        self._start(lambda: self.applied.emit(self.job.apply(proposal)))

    def cancel(self) -> None:
        self.flag.cancel()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _start(self, work: Callable[[], None]) -> None:
        _RUNNING.add(self)
        self._thread = threading.Thread(target=self._run, args=(work,), name="improve",
                                        daemon=True)  # fmt: skip
        self._thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except ImproveCancelled:
            self.cancelled.emit()
        except (ImproveRefused, ImproveFailed) as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - never let a worker die silently
            self.failed.emit(f"The transcript could not be improved: {error}")


class ChangesDialog(QDialog):
    """Each place the improved transcript reads differently: before, after."""

    def __init__(self, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Improved transcript \u2014 changes")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        rows = "".join(
            f"<tr><td style='color:#6b7280;padding-right:8px'>{clock(c.start)}<br>"
            f"{html.escape(c.speaker.value.capitalize())}</td>"
            f"<td style='padding:2px 8px'><s style='color:#b42318'>"
            f"{html.escape(c.before) or '<i>(nothing)</i>'}</s><br>"
            f"<span style='color:#1e6b3a'>{html.escape(c.after) or '<i>(nothing)</i>'}</span>"
            f"</td></tr>"
            for c in proposal.preview.changes
        )  # fmt: skip
        self.browser.setHtml(f"<table cellspacing='4'>{rows}</table>" if rows
                             else "<p>The improved transcript reads the same.</p>")  # fmt: skip
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def describe(proposal: Proposal) -> str:
    merge = proposal.preview
    text = (f"Improved with {proposal.model_label}: {merge.changed} "
            f"place{'s' * (merge.changed != 1)} read differently")  # fmt: skip
    if merge.kept_edited:
        text += (f"; {merge.kept_edited} line{'s' * (merge.kept_edited != 1)} you corrected "
                 "stay as you wrote them")  # fmt: skip
    text += ". Nothing changes until you replace the transcript."
    return f"{text} {proposal.note}" if proposal.note else text


class ImprovePanel(QWidget):
    """The row under the banner; `button` goes in the window's toolbar."""

    applied = Signal(object)  # ImproveResult: the window reloads
    message = Signal(str, str)  # text, level ("info", "warning")

    def __init__(self, store: Store, interview_id: int, *,
                 decoder_factory: DecoderFactory = default_decoder,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.interview_id = interview_id
        self.decoder_factory = decoder_factory
        self.task: ImproveTask | None = None
        self._previous_task: ImproveTask | None = None
        self.proposal: Proposal | None = None

        self.button = QPushButton("Improve transcript\u2026")
        self.button.setToolTip("Transcribe the recording again with the best model on this "
                               "computer, then re-run the coach; lines you corrected are kept")  # fmt: skip
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.start)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.cancel_button = QPushButton("Cancel")
        self.changes_button = QPushButton("Show changes\u2026")
        self.replace_button = QPushButton("Replace the transcript")
        self.replace_button.setProperty("primary", True)
        self.discard_button = QPushButton("Discard")
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 1)
        for button in (self.cancel_button, self.changes_button, self.replace_button,
                       self.discard_button):  # fmt: skip
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)
        self.cancel_button.clicked.connect(self.cancel)
        self.changes_button.clicked.connect(self.show_changes)
        self.replace_button.clicked.connect(self.replace)
        self.discard_button.clicked.connect(self.discard)
        self.hide()

    # --- states -------------------------------------------------------------------------------

    def _show_running(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        for button in (self.changes_button, self.replace_button, self.discard_button):
            button.hide()
        self.button.setEnabled(False)
        self.show()

    def _show_ready(self, proposal: Proposal) -> None:
        self.proposal = proposal
        self.label.setText(describe(proposal))
        self.bar.hide()
        self.cancel_button.hide()
        for button in (self.changes_button, self.replace_button, self.discard_button):
            button.show()
        self.changes_button.setEnabled(bool(proposal.preview.changes))
        self.show()

    def _idle(self) -> None:
        if self.task is not None:
            _RUNNING.discard(self.task)
            # Its thread may still be returning: the last reference must not be that thread's.
            self._previous_task = self.task
        self.task = None
        self.proposal = None
        self.button.setEnabled(True)
        self.hide()

    # --- actions ------------------------------------------------------------------------------

    def start(self) -> bool:
        """Checks there is a recording (says why not), then decodes it on a worker."""
        if self.task is not None:
            return False
        try:
            recordings_to_decode(self.store, self.interview_id)
        except ImproveRefused as refusal:
            self.message.emit(str(refusal), "warning")
            return False
        task = ImproveTask(self.store, self.interview_id, self.decoder_factory())
        self._connect(task)
        self.task = task
        self._show_running(f"Loading {task.job.model_label}\u2026")
        task.decode()
        return True

    def _connect(self, task: ImproveTask) -> None:
        task.progress.connect(self._on_progress)
        task.ready.connect(self._show_ready)
        task.applied.connect(self._on_applied)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(self._on_cancelled)

    def cancel(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Cancelling\u2026")
        elif self.proposal is not None:
            self.discard()

    def replace(self) -> None:
        if self.task is None or self.proposal is None:
            return
        proposal, self.proposal = self.proposal, None
        self._show_running("Replacing the transcript\u2026")
        self.bar.setValue(900)
        self.task.apply(proposal)

    def discard(self) -> None:
        self._idle()
        self.message.emit("The improved transcript was discarded; the transcript is as it was.",
                          "info")  # fmt: skip

    def show_changes(self) -> ChangesDialog | None:
        if self.proposal is None:
            return None
        dialog = ChangesDialog(self.proposal, self)
        dialog.show()
        return dialog

    def _on_progress(self, fraction: float, text: str) -> None:
        if self.task is not None and not self.task.flag.cancelled:
            self.bar.setValue(round(1000 * fraction))
            self.label.setText(f"{text} {fraction:.0%}")

    def _on_applied(self, result: ImproveResult) -> None:
        self._idle()
        self.applied.emit(result)
        level = "warning" if result.warnings else "info"
        self.message.emit(" ".join([result.summary(), *result.warnings]), level)

    def _on_failed(self, message: str) -> None:
        self._idle()
        self.message.emit(f"{message} The transcript is as it was.", "warning")

    def _on_cancelled(self) -> None:
        self._idle()
        self.message.emit("Improving the transcript was cancelled; the transcript is as it was.",
                          "info")  # fmt: skip
