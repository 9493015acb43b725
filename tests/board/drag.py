"""Real mouse drags on a QGraphicsView: press, moves with the button held, release."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView


def _send(view: QGraphicsView, kind: QEvent.Type, at: QPoint,
          buttons: Qt.MouseButton) -> None:  # fmt: skip
    local = QPointF(at)
    event = QMouseEvent(kind, local, QPointF(view.viewport().mapToGlobal(at)),
                        Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view.viewport(), event)


def drag(view: QGraphicsView, start: QPointF, end: QPointF, steps: int = 8) -> None:
    """Drags from one scene point to another (both must be visible in the view)."""
    a, b = view.mapFromScene(start), view.mapFromScene(end)
    _send(view, QEvent.Type.MouseButtonPress, a, Qt.MouseButton.LeftButton)
    for n in range(1, steps + 1):
        p = a + (b - a) * (n / steps)
        _send(view, QEvent.Type.MouseMove, QPoint(round(p.x()), round(p.y())),
              Qt.MouseButton.LeftButton)  # fmt: skip
        QApplication.processEvents()
    _send(view, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)
    QApplication.processEvents()
