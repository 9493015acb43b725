"""The interview library: every interview with filters, full-text search, import and delete."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from app.gcpause import gc_paused
from app.importing import ImportRequest, ImportResult, file_dialog_filter
from app.store.database_url import DatabaseKind
from app.store.db import Store, StoreError
from app.store.interviews import InterviewRepository, InterviewSummary
from app.store.library_events import LibraryListener
from app.store.publish import open_local_library, waiting_to_publish
from app.store.transcript import SearchHit, SegmentRepository
from app.ui.banner import StatusBanner
from app.ui.library.import_task import ImportTask
from app.ui.library.model import Column, InterviewTableModel, LibraryFilter
from app.ui.library.publish_dialog import PublishDialog
from app.ui.library.search_panel import SearchHitsView

if TYPE_CHECKING:
    from app.ui.review.window import ReviewWindow

ANY = "Any"
SEARCH_DELAY_MS = 200  # search as the user types, once they pause


WATCH_MS = 2000  # how often the list checks whether the store changed

class LibraryWindow(QMainWindow):
    review_opened = Signal(int)
    interview_deleted = Signal(int)
    changed_elsewhere = Signal()  # a team library's NOTIFY, from the listener's thread

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.interviews = InterviewRepository(store)
        self.segments = SegmentRepository(store)
        self.reviews: dict[int, ReviewWindow] = {}
        self.imports: list[ImportTask] = []
        # In a team library: the data folder's own SQLite library, for interviews recorded here
        # while the team library was out of reach; they wait there to be published.
        self.local_store: Store | None = None
        self.offline_waiting: list[int] = []
        self.setWindowTitle("Library \u2014 Tell Me More")
        self.resize(1180, 720)

        self.model = InterviewTableModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.refresh()  # also takes the fingerprint
        self.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)  # newest first
        # A call that ends (here or in `tellmemore listen`), an import, a scoring: the list
        # follows by itself. The check is one aggregate query; the reload only on a change.
        self.watch_timer = QTimer(self)
        self.watch_timer.timeout.connect(self.refresh_if_changed)
        self.watch_timer.start(WATCH_MS)
        # On a team library, PostgreSQL says at once when anyone changes the interviews
        # (LISTEN/NOTIFY); the polling above stays for SQLite and while that connection is down.
        self.changed_elsewhere.connect(self.refresh_if_changed)
        self.listener = LibraryListener(store, self.changed_elsewhere.emit)
        self.listener.start()
        self.publish_dialog: PublishDialog | None = None
        self.check_offline_interviews()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)

        top = QHBoxLayout()
        title = QLabel("Library")
        title.setProperty("role", "title")
        top.addWidget(title)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search what was said in every transcript\u2026")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(340)
        top.addWidget(self.search_edit)
        self.import_button = QPushButton("Import\u2026")
        self.import_button.setToolTip("Add a recording (audio or video) or a transcript file")
        self.open_button = QPushButton("Open")
        self.open_button.setProperty("primary", True)
        self.delete_button = QPushButton("Delete\u2026")
        self.delete_button.setProperty("danger", True)
        self.publish_button = QPushButton("Publish to team library\u2026")
        self.publish_button.setToolTip("Copy the selected interviews, recorded on this computer, "
                                       "to the team library (Settings \u203a Team library)")  # fmt: skip
        # Only the library on this computer publishes: a team library already is one.
        self.publish_button.setVisible(self.store.kind is DatabaseKind.SQLITE)
        for button in (self.import_button, self.publish_button, self.delete_button,
                       self.open_button):  # fmt: skip
            top.addWidget(button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by participant, company or focus")
        self.filter_edit.setClearButtonEnabled(True)
        filters.addWidget(self.filter_edit, 2)
        self.interviewer_combo = QComboBox()
        self.tag_combo = QComboBox()
        self.recording_combo = QComboBox()
        self.recording_combo.addItems([ANY, "With recording", "Without recording"])
        for label, widget in (("Interviewer", self.interviewer_combo), ("Tag", self.tag_combo),
                              ("Recording", self.recording_combo)):  # fmt: skip
            caption = QLabel(label)
            caption.setProperty("role", "muted")
            filters.addWidget(caption)
            filters.addWidget(widget)
        self.date_check = QCheckBox("From")
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-3))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        filters.addWidget(self.date_check)
        filters.addWidget(self.date_from)
        to_label = QLabel("to")
        to_label.setProperty("role", "muted")
        filters.addWidget(to_label)
        filters.addWidget(self.date_to)
        layout.addLayout(filters)

        self.banner = StatusBanner()
        layout.addWidget(self.banner)

        self.import_row = QWidget()
        import_layout = QHBoxLayout(self.import_row)
        import_layout.setContentsMargins(0, 0, 0, 0)
        self.import_label = QLabel()
        self.import_progress = QProgressBar()
        self.import_progress.setRange(0, 1000)
        self.import_progress.setTextVisible(False)
        self.import_progress.setFixedHeight(8)
        self.import_cancel = QPushButton("Cancel import")
        import_layout.addWidget(self.import_label)
        import_layout.addWidget(self.import_progress, 1)
        import_layout.addWidget(self.import_cancel)
        self.import_row.hide()
        layout.addWidget(self.import_row)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once, to publish them together; open and delete act on one.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.FOCUS, QHeaderView.ResizeMode.Stretch)
        widths = {Column.DATE: 152, Column.PARTICIPANT: 150, Column.COMPANY: 130,
                  Column.INTERVIEWER: 110, Column.DURATION: 84, Column.CONSENT: 86,
                  Column.RECORDING: 92, Column.SCORECARD: 150}  # fmt: skip
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

        self.hits_view = SearchHitsView()
        hits_box = QWidget()
        hits_layout = QVBoxLayout(hits_box)
        hits_layout.setContentsMargins(0, 0, 0, 0)
        hits_title = QLabel("IN THE TRANSCRIPTS")
        hits_title.setProperty("role", "caps")
        hits_layout.addWidget(hits_title)
        hits_layout.addWidget(self.hits_view)
        self.hits_box = hits_box
        self.hits_box.hide()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.hits_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 360])
        layout.addWidget(splitter, 1)
        self.setCentralWidget(root)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.run_search)
        self.filter_edit.textChanged.connect(lambda t: self.proxy.set_filters(text=t.strip()))
        self.interviewer_combo.currentTextChanged.connect(self._apply_combo_filters)
        self.tag_combo.currentTextChanged.connect(self._apply_combo_filters)
        self.recording_combo.currentIndexChanged.connect(self._apply_combo_filters)
        self.date_check.toggled.connect(self._apply_dates)
        self.date_from.dateChanged.connect(self._apply_dates)
        self.date_to.dateChanged.connect(self._apply_dates)
        self.table.doubleClicked.connect(self._open_index)
        self.hits_view.hit_activated.connect(self.open_hit)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.open_button.clicked.connect(lambda: self._open_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.import_button.clicked.connect(self.choose_import)
        self.publish_button.clicked.connect(lambda: self.choose_publish())
        self.import_cancel.clicked.connect(self.cancel_imports)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search_edit.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, lambda: self.delete_selected())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, lambda: self._open_selected())
        self._update_buttons()

    # --- data -----------------------------------------------------------------------------

    def refresh_if_changed(self) -> bool:
        try:
            fingerprint = self.interviews.fingerprint()
        except SQLAlchemyError:
            return False  # a locked or vanished database: the next check will tell
        if fingerprint == self._fingerprint:
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        """Reloads every summary (one query) and keeps the selection."""
        self._fingerprint = self.interviews.fingerprint()
        selected = self.selected_id()
        with gc_paused():  # 10,000 summaries and their rows: see app.gcpause
            summaries = self.interviews.list_for_library()
            self.model.set_summaries(summaries)
        self._fill_combo(self.interviewer_combo,
                         sorted({s.interviewer_name for s in summaries if s.interviewer_name}))  # fmt: skip
        self._fill_combo(self.tag_combo, sorted({t for s in summaries for t in s.tags}))
        if selected is not None:
            self.select_interview(selected)
        self._update_count()
        self._update_buttons()

    @staticmethod
    def _fill_combo(combo: QComboBox, values: list[str]) -> None:
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([ANY, *values])
        combo.setCurrentText(current if current in values else ANY)
        combo.blockSignals(False)

    def _apply_combo_filters(self) -> None:
        interviewer = self.interviewer_combo.currentText()
        tag = self.tag_combo.currentText()
        recording = {0: None, 1: True, 2: False}[self.recording_combo.currentIndex()]
        self.proxy.set_filters(
            interviewer=None if interviewer in ("", ANY) else interviewer,
            tag=None if tag in ("", ANY) else tag,
            has_recording=recording,
        )

    def _apply_dates(self) -> None:
        on = self.date_check.isChecked()
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        start: date | None = self.date_from.date().toPython() if on else None  # type: ignore[assignment]
        end: date | None = self.date_to.date().toPython() if on else None  # type: ignore[assignment]
        self.proxy.set_filters(date_from=start, date_to=end)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "interview" if total == 1 else "interviews"
        self.count_label.setText(f"{total} {noun}" if shown == total else
                                 f"{shown} of {total} {noun}")  # fmt: skip

    def _update_buttons(self, *_args: object) -> None:
        count = len(self.selected_ids())
        self.open_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count == 1)
        self.publish_button.setEnabled(count > 0 or bool(self.offline_waiting))

    def selected_id(self) -> int | None:
        """The selected interview when exactly one is selected."""
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [self.model.summary_at(self.proxy.mapToSource(r).row()).id
                for r in sorted(rows, key=lambda r: r.row())]  # fmt: skip

    def select_interview(self, interview_id: int) -> bool:
        row = self.model.row_of(interview_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def visible_summaries(self) -> list[InterviewSummary]:
        return [self.model.summary_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]  # fmt: skip

    # --- full-text search -----------------------------------------------------------------

    def run_search(self) -> list[SearchHit]:
        self._search_timer.stop()
        query = self.search_edit.text().strip()
        if not query:
            self.hits_box.hide()
            self.hits_view.hits = []
            return []
        began = time.perf_counter()
        hits = self.segments.search(query)
        self.hits_view.show_hits(query, hits, (time.perf_counter() - began) * 1000)
        self.hits_box.show()
        return hits

    # --- opening --------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        self.open_review(self.model.summary_at(self.proxy.mapToSource(index).row()).id)

    def _open_selected(self) -> None:
        interview_id = self.selected_id()
        if interview_id is not None:
            self.open_review(interview_id)

    def open_hit(self, hit: SearchHit) -> ReviewWindow:
        return self.open_review(hit.interview_id, seek_to=hit.start)

    def open_review(self, interview_id: int, seek_to: float | None = None) -> ReviewWindow:
        from app.ui.review.window import ReviewWindow  # QtMultimedia loads only when needed

        window = self.reviews.get(interview_id)
        if window is None:
            window = ReviewWindow(self.store, interview_id, seek_to=seek_to)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_a, i=interview_id: self.reviews.pop(i, None))
            window.changed.connect(self.refresh)
            self.reviews[interview_id] = window
        elif seek_to is not None:
            window.seek_to(seek_to)
        window.show()
        window.raise_()
        window.activateWindow()
        self.review_opened.emit(interview_id)
        return window

    # --- delete ---------------------------------------------------------------------------

    def delete_selected(self, *, confirm: bool = True) -> list[Path] | None:
        interview_id = self.selected_id()
        if interview_id is None:
            return None
        return self.delete_interview(interview_id, confirm=confirm)

    def delete_interview(self, interview_id: int, *, confirm: bool = True) -> list[Path] | None:
        summary = self.interviews.get(interview_id)
        if confirm:
            answer = QMessageBox.question(
                self,
                "Delete interview",
                f"Delete the interview with {summary.display_title}?\n\nIts transcript, cards, "
                "cues and recording are removed from this computer. This cannot be undone.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        review = self.reviews.pop(interview_id, None)
        if review is not None:
            review.release_media()  # the player holds the file open
            review.close()
        deleted = self.interviews.delete(interview_id)
        self.refresh()
        if self.search_edit.text().strip():
            self.run_search()
        self.banner.show_message(f"Deleted the interview with {summary.display_title}.", "info")
        self.interview_deleted.emit(interview_id)
        return deleted

    # --- publish --------------------------------------------------------------------------

    def check_offline_interviews(self) -> list[int]:
        """In a team library: the interviews recorded on this computer while it was out of
        reach and not published yet; the Publish button offers them."""
        if self.store.kind is not DatabaseKind.POSTGRESQL:
            return []
        try:
            if self.local_store is None:
                self.local_store = open_local_library(self.store)
            waiting = (waiting_to_publish(self.local_store, self.store)
                       if self.local_store else [])  # fmt: skip
        except (StoreError, SQLAlchemyError):
            waiting = []  # the local file is not readable: nothing to offer, nothing lost
        self.offline_waiting = waiting
        n = len(waiting)
        self.publish_button.setText(f"Publish {n} from this computer\u2026")
        self.publish_button.setToolTip(
            f"{n} interview{'s were' if n != 1 else ' was'} recorded on this computer while the "
            "team library was out of reach; publish them to the team library")  # fmt: skip
        self.publish_button.setVisible(n > 0)
        self._update_buttons()
        return waiting

    def choose_publish(self, team_url: str | None = None) -> PublishDialog | None:
        """Library \u203a select interviews \u203a Publish to team library\u2026 (the address from
        Settings \u203a Team library, editable in the dialog). In a team library: the
        interviews waiting in this computer's own library, into this one."""
        if self.store.kind is DatabaseKind.POSTGRESQL:
            if self.local_store is None or not self.offline_waiting:
                return None
            local_repo = InterviewRepository(self.local_store)
            chosen = [local_repo.get(i) for i in self.offline_waiting]
            dialog = PublishDialog(self.local_store, chosen, "", parent=self, team=self.store)
            dialog.finished_publishing.connect(self.check_offline_interviews)
        else:
            ids = self.selected_ids()
            if not ids:
                return None
            if team_url is None:
                from app.settings import Settings

                team_url = Settings().database_url
            chosen = [self.interviews.get(i) for i in ids]
            dialog = PublishDialog(self.store, chosen, team_url, parent=self)
        dialog.published.connect(lambda _result: self.refresh())
        self.publish_dialog = dialog
        dialog.show()
        return dialog

    # --- import ---------------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a recording or transcript", str(Path.home()), file_dialog_filter()
        )
        if path:
            self.start_import(ImportRequest(Path(path)))

    def start_import(self, request: ImportRequest, **job_options: object) -> ImportTask:
        task = ImportTask(self.store, request, parent=self, **job_options)  # type: ignore[arg-type]
        task.progress.connect(self._on_import_progress)
        task.succeeded.connect(self._on_import_succeeded)
        task.failed.connect(lambda message: self.banner.show_message(message, "error"))
        task.cancelled.connect(
            lambda: self.banner.show_message(f"Import of {task.name} cancelled.", "info")
        )
        task.finished.connect(lambda: self._on_import_finished(task))
        self.imports.append(task)
        self.import_label.setText(f"Importing {task.name}\u2026")
        self.import_progress.setValue(0)
        self.import_row.show()
        task.start()
        return task

    def cancel_imports(self) -> None:
        for task in self.imports:
            task.cancel()
        self.import_label.setText("Cancelling\u2026")

    def _on_import_progress(self, fraction: float, message: str) -> None:
        self.import_progress.setValue(int(fraction * 1000))
        self.import_label.setText(message)

    def _on_import_succeeded(self, result: ImportResult) -> None:
        self.refresh()
        self.select_interview(result.interview_id)
        summary = self.interviews.get(result.interview_id)
        extra = (" " + " ".join(result.warnings)) if result.warnings else ""
        self.banner.show_message(
            f"Imported {summary.display_title}: {result.segment_count} lines, "
            f"{result.cue_count} cues. {result.interviewer.report()}{extra}",
            "warning" if result.warnings else "info",
        )  # fmt: skip

    def _on_import_finished(self, task: ImportTask) -> None:
        if task in self.imports:
            self.imports.remove(task)
        if not self.imports:
            self.import_row.hide()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Never wait on the GUI thread: a running import is told to stop and ends by itself.
        for task in self.imports:
            task.cancel()
        self.listener.stop(timeout_s=0)  # its thread ends within library_events.WAIT_S
        if self.publish_dialog is not None:
            self.publish_dialog.stop()
        dialog = self.publish_dialog
        publishing = dialog is not None and dialog.task is not None and dialog.task.is_running()
        if self.local_store is not None and not publishing:
            self.local_store.close()
            self.local_store = None
        super().closeEvent(event)
