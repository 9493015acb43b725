"""What the interviewer needs in the live window during the call: the focus and the planned
questions (ticked when asked), shortcuts that work from the note field, banners that clear,
and revoking consent that deletes the participant's words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.live.reports import QuestionsAsked, Status, StatusCleared, StatusLevel
from app.session.consent import ConsentState
from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.transcript import SegmentRepository
from tests.ui.lines import Lines

QUESTIONS = (
    "Walk me through the day you signed up.",
    "What did you try first?",
    "Where did you get stuck?",
    "Who else was involved in setting it up?",
    "What would you tell a colleague starting tomorrow?",
)


@pytest.fixture
def plan() -> InterviewPlan:  # overrides the conftest plan: real questions to tick
    return InterviewPlan(participant=Participant("Ana"), core_questions=QUESTIONS,
                         focus="How do new customers get through their first week?")  # fmt: skip


def test_the_focus_and_planned_questions_show_and_tick_when_asked(qtbot, live_window) -> None:  # type: ignore[no-untyped-def]
    window = live_window
    assert "first week" in window.focus_label.toolTip() and window.focus_label.isVisible()
    assert window.planned.count() == 5
    assert window.plan_tabs.tabText(1) == "Questions 0/5"
    window.start_interview()
    # The call's coach matches the questions (tests/live/test_call.py); the window ticks them.
    window.apply_report(QuestionsAsked((2,)))
    window.apply_report(QuestionsAsked((0,)))
    assert window.planned.asked() == [True, False, True, False, False]
    assert window.plan_tabs.tabText(1) == "Questions 2/5"


def test_phase_shortcuts_work_while_typing_a_note_and_focus_returns_after_saving(qtbot, live_window) -> None:  # type: ignore[no-untyped-def]
    window = live_window
    window.start_interview()
    window.activateWindow()
    window.note_edit.setFocus()
    qtbot.waitUntil(window.note_edit.hasFocus)
    qtbot.keyClick(window.note_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.session.phase_index == 1
    qtbot.keyClicks(window.note_edit, "asked about pricing")
    qtbot.keyClick(window.note_edit, Qt.Key.Key_Return)
    assert not window.note_edit.hasFocus() and window.note_edit.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.session.phase_index == 2


def test_the_loading_banner_clears_when_the_model_is_ready(qtbot, live_window) -> None:  # type: ignore[no-untyped-def]
    window = live_window
    window.apply_report(Status("Loading the speech model\u2026", StatusLevel.INFO, "model"))
    assert window.audio_strip.banner.isVisible()
    window.apply_report(StatusCleared("model"))
    assert not window.audio_strip.banner.isVisible()
    window.apply_report(Status("The microphone is silent.", StatusLevel.WARNING, "audio"))
    window.apply_report(StatusCleared("model"))  # other news stays
    assert window.audio_strip.banner.isVisible()


def test_revoking_consent_and_deleting_removes_the_participants_words(qtbot, live_window) -> None:  # type: ignore[no-untyped-def]
    window = live_window
    window.ask_revoke = lambda: "delete"  # type: ignore[method-assign]
    window.start_interview()
    assert "Not keeping Ana's words" in window.keeping_label.text()
    window.grant_consent()
    assert "Keeping both sides" in window.keeping_label.text()
    lines = SegmentRepository(window.store)
    lines.add(window.interview_id, Segment(Speaker.INTERVIEWER, 0, 2, "Tell me about it."))
    lines.add(window.interview_id, Segment(Speaker.PARTICIPANT, 2, 4, "My boss is Zebulon."))
    Lines.for_window(window).final(Segment(Speaker.PARTICIPANT, 2, 4, "My boss is Zebulon."))
    window.revoke_consent()
    assert "revoked" in window.keeping_label.text()
    assert window.session.consent is ConsentState.REVOKED
    assert [s.segment.speaker for s in lines.list(window.interview_id)] == [Speaker.INTERVIEWER]
    assert lines.search("Zebulon") == []
    assert all(line.speaker is not Speaker.PARTICIPANT for line in window.transcript_model.lines)


def test_the_summary_shows_the_score_and_opens_the_review(qtbot, live_window) -> None:  # type: ignore[no-untyped-def]
    from app.store.cues import CueRepository
    from app.store.interviews import InterviewRepository

    window = live_window
    window.start_interview()
    # The call drains and scores on a worker; wait for it, or its own scorecard could land
    # after the one written below (a CI run saw exactly that).
    with qtbot.waitSignal(window.call_closed, timeout=10000):
        window.end_interview(confirm=False)
        summary = window.summary_dialog
        assert summary is not None and "Scoring" in summary.score.text()
    # A scorecard as the pipeline stores it for a call with talk on both sides.
    InterviewRepository(window.store).update(
        window.interview_id,
        scorecard={"score": 72, "talk_share": 0.28, "tips": ["Ask about the past."]},
    )
    cues = CueRepository(window.store)
    cues.add(window.interview_id, kind="why", start=1, end=2, text="Why?", suggestion="s")
    cues.add(window.interview_id, kind="closed", start=3, end=4, text="Is it?", suggestion="s",
             live=False)  # fmt: skip
    window.show_score()
    text = summary.score.text()
    assert "Score 72/100" in text and "28%" in text and "2 cues (1 shown live)" in text
    assert "Ask about the past." in text
    with qtbot.waitSignal(window.review_requested, timeout=2000) as opened:
        summary.review_button.click()
    assert opened.args == [window.interview_id]
