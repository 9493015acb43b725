import pytest

from app.session.clock import FakeClock
from app.session.consent import ConsentError, ConsentState
from app.session.plan import DEFAULT_PHASES, InterviewPlan, PlanError
from app.session.session import EventKind, InterviewSession, SessionError, SessionState, TimeStatus


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(clock: FakeClock) -> InterviewSession:
    s = InterviewSession(InterviewPlan(), clock)
    s.start()
    return s


def test_default_plan_follows_the_guide() -> None:
    plan = InterviewPlan()
    assert [p.name for p in plan.phases] == [
        "Introductions", "Cover the basics", "Go deeper", "Wrap it up"
    ]  # fmt: skip
    assert [p.budget_s for p in plan.phases] == [300, 300, 900, 300]
    assert plan.phases[0].label() == "under 5 min"
    assert plan.plan_s == 1800 and plan.hard_limit_s == 2700
    assert "Ask permission to record" in plan.phases[0].goals
    assert "Ask permission to follow up by email" in plan.phases[3].goals


def test_phase_budget_status_turns_amber_at_80_percent_and_red_when_over(
    session: InterviewSession, clock: FakeClock
) -> None:
    clock.advance(239)
    assert session.phase_status() is TimeStatus.OK
    clock.advance(1)  # 240 s = 80 % of 300
    assert session.phase_status() is TimeStatus.WARN
    clock.advance(61)
    assert session.phase_status() is TimeStatus.OVER
    assert session.phase_overrun() == pytest.approx(1)
    assert session.phase_left() == pytest.approx(-1)


def test_phases_accumulate_time_over_visits(session: InterviewSession, clock: FakeClock) -> None:
    clock.advance(100)
    session.next_phase()
    clock.advance(50)
    session.previous_phase()
    clock.advance(20)
    assert session.phase_elapsed(0) == pytest.approx(120)
    assert session.phase_elapsed(1) == pytest.approx(50)
    session.previous_phase()  # already first: no change, no event
    assert session.phase_index == 0


def test_pause_stops_the_budget_clock_but_not_the_timeline(
    session: InterviewSession, clock: FakeClock
) -> None:
    clock.advance(60)
    session.pause()
    clock.advance(600)
    assert session.phase_elapsed() == pytest.approx(60)
    assert session.elapsed_wall() == pytest.approx(660)
    session.resume()
    clock.advance(10)
    assert session.active_elapsed() == pytest.approx(70)
    assert session.state is SessionState.RUNNING


def test_call_against_plan_and_hard_limit(session: InterviewSession, clock: FakeClock) -> None:
    clock.advance(1800)
    assert session.call_status() is TimeStatus.WARN
    clock.advance(1)
    assert session.call_status() is TimeStatus.OVER
    assert not session.past_hard_limit()
    clock.advance(900)
    assert session.past_hard_limit()


def test_recording_needs_consent_in_the_core(session: InterviewSession) -> None:
    with pytest.raises(ConsentError):
        session.start_recording()
    session.decline_consent()
    with pytest.raises(ConsentError):
        session.start_recording()
    session.grant_consent()  # they changed their mind
    session.start_recording()
    assert session.recording


def test_revoking_consent_stops_recording(session: InterviewSession) -> None:
    session.grant_consent()
    session.start_recording()
    session.revoke_consent()
    assert not session.recording
    kinds = [e.kind for e in session.events]
    assert kinds[-2:] == [EventKind.CONSENT, EventKind.RECORDING_STOPPED]
    assert session.events[-1].data["reason"] == "consent revoked"


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        ([], ConsentState.REVOKED),
        ([ConsentState.GRANTED], ConsentState.DECLINED),
        ([ConsentState.DECLINED], ConsentState.REVOKED),
    ],
)
def test_consent_transitions_that_make_no_sense_are_refused(
    session: InterviewSession, path: list[ConsentState], bad: ConsentState
) -> None:
    for state in path:
        session.set_consent(state)
    with pytest.raises(ConsentError):
        session.set_consent(bad)


def test_every_change_is_an_event_with_its_time(
    session: InterviewSession, clock: FakeClock
) -> None:
    seen = []
    session.subscribe(seen.append)
    clock.advance(5)
    session.grant_consent()
    clock.advance(5)
    session.mark("great quote")
    session.note("  asked about pricing  ")
    session.set_goal(0, 2, True, auto=True)
    session.set_goal(0, 2, True)  # no change, no event
    clock.advance(5)
    session.end()
    assert [(e.kind, e.t) for e in seen] == [
        (EventKind.CONSENT, 5), (EventKind.MARK, 10), (EventKind.NOTE, 10),
        (EventKind.CHECKLIST, 10), (EventKind.ENDED, 15),
    ]  # fmt: skip
    assert seen[2].data["text"] == "asked about pricing"
    assert seen[3].data == {"phase": 0, "goal": 2, "done": True, "auto": True}
    assert session.checklist_completion() == pytest.approx(
        1 / sum(len(p.goals) for p in DEFAULT_PHASES)
    )


def test_ended_session_freezes_time_and_refuses_marks(
    session: InterviewSession, clock: FakeClock
) -> None:
    clock.advance(30)
    session.end()
    clock.advance(100)
    assert session.elapsed_wall() == 30
    assert session.phase_elapsed(0) == 30
    with pytest.raises(SessionError):
        session.mark()
    with pytest.raises(SessionError):
        session.next_phase()


def test_cannot_start_twice(session: InterviewSession) -> None:
    with pytest.raises(SessionError):
        session.start()


@pytest.mark.parametrize(
    "change",
    [
        {"plan_s": 0},
        {"plan_s": 3000, "hard_limit_s": 2000},
        {"hard_limit_s": 4 * 3600},
    ],
)
def test_plan_values_out_of_range_are_refused_with_a_message(change: dict[str, float]) -> None:
    with pytest.raises(PlanError) as info:
        InterviewPlan(**change).validate()
    assert str(info.value)


def test_phase_budget_out_of_range_is_refused() -> None:
    with pytest.raises(PlanError, match="Go deeper"):
        InterviewPlan().with_phase_budget(2, 0)
    assert InterviewPlan().with_phase_budget(2, 1200).phases[2].budget_s == 1200


def test_core_question_count_is_checked_when_asked() -> None:
    plan = InterviewPlan(core_questions=("one?", "two?"))
    plan.validate()
    with pytest.raises(PlanError, match="5\u20137 core questions"):
        plan.validate(strict_questions=True)


def test_a_failing_listener_does_not_stop_the_others(
    session: InterviewSession, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_event: object) -> None:
        raise OSError("disk full")

    seen = []
    session.subscribe(broken)
    session.subscribe(seen.append)
    session.end()
    assert [e.kind for e in seen] == [EventKind.ENDED]
    assert "disk full" in caplog.text


def test_plans_scale_to_the_length_of_the_interview() -> None:
    from app.session.plan import InterviewPlan, PlanError

    long = InterviewPlan().scaled_to(60)
    assert [p.budget_s / 60 for p in long.phases] == [5, 12.5, 37.5, 5]
    assert (long.plan_s, long.hard_limit_s) == (3600, 5400)
    short = InterviewPlan().scaled_to(15)
    assert [p.budget_s / 60 for p in short.phases] == [2.5, 2.5, 7.5, 2.5]
    assert InterviewPlan().scaled_to(30) == InterviewPlan()
    with pytest.raises(PlanError):
        InterviewPlan().scaled_to(2)
