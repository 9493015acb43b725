"""The library's table: one row per interview (QAbstractTableModel), and its filters (proxy).

Every cell's text is computed once when the summaries arrive, so scrolling and sorting 1,000
interviews never formats a date or reads a scorecard again.
"""

from __future__ import annotations

import functools
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon

from app.export.timefmt import clock
from app.session.consent import ConsentState
from app.store.interviews import InterviewSummary
from app.ui import style
from app.ui.icons import published_icon

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    DATE = 0
    PARTICIPANT = 1
    COMPANY = 2
    FOCUS = 3
    INTERVIEWER = 4
    DURATION = 5
    CONSENT = 6
    RECORDING = 7
    SCORECARD = 8


HEADERS = {
    Column.DATE: "Date",
    Column.PARTICIPANT: "Participant",
    Column.COMPANY: "Company",
    Column.FOCUS: "Focus",
    Column.INTERVIEWER: "Interviewer",
    Column.DURATION: "Duration",
    Column.CONSENT: "Consent",
    Column.RECORDING: "Recording",
    Column.SCORECARD: "Scorecard",
}

# Keyed by the core's enum, so a state can never be spelt differently here than there.
CONSENT_LABELS = {
    ConsentState.GRANTED: "Granted",
    ConsentState.DECLINED: "Declined",
    ConsentState.NOT_ASKED: "Not asked",
    ConsentState.REVOKED: "Revoked",
}


def scorecard_summary(scorecard: dict[str, Any] | None) -> str:
    """One short line from whatever the coach stored: the overall score, then the talk share
    and the number of cues, when present."""
    if not scorecard:
        return "\u2014"
    parts: list[str] = []
    for key in ("overall", "score", "total"):
        value = scorecard.get(key)
        if isinstance(value, int | float):
            parts.append(f"{value:.0f}/100" if value > 1 else f"{value * 100:.0f}/100")
            break
    grade = scorecard.get("grade")
    if isinstance(grade, str) and grade:
        parts.append(grade)
    share = scorecard.get("talk_share", scorecard.get("interviewer_talk_share"))
    if isinstance(share, int | float):
        parts.append(f"you {share * 100 if share <= 1 else share:.0f}%")
    cues = scorecard.get("cue_count", scorecard.get("cues"))
    if isinstance(cues, dict):
        cues = sum(v for v in cues.values() if isinstance(v, int))
    if isinstance(cues, int):
        parts.append(f"{cues} cue{'s' if cues != 1 else ''}")
    return " \u00b7 ".join(parts) or "\u2014"


def published_tooltip(s: InterviewSummary) -> str:
    """What the published mark on a row says (app.store.publish marks the local copy)."""
    when = s.published_at.strftime("%Y-%m-%d %H:%M") if s.published_at else ""
    if not s.published_to:  # the team's copy: it arrived from a laptop
        return f"Recorded offline on a laptop and published to this team library on {when} UTC"
    return f"Published to the team library ({s.published_to}) on {when} UTC"


@functools.cache
def _published_icon() -> QIcon:
    return published_icon()


class _Row:
    """One interview and its cells, formatted when first shown or sorted on: of 10,000 rows
    the table shows a screenful, and formatting them all cost ~60 ms of the library's start."""

    __slots__ = ("_cells", "summary")

    def __init__(self, summary: InterviewSummary) -> None:
        self.summary = summary
        self._cells: tuple[tuple[str, ...], tuple[Any, ...]] | None = None

    @property
    def display(self) -> tuple[str, ...]:
        if self._cells is None:
            self._cells = _cells(self.summary)
        return self._cells[0]

    @property
    def sort(self) -> tuple[Any, ...]:
        if self._cells is None:
            self._cells = _cells(self.summary)
        return self._cells[1]


def _sort_key(column: int) -> Any:
    """The key sorting rows on a column; the date's needs no formatting (the start-up sort)."""
    if column == Column.DATE:
        return lambda r: r.summary.started_at or r.summary.created_at
    return lambda r: r.sort[column]


_row = _Row


