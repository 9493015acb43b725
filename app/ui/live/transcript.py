"""The live transcript: a list model of lines (partial then final) and a view that follows them.

A partial line is the words of someone still speaking; it is shown lighter and in italics and
is replaced in place by the final segment when it arrives. The view keeps the newest line in
sight unless the user scrolled up to read, and then offers "Jump to latest".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.live.utterances import Utterance
from app.session.segments import Speaker
from app.ui import style
from app.ui.live.timefmt import clock

AnyIndex = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    SPEAKER = Qt.ItemDataRole.UserRole + 1
    NAME = Qt.ItemDataRole.UserRole + 2
    START = Qt.ItemDataRole.UserRole + 3
    PARTIAL = Qt.ItemDataRole.UserRole + 4


@dataclass
class TranscriptLine:
    speaker: Speaker
    start: float
    end: float
    text: str
    partial: bool
    utterance_id: int = 0  # final lines: the utterance they show (0 for a partial)


class TranscriptModel(QAbstractListModel):
    """Lines in arrival order; at most one partial line per speaker."""

    def __init__(self, participant_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.participant_name = participant_name or "Participant"
        self.lines: list[TranscriptLine] = []

    def speaker_name(self, speaker: Speaker) -> str:
        return "You" if speaker is Speaker.INTERVIEWER else self.participant_name

    # -- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text
        if role == Role.SPEAKER:
            return line.speaker
        if role == Role.NAME:
            return self.speaker_name(line.speaker)
        if role == Role.START:
            return line.start
        if role == Role.PARTIAL:
            return line.partial
        if role == Qt.ItemDataRole.ToolTipRole:
            state = "still speaking" if line.partial else "final"
            return f"{self.speaker_name(line.speaker)} at {clock(line.start)} ({state})"
        return None

    # -- updates ---------------------------------------------------------------------------------
    def _partial_row(self, speaker: Speaker) -> int | None:
        for row in range(len(self.lines) - 1, -1, -1):
            line = self.lines[row]
            if line.partial and line.speaker is speaker:
                return row
        return None

    def show_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None:
        speaker = Speaker(speaker)
        row = self._partial_row(speaker)
        if row is None:
            if not text.strip():
                return
            self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
            self.lines.append(TranscriptLine(speaker, start, end, text, partial=True))
            self.endInsertRows()
            return
        if not text.strip():  # the speaker's partial came to nothing (noise, a cough)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
            return
        self.lines[row] = TranscriptLine(speaker, start, end, text, partial=True)
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def _utterance_row(self, utterance_id: int) -> int | None:
        for row in range(len(self.lines) - 1, -1, -1):
            if self.lines[row].utterance_id == utterance_id and not self.lines[row].partial:
                return row
        return None

    def show_line(self, utterance: Utterance) -> None:
        """Shows an utterance as the assembler made it: a line that grows in place while it is
        open (the transcriber commits long turns in pieces) and stays once closed. The
        speaker's partial line, whose words these are, gives way to it."""
        segment = utterance.segment
        line = TranscriptLine(segment.speaker, segment.start, segment.end, segment.text, False,
                              utterance.id)  # fmt: skip
        row = self._utterance_row(utterance.id)
        if row is None:
            row = self._partial_row(segment.speaker)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
            self.lines.append(line)
            self.endInsertRows()
            return
        self.lines[row] = line
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def clear(self) -> None:
        self.beginResetModel()
        self.lines.clear()
        self.endResetModel()

    def forget(self, speaker: Speaker) -> None:
        """Removes every line of one speaker (their consent was revoked and their words
        deleted): the screen must not keep what the disk no longer has."""
        self.beginResetModel()
        self.lines = [line for line in self.lines if line.speaker is not speaker]
        self.endResetModel()


