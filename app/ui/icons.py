"""Icons drawn with QPainter, so they need no image plugin or data file in a frozen build."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.ui import style


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def app_pixmap(size: int = 256) -> QPixmap:
    """A speech bubble with an ellipsis ("tell me more…") on a rounded square."""
    pixmap, p = _canvas(size)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(style.ACCENT))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 52 * s, 52 * s)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(48 * s, 62 * s, 160 * s, 112 * s), 40 * s, 40 * s)
    tail = QPainterPath()
    tail.moveTo(84 * s, 160 * s)
    tail.lineTo(70 * s, 204 * s)
    tail.lineTo(124 * s, 168 * s)
    tail.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(bubble.united(tail))
    p.setBrush(QColor(style.ACCENT))
    for x in (92, 128, 164):
        p.drawEllipse(QPointF(x * s, 118 * s), 11 * s, 11 * s)
    p.end()
    return pixmap


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addPixmap(app_pixmap(size))
    return icon


def lock_icon(colour: str = style.MUTED, size: int = 32) -> QIcon:
    pixmap, p = _canvas(size)
    s = size / 32
    pen = QPen(QColor(colour), 3 * s)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(10 * s, 4 * s, 12 * s, 16 * s), 0, 180 * 16)
    p.drawLine(QPointF(10 * s, 12 * s), QPointF(10 * s, 15 * s))
    p.drawLine(QPointF(22 * s, 12 * s), QPointF(22 * s, 15 * s))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawRoundedRect(QRectF(6 * s, 14 * s, 20 * s, 15 * s), 3 * s, 3 * s)
    p.end()
    return QIcon(pixmap)


def dot_icon(colour: str = style.OVER, size: int = 32) -> QIcon:
    pixmap, p = _canvas(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6))
    p.end()
    return QIcon(pixmap)


def published_icon(colour: str = style.ACCENT, size: int = 32) -> QIcon:
    """An arrow up into a bar: this computer's copy is in the team library."""
    pixmap, p = _canvas(size)
    s = size / 32
    pen = QPen(QColor(colour), 3 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)  # fmt: skip
    p.setPen(pen)
    p.drawLine(QPointF(8 * s, 6 * s), QPointF(24 * s, 6 * s))
    p.drawLine(QPointF(16 * s, 27 * s), QPointF(16 * s, 12 * s))
    p.drawLine(QPointF(10 * s, 18 * s), QPointF(16 * s, 12 * s))
    p.drawLine(QPointF(22 * s, 18 * s), QPointF(16 * s, 12 * s))
    p.end()
    return QIcon(pixmap)
