"""One of the guide's three arrangements: piles along a line from one end to the other, at
their suggested place (or where the user put them); the biggest pile at each end stands out."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.store.studies import Scale
from app.synthesis.arrange import END_ZONE, SCALE_ENDS, SCALE_TITLES, Placement
from app.synthesis.board import Board, BoardPile
from app.ui.style import ACCENT, BORDER, FAINT, INK, MUTED, OK, OVER, PANEL, WARN

AXIS_W = 1100.0
TOKEN_W, TOKEN_H = 170.0, 58.0
TOP = 70.0


# Tints for the left end, the middle and the right end of each line.
SCALE_TINTS: dict[Scale, tuple[str, str, str]] = {
    Scale.CHARGE: (OVER, MUTED, OK),
    Scale.STRENGTH: (MUTED, MUTED, ACCENT),
    Scale.WEIGHT: (OVER, WARN, OK),
}


def value_to_x(value: float) -> float:
    return (value + 1) / 2 * AXIS_W


def x_to_value(x: float) -> float:
    return max(-1.0, min(1.0, x / AXIS_W * 2 - 1))


class PileToken(QGraphicsObject):
    def __init__(self, pile: BoardPile, placement: Placement, scale: Scale,
                 biggest_end: str = "") -> None:  # fmt: skip
        super().__init__()
        self.pile, self.placement, self.biggest_end = pile, placement, biggest_end
        self.scale = scale
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)  # fmt: skip
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._row_y = 0.0
        tip = f"{pile.name or 'Unnamed pile'}\n{placement.why}"
        if biggest_end:
            tip += f"\nThe biggest pile at the {biggest_end} end: start here."
        self.setToolTip(tip + "\nDrag sideways to move it.")

    @property
    def value(self) -> float:
        return x_to_value(self.pos().x() + TOKEN_W / 2)

    def set_row(self, y: float) -> None:
        self._row_y = y

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:  # noqa: N802
        if change is QGraphicsItem.GraphicsItemChange.ItemPositionChange and isinstance(value, QPointF):
            x = max(-TOKEN_W / 2, min(AXIS_W - TOKEN_W / 2, value.x()))
            return QPointF(x, self._row_y)  # moves along the line only
        return super().itemChange(change, value)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(-4, -4, TOKEN_W + 8, TOKEN_H + 8)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem,
              _widget: QWidget | None = None) -> None:  # fmt: skip
        rect = QRectF(0, 0, TOKEN_W, TOKEN_H)
        v = self.placement.value
        left, middle, right = SCALE_TINTS[self.scale]
        fill = QColor(left if v <= -END_ZONE else right if v >= END_ZONE else middle)
        fill.setAlpha(30)
        painter.setBrush(QBrush(QColor(PANEL)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, 7, 7)
        painter.setBrush(QBrush(fill if self.placement.grounded or self.placement.hand_set
                                else QColor(PANEL)))  # fmt: skip
        if self.biggest_end:
            painter.setPen(QPen(QColor(WARN), 3))
        elif not self.placement.grounded and not self.placement.hand_set:
            painter.setPen(QPen(QColor(FAINT), 1, Qt.PenStyle.DashLine))
        else:
            painter.setPen(QPen(QColor(ACCENT if self.isSelected() else BORDER),
                                2 if self.isSelected() else 1))  # fmt: skip
        painter.drawRoundedRect(rect, 7, 7)
        font = QFont(painter.font())
        font.setPointSizeF(9)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(INK))
        title = painter.fontMetrics().elidedText(self.pile.name or "Unnamed pile",
                                                 Qt.TextElideMode.ElideRight, int(TOKEN_W - 14))  # fmt: skip
        painter.drawText(QRectF(7, 4, TOKEN_W - 14, 20), Qt.AlignmentFlag.AlignLeft, title)
        font.setBold(False)
        font.setPointSizeF(8)
        painter.setFont(font)
        painter.setPen(QColor(MUTED))
        n = self.pile.participants
        size = f"{n} participant{'s' if n != 1 else ''} \u00b7 {len(self.pile.cards)} cards"
        painter.drawText(QRectF(7, 22, TOKEN_W - 14, 16), Qt.AlignmentFlag.AlignLeft, size)
        mark = ("hand-placed" if self.placement.hand_set else "suggested"
                if self.placement.grounded else "no cue: place it")  # fmt: skip
        if self.biggest_end:
            mark = "\u2605 biggest here"
            painter.setPen(QColor(WARN))
        painter.drawText(QRectF(7, 38, TOKEN_W - 14, 16), Qt.AlignmentFlag.AlignLeft,
                         f"{v:+.2f} \u00b7 {mark}")  # fmt: skip


class ArrangementScene(QGraphicsScene):
    placed = Signal(int, float)  # pile id, new place in -1..1
    pile_selected = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.tokens: dict[int, PileToken] = {}
        self.scale = Scale.CHARGE
        self._press: dict[PileToken, float] = {}
        self.selectionChanged.connect(self._on_selection)

    def show_arrangement(self, board: Board, scale: Scale) -> None:
        self.clear()
        self.tokens = {}
        self.scale = scale
        placements = board.placements(scale)
        ends = board.ends(scale)
        left, middle, right = SCALE_ENDS[scale]
        title = self.addText(SCALE_TITLES[scale])
        title.setFont(QFont(title.font().family(), 13, QFont.Weight.DemiBold))
        title.setPos(0, -4)
        axis_y = TOP - 14
        self.addLine(0, axis_y, AXIS_W, axis_y, QPen(QColor(BORDER), 2))
        for x in (AXIS_W * (1 - END_ZONE) / 2, AXIS_W * (1 + END_ZONE) / 2):
            self.addLine(x, axis_y - 6, x, axis_y + 6, QPen(QColor(BORDER), 1))
        for text, x, align in ((left, 0.0, 0), (middle, AXIS_W / 2, 1), (right, AXIS_W, 2)):
            if not text:
                continue
            label = self.addText(text)
            label.setDefaultTextColor(QColor(MUTED))
            w = label.boundingRect().width()
            label.setPos(x - (0 if align == 0 else w / 2 if align == 1 else w), axis_y - 30)
        rows: list[list[tuple[float, float]]] = []  # occupied x-ranges per row
        order = sorted(board.piles, key=lambda p: (-p.participants, p.id))
        for pile in order:
            placement = placements[pile.id]
            end = "left" if pile.id == ends.left else "right" if pile.id == ends.right else ""
            token = PileToken(pile, placement, scale, end)
            x = value_to_x(placement.value) - TOKEN_W / 2
            row = next((n for n, used in enumerate(rows)
                        if all(x + TOKEN_W + 6 <= a or x >= b + 6 for a, b in used)), None)  # fmt: skip
            if row is None:
                rows.append([])
                row = len(rows) - 1
            rows[row].append((x, x + TOKEN_W))
            y = TOP + row * (TOKEN_H + 10)
            token.set_row(y)
            token.setPos(x, y)
            self.addItem(token)
            self.tokens[pile.id] = token
        height = TOP + max(1, len(rows)) * (TOKEN_H + 10) + 20
        self.setSceneRect(QRectF(-TOKEN_W / 2 - 10, -10, AXIS_W + TOKEN_W + 20, height))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        self._press = {t: t.pos().x() for t in self.selectedItems() if isinstance(t, PileToken)}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        moved = [t for t, x in self._press.items() if abs(t.pos().x() - x) > 3]
        self._press = {}
        for token in moved:
            self.placed.emit(token.pile.id, token.value)

    def _on_selection(self) -> None:
        chosen = [t for t in self.selectedItems() if isinstance(t, PileToken)]
        if chosen:
            self.pile_selected.emit(chosen[0].pile.id)