class TranscriptDelegate(QStyledItemDelegate):
    """A line as a small "You · 3:12" header over wrapped text; partial text light and italic."""

    PAD_X = 10
    PAD_Y = 5
    GAP = 2

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        # Heights by (text, partial) for the current width: a long call relays out many rows.
        self._heights: dict[tuple[str, bool], int] = {}
        self._heights_width = -1

    def _fonts(self, option: QStyleOptionViewItem, partial: bool) -> tuple[QFont, QFont]:
        header = QFont(option.font)
        header.setPointSizeF(max(7.0, option.font.pointSizeF() - 1.5))
        header.setBold(True)
        body = QFont(option.font)
        body.setItalic(partial)
        return header, body

    def _text_width(self) -> int:
        return max(60, self.view.viewport().width() - 2 * self.PAD_X)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width = self._text_width()
        if width != self._heights_width:
            self._heights.clear()
            self._heights_width = width
        partial = bool(index.data(Role.PARTIAL))
        text = str(index.data())
        height = self._heights.get((text, partial))
        if height is None:
            header, body = self._fonts(option, partial)
            text_rect = QFontMetrics(body).boundingRect(
                QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
            )
            height = self.PAD_Y * 2 + QFontMetrics(header).height() + self.GAP + text_rect.height()
            self._heights[(text, partial)] = height
        return QSize(self.view.viewport().width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, QColor(style.ACCENT_SOFT))
        partial = bool(index.data(Role.PARTIAL))
        speaker = index.data(Role.SPEAKER)
        header_font, body_font = self._fonts(option, partial)
        rect = option.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        header_height = QFontMetrics(header_font).height()
        colour = style.YOU if speaker == Speaker.INTERVIEWER else style.THEM
        painter.setFont(header_font)
        painter.setPen(QColor(colour))
        name = str(index.data(Role.NAME))
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), header_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)  # fmt: skip
        name_width = QFontMetrics(header_font).horizontalAdvance(name + "  ")
        painter.setPen(QColor(style.FAINT))
        suffix = clock(float(index.data(Role.START))) + (
            "  \u00b7 speaking\u2026" if partial else ""
        )
        painter.drawText(
            QRect(rect.left() + name_width, rect.top(), rect.width() - name_width, header_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            suffix,
        )
        painter.setFont(body_font)
        painter.setPen(QColor(style.FAINT if partial else style.INK))
        body_rect = QRect(rect.left(), rect.top() + header_height + self.GAP, rect.width(),
                          rect.height() - header_height - self.GAP)  # fmt: skip
        painter.drawText(body_rect, int(Qt.TextFlag.TextWordWrap), str(index.data()))
        painter.restore()


class _TranscriptList(QListView):
    """A list that says what it is for while it is still empty."""

    placeholder = "The transcript appears here as people speak."

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor(style.FAINT))
            painter.drawText(
                self.viewport().rect().adjusted(16, 0, -16, 0),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.placeholder,
            )
            painter.end()


class TranscriptView(QWidget):
    """The list plus a "Jump to latest" button shown while the user reads further up."""

    following_changed = Signal(bool)
    FOLLOW_SLACK_PX = 4

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.following = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = _TranscriptList()
        self.list.setModel(model)
        self.list.setItemDelegate(TranscriptDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap lines on resize
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName("Live transcript")
        layout.addWidget(self.list)

        self.jump_button = QPushButton("\u2193 Jump to latest", self)
        self.jump_button.setProperty("primary", True)
        self.jump_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.jump_button.clicked.connect(self.jump_to_latest)
        self.jump_button.hide()

        bar = self.list.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)
        bar.valueChanged.connect(self._on_value_changed)
        model.rowsInserted.connect(self._on_content_changed)
        model.rowsRemoved.connect(self._on_content_changed)
        model.dataChanged.connect(self._on_line_replaced)

    # -- following -----------------------------------------------------------------------------
    def _at_bottom(self) -> bool:
        bar = self.list.verticalScrollBar()
        return bar.value() >= bar.maximum() - self.FOLLOW_SLACK_PX

    def _set_following(self, following: bool) -> None:
        if following != self.following:
            self.following = following
            self.following_changed.emit(following)
        self.jump_button.setVisible(not following)
        self._place_jump_button()

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if self.following:
            self.list.verticalScrollBar().setValue(maximum)

    def _on_value_changed(self, _value: int) -> None:
        self._set_following(self._at_bottom())

    def _on_content_changed(self, *_args: object) -> None:
        if self.following:
            self.list.scrollToBottom()

    def _on_line_replaced(self, *_args: object) -> None:
        # A longer partial or its final needs a taller row: lay the rows out again (coalesced).
        self.list.scheduleDelayedItemsLayout()
        self._on_content_changed()

    def jump_to_latest(self) -> None:
        self._set_following(True)
        self.list.scrollToBottom()

    # -- layout and empty state -------------------------------------------------------------------
    def _place_jump_button(self) -> None:
        hint = self.jump_button.sizeHint()
        self.jump_button.resize(hint)
        self.jump_button.move(self.width() - hint.width() - 18, self.height() - hint.height() - 10)
        self.jump_button.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_jump_button()
