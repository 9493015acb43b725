"""The start window: recent interviews, a new interview, the library, and the data folder.

It is the AppController's view: it shows what the controller hands it and asks the user what
the controller needs to know; the decisions stay in the controller.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.session.plan import InterviewPlan
from app.settings import Key, Settings
from app.store.db import Store
from app.store.interviews import InterviewSummary
from app.ui import icons
from app.ui.banner import StatusBanner
from app.ui.live.bridge import live_call
from app.ui.live.window import LiveWindow
from app.ui.new_interview import NewInterviewDialog
from app.ui.recent_model import STATUS_COLUMN, RecentInterviewsModel, StatusBadgeDelegate
from app.ui.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from app.ui.controller import AppController

CHOOSE_ANOTHER = "choose"
QUIT = "quit"


class StartWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.controller: AppController | None = None
        self.live_windows: dict[int, LiveWindow] = {}
        self.other_windows: list[QWidget] = []
        # Replaceable in tests: how dialogs are run (exec by default).
        self.run_dialog: Callable[[Any], int] = lambda dialog: dialog.exec()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icons.app_icon())
        self.resize(820, 520)
        self._build()
        geometry = settings.geometry(Key.START_WINDOW_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)

    def attach(self, controller: AppController) -> None:
        self.controller = controller

    # -- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(20, 16, 20, 12)
        root.setSpacing(12)

        header = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icons.app_pixmap(44))
        header.addWidget(logo)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        title = QLabel(APP_NAME)
        title.setProperty("role", "title")
        subtitle = QLabel("Listen more, talk less: your customer interviews, on track.")
        subtitle.setProperty("role", "muted")
        titles.addWidget(title)
        titles.addWidget(subtitle)
        header.addLayout(titles, 1)
        self.check_audio_button = QPushButton("Check audio")
        self.check_audio_button.setToolTip("Level meters for your microphone and the call "
                                           "audio chosen in Settings")  # fmt: skip
        self.check_audio_button.clicked.connect(self.check_audio)
        header.addWidget(self.check_audio_button, 0, Qt.AlignmentFlag.AlignTop)
        self.settings_button = QPushButton("Settings")
        self.settings_button.clicked.connect(self.open_settings)
        header.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(header)

        self.banner = StatusBanner()
        root.addWidget(self.banner)

        actions = QHBoxLayout()
        heading = QLabel("Recent interviews")
        heading.setProperty("role", "heading")
        actions.addWidget(heading)
        actions.addStretch(1)
        self.library_button = QPushButton("Open library")
        self.library_button.setToolTip("Search every interview and its transcript")
        self.library_button.clicked.connect(self._on_library)
        self.new_button = QPushButton("New interview")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip("Plan an interview and open the live window (Ctrl+N)")
        self.new_button.clicked.connect(self._on_new)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self._on_new)
        self.trainer_button = QPushButton("Trainer")
        self.trainer_button.setToolTip("Each interviewer's scorecards and trends over time")
        self.trainer_button.clicked.connect(self._on_trainer)
        actions.addWidget(self.trainer_button)
        self.board_button = QPushButton("Board")
        self.board_button.setToolTip("Synthesise several interviews: cards in piles, "
                                     "arrangements, hypotheses")  # fmt: skip
        self.board_button.clicked.connect(self._on_board)
        actions.addWidget(self.board_button)
        self.demo_button = QPushButton("Try the demo")
        self.demo_button.setToolTip("A 22-minute sample interview with every kind of cue, to "
                                    "review or practise on")  # fmt: skip
        self.demo_button.clicked.connect(self._on_demo)
        actions.addWidget(self.demo_button)
        actions.addWidget(self.library_button)
        actions.addWidget(self.new_button)
        root.addLayout(actions)

        self.model = RecentInterviewsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATUS_COLUMN, StatusBadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header_view = self.table.horizontalHeader()
        header_view.setHighlightSections(False)
        header_view.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, mode in enumerate((
            QHeaderView.ResizeMode.ResizeToContents,
            QHeaderView.ResizeMode.ResizeToContents,
            QHeaderView.ResizeMode.ResizeToContents,
            QHeaderView.ResizeMode.Stretch,
            QHeaderView.ResizeMode.ResizeToContents,
            QHeaderView.ResizeMode.Fixed,
        )):  # fmt: skip
            header_view.setSectionResizeMode(column, mode)
        header_view.resizeSection(STATUS_COLUMN, 100)
        self.table.setToolTip("Double-click an interview to review it")
        self.table.doubleClicked.connect(self._on_double_click)
        root.addWidget(self.table, 1)
        self.empty_label = QLabel(
            "No interviews yet. Plan one with \u201cNew interview\u201d: the live window keeps "
            "the phases, the time and the consent in view during the call. Or open "
            "\u201cTry the demo\u201d to see a whole interview reviewed."
        )
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        root.addWidget(self.empty_label, 1)
        self.empty_label.hide()

        footer = QHBoxLayout()
        self.data_label = QLabel()
        self.data_label.setProperty("role", "muted")
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_button = QPushButton("Change\u2026")
        self.change_button.setProperty("flat", True)
        self.change_button.setToolTip("Use another folder for the database and recordings")
        self.change_button.clicked.connect(self._on_change_folder)
        footer.addWidget(self.data_label, 1)
        footer.addWidget(self.change_button)
        root.addLayout(footer)
        self.setCentralWidget(central)

    # -- AppView ----------------------------------------------------------------------------------
    def show_start(self, data_dir: Path, recent: list[InterviewSummary]) -> None:
        self.data_label.setText(f"Data folder: {data_dir}")
        self.data_label.setToolTip(str(data_dir))
        self.model.set_rows(recent)
        self.table.setVisible(bool(recent))
        self.empty_label.setVisible(not recent)
        if not self.isVisible():
            self.show()
        self.raise_()
        if not self.settings.get(Key.AUDIO_CHECKED) and not self.banner.message():
            # First run: the one set-up step a newcomer cannot skip without losing a call.
            self.show_banner("New here? Press \u201cCheck audio\u201d before your first "
                             "interview: your microphone and the call should both be heard.",
                             "info")  # fmt: skip

    def show_banner(self, message: str, level: str = "info") -> None:
        self.banner.show_message(message, level)

    def ask_store_error(self, message: str, data_dir: Path) -> Path | None:
        box = QMessageBox(self if self.isVisible() else None)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(f"{APP_NAME}: cannot open the data folder")
        box.setText("The interviews database cannot be opened.")
        box.setInformativeText(message)
        choose = box.addButton("Choose another folder\u2026", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(choose)
        box.exec()
        if box.clickedButton() is not choose:
            return None
        return self.ask_data_folder(data_dir)

    def ask_data_folder(self, current: Path) -> Path | None:
        folder = QFileDialog.getExistingDirectory(
            self if self.isVisible() else None, "Choose the data folder", str(current.parent)
        )
        return Path(folder) if folder else None

    def ask_plan(self, initial: InterviewPlan, last: InterviewPlan | None) -> InterviewPlan | None:
        names = self.controller.interviewer_names() if self.controller is not None else []
        dialog = NewInterviewDialog(initial, last, self, interviewers=names,
                                    interviewer=self.settings.interviewer_name)  # fmt: skip
        if self.run_dialog(dialog):
            # Remembered for next time; the controller records the interview under this name.
            self.settings.interviewer_name = dialog.interviewer_name()
            return dialog.result_plan
        return None

    def open_live(self, store: Store, interview_id: int, plan: InterviewPlan) -> None:
        call = live_call(store, interview_id, plan, self.settings)  # audio, transcript, cues
        window = LiveWindow(call, settings=self.settings)
        window.setWindowIcon(self.windowIcon())
        window.finished.connect(self._on_live_finished)
        window.review_requested.connect(self._on_review_requested)
        self.live_windows[interview_id] = window
        window.show()
        self.hide()

    def open_hook(self, hook: Callable[..., Any], *args: Any) -> None:
        window = hook(*args, parent=self)
        if isinstance(window, QWidget):
            self.other_windows.append(window)
            window.show()
            window.raise_()

    # -- user actions -----------------------------------------------------------------------------
    def _on_new(self) -> None:
        if self.controller is not None:
            self.controller.new_interview()

    def _on_demo(self) -> int | None:
        """Loads the demo interview (once; app.demo) and opens it in the review."""
        if self.controller is None or self.controller.store is None:
            return None
        from app.demo import DemoError, load_demo

        try:
            result = load_demo(self.controller.store)
        except DemoError as exc:
            self.show_banner(str(exc), "warning")
            return None
        if result.created:
            self.controller.refresh()
        self.controller.open_review(result.interview_id)
        return result.interview_id

    def _on_library(self) -> None:
        if self.controller is not None:
            self.controller.open_library()

    def _on_board(self) -> None:
        if self.controller is not None and self.controller.store is not None:
            from app.ui.board import open_board

            self.open_hook(open_board, self.controller.store)

    def _on_trainer(self) -> None:
        if self.controller is not None:
            self.controller.open_trainer()

    def _on_double_click(self, index: QModelIndex) -> None:
        if self.controller is not None and index.isValid():
            self.controller.open_review(self.model.interview_id(index.row()))

    def _on_change_folder(self) -> None:
        if self.controller is not None:
            self.controller.change_data_folder()

    def _on_review_requested(self, interview_id: int) -> None:
        if self.controller is not None:
            self.controller.open_review(interview_id)

    def _on_live_finished(self, interview_id: int) -> None:
        window = self.live_windows.pop(interview_id, None)
        if window is not None:
            window.deleteLater()
        self.show()
        if self.controller is not None:
            self.controller.live_finished(interview_id)

    def check_audio(self) -> QWidget:
        from app.ui.audio_check import AudioCheckDialog
        from app.ui.live.bridge import make_source

        self.settings.set(Key.AUDIO_CHECKED, True)
        if self.banner.message().startswith("New here?"):
            self.banner.dismiss()
        dialog = AudioCheckDialog(lambda: make_source(self.settings), self)
        dialog.open()
        return dialog

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        self.run_dialog(dialog)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.settings.set(Key.START_WINDOW_GEOMETRY, QByteArray(self.saveGeometry()))
        super().closeEvent(event)
