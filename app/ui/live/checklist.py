"""The goals of the current phase as a checklist the interviewer ticks (or the coach ticks)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from app.ui import style

AUTO_TIP = "Ticked from the transcript; untick it if that was wrong."


MAX_HEIGHT = 170
CHECKBOX_INDENT = 30  # the check box and its gap before the text
ROW_PADDING = 2


class PhaseChecklist(QListWidget):
    goal_toggled = Signal(int, int, bool)  # phase, goal, done

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phase = 0
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMinimumHeight(48)
        self.setStyleSheet(f"QListWidget {{ border: none; background: {style.SURFACE}; }}")
        self.itemChanged.connect(self._on_item_changed)
        self.itemClicked.connect(self._toggle_on_text_click)

    def show_phase(self, phase: int, goals: tuple[str, ...], done: list[bool],
                   auto: set[int]) -> None:  # fmt: skip
        self.blockSignals(True)
        try:
            self.clear()
            self.phase = phase
            for i, goal in enumerate(goals):
                item = QListWidgetItem(goal)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                self._style_item(item, done[i], i in auto)
                self.addItem(item)
        finally:
            self.blockSignals(False)
        self._fit()

    def _fit(self) -> None:
        # All of a phase's goals stay visible (the guide has at most five); very long custom
        # goals scroll past a cap so the transcript keeps its room.
        self.setMinimumHeight(min(self.content_height(), MAX_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()  # wrapping changed with the width

    def content_height(self) -> int:
        """Height that shows every goal without scrolling, wrapped at the current width.

        Qt's row size hints ignore word wrap until the view has laid out, so measure the text.
        """
        metrics = QFontMetrics(self.font())
        width = max(120, self.viewport().width() - CHECKBOX_INDENT)
        rows = 0
        for i in range(self.count()):
            text = self.item(i).text()
            box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
            rows += max(box.height(), metrics.height()) + ROW_PADDING
        return rows + 2 * self.frameWidth() + 2

    def set_goal(self, goal: int, done: bool, auto: bool) -> None:
        item = self.item(goal)
        if item is None:
            return
        self.blockSignals(True)
        try:
            self._style_item(item, done, auto)
        finally:
            self.blockSignals(False)

    def is_checked(self, goal: int) -> bool:
        item = self.item(goal)
        return item is not None and item.checkState() is Qt.CheckState.Checked

    def _style_item(self, item: QListWidgetItem, done: bool, auto: bool) -> None:
        item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        font = item.font()
        font.setItalic(done and auto)
        item.setFont(font)
        item.setForeground(QColor(style.MUTED if done else style.INK))
        item.setToolTip(AUTO_TIP if done and auto else "")

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        done = item.checkState() is Qt.CheckState.Checked
        self.goal_toggled.emit(self.phase, self.row(item), done)

    def _toggle_on_text_click(self, item: QListWidgetItem) -> None:
        # A click on the words ticks too, not only the small box: easier mid-conversation.
        if self.viewport().mapFromGlobal(self.cursor().pos()).x() > 24:
            checked = item.checkState() is Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
