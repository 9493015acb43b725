"""Checklist items ticked from the live transcript follow the same rules as the analysis."""

from __future__ import annotations

from app.coach.checklist import auto_ticks, tick_session
from app.session.clock import FakeClock
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker
from app.session.session import InterviewSession

WRAP = 3


def test_the_second_thanks_in_the_wrap_up_ticks_thank_them_again_live() -> None:
    session = InterviewSession(InterviewPlan(), FakeClock())
    session.start()
    session.go_to_phase(WRAP)
    thanks = Segment(Speaker.INTERVIEWER, 0, 1, "Thank you so much.")
    assert tick_session(session, auto_ticks(thanks, WRAP)) == [(WRAP, 0)]
    assert tick_session(session, auto_ticks(thanks, WRAP)) == [(WRAP, 4)]
    assert session.checklist[WRAP][0] and session.checklist[WRAP][4]


def test_nothing_is_ticked_once_the_call_ended() -> None:
    session = InterviewSession(InterviewPlan(), FakeClock())
    session.start()
    session.end()
    assert tick_session(session, [(0, 0)]) == []
