"""One small trend chart drawn with QPainter: an interviewer's values over time, the team median
as a dashed line, and a point per interview that opens it when clicked.

A point whose interview had low-confidence cues of this kind (left out of the count) carries a
small grey "+n?" so the trainer sees what the coach was unsure about.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.trainer.trends import METRICS, Better, Point, Series
from app.ui.style import ACCENT, BORDER, FAINT, INK, MUTED, OVER, PANEL

HIT_RADIUS = 7.0
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 38.0, 12.0, 26.0, 18.0


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "\u2013"
    text = f"{value:.0f}" if abs(value) >= 10 or float(value).is_integer() else f"{value:.1f}"
    if unit in ("%", "% of budget"):
        return f"{text} %"
    return f"{text} {unit}" if unit else text


class TrendChart(QWidget):
    point_clicked = Signal(int)  # interview id

    def __init__(self, series: Series, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = series
        self.info = METRICS[series.key.metric]
        self.highlighted: int | None = None  # interview id drawn larger (the table's selection)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._positions: list[tuple[QPointF, Point]] = []
        self.setToolTip("")
        self.setAccessibleName(series.key.title)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(300, 160)

    def set_highlight(self, interview_id: int | None) -> None:
        self.highlighted = interview_id
        self.update()

    # -- geometry -------------------------------------------------------------------------------
    def _plot_rect(self) -> QRectF:
        return QRectF(_MARGIN_LEFT, _MARGIN_TOP, max(10.0, self.width() - _MARGIN_LEFT -
                      _MARGIN_RIGHT), max(10.0, self.height() - _MARGIN_TOP - _MARGIN_BOTTOM))  # fmt: skip

    def _y_range(self) -> tuple[float, float]:
        values = [p.value for p in self.series.points]
        if self.series.team_median is not None:
            values.append(self.series.team_median)
        low, high = min(values, default=0.0), max(values, default=1.0)
        low = min(0.0, low)
        if self.info.better is Better.NEAR_BUDGET:
            high = max(high, 100.0)  # the budget line is always in view
        if high - low < 1e-9:
            high = low + 1.0
        return low, high + (high - low) * 0.08

    def point_positions(self) -> list[tuple[QPointF, Point]]:
        """Where each point is drawn (widget coordinates), in time order."""
        rect = self._plot_rect()
        points = self.series.points
        if not points:
            return []
        t0, t1 = points[0].when, points[-1].when
        low, high = self._y_range()
        out = []
        for n, point in enumerate(points):
            if t1 > t0:
                x = rect.left() + (point.when - t0) / (t1 - t0) * rect.width()
            else:
                x = rect.left() + rect.width() * (
                    0.5 if len(points) == 1 else n / (len(points) - 1)
                )
            y = rect.bottom() - (point.value - low) / (high - low) * rect.height()
            out.append((QPointF(x, y), point))
        return out

    def _y(self, value: float) -> float:
        rect = self._plot_rect()
        low, high = self._y_range()
        return rect.bottom() - (value - low) / (high - low) * rect.height()

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(PANEL))
        painter.setPen(QPen(QColor(BORDER), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        rect = self._plot_rect()
        base = QFont(self.font())
        title_font = QFont(base)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(8, 4, self.width() - 16, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.series.key.title)  # fmt: skip
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 2))
        painter.setFont(small)
        own = self.series.own_median
        summary = (f"median {format_value(own, self.info.unit)} \u00b7 team "
                   f"{format_value(self.series.team_median, self.info.unit)}")  # fmt: skip
        painter.setPen(QColor(MUTED))
        painter.drawText(QRectF(8, 4, self.width() - 16, 18),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, summary)  # fmt: skip
        low, high = self._y_range()
        painter.setPen(QPen(QColor(BORDER), 1))
        painter.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
        painter.setPen(QColor(FAINT))
        top = max([p.value for p in self.series.points] + [self.series.team_median or 0.0])
        if self.info.better is Better.NEAR_BUDGET:
            top = max(top, 100.0)
        for value in (low, top):  # the figures' own range, not the padded one
            painter.drawText(QRectF(0, self._y(value) - 8, _MARGIN_LEFT - 5, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             format_value(value, "").strip())  # fmt: skip
        if self.info.better is Better.NEAR_BUDGET:
            painter.setPen(QPen(QColor(OVER), 1, Qt.PenStyle.DotLine))
            y = self._y(100.0)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if self.series.team_median is not None:
            y = self._y(self.series.team_median)
            painter.setPen(QPen(QColor(MUTED), 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        positions = self.point_positions()
        self._positions = positions
        if positions:
            path = QPainterPath(positions[0][0])
            for where, _point in positions[1:]:
                path.lineTo(where)
            painter.setPen(QPen(QColor(ACCENT), 1.6))
            painter.drawPath(path)
            for where, point in positions:
                big = point.interview_id == self.highlighted
                radius = 5.0 if big else 3.2
                painter.setPen(QPen(QColor(PANEL), 1.2))
                painter.setBrush(QColor(INK if big else ACCENT))
                painter.drawEllipse(where, radius, radius)
                if point.low_confidence:
                    painter.setPen(QColor(FAINT))
                    painter.drawText(QRectF(where.x() + 4, where.y() - 16, 40, 14),
                                     Qt.AlignmentFlag.AlignLeft, f"+{point.low_confidence}?")  # fmt: skip
            painter.setPen(QColor(FAINT))
            first, last = self.series.points[0], self.series.points[-1]
            for value, align in ((first.when, Qt.AlignmentFlag.AlignLeft),
                                 (last.when, Qt.AlignmentFlag.AlignRight)):  # fmt: skip
                painter.drawText(QRectF(rect.left(), rect.bottom() + 2, rect.width(), 14),
                                 align, datetime.fromtimestamp(value).strftime("%d %b"))  # fmt: skip
        else:
            painter.setPen(QColor(FAINT))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No figures")
        painter.end()

    # -- interaction ----------------------------------------------------------------------------
    def point_at(self, pos: QPointF) -> Point | None:
        best: tuple[float, Point] | None = None
        for where, point in self.point_positions():
            d = (where.x() - pos.x()) ** 2 + (where.y() - pos.y()) ** 2
            if d <= HIT_RADIUS**2 and (best is None or d < best[0]):
                best = (d, point)
        return best[1] if best else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        point = self.point_at(event.position())
        if point is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        when = datetime.fromtimestamp(point.when).strftime("%d %b %Y")
        doubt = (f"\n+{point.low_confidence} low-confidence cue(s), not counted"
                 if point.low_confidence else "")  # fmt: skip
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"{when}: {format_value(point.value, self.info.unit)}{doubt}\n"
                          "Click to open the review at its worst moment", self)  # fmt: skip

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            point = self.point_at(event.position())
            if point is not None:
                self.point_clicked.emit(point.interview_id)
                return
        super().mousePressEvent(event)
