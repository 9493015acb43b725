"""Choosing a study's name, focus and interviews."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.store.interviews import InterviewSummary


class StudyDialog(QDialog):
    def __init__(self, interviews: Sequence[InterviewSummary], *, name: str = "", focus: str = "",
                 chosen: Sequence[int] = (), parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Study")
        self.setMinimumSize(480, 460)
        form = QFormLayout(self)
        self.name_edit = QLineEdit(name)
        self.name_edit.setPlaceholderText("e.g. Applying for caregiver benefits, round 1")
        form.addRow("Name", self.name_edit)
        self.focus_edit = QLineEdit(focus or next((i.focus for i in interviews if i.focus), ""))
        self.focus_edit.setPlaceholderText("What these conversations were about")
        form.addRow("Focus", self.focus_edit)
        self.list = QListWidget()
        picked = set(chosen)
        for summary in sorted(interviews, key=lambda s: s.created_at):
            who = summary.participant_name or "unnamed participant"
            item = QListWidgetItem(f"{summary.display_title} \u00b7 {who} \u00b7 "
                                   f"{summary.created_at:%Y-%m-%d}")  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if summary.id in picked
                               else Qt.CheckState.Unchecked)  # fmt: skip
            self.list.addItem(item)
        form.addRow("Interviews", self.list)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    @property
    def name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def focus(self) -> str:
        return self.focus_edit.text().strip()

    @property
    def interview_ids(self) -> list[int]:
        return [int(self.list.item(n).data(Qt.ItemDataRole.UserRole))
                for n in range(self.list.count())
                if self.list.item(n).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def check_all(self) -> None:
        for n in range(self.list.count()):
            self.list.item(n).setCheckState(Qt.CheckState.Checked)
