"""Audio at a glance: a level meter per side, a status banner and the transcription backlog."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.ui import style
from app.ui.banner import StatusBanner

FLOOR_DB = -60.0
BACKLOG_SHOWN_FROM_S = 1.0


def level_fraction(db: float) -> float:
    """Maps -60..0 dBFS onto 0..1 (silence and anything quieter sit at 0)."""
    if db != db:  # NaN from an empty block
        return 0.0
    return min(1.0, max(0.0, (db - FLOOR_DB) / -FLOOR_DB))


class LevelMeter(QWidget):
    """A thin horizontal bar; loud (over -6 dBFS) turns amber, a hint the input clips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = FLOOR_DB
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(40)

    def sizeHint(self) -> QSize:
        return QSize(80, 6)

    def set_db(self, db: float) -> None:
        if db != self.db:
            self.db = db
            self.update()

    def fraction(self) -> float:
        return level_fraction(self.db)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        rect = QRectF(self.rect())
        p.setBrush(QColor("#eceef0"))
        p.drawRoundedRect(rect, 3, 3)
        fill = rect.adjusted(0, 0, -(1 - self.fraction()) * rect.width(), 0)
        if fill.width() > 0.5:
            p.setBrush(QColor(style.WARN if self.db > -6 else style.OK))
            p.drawRoundedRect(fill, 3, 3)
        p.end()


class AudioStrip(QWidget):
    def __init__(self, participant_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.banner = StatusBanner()
        layout.addWidget(self.banner)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.mic_meter = LevelMeter()
        self.call_meter = LevelMeter()
        self.mic_label = QLabel("You")
        self.call_label = QLabel(_short(participant_name) or "Them")
        for label, meter, tip in (
            (self.mic_label, self.mic_meter, "Your microphone"),
            (self.call_label, self.call_meter, "The call audio (the participant)"),
        ):
            label.setProperty("role", "muted")
            label.setToolTip(tip)
            meter.setToolTip(tip)
            row.addWidget(label)
            row.addWidget(meter, 1)
        self.backlog_label = QLabel()
        self.backlog_label.setProperty("role", "warning")
        self.backlog_label.setToolTip(
            "Transcription is behind the conversation; nothing is dropped, it catches up."
        )
        self.backlog_label.hide()
        row.addWidget(self.backlog_label)
        layout.addLayout(row)

    def set_levels(self, mic_db: float, call_db: float) -> None:
        self.mic_meter.set_db(mic_db)
        self.call_meter.set_db(call_db)

    def show_banner(self, message: str, level: str = "info") -> None:
        self.banner.show_message(message, level)

    def clear_banner(self) -> None:
        self.banner.dismiss()

    def set_backlog(self, seconds: float) -> None:
        if seconds < BACKLOG_SHOWN_FROM_S:
            self.backlog_label.hide()
            return
        self.backlog_label.setText(f"{seconds:.0f} s behind")
        self.backlog_label.show()


def _short(name: str) -> str:
    first = name.split()[0] if name.split() else ""
    return first[:14]
