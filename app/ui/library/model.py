"""The library's table: one row per interview (QAbstractTableModel), and its filters (proxy).

Every cell's text is computed once when the summaries arrive, so scrolling and sorting 1,000
interviews never formats a date or reads a scorecard again.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from PySide6.QtGui import QColor

from app.export.timefmt import clock
from app.session.consent import ConsentState
from app.store.interviews import InterviewSummary
from app.ui import style

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


@dataclass(frozen=True)
class _Row:
    summary: InterviewSummary
    display: tuple[str, ...]
    sort: tuple[Any, ...]


def _row(s: InterviewSummary) -> _Row:
    when = s.started_at or s.created_at
    consent = CONSENT_LABELS.get(
        ConsentState(s.consent_state) if s.consent_state in ConsentState._value2member_map_ else
        ConsentState.NOT_ASKED, "Not asked",
    )  # fmt: skip
    display = (
        when.strftime("%Y-%m-%d %H:%M"),
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
    return _Row(s, display, sort)


class InterviewTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []

    def set_summaries(self, summaries: list[InterviewSummary]) -> None:
        self.beginResetModel()
        self._rows = [_row(s) for s in summaries]
        self.endResetModel()

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
