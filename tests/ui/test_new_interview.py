"""The new-interview dialog: prefilled, warns about the number of questions, refuses bad values."""

from __future__ import annotations

import pytest

from app.session.plan import FOCUS_TEMPLATES, MINUTE, InterviewPlan, Participant
from app.ui.new_interview import NewInterviewDialog


@pytest.fixture
def dialog(qtbot, plan):
    last = InterviewPlan(focus=plan.focus, core_questions=plan.core_questions, gift="Book token")
    d = NewInterviewDialog(InterviewPlan(), last)
    qtbot.addWidget(d)
    d.show()
    return d


def test_prefilled_from_the_last_interview_but_not_its_participant(dialog, plan) -> None:
    assert dialog.source_combo.currentData() == "last"
    assert dialog.focus_combo.currentText() == plan.focus
    assert dialog.question_texts() == list(plan.core_questions)
    assert dialog.gift_edit.text() == "Book token"
    assert dialog.name_edit.text() == ""
    dialog.source_combo.setCurrentIndex(1)  # the defaults
    assert dialog.question_texts() == [] and dialog.focus_combo.currentText() == ""
    assert [dialog.focus_combo.itemText(i) for i in range(dialog.focus_combo.count())] == list(
        FOCUS_TEMPLATES
    )


def test_accepting_builds_the_plan(dialog) -> None:
    dialog.name_edit.setText("  Ana Ruiz ")
    dialog.company_edit.setText("Acme")
    dialog.phase_boxes[2].setValue(20)
    dialog.accept()
    result = dialog.result_plan
    assert result is not None and dialog.result() == dialog.DialogCode.Accepted
    assert result.participant == Participant("Ana Ruiz", "Acme", "")
    assert result.phases[2].budget_s == 20 * MINUTE
    assert result.phases[0].label() == "under 5 min"  # unchanged budget keeps its wording


def test_out_of_range_values_are_refused_with_the_cores_message(dialog) -> None:
    dialog.phase_boxes[1].setValue(0)
    dialog.accept()
    assert dialog.result_plan is None and dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "Cover the basics" in dialog.error_label.text()
    dialog.phase_boxes[1].setValue(5)
    dialog.limit_box.setValue(20)  # below the 30-minute plan
    dialog.accept()
    assert dialog.isVisible() and "hard limit" in dialog.error_label.text()
    dialog.limit_box.setValue(200)  # past 180 minutes
    dialog.accept()
    assert dialog.isVisible() and "hard limit" in dialog.error_label.text()
    dialog.limit_box.setValue(45)
    dialog.accept()
    assert dialog.result_plan is not None and not dialog.error_label.isVisible()


def test_question_count_outside_5_to_7_warns_but_does_not_block(dialog) -> None:
    assert dialog.questions_warning() == ""
    dialog.questions.setCurrentRow(0)
    dialog.remove_question()
    assert "aim for 5\u20137" in dialog.questions_warning()
    assert dialog.count_label.property("role") == "warning"
    dialog.accept()
    assert dialog.result_plan is not None and len(dialog.result_plan.core_questions) == 4