def _cells(s: InterviewSummary) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    when = s.started_at or s.created_at
    consent = CONSENT_LABELS.get(
        ConsentState(s.consent_state) if s.consent_state in ConsentState._value2member_map_ else
        ConsentState.NOT_ASKED, "Not asked",
    )  # fmt: skip
    display = (
        when.isoformat(" ", "minutes"),  # "%Y-%m-%d %H:%M", four times faster than strftime
        s.participant_name or s.display_title,
        s.participant_company,
        s.focus,
        s.interviewer_name,
        clock(s.duration_s) if s.duration_s else "\u2014",
        consent,
        "\u25cf" if s.has_recording else "",
        scorecard_summary(s.scorecard),
    )
    sort = (
        when.isoformat(),  # a string: Qt cannot order Python datetimes in a QVariant
        display[1].casefold(),
        s.participant_company.casefold(),
        s.focus.casefold(),
        s.interviewer_name.casefold(),
        s.duration_s,
        consent,
        int(s.has_recording),
        display[8],
    )
    return display, sort


class InterviewTableModel(QAbstractTableModel):
    """Sorted here, in Python, on keys computed once per row (LibraryFilter.sort forwards to
    it): a QSortFilterProxyModel sorting 10,000 rows asks data() twice per comparison through
    Qt, about 280,000 calls and over a second; sorted() on the keys takes milliseconds."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_summaries(self, summaries: list[InterviewSummary]) -> None:
        rows = [_row(s) for s in summaries]
        if self._order is not None:
            column, order = self._order
            rows.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._order == (column, order):
            return  # set_summaries keeps the rows in this order already
        self._order = (column, order)
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        before = {id(r): n for n, r in enumerate(self._rows)}
        self._rows.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        moved = {before[id(r)]: n for n, r in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(moved[i.row()], i.column()) for i in old]
        )
        self.layoutChanged.emit()

    def summary_at(self, row: int) -> InterviewSummary:
        return self._rows[row].summary

    def summaries(self) -> list[InterviewSummary]:
        return [r.summary for r in self._rows]

    def row_of(self, interview_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.summary.id == interview_id:
                return i
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[col]
        if role == SORT_ROLE:
            return row.sort[col]
        if role == SUMMARY_ROLE:
            return row.summary
        if role == Qt.ItemDataRole.ToolTipRole and col in (Column.FOCUS, Column.SCORECARD):
            return row.display[col]
        if col == Column.DATE and row.summary.published_at is not None:
            if role == Qt.ItemDataRole.DecorationRole:
                return _published_icon()
            if role == Qt.ItemDataRole.ToolTipRole:
                return published_tooltip(row.summary)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Column.RECORDING:
                return QColor(style.OVER)
            if col == Column.CONSENT and row.summary.consent_state in (
                ConsentState.DECLINED, ConsentState.REVOKED
            ):
                return QColor(style.WARN)
            if col in (Column.DATE, Column.DURATION, Column.SCORECARD):
                return QColor(style.MUTED)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (Column.DURATION, Column.RECORDING):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None


class LibraryFilter(QSortFilterProxyModel):
    """Sort on raw values (dates as dates) and filter by interviewer, dates, tag, recording and
    a quick text match on participant, company, focus and title."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.text = ""
        self.interviewer: str | None = None
        self.tag: str | None = None
        self.has_recording: bool | None = None
        self.date_from: date | None = None
        self.date_to: date | None = None
        self.only_ids: frozenset[int] | None = None  # e.g. interviews with full-text hits

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (see InterviewTableModel); the proxy keeps its order and
        only filters."""
        source = self.sourceModel()
        if isinstance(source, InterviewTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_filters(self, **values: Any) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10; invalidateFilter is deprecated
            self.beginFilterChange()
        for key, value in values.items():
            if not hasattr(self, key) or key.startswith("_"):
                raise AttributeError(f"no library filter {key!r}")
            setattr(self, key, value)
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, InterviewTableModel)
        s = model.summary_at(source_row)
        if self.only_ids is not None and s.id not in self.only_ids:
            return False
        if self.interviewer is not None and s.interviewer_name != self.interviewer:
            return False
        if self.tag is not None and self.tag not in s.tags:
            return False
        if self.has_recording is not None and s.has_recording != self.has_recording:
            return False
        day = (s.started_at or s.created_at).date()
        if self.date_from is not None and day < self.date_from:
            return False
        if self.date_to is not None and day > self.date_to:
            return False
        if self.text:
            needle = self.text.casefold()
            hay = f"{s.participant_name} {s.participant_company} {s.focus} {s.title}".casefold()
            if needle not in hay:
                return False
        return True
