"""The trainer view: pick an interviewer, see their interviews' scorecards and their trends
against the team median, open any interview's review at its worst moment, export the figures
as CSV and coaching reports. The figures come from app.trainer (Qt-free); this only shows them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.coach.cues import CueKind, Severity
from app.coach.scorecard import WEIGHTS
from app.gcpause import gc_paused
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.people import PersonRepository, StoredPerson
from app.trainer.facts import CueFact, DateRange, InterviewFacts, load_facts
from app.trainer.moments import worst_cue
from app.trainer.table import write_csv
from app.trainer.trends import InterviewFigures, Trends, compute_trends
from app.ui.banner import StatusBanner
from app.ui.style import FAINT, OVER
from app.ui.trainer.chart import TrendChart

if TYPE_CHECKING:
    from app.ui.review.window import ReviewWindow

CHART_COLUMNS = 3
AREA_TITLES = {"listening": "Listening", "questions": "Questions", "no_selling": "No selling",
               "timing": "Timing", "checklist": "Checklist"}  # fmt: skip
TABLE_HEADERS = ["Date", "Interview", "Score", *(AREA_TITLES[a] for a in WEIGHTS),
                 "Low-confidence cues"]  # fmt: skip
# The combo's entry for interviews with no interviewer (person ids start at 1).
UNASSIGNED = 0


def _to_qdate(when: date) -> QDate:
    return QDate(when.year, when.month, when.day)


def _from_qdate(when: QDate, end_of_day: bool = False) -> datetime:
    return datetime.combine(date(when.year(), when.month(), when.day()),
                            time.max if end_of_day else time.min)  # fmt: skip


class TrainerWindow(QMainWindow):
    review_opened = Signal(int, float)  # interview id, where the review was opened (s)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.store = store
        self.people_repo = PersonRepository(store)
        self.reviews: dict[int, ReviewWindow] = {}
        self.people: list[StoredPerson] = []
        self.facts: list[InterviewFacts] = []
        self.unassigned: list[InterviewFacts] = []
        self._figure_cache: dict[int, InterviewFigures] = {}
        self.trends: Trends | None = None
        self.charts: list[TrendChart] = []
        self.setWindowTitle("Trainer \u2014 Tell Me More")
        self.resize(1240, 860)
        self._build()
        self.reload()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Interviewer"))
        self.person_combo = QComboBox()
        self.person_combo.setMinimumWidth(220)
        self.person_combo.currentIndexChanged.connect(self._on_person_changed)
        bar.addWidget(self.person_combo)
        self.rename_button = QPushButton("Rename\u2026")
        self.rename_button.setProperty("flat", True)
        self.rename_button.setToolTip("Rename this interviewer in every interview")
        self.rename_button.clicked.connect(self.ask_rename_person)
        self.team_button = QPushButton("Team\u2026")
        self.team_button.setProperty("flat", True)
        self.team_button.setToolTip("The team this interviewer is compared with")
        self.team_button.clicked.connect(self.ask_team)
        bar.addWidget(self.rename_button)
        bar.addWidget(self.team_button)
        bar.addSpacing(12)
        bar.addWidget(QLabel("From"))
        self.since_edit = QDateEdit()
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("d MMM yyyy")
        bar.addWidget(self.since_edit)
        bar.addWidget(QLabel("to"))
        self.until_edit = QDateEdit()
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("d MMM yyyy")
        bar.addWidget(self.until_edit)
        self.since_edit.dateChanged.connect(self._on_dates_changed)
        self.until_edit.dateChanged.connect(self._on_dates_changed)
        bar.addStretch(1)
        self.csv_button = QPushButton("Export CSV\u2026")
        self.csv_button.setToolTip("The table and every trend's figures, with the team medians")
        self.csv_button.clicked.connect(self.ask_export_csv)
        self.report_button = QPushButton("Coaching report\u2026")
        self.report_button.setToolTip("This interviewer over the dates shown (HTML or PDF)")
        self.report_button.clicked.connect(self.show_person_report)
        self.interview_report_button = QPushButton("Report on interview\u2026")
        self.interview_report_button.setToolTip("A coaching report on the selected interview")
        self.interview_report_button.clicked.connect(self.show_interview_report)
        self.reassign_button = QPushButton("Change interviewer\u2026")
        self.reassign_button.setToolTip("Who led the selected interview (an import may have "
                                        "guessed)")  # fmt: skip
        self.reassign_button.clicked.connect(self.ask_reassign)
        for button in (self.reassign_button, self.csv_button, self.report_button,
                       self.interview_report_button):  # fmt: skip
            bar.addWidget(button)
        layout.addLayout(bar)

        self.banner = StatusBanner()
        layout.addWidget(self.banner)
        self.summary_label = QLabel()
        self.summary_label.setProperty("role", "muted")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(TABLE_HEADERS))
        self.table.setHorizontalHeaderLabels(TABLE_HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setToolTip("Double-click an interview to open its review at its worst moment")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_row_selected)
        self.table.cellDoubleClicked.connect(
            lambda row, _col: self.open_interview(self._row_id(row))
        )
        split.addWidget(self.table)

        self.chart_host = QWidget()
        self.chart_grid = QGridLayout(self.chart_host)
        self.chart_grid.setContentsMargins(0, 0, 0, 0)
        self.chart_grid.setSpacing(8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart_host)
        # Trends, and every comment left on this interviewer's moments (searchable; a
        # double-click opens the review there).
        from app.ui.review.comments_browser import CommentsBrowser

        self.comments_browser = CommentsBrowser(self.store)
        self.comments_browser.open_requested.connect(
            lambda interview_id, t: self._open_review(interview_id, t))  # fmt: skip
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(scroll, "Trends")
        self.lower_tabs.addTab(self.comments_browser, "Comments")
        # Comments are written in review windows meanwhile: read them again when shown.
        self.lower_tabs.currentChanged.connect(
            lambda index: index == 1 and self.comments_browser.refresh())  # fmt: skip
        split.addWidget(self.lower_tabs)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([220, 640])  # the charts are the point; the table scrolls
        layout.addWidget(split, 1)
        self.empty_label = QLabel(
            "No interviewer yet. Interviews get an interviewer when they are planned (New "
            "interview) or imported; their scorecards and trends then appear here."
        )
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        self.split = split
        self.setCentralWidget(root)

    # -- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Reads people and every interview (the team median needs them all) and shows the
        chosen interviewer again."""
        chosen = self.current_person_id()
        self.people = [p for p in self.people_repo.list() if p.interview_count > 0]
        with gc_paused():
            self.facts = load_facts(self.store)
            nobody = self.people_repo.unassigned_interview_ids()
            self.unassigned = [
                replace(f, interviewer_id=UNASSIGNED)
                for f in (load_facts(self.store, interview_ids=nobody) if nobody else [])
            ]
        self._figure_cache.clear()
        self._set_date_bounds()
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        for person in self.people:
            team = f" \u00b7 {person.team}" if person.team else ""
            self.person_combo.addItem(f"{person.name}{team} ({person.interview_count})", person.id)
        if self.unassigned:
            self.person_combo.addItem(f"No interviewer recorded ({len(self.unassigned)})",
                                      UNASSIGNED)  # fmt: skip
        self.person_combo.blockSignals(False)
        has_people = self.person_combo.count() > 0
        self.split.setVisible(has_people)
        self.empty_label.setVisible(not has_people)
        for widget in (self.csv_button, self.report_button, self.interview_report_button,
                       self.rename_button, self.team_button, self.reassign_button):  # fmt: skip
            widget.setEnabled(has_people)
        if has_people:
            ids = [self.person_combo.itemData(i) for i in range(self.person_combo.count())]
            self.select_person(chosen if chosen in ids else ids[0])

    def _set_date_bounds(self) -> None:
        dates = [f.date.date() for f in self.facts + self.unassigned] or [date.today()]
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(True)
            edit.setDateRange(_to_qdate(min(dates)), _to_qdate(max(max(dates), date.today())))
        self.since_edit.setDate(_to_qdate(min(dates)))
        self.until_edit.setDate(_to_qdate(max(max(dates), date.today())))
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(False)

    def date_range(self) -> DateRange:
        return DateRange(_from_qdate(self.since_edit.date()),
                         _from_qdate(self.until_edit.date(), end_of_day=True))  # fmt: skip

    def set_date_range(self, since: date, until: date) -> None:
        self.since_edit.setDate(_to_qdate(since))
        self.until_edit.setDate(_to_qdate(until))

    def current_person_id(self) -> int | None:
        data = self.person_combo.currentData()
        return int(data) if data is not None else None

    def select_person(self, person_id: int) -> None:
        index = self.person_combo.findData(person_id)
        if index < 0:
            raise KeyError(f"no interviewer {person_id} with interviews")
        if index != self.person_combo.currentIndex():
            self.person_combo.setCurrentIndex(index)  # shows them through the signal
        else:
            self.show_trends()

    def _on_person_changed(self, _index: int) -> None:
        self.show_trends()

    def _on_dates_changed(self, _when: QDate) -> None:
        self.show_trends()

    def show_trends(self) -> None:
        person_id = self.current_person_id()
        if person_id is None:
            return
        browsing = None if person_id == UNASSIGNED else person_id
        if self.comments_browser.person_id != browsing or browsing is None:
            self.comments_browser.set_person(browsing)
        dates = self.date_range()
        # Interviews with no interviewer join the team only when they are the ones shown.
        pool = self.facts + self.unassigned if person_id == UNASSIGNED else self.facts
        in_range = [f for f in pool if dates.contains(f.date)]
        with gc_paused():
            self.trends = compute_trends(person_id, in_range, cache=self._figure_cache)
        named = person_id != UNASSIGNED
        for widget in (self.rename_button, self.team_button, self.report_button):
            widget.setEnabled(named)
        self._fill_table(self.trends)
        self._fill_charts(self.trends)
        n = len(self.trends.interviews)
        doubtful = sum(sum(f.low_confidence.values()) for f in self.trends.interviews)
        median = self.trends.team_score_median
        self.summary_label.setText(
            f"{n} interview{'s' * (n != 1)} in these dates. Dashed lines: the team median over "
            f"{self.trends.team_size} interviews"
            + (f" (score {median:.0f})" if median is not None else "")
            + ". Only cues the coach was confident about count"
            + (f"; {doubtful} low-confidence cue(s) are marked +n? and not counted." if doubtful
               else ".")
            + " Red dotted lines: the phase's budget. Click a point to open that interview at "
            "its worst moment."
        )  # fmt: skip

    def _fill_table(self, trends: Trends) -> None:
        # Sized to contents once, after filling: per-cell resizing made 50 rows take 0.5 s.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(trends.interviews))
        for row, fig in enumerate(reversed(trends.interviews)):  # newest first
            low = sum(fig.low_confidence.values())
            cells = [fig.facts.date.strftime("%d %b %Y"), fig.facts.title,
                     "" if fig.score is None else str(fig.score),
                     *(str(fig.areas.get(a, "")) for a in WEIGHTS),
                     f"{low} not counted" if low else ""]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, fig.id)
                if col >= 2 and col < 3 + len(WEIGHTS):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    team = (trends.team_score_median if col == 2 else
                            trends.team_areas_median.get(list(WEIGHTS)[col - 3]))  # fmt: skip
                    if text and team is not None and int(text) < team - 10:
                        item.setForeground(QColor(OVER))  # well below the team: worth a look
                if col == len(cells) - 1:
                    item.setForeground(QColor(FAINT))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setUpdatesEnabled(True)

    def _fill_charts(self, trends: Trends) -> None:
        for chart in self.charts:
            self.chart_grid.removeWidget(chart)
            chart.deleteLater()
        self.charts = []
        for n, series in enumerate(trends.series):
            chart = TrendChart(series)
            chart.point_clicked.connect(self.open_interview)
            self.chart_grid.addWidget(chart, n // CHART_COLUMNS, n % CHART_COLUMNS)
            self.charts.append(chart)

    def _row_id(self, row: int) -> int:
        item = self.table.item(row, 0)
        return int(item.data(Qt.ItemDataRole.UserRole))

    def selected_interview_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._row_id(rows[0].row()) if rows else None

    def _on_row_selected(self) -> None:
        chosen = self.selected_interview_id()
        for chart in self.charts:
            chart.set_highlight(chosen)

    def chart(self, title: str) -> TrendChart:
        for chart in self.charts:
            if chart.series.key.title == title:
                return chart
        raise KeyError(title)

    # -- opening interviews ---------------------------------------------------------------------
    def worst_moment(self, interview_id: int) -> float | None:
        """Where the interview's most severe, surest cue starts (any kind), None without cues."""
        known = {k.value for k in CueKind}
        cues = [
            CueFact(c.id, CueKind(c.kind), c.start, c.end,
                    Severity(c.severity) if c.severity in {s.value for s in Severity}
                    else Severity.INFO, c.confidence, c.live)
            for c in CueRepository(self.store).list(interview_id) if c.kind in known
        ]  # fmt: skip
        worst = worst_cue(cues)
        return worst.start if worst is not None else None

    def open_interview(self, interview_id: int) -> None:
        at = self.worst_moment(interview_id)
        self._open_review(interview_id, at)
        self.review_opened.emit(interview_id, at if at is not None else -1.0)

    def _open_review(self, interview_id: int, at: float | None) -> None:
        from app.ui.review.window import ReviewWindow  # QtMultimedia loads only when needed

        window = self.reviews.get(interview_id)
        if window is None:
            window = ReviewWindow(self.store, interview_id, seek_to=at)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self.reviews.pop(interview_id, None))
            self.reviews[interview_id] = window
        elif at is not None:
            window.seek_to(at)
        window.show()
        window.raise_()

    # -- people ----------------------------------------------------------------------------------
    def rename_person(self, name: str) -> bool:
        pid = self.current_person_id()
        if pid is None:
            return False
        try:
            self.people_repo.rename(pid, name)
        except ValueError as exc:
            self.banner.show_message(f"Not renamed: {exc}.", "error")
            return False
        self.reload()
        return True

    def set_team(self, team: str) -> None:
        pid = self.current_person_id()
        if pid is not None:
            self.people_repo.set_team(pid, team)
            self.reload()

    def assign_interviewer(self, interview_id: int, name: str) -> bool:
        """Makes `name` (new or known) the interview's interviewer; shows them."""
        try:
            person = self.people_repo.assign(interview_id, name)
        except ValueError as exc:
            self.banner.show_message(f"Not changed: {exc}.", "error")
            return False
        self.reload()
        if person is not None:
            self.select_person(person.id)
            self.banner.show_message(f"The interview is now {person.name}'s.", "info")
        return True

    def ask_rename_person(self) -> None:
        current = self._person_name()
        name, ok = QInputDialog.getText(self, "Rename interviewer", "Name", text=current)
        if ok and name.strip() and name.strip() != current:
            self.rename_person(name)

    def ask_team(self) -> None:
        pid = self.current_person_id()
        current = next((p.team for p in self.people if p.id == pid), "")
        teams = sorted({p.team for p in self.people if p.team})
        team, ok = QInputDialog.getItem(self, "Team", "Team (empty: compared with everyone)",
                                        [current, *(t for t in teams if t != current)], 0, True)  # fmt: skip
        if ok:
            self.set_team(team)

    def ask_reassign(self) -> None:
        chosen = self.selected_interview_id()
        if chosen is None:
            self.banner.show_message("Select an interview in the table first.", "info")
            return
        names = [p.name for p in self.people_repo.list()]
        current = self._person_name()
        ordered = [current, *(n for n in names if n != current)] if current else names
        name, ok = QInputDialog.getItem(self, "Change interviewer",
                                        "Who led this interview", ordered, 0, True)  # fmt: skip
        if ok and name.strip():
            self.assign_interviewer(chosen, name)

    # -- exports --------------------------------------------------------------------------------
    def export_csv(self, path: Path) -> Path:
        if self.trends is None:
            raise RuntimeError("no interviewer is shown")
        written = write_csv(self.trends, path)
        self.banner.show_message(f"Saved the figures to {written}.", "info")
        return written

    def _person_name(self) -> str:
        pid = self.current_person_id()
        return next((p.name for p in self.people if p.id == pid), "")

    def ask_export_csv(self) -> None:
        who = self._person_name() or "no-interviewer"
        name = f"{who.replace(' ', '-').lower()}-trends.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export the figures", str(Path.home() / name),
                                              "CSV (*.csv)")  # fmt: skip
        if path:
            try:
                self.export_csv(Path(path))
            except OSError as exc:
                self.banner.show_message(f"The CSV could not be saved ({exc}).", "error")

    def person_report_html(self) -> str:
        from app.trainer.report import person_report

        pid = self.current_person_id()
        if pid is None:
            raise RuntimeError("no interviewer is shown")
        return person_report(self.store, pid, self.date_range(), facts=self.facts).html

    def interview_report_html(self, interview_id: int) -> str:
        from app.trainer.report import interview_report

        return interview_report(self.store, interview_id, facts=self.facts).html

    def show_person_report(self) -> QWidget | None:
        if self.current_person_id() is None:
            return None
        return self._show_report(self.person_report_html(),
                                 f"{self._person_name()} coaching report")  # fmt: skip

    def show_interview_report(self) -> QWidget | None:
        chosen = self.selected_interview_id()
        if chosen is None:
            self.banner.show_message("Select an interview in the table first.", "info")
            return None
        return self._show_report(self.interview_report_html(chosen), f"Interview {chosen} report")

    def _show_report(self, html: str, title: str) -> QWidget:
        from app.ui.trainer.report_dialog import ReportDialog

        dialog = ReportDialog(html, title, self)
        dialog.show()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        for window in list(self.reviews.values()):
            window.close()
        super().closeEvent(event)
