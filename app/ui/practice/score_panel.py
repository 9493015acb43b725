"""The drill's score: hits, misses, false alarms, how early, and the moments to review."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.practice.drill import DrillScore, Outcome, ReviewItem
from app.ui import style
from app.ui.live.cue_banner import cue_title
from app.ui.live.timefmt import clock

OUTCOME_TEXT = {
    Outcome.HIT: ("\u2713 Spotted", style.OK),
    Outcome.MISS: ("\u2717 Missed", style.OVER),
    Outcome.FALSE_ALARM: ("! Flagged, but the coach saw nothing", style.WARN),
    Outcome.UNSURE_SKIPPED: ("\u2013 Not flagged (the coach was unsure too)", style.MUTED),
}
REASKABLE = frozenset({"why", "leading", "hypothetical", "closed", "stacked", "selling"})


def item_text(item: ReviewItem) -> str:
    label, _colour = OUTCOME_TEXT[item.outcome]
    kinds = ", ".join(cue_title(k) for k in item.kinds)
    head = f"{clock(item.t)} \u00b7 {label}" + (f" \u00b7 {kinds}" if kinds else "")
    if item.delay_s is not None:
        when = (f"{-item.delay_s:.1f} s before the coach" if item.delay_s < 0
                else f"{item.delay_s:.1f} s after the coach")  # fmt: skip
        head += f" \u00b7 {when}"
    quote = " ".join(item.text.split())
    if len(quote) > 120:
        quote = quote[:117].rsplit(" ", 1)[0] + "\u2026"
    return head + (f"\n\u201c{quote}\u201d" if quote else "")


class DrillScorePanel(QFrame):
    seek_requested = Signal(float)
    reask_requested = Signal(float)  # the moment's time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillScore")
        self.setStyleSheet(f"QFrame#drillScore {{ background: {style.PANEL}; border: 1px solid "
                           f"{style.BORDER}; border-radius: 6px; }}")  # fmt: skip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        heading = QLabel("Spot-the-cue score")
        heading.setProperty("role", "heading")
        self.score_label = QLabel()
        self.score_label.setProperty("role", "title")
        grid = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        for column, (key, title) in enumerate((("hits", "Spotted"), ("misses", "Missed"),
                                               ("false_alarms", "False alarms"),
                                               ("delay", "Vs the coach"))):  # fmt: skip
            value = QLabel("0")
            value.setProperty("role", "heading")
            caption = QLabel(title)
            caption.setProperty("role", "muted")
            grid.addWidget(value, 0, column)
            grid.addWidget(caption, 1, column)
            self.figures[key] = value
        review_heading = QLabel("Moments to review (double-click to replay)")
        review_heading.setProperty("role", "muted")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setSpacing(2)
        self.reask_button = QPushButton("Re-ask the selected question\u2026")
        self.reask_button.setEnabled(False)
        layout.addWidget(heading)
        layout.addWidget(self.score_label)
        layout.addLayout(grid)
        layout.addWidget(review_heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.reask_button)
        self.list.itemDoubleClicked.connect(
            lambda item: self.seek_requested.emit(float(item.data(Qt.ItemDataRole.UserRole))))
        self.list.currentItemChanged.connect(self._on_current)
        self.reask_button.clicked.connect(self._on_reask)

    def show_score(self, score: DrillScore) -> None:
        wanted = score.hits + score.misses
        self.score_label.setText(f"{score.score} / 100 \u00b7 {score.hits} of {wanted} moments")
        self.figures["hits"].setText(str(score.hits))
        self.figures["misses"].setText(str(score.misses))
        self.figures["false_alarms"].setText(str(score.false_alarms))
        mean = score.mean_delay_s
        self.figures["delay"].setText("\u2013" if mean is None else f"{mean:+.1f} s")
        self.figures["delay"].setToolTip("How much earlier (\u2212) or later (+) than the coach "
                                         "you flagged, on average")  # fmt: skip
        self.list.clear()
        # What to learn from first: misses and false alarms, then the rest in time order.
        ordered = sorted(score.items, key=lambda i: (i.outcome not in (Outcome.MISS,
                                                                       Outcome.FALSE_ALARM), i.t))  # fmt: skip
        for review in ordered:
            item = QListWidgetItem(item_text(review))
            item.setData(Qt.ItemDataRole.UserRole, review.t)
            item.setData(Qt.ItemDataRole.UserRole + 1, bool(REASKABLE & set(review.kinds)))
            item.setForeground(QColor(OUTCOME_TEXT[review.outcome][1]
                                      if review.outcome is not Outcome.HIT else style.INK))  # fmt: skip
            self.list.addItem(item)

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.reask_button.setEnabled(bool(item and item.data(Qt.ItemDataRole.UserRole + 1)))

    def _on_reask(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.reask_requested.emit(float(item.data(Qt.ItemDataRole.UserRole)))
