"""The whole call on one thin bar: elapsed time against the plan mark and the hard limit."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.session.session import TimeStatus
from app.ui import style


class CallTimeBar(QWidget):
    """The bar's full width is the hard limit; a tick marks the plan."""

    BAR_HEIGHT = 6

    def __init__(self, plan_s: float, hard_limit_s: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_s = plan_s
        self.hard_limit_s = hard_limit_s
        self.elapsed_s = 0.0
        self.status = TimeStatus.OK
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, self.BAR_HEIGHT + 6)

    def set_elapsed(self, elapsed_s: float, status: TimeStatus) -> None:
        if (elapsed_s, status) != (self.elapsed_s, self.status):
            self.elapsed_s = elapsed_s
            self.status = status
            self.update()

    def fraction(self) -> float:
        return min(1.0, max(0.0, self.elapsed_s / self.hard_limit_s)) if self.hard_limit_s else 0.0

    def plan_fraction(self) -> float:
        return min(1.0, self.plan_s / self.hard_limit_s) if self.hard_limit_s else 1.0

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = float(self.width())
        top = (self.height() - self.BAR_HEIGHT) / 2
        track = QRectF(0, top, width, self.BAR_HEIGHT)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#eceef0"))
        p.drawRoundedRect(track, 3, 3)
        # The stretch between plan and hard limit is shaded: time you may use, not time to plan.
        plan_x = self.plan_fraction() * width
        p.setBrush(QColor("#f6e9d6"))
        p.drawRoundedRect(QRectF(plan_x, top, width - plan_x, self.BAR_HEIGHT), 3, 3)
        fill = self.fraction() * width
        if fill > 0.5:
            p.setBrush(style.status_colour(self.status))
            p.drawRoundedRect(QRectF(0, top, fill, self.BAR_HEIGHT), 3, 3)
        p.setPen(QPen(QColor(style.INK), 2))
        p.drawLine(QPointF(plan_x, 0), QPointF(plan_x, float(self.height())))
        p.end()
