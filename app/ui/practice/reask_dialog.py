"""Re-ask: say (or type) a better version of a flagged question; the coach checks it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.practice.reask import AnswerSource, ReaskResult, check_reask
from app.session.plan import InterviewPlan
from app.settings import Settings
from app.ui import style
from app.ui.live.cue_banner import cue_title
from app.ui.live.timefmt import clock

RECORD_SECONDS = 6.0


@dataclass(frozen=True)
class ReaskMoment:
    t: float
    question: str
    kinds: tuple[str, ...]
    suggestion: str
    previous_participant: str
    phase_index: int


class _Relay(QObject):
    """Carries the worker thread's result back to the GUI thread (queued signal)."""

    heard = Signal(str)
    failed = Signal(str)


# (seconds) -> the words heard; raises app.practice.speech.SpeechError. Replaceable in tests.
Listener = Callable[[float], str]


def microphone_listener(seconds: float, device: str | None = None) -> str:
    """The default listener: the microphone chosen in Settings (None: the default input)."""
    from app.practice.speech import record, transcribe

    return transcribe(record(seconds, device))


def listener_for(settings: Settings | None) -> Listener:
    device = (settings.mic_device if settings is not None else "") or None
    return lambda seconds: microphone_listener(seconds, device)


class ReaskDialog(QDialog):
    saved = Signal(dict)  # the result, to store with the drills

    def __init__(self, moment: ReaskMoment, plan: InterviewPlan, parent: QWidget | None = None,
                 listener: Listener = microphone_listener) -> None:  # fmt: skip
        super().__init__(parent)
        self.moment = moment
        self.plan = plan
        self.listener = listener
        self.result: ReaskResult | None = None
        self.source = AnswerSource.TYPED
        self._relay = _Relay(self)
        self._relay.heard.connect(self._on_heard)
        self._relay.failed.connect(self._on_failed)
        self.worker: threading.Thread | None = None
        self.setWindowTitle("Re-ask the question")
        self.resize(560, 330)
        layout = QVBoxLayout(self)
        kinds = ", ".join(cue_title(k) for k in moment.kinds)
        head = QLabel(f"At {clock(moment.t)} the coach flagged: <b>{kinds}</b>")
        asked = QLabel(f"\u201c{moment.question}\u201d")
        asked.setWordWrap(True)
        asked.setStyleSheet("font-style: italic;")
        tip = QLabel(f"Tip: {moment.suggestion}")
        tip.setWordWrap(True)
        tip.setProperty("role", "muted")
        if moment.previous_participant:
            context = QLabel(f"They had just said: \u201c{moment.previous_participant}\u201d")
            context.setWordWrap(True)
            context.setProperty("role", "muted")
        prompt = QLabel("Your better version (speak it, or type it):")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("e.g. Walk me through what happened the last time\u2026")
        self.text.setMaximumHeight(90)
        buttons = QHBoxLayout()
        self.speak_button = QPushButton(f"\u25cf  Speak ({RECORD_SECONDS:g} s)")
        self.speak_button.setToolTip("Records from the microphone and transcribes it on this "
                                     "computer")  # fmt: skip
        self.check_button = QPushButton("Check with the coach")
        self.check_button.setProperty("primary", True)
        self.save_button = QPushButton("Save")
        self.save_button.setEnabled(False)
        close = QPushButton("Close")
        buttons.addWidget(self.speak_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(head)
        layout.addWidget(asked)
        layout.addWidget(tip)
        if moment.previous_participant:
            layout.addWidget(context)
        layout.addWidget(prompt)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.speak_button.clicked.connect(self.speak)
        self.check_button.clicked.connect(self.check)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.text.textChanged.connect(self._on_edited)

    # --- speaking -------------------------------------------------------------------------

    def speak(self) -> None:
        """Records and transcribes on a worker thread; the words land in the text box."""
        if self.worker is not None and self.worker.is_alive():
            return
        self.speak_button.setEnabled(False)
        self.status.setText(f"Listening for {RECORD_SECONDS:g} s\u2026 then transcribing.")

        def work() -> None:
            try:
                self._relay.heard.emit(self.listener(RECORD_SECONDS))
            except Exception as exc:  # noqa: BLE001 - SpeechError, or whatever the audio stack raised
                self._relay.failed.emit(str(exc))

        self.worker = threading.Thread(target=work, name="reask-listen", daemon=True)
        self.worker.start()

    def _on_heard(self, words: str) -> None:
        self.speak_button.setEnabled(True)
        if not words.strip():
            self.status.setText("Nothing was heard. Try again closer to the microphone, or type "
                                "the question.")  # fmt: skip
            return
        self.text.blockSignals(True)
        self.text.setPlainText(words.strip())
        self.text.blockSignals(False)
        self.source = AnswerSource.SPOKEN
        self.check()

    def _on_failed(self, message: str) -> None:
        self.speak_button.setEnabled(True)
        self.status.setText(f"<span style='color:{style.OVER}'>{message}</span>")

    def _on_edited(self) -> None:
        self.source = AnswerSource.TYPED
        self.save_button.setEnabled(False)

    # --- checking -------------------------------------------------------------------------

    def check(self) -> ReaskResult | None:
        m = self.moment
        try:
            self.result = check_reask(self.text.toPlainText(), original=m.question,
                                      original_kinds=m.kinds, plan=self.plan,
                                      phase_index=m.phase_index, t=m.t,
                                      previous_participant=m.previous_participant,
                                      source=self.source)  # fmt: skip
        except ValueError as exc:
            self.status.setText(f"<span style='color:{style.OVER}'>{exc}</span>")
            self.save_button.setEnabled(False)
            return None
        r = self.result
        if r.passed:
            unsure = [c for c in r.cues if not c.live]
            extra = ("<br>The coach is unsure about: " + ", ".join(cue_title(c.kind.value)
                     for c in unsure)) if unsure else ""  # fmt: skip
            self.status.setText(f"<span style='color:{style.OK}'><b>\u2713 Better.</b></span> "
                                f"The coach finds nothing to flag in it.{extra}")  # fmt: skip
        else:
            lines = "".join(f"<li><b>{cue_title(c.kind.value)}</b>: {c.suggestion}</li>"
                            for c in r.cues if c.live)  # fmt: skip
            self.status.setText(f"<span style='color:{style.WARN}'><b>Not yet.</b></span> The "
                                f"coach still flags:<ul>{lines}</ul>")  # fmt: skip
        self.save_button.setEnabled(True)
        return r

    def save(self) -> None:
        if self.result is None:
            return
        self.saved.emit(self.result.to_dict() | {"t": round(self.moment.t, 2)})
        self.save_button.setEnabled(False)
        self.status.setText(self.status.text() + "<br><i>Saved.</i>")
