"""The new-interview dialog: who, the specific focus, 5-7 core questions, the gift and the phases.

Values are checked by the core (InterviewPlan.validate); its message is shown inline and the
dialog stays open. Fewer or more than 5-7 questions is a warning, never a block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.session.plan import (
    DEFAULT_PHASES,
    FOCUS_TEMPLATES,
    MAX_CORE_QUESTIONS,
    MIN_CORE_QUESTIONS,
    MINUTE,
    InterviewPlan,
    Participant,
    PlanError,
)

MAX_INTERVIEWER_NAME = 200  # the people table's limit
NEW_QUESTION = "New question \u2014 double-click to edit"


def _minutes_box(value_s: float) -> QDoubleSpinBox:
    # The box accepts more than the plan allows, so the core's rule decides and says why.
    box = QDoubleSpinBox()
    box.setRange(0.0, 999.0)
    box.setDecimals(1)
    box.setSingleStep(1.0)
    box.setSuffix(" min")
    box.setValue(value_s / MINUTE)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class NewInterviewDialog(QDialog):
    def __init__(
        self,
        initial: InterviewPlan | None = None,
        last: InterviewPlan | None = None,
        parent: QWidget | None = None,
        *,
        interviewers: Sequence[str] = (),
        interviewer: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New interview")
        self.last = last
        self.defaults = initial or InterviewPlan()
        self.result_plan: InterviewPlan | None = None
        self._base_phases = DEFAULT_PHASES

        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        source_row = QHBoxLayout()
        source_label = QLabel("Start from")
        source_label.setProperty("role", "muted")
        self.source_combo = QComboBox()
        self.source_combo.addItem("The last interview", "last")
        self.source_combo.addItem("The defaults", "defaults")
        if last is None:
            self.source_combo.setCurrentIndex(1)
            self.source_combo.model().item(0).setEnabled(False)  # type: ignore[attr-defined]
        self.source_combo.currentIndexChanged.connect(self._load_source)
        source_row.addWidget(source_label)
        source_row.addWidget(self.source_combo)
        source_row.addStretch(1)
        layout.addLayout(source_row)

        me_row = QHBoxLayout()
        me_label = QLabel("Interviewer")
        # Editable: a known person is picked, a new name becomes a person when the call is made.
        self.interviewer_combo = QComboBox()
        self.interviewer_combo.setEditable(True)
        self.interviewer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.interviewer_combo.addItems(list(interviewers))
        self.interviewer_combo.setEditText(interviewer)
        self.interviewer_combo.lineEdit().setPlaceholderText("Who leads the interview (you)")
        self.interviewer_combo.setToolTip(
            "Remembered for the next interview; the trainer view follows each interviewer."
        )
        self.interviewer_combo.setMinimumWidth(240)
        me_row.addWidget(me_label)
        me_row.addWidget(self.interviewer_combo)
        me_row.addStretch(1)
        layout.addLayout(me_row)

        who = QGroupBox("Participant")
        who_form = QFormLayout(who)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Who you are talking to")
        self.company_edit = QLineEdit()
        self.role_edit = QLineEdit()
        who_form.addRow("Name", self.name_edit)
        who_form.addRow("Company", self.company_edit)
        who_form.addRow("Role", self.role_edit)
        layout.addWidget(who)

        what = QGroupBox("Focus and questions")
        what_layout = QVBoxLayout(what)
        self.focus_combo = QComboBox()
        self.focus_combo.setEditable(True)
        self.focus_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.focus_combo.addItems(FOCUS_TEMPLATES)
        self.focus_combo.lineEdit().setPlaceholderText("A specific focus, e.g. a template below")
        self.focus_combo.setToolTip("Specific enough to learn something, open enough to listen.")
        what_layout.addWidget(QLabel("Specific focus"))
        what_layout.addWidget(self.focus_combo)
        questions_header = QHBoxLayout()
        questions_header.addWidget(QLabel("Core questions"))
        questions_header.addStretch(1)
        self.count_label = QLabel()
        questions_header.addWidget(self.count_label)
        what_layout.addLayout(questions_header)
        self.questions = QListWidget()
        self.questions.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.questions.setMinimumHeight(120)
        self.questions.model().rowsInserted.connect(self._update_count)
        self.questions.model().rowsRemoved.connect(self._update_count)
        self.questions.itemChanged.connect(self._update_count)
        what_layout.addWidget(self.questions)
        question_buttons = QHBoxLayout()
        self.add_question_button = QPushButton("Add question")
        self.add_question_button.clicked.connect(self.add_question)
        self.remove_question_button = QPushButton("Remove")
        self.remove_question_button.clicked.connect(self.remove_question)
        question_buttons.addWidget(self.add_question_button)
        question_buttons.addWidget(self.remove_question_button)
        question_buttons.addStretch(1)
        what_layout.addLayout(question_buttons)
        gift_row = QHBoxLayout()
        gift_row.addWidget(QLabel("Gift"))
        self.gift_edit = QLineEdit()
        self.gift_edit.setPlaceholderText("The thank-you, e.g. a $50 gift card")
        gift_row.addWidget(self.gift_edit, 1)
        what_layout.addLayout(gift_row)
        layout.addWidget(what)

        timing = QGroupBox("Phases and time")
        grid = QGridLayout(timing)
        grid.setHorizontalSpacing(12)
        self.phase_boxes: list[QDoubleSpinBox] = []
        self.phase_names: list[QLabel] = []
        for row, phase in enumerate(DEFAULT_PHASES):
            name = QLabel(phase.name)
            box = _minutes_box(phase.budget_s)
            grid.addWidget(name, row, 0)
            grid.addWidget(box, row, 1)
            self.phase_names.append(name)
            self.phase_boxes.append(box)
        base = len(DEFAULT_PHASES)
        self.plan_box = _minutes_box(self.defaults.plan_s)
        self.limit_box = _minutes_box(self.defaults.hard_limit_s)
        grid.addWidget(QLabel("Plan for the call"), 0, 2)
        grid.addWidget(self.plan_box, 0, 3)
        grid.addWidget(QLabel("Hard limit"), 1, 2)
        grid.addWidget(self.limit_box, 1, 3)
        hint = QLabel("Longer than 45 minutes is hard;\nif it goes well, follow up by email.")
        hint.setProperty("role", "muted")
        grid.addWidget(hint, 2, 2, max(1, base - 2), 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(timing)

        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create and open")
        self.ok_button.setProperty("primary", True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._load_source()
        self.name_edit.setFocus()
        self.setMinimumWidth(560)

    # -- filling ---------------------------------------------------------------------------------
    def _load_source(self) -> None:
        use_last = self.source_combo.currentData() == "last" and self.last is not None
        self.load_plan(self.last if use_last and self.last else self.defaults)

    def load_plan(self, plan: InterviewPlan) -> None:
        """Fills the fields (never the participant: the next interview is someone else)."""
        self._base_phases = plan.phases
        self.focus_combo.setEditText(plan.focus)
        self.questions.clear()
        for question in plan.core_questions:
            self._append_question(question)
        self.gift_edit.setText(plan.gift)
        for i, box in enumerate(self.phase_boxes):
            if i < len(plan.phases):
                box.setValue(plan.phases[i].budget_s / MINUTE)
                self.phase_names[i].setText(plan.phases[i].name)
        self.plan_box.setValue(plan.plan_s / MINUTE)
        self.limit_box.setValue(plan.hard_limit_s / MINUTE)
        self._update_count()

    def _append_question(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.questions.addItem(item)
        return item

    def add_question(self) -> None:
        item = self._append_question("")
        self.questions.setCurrentItem(item)
        self.questions.editItem(item)

    def remove_question(self) -> None:
        row = self.questions.currentRow()
        if row >= 0:
            self.questions.takeItem(row)

    def question_texts(self) -> list[str]:
        texts = (self.questions.item(i).text().strip() for i in range(self.questions.count()))
        return [t for t in texts if t]

    def _update_count(self, *_args: object) -> None:
        count = len(self.question_texts())
        in_range = MIN_CORE_QUESTIONS <= count <= MAX_CORE_QUESTIONS
        text = f"{count} question{'s' * (count != 1)}"
        if not in_range:
            text += f" \u2014 aim for {MIN_CORE_QUESTIONS}\u2013{MAX_CORE_QUESTIONS}"
        self.count_label.setText(text)
        self.count_label.setProperty("role", "muted" if in_range else "warning")
        self.count_label.style().unpolish(self.count_label)
        self.count_label.style().polish(self.count_label)

    def questions_warning(self) -> str:
        count = len(self.question_texts())
        if MIN_CORE_QUESTIONS <= count <= MAX_CORE_QUESTIONS:
            return ""
        return self.count_label.text()

    # -- result ------------------------------------------------------------------------------------
    def plan(self) -> InterviewPlan:
        """The plan as typed; raises PlanError when a value is out of range."""
        phases = []
        for i, spec in enumerate(self._base_phases):
            budget = (
                self.phase_boxes[i].value() * MINUTE if i < len(self.phase_boxes) else spec.budget_s
            )
            # "under 5 min" is only true while the budget is still 5 minutes.
            label = spec.budget_label if abs(budget - spec.budget_s) < 1e-6 else ""
            phases.append(replace(spec, budget_s=budget, budget_label=label))
        return InterviewPlan(
            participant=Participant(
                self.name_edit.text().strip(),
                self.company_edit.text().strip(),
                self.role_edit.text().strip(),
            ),
            focus=self.focus_combo.currentText().strip(),
            core_questions=tuple(self.question_texts()),
            gift=self.gift_edit.text().strip(),
            phases=tuple(phases),
            plan_s=self.plan_box.value() * MINUTE,
            hard_limit_s=self.limit_box.value() * MINUTE,
        ).validate()

    def interviewer_name(self) -> str:
        return " ".join(self.interviewer_combo.currentText().split())

    def accept(self) -> None:
        try:
            if len(self.interviewer_name()) > MAX_INTERVIEWER_NAME:
                raise PlanError(
                    f"The interviewer's name can have at most {MAX_INTERVIEWER_NAME} characters."
                )
            self.result_plan = self.plan()
        except PlanError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.error_label.hide()
        super().accept()
