"""A non-modal banner: one line of news (info, warning, error) that the user can close."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui import style

LEVELS = ("info", "warning", "error")


class StatusBanner(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBanner")
        self.level = "info"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.setSpacing(6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.close_button = QPushButton("\u00d7")
        self.close_button.setProperty("flat", True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.setFixedWidth(24)
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, message: str, level: str = "info") -> None:
        if level not in LEVELS:
            raise ValueError(f"banner level must be one of {LEVELS}, not {level!r}")
        self.level = level
        background, accent = style.BANNER_COLOURS[level]
        self.setStyleSheet(
            f"QFrame#statusBanner {{ background: {background}; border: 1px solid {accent};"
            f" border-left: 4px solid {accent}; border-radius: 5px; }}"
            "QFrame#statusBanner QLabel { background: transparent; border: none; }"
        )
        self.label.setText(message)
        self.show()

    def message(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()
