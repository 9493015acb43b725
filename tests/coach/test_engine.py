"""The live coach, one cue kind at a time, with segments and clock ticks made up in the test."""

from __future__ import annotations

from app.coach.checklist import apply_ticks, auto_ticks
from app.coach.cues import CoachState, Cue, CueKind, Severity
from app.coach.engine import Coach, segment_cue_kinds
from app.coach.rewrite import rewrite_why
from app.coach.settings import CoachSettings
from app.coach.throttle import CueThrottle
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker
from tests.coach.scripted_model import ScriptedModel

INTRO, BASICS, DEEPER, WRAP = range(4)
IV, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT


def state(phase: int, t: float, phase_start: float = 0.0) -> CoachState:
    return CoachState(phase, t - phase_start, t, t)


def kinds(cues: list[Cue]) -> list[CueKind]:
    return [c.kind for c in cues]


def say(
    coach: Coach,
    who: Speaker,
    start: float,
    end: float,
    text: str,
    phase: int = DEEPER,
    phase_start: float = 0.0,
) -> list[Cue]:
    return coach.on_segment(Segment(who, start, end, text), state(phase, end, phase_start))


def test_why_cue_rewrites_the_question() -> None:
    cues = say(Coach(InterviewPlan()), IV, 10, 13, "Why did you pick the annual plan?")
    assert kinds(cues) == [CueKind.WHY]
    assert cues[0].suggestion == "Tell me about picking the annual plan."
    assert cues[0].text == "Why did you pick the annual plan?"
    assert (cues[0].start, cues[0].end) == (10, 13)


def test_why_rewrites() -> None:
    assert (
        rewrite_why("So why do you export it to Excel?") == "Tell me about exporting it to Excel."
    )
    assert rewrite_why("Why are you still using paper?") == "Tell me about using paper."
    assert rewrite_why("Why is that?") == "Tell me more about that."
    assert (
        rewrite_why("Why was the setup so hard?")
        == "Tell me more about what made the setup so hard."
    )


def test_selling_without_a_fixed_phrase() -> None:
    text = "We actually built a dashboard that does exactly that, it saves teams hours."
    cues = say(Coach(InterviewPlan()), IV, 0, 5, text)
    assert kinds(cues) == [CueKind.SELLING]
    assert cues[0].severity is Severity.ALERT


def test_participant_product_talk_is_not_selling() -> None:
    cues = say(
        Coach(InterviewPlan()), P, 0, 5, "Honestly the dashboard is great, it saves us hours."
    )
    assert CueKind.SELLING not in kinds(cues)


def test_closed_questions_only_in_go_deeper() -> None:
    closed = {CueKind.CLOSED: 0.9}
    model = ScriptedModel({"Do you use the mobile app?": closed, "Do you use it daily?": closed})
    coach = Coach(InterviewPlan(), model=model)
    assert kinds(say(coach, IV, 0, 2, "Do you use the mobile app?", phase=BASICS)) == []
    assert kinds(say(coach, IV, 400, 402, "Do you use it daily?", phase=DEEPER)) == [CueKind.CLOSED]
    assert [t.phase for t in model.seen] == [1, 2]  # the model is told the phase


def test_the_segment_policy_that_the_bench_measures_is_the_coachs() -> None:
    found = {CueKind.CLOSED, CueKind.SELLING}
    assert segment_cue_kinds(found, in_deeper=True) == [CueKind.SELLING, CueKind.CLOSED]
    assert segment_cue_kinds(found, in_deeper=False) == [CueKind.SELLING]
    # one rewrite per question: the more specific cue says how to ask it
    assert segment_cue_kinds({CueKind.CLOSED, CueKind.WHY}, in_deeper=True) == [CueKind.WHY]
    # stacked is judged on the whole turn, not per segment
    assert segment_cue_kinds({CueKind.STACKED}, in_deeper=True) == []


