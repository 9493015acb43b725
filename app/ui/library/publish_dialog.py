"""Library › select interviews › Publish to team library…: where to, a progress bar, and what
happened to each interview. The work is app.store.publish's, on a worker (PublishTask)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store.database_url import (
    EXAMPLE_URL,
    DatabaseKind,
    DatabaseUrlError,
    database_kind,
    parse_database_url,
)
from app.store.db import Store
from app.store.interviews import InterviewSummary
from app.store.publish import PublishOutcome, PublishResult, describe_outcome
from app.ui.library.publish_task import PublishTask

EXPLAINER = (
    "Copies the interviews to the team library: transcript, cues, cards, comments, notes and "
    "audio. Your colleagues see them there; the copies on this computer stay, marked as "
    "published. Publishing again copies nothing twice, and an interrupted publish carries on "
    "where it stopped. A participant who declined consent has nothing of theirs published."
)


def check_team_url(raw: str) -> str | None:
    """None when `raw` names a team library on PostgreSQL, else what is wrong with it."""
    if not raw.strip():
        return f"Enter the team library's address, like {EXAMPLE_URL}."
    try:
        url = parse_database_url(raw)
    except DatabaseUrlError as exc:
        return str(exc)
    if database_kind(url) is DatabaseKind.SQLITE:
        return f"A team library is a PostgreSQL database, like {EXAMPLE_URL}."
    return None


class PublishDialog(QDialog):
    published = Signal(object)  # a PublishResult: the library marks the row
    finished_publishing = Signal()  # a run ended (done, stopped or failed)

    def __init__(self, store: Store, interviews: list[InterviewSummary], team_url: str,
                 parent: QWidget | None = None, *, team: Store | None = None) -> None:  # fmt: skip
        """`store`: the library on this computer; `team`: the team library when the app is
        already in it (its address is then shown, not asked)."""
        super().__init__(parent)
        self.store = store
        self.team = team
        self.interviews = interviews
        self.task: PublishTask | None = None
        self.setWindowTitle("Publish to team library")
        self.setMinimumSize(660, 300)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        count = len(interviews)
        heading = QLabel(f"Publish {count} interview{'s' if count != 1 else ''}")
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        names = ", ".join(s.display_title for s in interviews[:4])
        more = f" and {count - 4} more" if count > 4 else ""
        self.which_label = QLabel(names + more)
        self.which_label.setWordWrap(True)
        layout.addWidget(self.which_label)
        explainer = QLabel(EXPLAINER)
        explainer.setProperty("role", "muted")
        explainer.setWordWrap(True)
        layout.addWidget(explainer)

        form = QFormLayout()
        self.url_edit = QLineEdit(team_url)
        self.url_edit.setPlaceholderText(EXAMPLE_URL)
        self.url_edit.setCursorPosition(0)
        self.url_edit.setToolTip("The team library from Settings \u203a Team library; the "
                                 "password comes from ~/.pgpass or PGPASSWORD")  # fmt: skip
        if team is not None:
            self.url_edit.setText(team.location)
            self.url_edit.setReadOnly(True)
            self.url_edit.setCursorPosition(0)
        form.addRow("Team library", self.url_edit)
        layout.addLayout(form)
        self.url_problem = QLabel()
        self.url_problem.setProperty("role", "error")
        self.url_problem.setWordWrap(True)
        self.url_problem.hide()
        layout.addWidget(self.url_problem)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        self.status_label = QLabel("")
        self.status_label.setProperty("role", "muted")
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        self.results_list = QListWidget()
        self.results_list.setWordWrap(True)
        self.results_list.setMinimumHeight(110)
        layout.addWidget(self.results_list, 1)
        self.progress.hide()
        self.results_list.hide()

        buttons = QDialogButtonBox()
        self.publish_button = QPushButton("Publish")
        self.publish_button.setProperty("primary", True)
        self.stop_button = QPushButton("Stop")
        self.close_button = QPushButton("Close")
        buttons.addButton(self.publish_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.stop_button.hide()
        layout.addWidget(buttons)
        self.publish_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.close)
        self.url_edit.textChanged.connect(lambda _t: self.url_problem.hide())

    # --- running ----------------------------------------------------------------------------

    def start(self) -> PublishTask | None:
        url = self.url_edit.text().strip()
        problem = check_team_url(url) if self.team is None else None
        if problem is not None:
            self.url_problem.setText(problem)
            self.url_problem.show()
            return None
        task = PublishTask(self.store, url, [s.id for s in self.interviews], team=self.team,
                           parent=self)  # fmt: skip
        task.progress.connect(self._on_progress)
        task.published.connect(self._on_published)
        task.failed.connect(self._on_failed)
        task.stopped.connect(self._on_stopped)
        task.finished.connect(self._on_finished)
        self.task = task
        self.results_list.clear()
        self.progress.setValue(0)
        self.progress.show()
        self.results_list.show()
        self.url_edit.setEnabled(False)
        self.publish_button.setEnabled(False)
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self.close_button.setEnabled(False)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        task.start()
        return task

    def stop(self) -> None:
        if self.task is not None:
            self.task.stop()
            self.stop_button.setEnabled(False)
            self.status_label.setText("Stopping at the next safe point\u2026")

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status_label.setText(f"{fraction:.0%} \u00b7 {message}")

    def _on_published(self, result: PublishResult) -> None:
        title = next((s.display_title for s in self.interviews if s.id == result.local_id), "")
        line = describe_outcome(result)
        self.results_list.addItem(f"{title}: {line}" if title else line)
        if result.outcome is not PublishOutcome.DELETED_IN_TEAM:
            self.published.emit(result)

    def _on_failed(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setProperty("role", "error")
        self.status_label.setWordWrap(True)
        self.status_label.style().polish(self.status_label)

    def _on_stopped(self) -> None:
        self.status_label.setText("Stopped. Publish again to finish: nothing is copied twice, "
                                  "and the audio carries on where it stopped.")  # fmt: skip

    def _on_finished(self) -> None:
        task = self.task
        done = task is not None and len(task.results) == len(self.interviews)
        if done:
            self.progress.setValue(1000)
            self.status_label.setText("Done.")
        self.stop_button.hide()
        self.close_button.setEnabled(True)
        self.publish_button.setEnabled(not done)
        self.publish_button.setText("Publish again" if not done else "Publish")
        self.url_edit.setEnabled(not done)
        self.finished_publishing.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.task is not None and self.task.is_running():
            event.ignore()  # the Close button is disabled meanwhile; Stop first
            self.stop()
            return
        super().closeEvent(event)

