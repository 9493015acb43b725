"""What the board draws: a card tile (one participant's cards in one pile, folded with a count)
and a frame (a pile, a suggested group, or the lonely cards)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from app.export.timefmt import clock
from app.synthesis.board import BoardCard
from app.ui.style import ACCENT, BORDER, INK, MUTED, PANEL, WARN

TILE_W, TILE_H = 230.0, 92.0
GAP = 8.0
HEADER_H = 30.0
TAG_COLOURS = {
    "focus": "#3a6ea5", "repeated": "#7a5aa6", "emotion": "#c2453a", "pain_point": "#d4922a",
    "product_feedback": "#4c9a6a", "question": "#2f8f9d", "workaround": "#8a6d3b",
    "feature_request": "#5b7083",
}  # fmt: skip


class FrameKind(Enum):
    PILE = "pile"
    SUGGESTED = "suggested"
    LOOSE = "loose"


class CardTile(QGraphicsObject):
    """One or more cards of one participant; dragging it moves all of them."""

    def __init__(self, cards: tuple[BoardCard, ...]) -> None:
        super().__init__()
        self.cards = cards
        self.card_ids = [c.id for c in cards]
        self.frame: FrameItem | None = None
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)  # fmt: skip
        # Drawn once into a pixmap: dragging repaints only cached pixmaps, not text layout.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        first = cards[0]
        lines = [f"\u201c{c.quote}\u201d \u2014 {clock(c.start)}" for c in cards]
        self.setToolTip(f"{first.participant} \u00b7 {first.interview_title}\n"
                        + "\n".join(lines) + "\n\nDouble-click to open this moment in the review")  # fmt: skip

    @property
    def count(self) -> int:
        return len(self.cards)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, TILE_W, TILE_H)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem,
              _widget: QWidget | None = None) -> None:  # fmt: skip
        card = self.cards[0]
        rect = self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5)
        if self.count > 1:  # the fold: a second sheet peeking out behind
            painter.setPen(QPen(QColor(BORDER)))
            painter.setBrush(QBrush(QColor("#f1f2f3")))
            painter.drawRoundedRect(rect.adjusted(4, 4, 0, 0), 5, 5)
            rect = rect.adjusted(0, 0, -4, -4)
        selected = self.isSelected()
        painter.setPen(QPen(QColor(ACCENT if selected else BORDER), 2 if selected else 1))
        painter.setBrush(QBrush(QColor(PANEL)))
        painter.drawRoundedRect(rect, 5, 5)
        colour = QColor(TAG_COLOURS.get(card.tag, MUTED))
        painter.fillRect(QRectF(rect.left(), rect.top() + 4, 4, rect.height() - 8), colour)
        font = QFont(painter.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        painter.setPen(QColor(INK))
        text_rect = rect.adjusted(10, 5, -32 if self.count > 1 else -6, -22)  # room for the badge
        painter.drawText(text_rect, Qt.TextFlag.TextWordWrap, f"\u201c{card.quote}\u201d")
        small = QFont(font)
        small.setPointSizeF(7.5)
        painter.setFont(small)
        painter.setPen(colour)
        foot = QRectF(rect.left() + 10, rect.bottom() - 19, rect.width() - 16, 16)
        metrics = painter.fontMetrics()
        tag = metrics.elidedText(card.tag_label, Qt.TextElideMode.ElideRight, int(foot.width() / 2))
        painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tag)
        painter.setPen(QColor(MUTED))
        room = int(foot.width() - metrics.horizontalAdvance(tag) - 10)
        painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(card.participant, Qt.TextElideMode.ElideRight, room))  # fmt: skip
        if self.count > 1:
            badge = QRectF(rect.right() - 26, rect.top() + 4, 22, 16)
            painter.setBrush(QBrush(QColor(ACCENT)))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, 7, 7)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"\u00d7{self.count}")


class FrameItem(QGraphicsItem):
    """A pile (solid), a suggested group (dashed) or the lonely cards; tiles lie inside."""

    def __init__(self, kind: FrameKind, key: int | None, title: str, columns: int = 1,
                 highlighted: bool = False) -> None:  # fmt: skip
        super().__init__()
        self.kind, self.key, self.title = kind, key, title
        self.columns = columns
        self.highlighted = highlighted
        self.tiles: list[CardTile] = []
        self._size = (TILE_W + 2 * GAP, HEADER_H + GAP)
        self.setZValue(-1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def place_tiles(self, tiles: list[CardTile]) -> None:
        self.tiles = tiles
        for n, tile in enumerate(tiles):
            tile.frame = self
            row, col = divmod(n, self.columns)
            tile.setPos(self.pos().x() + GAP + col * (TILE_W + GAP),
                        self.pos().y() + HEADER_H + row * (TILE_H + GAP))  # fmt: skip
        rows = max(1, -(-len(tiles) // self.columns))
        self.prepareGeometryChange()
        self._size = (GAP + self.columns * (TILE_W + GAP), HEADER_H + rows * (TILE_H + GAP))

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, *self._size)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem,
              _widget: QWidget | None = None) -> None:  # fmt: skip
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        if self.kind is FrameKind.PILE:
            pen = QPen(QColor(WARN if self.highlighted else BORDER), 3 if self.highlighted else 1)
            painter.setBrush(QBrush(QColor("#f4f6f8")))
        elif self.kind is FrameKind.SUGGESTED:
            pen = QPen(QColor(ACCENT), 1.5, Qt.PenStyle.DashLine)
            painter.setBrush(QBrush(QColor("#eef4fa")))
        else:
            pen = QPen(QColor(BORDER), 1, Qt.PenStyle.DotLine)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 7, 7)
        font = QFont(painter.font())
        font.setPointSizeF(9)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(ACCENT if self.kind is FrameKind.SUGGESTED else INK))
        header = QRectF(rect.left() + 8, rect.top() + 4, rect.width() - 16, HEADER_H - 8)
        painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight,
                                                          int(header.width())))  # fmt: skip
