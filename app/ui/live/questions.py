"""The interview's planned questions, ticked as they are asked (by the interviewer, or by the
coach when it hears one asked)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from app.ui import style

AUTO_TIP = "Ticked because you asked it (heard in the transcript); untick it if not."


class PlannedQuestions(QListWidget):
    """The planned questions as a checklist; `title()` says how many were asked."""

    toggled = Signal(int, bool)  # question index, asked
    changed = Signal()  # the count of asked questions changed

    def __init__(self, questions: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions = tuple(q for q in questions if q.strip())
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setStyleSheet(f"QListWidget {{ border: none; background: {style.SURFACE}; }}")
        for question in self.questions:
            item = QListWidgetItem(question)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.itemChanged.connect(self._on_changed)

    def asked(self) -> list[bool]:
        return [self.item(i).checkState() == Qt.CheckState.Checked for i in range(self.count())]

    def title(self) -> str:
        return f"Questions {sum(self.asked())}/{len(self.questions)}"

    def tick(self, index: int) -> bool:
        """Ticks a question the coach heard asked; False when it was ticked already."""
        if not 0 <= index < self.count():
            return False
        item = self.item(index)
        if item.checkState() == Qt.CheckState.Checked:
            return False
        self.blockSignals(True)
        item.setCheckState(Qt.CheckState.Checked)
        item.setToolTip(AUTO_TIP)
        self.blockSignals(False)
        self.changed.emit()
        return True

    def _on_changed(self, item: QListWidgetItem) -> None:
        item.setToolTip("")
        self.changed.emit()
        self.toggled.emit(self.row(item), item.checkState() == Qt.CheckState.Checked)
