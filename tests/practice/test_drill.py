"""Spot-the-cue scoring, the replay schedule and clock, and the re-ask check (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.coach.cues import CueKind
from app.practice.drill import (
    EARLY_S,
    LATE_S,
    CueMoment,
    Outcome,
    moments_from_cues,
    score_presses,
)
from app.practice.reask import AnswerSource, check_reask
from app.practice.replay import EventKind, PhaseWindow, ReplayClock, ReplayScript


@dataclass(frozen=True)
class FakeCue:
    kind: str
    start: float
    end: float
    text: str = ""
    live: bool = True
    id: int | None = None


def test_cues_at_the_same_moment_are_one_moment_confident_if_any_is() -> None:
    moments = moments_from_cues([
        FakeCue("why", 100.0, 103.0, "Why?", live=True, id=2),
        FakeCue("stacked", 99.6, 103.0, "How? Why?", live=False, id=1),
        FakeCue("closed", 200.0, 202.0, "Did it?", live=False, id=3),
    ])  # fmt: skip
    assert [m.kinds for m in moments] == [("stacked", "why"), ("closed",)]
    assert moments[0].confident and not moments[1].confident
    assert moments[0].cue_ids == (1, 2)


def test_hits_misses_false_alarms_and_how_early() -> None:
    moments = [CueMoment(10.0, 12.0, ("why",), "Why?", True),
               CueMoment(50.0, 55.0, ("leading",), "Isn't it?", True),
               CueMoment(90.0, 92.0, ("closed",), "Did you?", False),
               CueMoment(120.0, 121.0, ("selling",), "Buy it", True)]  # fmt: skip
    presses = [10.0 - EARLY_S + 0.1, 56.0, 56.5, 300.0]
    score = score_presses(moments, presses)
    assert (score.hits, score.misses, score.false_alarms, score.unsure_skipped) == (2, 1, 2, 1)
    # Against the coach, who cues a moment when it ends: 3.4 s earlier, then 1 s later.
    assert score.delays_s == pytest.approx((10.0 - EARLY_S + 0.1 - 12.0, 1.0))
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(2 / 3)
    assert score.score == round(100 * 2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    review = score.to_review
    assert [(i.t, i.outcome) for i in review] == [(56.5, Outcome.FALSE_ALARM),
                                                  (120.0, Outcome.MISS),
                                                  (300.0, Outcome.FALSE_ALARM)]  # fmt: skip


def test_a_flag_after_the_window_is_a_false_alarm_and_the_moment_a_miss() -> None:
    moment = CueMoment(10.0, 12.0, ("why",), "Why?", True)
    late = score_presses([moment], [12.0 + LATE_S + 0.01])
    assert (late.hits, late.misses, late.false_alarms) == (0, 1, 1)
    assert late.score == 0
    in_time = score_presses([moment], [12.0 + LATE_S])
    assert (in_time.hits, in_time.score) == (1, 100)


def test_one_press_for_two_close_moments_takes_the_one_that_closes_first() -> None:
    a = CueMoment(10.0, 11.0, ("why",), "", True)
    b = CueMoment(14.0, 30.0, ("monologue",), "", True)
    score = score_presses([b, a], [13.0, 29.0])
    assert (score.hits, score.misses, score.false_alarms) == (2, 0, 0)


def test_a_long_cue_is_spotted_near_its_end_not_anywhere_in_it() -> None:
    talk = CueMoment(0.0, 300.0, ("talk_share",), "", True)
    assert score_presses([talk], [30.0]).hits == 0
    assert score_presses([talk], [290.0]).hits == 1


def test_a_drill_stopped_half_way_is_scored_on_what_it_covered() -> None:
    moments = [CueMoment(10.0, 12.0, ("why",), "", True), CueMoment(500.0, 502.0, ("why",), "", True)]
    score = score_presses(moments, [11.0], until=100.0)
    assert (score.hits, score.misses, score.score) == (1, 0, 100)
    assert score.to_dict()["items"][0]["outcome"] == "hit"


def test_nothing_pressed_and_nothing_to_find_scores_zero_without_dividing_by_zero() -> None:
    score = score_presses([], [])
    assert (score.score, score.precision, score.recall, score.mean_delay_s) == (0, 0.0, 0.0, None)


@dataclass(frozen=True)
class Line:
    start: float
    end: float


def test_replay_shows_a_line_when_it_ends_and_its_cue_after_it() -> None:
    script = ReplayScript([Line(0.0, 4.0), Line(5.0, 9.0)], [Line(5.0, 9.0)],
                          [PhaseWindow(0, "Intro", 0.0, 5.0), PhaseWindow(1, "Basics", 5.0, 9.0)])  # fmt: skip
    assert [(e.kind, e.index) for e in script.between(3.0, 9.0)] == [
        (EventKind.LINE, 0), (EventKind.PHASE, 1), (EventKind.LINE, 1), (EventKind.CUE, 0)]
    assert script.between(9.0, 20.0) == []
    assert len(script.until(4.0)) == 2 and script.phase_at(6.0) == 1
    assert (script.start_t, script.end_t) == (0.0, 9.0)


def test_replay_clock_runs_at_speed_pauses_and_seeks_on_a_fake_clock() -> None:
    wall = [100.0]
    clock = ReplayClock(0.0, 60.0, now=lambda: wall[0])
    clock.play()
    wall[0] += 2.0
    assert clock.position() == pytest.approx(2.0)
    clock.set_speed(4.0)
    wall[0] += 2.0
    assert clock.position() == pytest.approx(10.0)
    clock.pause()
    wall[0] += 5.0
    assert clock.position() == pytest.approx(10.0)
    clock.seek(55.0)
    clock.play()
    wall[0] += 10.0
    assert clock.position() == 60.0 and clock.finished  # stops at the end
    assert clock.set_speed(9.0) == 4.0 and clock.set_speed(0.1) == 1.0


def test_reask_a_why_question_fails_and_an_open_question_passes() -> None:
    before = "Marco lost the interview because only his side was recorded."
    bad = check_reask("Why didn't he test the setup before the call?", original="Why?",
                      original_kinds=("why",), previous_participant=before, t=500.0)  # fmt: skip
    assert not bad.passed and CueKind.WHY.value in bad.kinds
    good = check_reask("Walk me through how he set it up before that call.", original="Why?",
                       original_kinds=("why",), previous_participant=before, t=500.0,
                       source=AnswerSource.SPOKEN)  # fmt: skip
    assert good.passed, good.kinds
    assert good.to_dict()["source"] == "spoken" and good.to_dict()["passed"] is True
    with pytest.raises(ValueError):
        check_reask("   ", original="Why?")