def test_confidence_and_live_come_from_the_model() -> None:
    model = ScriptedModel(
        {"How much would you pay for that?": {CueKind.HYPOTHETICAL: 0.95},
         "Would it help?": {CueKind.HYPOTHETICAL: 0.55}}
    )  # fmt: skip
    coach = Coach(InterviewPlan(), model=model)
    sure = say(coach, IV, 5, 8, "How much would you pay for that?")
    unsure = say(coach, IV, 20, 22, "Would it help?")
    assert [(c.confidence, c.live) for c in sure + unsure] == [(0.95, True), (0.55, False)]
    strict = Coach(InterviewPlan(), CoachSettings(live_strictness=0.2), model=model)
    assert not say(strict, IV, 5, 8, "How much would you pay for that?")[0].live


def test_the_model_reads_what_the_participant_said_before() -> None:
    model = ScriptedModel({})
    coach = Coach(InterviewPlan(), model=model)
    say(coach, P, 0, 3, "We built our own tool for it.")
    say(coach, IV, 4, 6, "Tell me about that tool.")
    assert model.seen[-1].previous == "We built our own tool for it."


def test_stacked_over_one_turn_split_into_segments() -> None:
    both = "What tools do you use? Who picked them?"
    model = ScriptedModel({both: {CueKind.STACKED: 0.9}})
    coach = Coach(InterviewPlan(), model=model)
    assert kinds(say(coach, IV, 0, 2, "What tools do you use?")) == []
    second = say(coach, IV, 2.1, 4, "Who picked them?")
    assert kinds(second) == [CueKind.STACKED]
    assert second[0].start == 0 and second[0].text == both
    say(coach, P, 5, 9, "Excel, and my boss picked it.")
    assert kinds(say(coach, IV, 10, 12, "What happened next?")) == []
    assert model.seen[-1].text == "What happened next?"  # a new turn after they answered


def test_monologue_at_45_seconds_without_a_break() -> None:
    coach = Coach(InterviewPlan())
    out: list[Cue] = []
    for k in range(5):  # 5 sentences of 10 s, 0.5 s apart: 49.5 s
        out += say(coach, IV, k * 10.5, k * 10.5 + 10, "And that is how our team works today.")
    assert kinds(out).count(CueKind.MONOLOGUE) == 1
    assert out[-1].start == 0


def test_no_monologue_when_the_participant_speaks() -> None:
    coach = Coach(InterviewPlan())
    out = say(coach, IV, 0, 30, "Let me describe our process in detail for a moment.")
    out += say(coach, P, 30.5, 32, "Mm-hm, sure.")
    out += say(coach, IV, 32.5, 60, "So the second part is where the reports come in.")
    assert CueKind.MONOLOGUE not in kinds(out)


def test_talk_share_over_last_five_minutes_of_go_deeper() -> None:
    coach = Coach(InterviewPlan())
    out: list[Cue] = []
    t = 600.0  # Go deeper started at 600 s
    for _ in range(10):  # interviewer 12 s, participant 18 s: 40 %
        out += coach.on_segment(
            Segment(IV, t, t + 12, "Tell me about that part."),
            CoachState(DEEPER, t + 12 - 600, t + 12, t + 12),
        )
        out += coach.on_segment(
            Segment(P, t + 12.2, t + 30, "It was slow and messy."),
            CoachState(DEEPER, t + 30 - 600, t + 30, t + 30),
        )
        t += 30
    cues = [c for c in out if c.kind is CueKind.TALK_SHARE]
    assert len(cues) == 1 and cues[0].severity is Severity.WARN
    assert "40%" in cues[0].suggestion


def test_talk_share_quiet_when_the_participant_talks() -> None:
    coach = Coach(InterviewPlan())
    out: list[Cue] = []
    t = 600.0
    for _ in range(10):  # interviewer 5 s of 30 s
        out += coach.on_segment(
            Segment(IV, t, t + 5, "Tell me about that part."),
            CoachState(DEEPER, t + 5 - 600, t + 5, t + 5),
        )
        out += coach.on_segment(
            Segment(P, t + 5.2, t + 30, "It was slow and messy."),
            CoachState(DEEPER, t + 30 - 600, t + 30, t + 30),
        )
        t += 30
    assert CueKind.TALK_SHARE not in kinds(out)


