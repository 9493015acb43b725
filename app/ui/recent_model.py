"""Recent interviews as a table model, and a delegate that draws the status as a small badge."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.store.interviews import InterviewSummary
from app.ui import style
from app.ui.live.timefmt import clock

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("Date", "Participant", "Company", "Focus", "Duration", "Status")
STATUS_COLUMN = COLUMNS.index("Status")
ID_ROLE = Qt.ItemDataRole.UserRole + 1

BADGES: dict[str, tuple[str, str, str]] = {  # status -> (label, text colour, background)
    "planned": ("planned", style.MUTED, "#eef0f2"),
    "live": ("live", "#2f6f47", "#e3f2e8"),
    "ended": ("ended", style.ACCENT, style.ACCENT_SOFT),
    "recovered": ("recovered", "#8a5a12", "#fbefd9"),
    "imported": ("imported", "#5a4a86", "#eeeaf6"),
}


def local_date(moment: datetime) -> str:
    """The store keeps naive UTC; people read local time."""
    local = moment.replace(tzinfo=UTC).astimezone()
    return local.strftime("%d %b %Y, %H:%M")


class RecentInterviewsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[InterviewSummary] = []

    def set_rows(self, rows: list[InterviewSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COLUMNS.index("Focus"):
                return row.focus or None
            if column == STATUS_COLUMN and row.status == "recovered":
                return "The app stopped during this call; everything saved until then is kept."
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column in (0, 4):
            return QColor(style.MUTED)
        return None

    @staticmethod
    def _text(row: InterviewSummary, column: int) -> str:
        if column == 0:
            return local_date(row.started_at or row.created_at)
        if column == 1:
            return row.participant_name or row.title or "Unnamed"
        if column == 2:
            return row.participant_company
        if column == 3:
            return row.focus
        if column == 4:
            return clock(row.duration_s) if row.duration_s else "\u2014"
        return row.status

    def interview_id(self, row: int) -> int:
        return self.rows[row].id


class StatusBadgeDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, QColor(style.ACCENT_SOFT))
        status = str(index.data())
        label, fg, bg = BADGES.get(status, (status, style.MUTED, "#eef0f2"))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = option.font
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(label) + 16
        height = metrics.height() + 4
        rect = QRectF(option.rect.left() + 6, option.rect.center().y() - height / 2 + 1,
                      width, height)  # fmt: skip
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(fg))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)
        painter.restore()
