"""One coaching cue at a time: what kind, what to do instead, and the words that caused it.

Rate limiting happens in the core (CueThrottle); the banner only shows the latest cue, replaces
an older one, and hides itself after a while so it never becomes wallpaper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.coach.throttle import CUE_DISPLAY_S
from app.ui import style

AUTO_HIDE_MS = int(CUE_DISPLAY_S * 1000)  # the throttle's display time, not a second guess

# Short titles readable at a glance (DESIGN.md section 3).
CUE_TITLES: dict[str, str] = {
    "why": "A \u201cwhy\u201d question",
    "selling": "Selling",
    "overtime": "Time",
    "leading": "Leading question",
    "hypothetical": "Hypothetical",
    "closed": "Yes/no question",
    "stacked": "Several questions at once",
    "talk_share": "You are talking a lot",
    "monologue": "Long monologue",
    "self_focus": "About yourself",
    "generality": "A general answer",
    "interrupt": "Interrupting",
}
CUE_KINDS: tuple[str, ...] = tuple(CUE_TITLES)
# Time and talk cues are about pace; the rest are about wording. Pace gets the amber accent.
PACE_KINDS = frozenset({"overtime", "talk_share", "monologue", "interrupt"})


def cue_title(kind: str) -> str:
    return CUE_TITLES.get(kind, kind.replace("_", " ").capitalize())


class CueBanner(QFrame):
    dismissed = Signal(str)  # the kind, when the user closes it (not on auto-hide)

    def __init__(self, parent: QWidget | None = None, auto_hide_ms: int = AUTO_HIDE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("cueBanner")
        self.kind = ""
        self.auto_hide_ms = auto_hide_ms
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 8, 4, 8)
        outer.setSpacing(6)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.title_label = QLabel()
        self.title_label.setProperty("role", "caps")
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        font = self.suggestion_label.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)
        font.setWeight(font.Weight.DemiBold)
        self.suggestion_label.setFont(font)
        self.quote_label = QLabel()
        self.quote_label.setWordWrap(True)
        self.quote_label.setProperty("role", "muted")
        quote_font = self.quote_label.font()
        quote_font.setItalic(True)
        self.quote_label.setFont(quote_font)
        column.addWidget(self.title_label)
        column.addWidget(self.suggestion_label)
        column.addWidget(self.quote_label)
        outer.addLayout(column, 1)
        self.close_button = QPushButton("\u00d7")
        self.close_button.setProperty("flat", True)
        self.close_button.setFixedWidth(26)
        self.close_button.setToolTip("Dismiss (Esc)")
        self.close_button.clicked.connect(self.dismiss)
        outer.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_cue(self, kind: str, suggestion: str, text: str = "",
                 display_ms: int | None = None) -> None:  # fmt: skip
        self.kind = kind
        accent = style.WARN if kind in PACE_KINDS else style.ACCENT
        background = "#fdf7ec" if kind in PACE_KINDS else style.ACCENT_SOFT
        self.setStyleSheet(
            f"QFrame#cueBanner {{ background: {background}; border: none;"
            f" border-left: 4px solid {accent}; border-radius: 6px; }}"
            "QFrame#cueBanner QLabel { background: transparent; }"
        )
        self.title_label.setText(cue_title(kind).upper())
        self.suggestion_label.setText(suggestion)
        quoted = " ".join(text.split())
        if len(quoted) > 140:
            quoted = quoted[:137].rsplit(" ", 1)[0] + "\u2026"
        self.quote_label.setText(f"\u201c{quoted}\u201d" if quoted else "")
        self.quote_label.setVisible(bool(quoted))
        self.show()
        hide_after = self.auto_hide_ms if display_ms is None else display_ms
        if hide_after > 0:
            self._timer.start(hide_after)

    def dismiss(self) -> None:
        if self.isHidden():
            return
        self._timer.stop()
        self.hide()
        self.dismissed.emit(self.kind)