def test_interrupt_needs_more_than_a_second_of_overlap() -> None:
    coach = Coach(InterviewPlan())
    say(coach, P, 0, 10, "So we usually start the export on Friday and then it")
    assert CueKind.INTERRUPT not in kinds(say(coach, IV, 9.8, 12, "Tell me more."))  # 0.2 s
    say(coach, P, 20, 30, "And the accountant checks every row by hand before")
    assert CueKind.INTERRUPT in kinds(say(coach, IV, 27, 31, "Tell me about the accountant."))


def test_self_focus_after_sixty_seconds_in_the_introductions() -> None:
    coach = Coach(InterviewPlan())
    text = "A bit about me, I'm a designer and I've been at the company for years, I love my job."
    out: list[Cue] = []
    for k in range(4):  # 4 x 20 s of self-talk with the participant in between
        out += say(coach, IV, k * 30, k * 30 + 20, text, phase=INTRO)
        out += say(coach, P, k * 30 + 21, k * 30 + 24, "Oh nice.", phase=INTRO)
    assert kinds(out).count(CueKind.SELF_FOCUS) == 1
    # 3 x 20 s is exactly 60 s, not more: the fourth stretch (at 90 s) tips it over.
    assert [c.start for c in out if c.kind is CueKind.SELF_FOCUS] == [90]


def test_generality_from_the_participant() -> None:
    line = "We usually do the invoices on Friday."
    model = ScriptedModel({line: {CueKind.GENERALITY: 0.9}})
    cues = say(Coach(InterviewPlan(), model=model), P, 0, 3, line)
    assert kinds(cues) == [CueKind.GENERALITY]
    assert model.seen[-1].phase == 2  # judged with the phase it was said in


def test_overtime_from_ticks_once_each() -> None:
    coach = Coach(InterviewPlan())
    assert coach.on_tick(CoachState(INTRO, 299, 299, 299)) == []
    phase_over = coach.on_tick(CoachState(INTRO, 301, 301, 301))
    assert (
        kinds(phase_over) == [CueKind.OVERTIME] and "Cover the basics" in phase_over[0].suggestion
    )
    assert coach.on_tick(CoachState(INTRO, 310, 310, 310)) == []
    past_plan = coach.on_tick(CoachState(WRAP, 100, 30 * 60 + 1, 30 * 60 + 1))
    assert len(past_plan) == 1 and "planned" in past_plan[0].text
    near = coach.on_tick(CoachState(WRAP, 200, 40 * 60, 40 * 60))
    assert len(near) == 1 and near[0].severity is Severity.ALERT
    assert coach.on_tick(CoachState(WRAP, 300, 44 * 60, 44 * 60)) == []


def test_kinds_can_be_switched_off() -> None:
    settings = CoachSettings().with_kind(CueKind.WHY, False).with_kind(CueKind.OVERTIME, False)
    model = ScriptedModel({"Why did you leave?": {CueKind.WHY: 0.99}})
    coach = Coach(InterviewPlan(), settings, model=model)
    assert say(coach, IV, 0, 2, "Why did you leave?") == []
    assert coach.on_tick(CoachState(INTRO, 1000, 1000, 1000)) == []
    assert CoachSettings.from_dict(settings.to_dict()) == settings


def test_throttle_one_cue_at_a_time_and_no_repeat_within_a_minute() -> None:
    throttle = CueThrottle(display_s=8, same_kind_gap_s=60)
    why = Cue(CueKind.WHY, 0, 1, "Why?", "Tell me more.", Severity.WARN)
    closed = Cue(CueKind.CLOSED, 0, 1, "Is it?", "Walk me through.", Severity.INFO)
    selling = Cue(CueKind.SELLING, 0, 1, "Buy.", "Listen.", Severity.ALERT)
    assert throttle.offer(why, now=0)
    assert not throttle.offer(closed, now=2)  # one on screen already
    assert throttle.offer(selling, now=3)  # more severe replaces it
    assert throttle.current(now=10) is selling
    assert throttle.current(now=11.5) is None
    assert not throttle.offer(why, now=30)  # same kind within a minute
    assert throttle.offer(why, now=61)


