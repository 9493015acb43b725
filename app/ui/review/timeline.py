"""The review timeline: phases as coloured bands, cue markers, marks, notes, cards, the consent
moment and the playhead. Hover shows what a marker is; a click seeks there."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from app.export.timefmt import clock
from app.ui import style
from app.ui.review.timeline_data import ItemKind, TimelineData, TimelineItem

COMMENT_COLOUR = "#b5527a"  # app.ui.review.comments draws its notes in the same colour

PHASE_COLOURS = ("#dbe7f3", "#e3efe0", "#f6e8cf", "#eadff1", "#e6e6e6")
PHASE_TEXT = ("#2f5d8a", "#3d7350", "#8a5d14", "#654883", "#555555")
ITEM_COLOURS = {
    ItemKind.CUE: style.WARN,
    ItemKind.MARK: style.ACCENT,
    ItemKind.NOTE: style.THEM,
    ItemKind.CARD: style.OK,
    ItemKind.CONSENT: style.OK,
    ItemKind.COMMENT: COMMENT_COLOUR,
}
MARKER_ROW = (2.0, 14.0)  # y range of cue, mark, note and card markers
BAND_ROW = (18.0, 42.0)  # y range of the phase bands
AXIS_Y = 56.0
COMMENT_BUBBLE_H = 9.0  # the bubble's body, at the bottom of the band


class TimelineWidget(QWidget):
    seek_requested = Signal(float)
    # A right-click: (the time, the cue marker's time or -1). The review asks for a comment.
    comment_requested = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = TimelineData(0.0, 1.0)
        self.position = 0.0
        self.setMouseTracking(True)
        self.setMinimumHeight(64)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 64)

    def set_data(self, data: TimelineData) -> None:
        self.data = data
        self.update()

    def set_position(self, t: float) -> None:
        self.position = t
        self.update()

    def _width(self) -> float:
        return float(max(self.width() - 2, 1))

    # --- painting -------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self._width()
        data = self.data
        top, bottom = BAND_ROW
        p.fillRect(QRectF(1, top, w, bottom - top), QColor("#f1f2f3"))
        for band in data.phases:
            x0, x1 = data.x_of(band.start, w) + 1, data.x_of(band.end, w) + 1
            rect = QRectF(x0, top, max(x1 - x0, 1.0), bottom - top)
            p.fillRect(rect, QColor(PHASE_COLOURS[band.index % len(PHASE_COLOURS)]))
            p.setPen(QColor(PHASE_TEXT[band.index % len(PHASE_TEXT)]))
            label = p.fontMetrics().elidedText(band.name, Qt.TextElideMode.ElideRight,
                                               int(rect.width()) - 8)  # fmt: skip
            # The label sits in the band's upper part: its lower part holds comment bubbles.
            p.drawText(rect.adjusted(5, 1, -3, -COMMENT_BUBBLE_H),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)  # fmt: skip
        for item in data.items:
            self._paint_item(p, item, data.x_of(item.t, w) + 1)
        # Time axis: a few ticks, labelled.
        p.setPen(QColor(style.FAINT))
        font = p.font()
        font.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        p.setFont(font)
        ticks = 6
        for i in range(ticks + 1):
            t = data.start + data.length * i / ticks
            x = data.x_of(t, w) + 1
            p.drawLine(QPointF(x, bottom + 1), QPointF(x, bottom + 4))
            align = (Qt.AlignmentFlag.AlignLeft if i == 0 else Qt.AlignmentFlag.AlignRight
                     if i == ticks else Qt.AlignmentFlag.AlignHCenter)  # fmt: skip
            rect = QRectF(x - 30 if i else x, bottom + 3, 60 if 0 < i < ticks else 30, 14)
            if i == ticks:
                rect = QRectF(x - 40, bottom + 3, 40, 14)
            p.drawText(rect, align | Qt.AlignmentFlag.AlignTop, clock(t))
        # Playhead.
        x = data.x_of(min(max(self.position, data.start), data.end), w) + 1
        p.setPen(QPen(QColor(style.INK), 2))
        p.drawLine(QPointF(x, 0), QPointF(x, bottom + 2))
        p.end()

    def _paint_item(self, p: QPainter, item: TimelineItem, x: float) -> None:
        colour = QColor(ITEM_COLOURS[item.kind])
        y0, y1 = MARKER_ROW
        if item.kind is ItemKind.CONSENT:
            granted = "grant" in item.title.lower()
            colour = QColor(style.OK if granted else style.OVER)
            p.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, y0), QPointF(x, BAND_ROW[1]))
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        if item.kind is ItemKind.CUE:  # a small downward triangle
            path = QPainterPath(QPointF(x - 5, y0))
            path.lineTo(x + 5, y0)
            path.lineTo(x, y1)
            path.closeSubpath()
            p.drawPath(path)
        elif item.kind is ItemKind.MARK:  # a flag
            p.fillRect(QRectF(x - 0.75, y0, 1.5, y1 - y0 + 4), colour)
            p.drawRect(QRectF(x, y0, 6, 5))
        elif item.kind is ItemKind.NOTE:
            p.drawRoundedRect(QRectF(x - 4, y0 + 2, 8, 8), 2, 2)
        elif item.kind is ItemKind.COMMENT:  # a speech bubble hanging below the band
            y = BAND_ROW[1] - COMMENT_BUBBLE_H
            p.drawRoundedRect(QRectF(x - 6, y, 12, 8), 2, 2)
            tail = QPainterPath(QPointF(x - 2, y + 8))
            tail.lineTo(x + 2, y + 8)
            tail.lineTo(x - 3, y + 12)
            tail.closeSubpath()
            p.drawPath(tail)
        else:  # card
            p.drawEllipse(QPointF(x, (y0 + y1) / 2), 4, 4)

    # --- interaction ----------------------------------------------------------------------

    def _x(self, event: QMouseEvent) -> float:
        return event.position().x() - 1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.data.item_near(self._x(event), self._width())
        if item is not None:
            text = f"<b>{clock(item.t)} \u00b7 {item.title}</b>"
            if item.detail:
                text += f"<br>{item.detail}"
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            band = self.data.phase_at(self.data.t_at(self._x(event), self._width()))
            t = self.data.t_at(self._x(event), self._width())
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{clock(t)}" + (f" \u00b7 {band.name}" if band else ""), self)  # fmt: skip
        super().mouseMoveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        x = float(event.pos().x() - 1)
        cue = self.data.item_near(x, self._width(), kinds=(ItemKind.CUE,))
        t = cue.t if cue else self.data.t_at(x, self._width())
        menu = QMenu(self)
        label = f"Comment on this cue ({clock(t)})\u2026" if cue else f"Comment at {clock(t)}\u2026"
        menu.addAction(label).triggered.connect(
            lambda: self.comment_requested.emit(t, cue.t if cue else -1.0))
        menu.exec(event.globalPos())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            x = self._x(event)
            item = self.data.item_near(x, self._width())
            self.seek_requested.emit(item.t if item else self.data.t_at(x, self._width()))
        super().mousePressEvent(event)