def test_checklist_auto_ticks() -> None:
    seg = Segment(IV, 0, 3, "Thanks so much for joining. Is it okay if I record this call?")
    assert auto_ticks(seg, INTRO) == [(INTRO, 0), (INTRO, 2)]
    wrap = Segment(IV, 0, 3, "So what I heard is that exports hurt. Could I follow up by email?")
    assert auto_ticks(wrap, WRAP) == [(WRAP, 1), (WRAP, 3)]
    assert auto_ticks(Segment(P, 0, 1, "Thanks!"), INTRO) == []
    done = [[False] * len(p.goals) for p in InterviewPlan().phases]
    thanks = auto_ticks(Segment(IV, 0, 1, "Thank you."), WRAP)
    assert apply_ticks(done, thanks) == [(WRAP, 0)]
    assert apply_ticks(done, thanks) == [(WRAP, 4)]  # the second thanks: "thank them again"


def test_one_cue_per_question_when_a_specific_kind_already_says_how() -> None:
    model = ScriptedModel(
        {"Wouldn't it be great if that just fixed itself?":
             {CueKind.LEADING: 0.9, CueKind.CLOSED: 0.9},
         "Would you pay for a feature that fixed it?":
             {CueKind.HYPOTHETICAL: 0.9, CueKind.CLOSED: 0.9},
         "Do you export the timesheets every week?": {CueKind.CLOSED: 0.9}}
    )  # fmt: skip
    coach = Coach(InterviewPlan(), model=model)
    assert kinds(say(coach, IV, 0, 3, "Wouldn't it be great if that just fixed itself?")) == [
        CueKind.LEADING
    ]
    assert kinds(say(coach, IV, 60, 63, "Would you pay for a feature that fixed it?")) == [
        CueKind.HYPOTHETICAL
    ]
    assert kinds(say(coach, IV, 120, 123, "Do you export the timesheets every week?")) == [
        CueKind.CLOSED
    ]


def test_throttle_shows_a_waiting_cue_when_the_screen_frees_up() -> None:
    throttle = CueThrottle(display_s=8, same_kind_gap_s=60, max_wait_s=10)
    why = Cue(CueKind.WHY, 0, 1, "Why?", "Tell me more", Severity.WARN)
    closed = Cue(CueKind.CLOSED, 2, 3, "Do you?", "Open it up", Severity.INFO)
    stacked = Cue(CueKind.STACKED, 2, 3, "A? B?", "One at a time", Severity.INFO)
    assert throttle.offer(why, now=0)
    assert not throttle.offer(closed, now=2)
    assert not throttle.offer(stacked, now=3)  # same severity: the newer one waits instead
    assert throttle.release(now=5) is None  # the why cue is still on screen
    throttle.dismiss()
    assert throttle.release(now=6) is stacked
    assert throttle.current(now=7) is stacked
    assert throttle.release(now=20) is None  # nothing else waits


def test_throttle_drops_a_stale_waiting_cue() -> None:
    throttle = CueThrottle(display_s=8, same_kind_gap_s=60, max_wait_s=5)
    why = Cue(CueKind.WHY, 0, 1, "Why?", "Tell me more", Severity.WARN)
    closed = Cue(CueKind.CLOSED, 2, 3, "Do you?", "Open it up", Severity.INFO)
    assert throttle.offer(why, now=0)
    assert not throttle.offer(closed, now=1)
    assert throttle.release(now=9) is None  # waited 8 s > 5 s: only kept for review
    assert throttle.current(now=9) is None


def test_a_short_call_is_not_warned_about_its_hard_limit_at_the_start() -> None:
    plan = InterviewPlan().scaled_to(5)  # 5 min planned, 7.5 min hard limit
    coach = Coach(plan, model=ScriptedModel({}))
    assert coach.on_tick(CoachState(INTRO, 2, 2, 2)) == []
    late = coach.on_tick(CoachState(WRAP, 60, 5 * 60 + 1, 5 * 60 + 1))
    assert any("nears" in c.text for c in late) and any("past the planned" in c.text for c in late)
