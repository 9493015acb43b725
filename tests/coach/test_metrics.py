"""Metrics and the scorecard as pure functions of segments, cues and phase spans."""

from __future__ import annotations

import pytest

from app.coach.cues import Cue, CueKind
from app.coach.metrics import compute_metrics, longest_run
from app.coach.phases import phases_from_marks, phases_from_time
from app.coach.scorecard import build_scorecard
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker

IV, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT
PLAN = InterviewPlan()


def _call() -> list[Segment]:
    return [
        Segment(IV, 0, 10, "Thanks for joining. Is it okay if I record this?"),
        Segment(P, 10.5, 20, "Sure."),
        Segment(IV, 400, 404, "Why did you pick us? Was it the price?"),
        Segment(P, 405, 465, "Mostly the price, and the export."),
        Segment(IV, 466, 470, "Tell me about the last export."),
        Segment(P, 471, 531, "It failed on Friday."),
        Segment(IV, 1700, 1706, "So what I heard is that exports fail. Thank you!"),
    ]


def test_phases_from_time_scale_short_calls_and_stretch_go_deeper() -> None:
    short = phases_from_time(PLAN, 0, 900)
    assert [round(p.duration) for p in short] == [150, 150, 450, 150]
    long = phases_from_time(PLAN, 0, 40 * 60)
    assert [p.duration / 60 for p in long] == [5, 5, 25, 5]


def test_phases_from_marks() -> None:
    spans = phases_from_marks(PLAN, [(120, 1), (300, 2), (1650, 3)], 0, 1710)
    assert [(s.index, s.start, s.end) for s in spans] == [
        (0, 0, 120),
        (1, 120, 300),
        (2, 300, 1650),
        (3, 1650, 1710),
    ]


def test_metrics_of_a_small_call() -> None:
    segs = _call()
    spans = phases_from_marks(PLAN, [(120, 1), (300, 2), (1650, 3)], 0, 1710)
    cues = [
        Cue(CueKind.WHY, 400, 404, "Why did you pick us?", "Tell me about picking us."),
        Cue(CueKind.STACKED, 400, 404, "Why did you pick us? Was it the price?", "Ask one."),
    ]
    m = compute_metrics(segs, cues, spans, PLAN)
    interviewer_s = 10 + 4 + 4 + 6
    total = interviewer_s + 9.5 + 60 + 60
    assert m.talk_share["interviewer"] == pytest.approx(interviewer_s / total, abs=1e-3)
    # The counts are the cues': one why, one stacked turn, no closed cue; the other two
    # questions asked (permission to record, "Was it the price?") are not flagged.
    assert m.questions["why"] == 1 and m.questions["closed"] == 0 and m.questions["stacked"] == 1
    assert m.questions["open"] == 2
    assert m.questions_total == 3
    assert m.checklist[0][0] and m.checklist[0][2]  # thanks + permission to record
    assert m.checklist[3][0] and m.checklist[3][1]  # thanks + restated
    assert m.cue_counts["why"] == 1 and m.sell_moments == 0
    assert m.phase_timings[2]["overrun_s"] == pytest.approx(1350 - 900)
    assert m.overtime_s == 0 and not m.past_hard_limit
    assert m.talk_share_by_phase[1]["talk_share"] == {"interviewer": 0.0, "participant": 0.0}


def test_longest_run_breaks_on_the_other_speaker_and_pauses() -> None:
    segs = [
        Segment(IV, 0, 20, "a"),
        Segment(IV, 21, 50, "b"),
        Segment(P, 51, 52, "c"),
        Segment(IV, 53, 60, "d"),
        Segment(IV, 70, 75, "e"),
    ]
    assert longest_run(segs, IV) == (50, 0)


def test_scorecard_rewards_listening_and_penalises_selling() -> None:
    spans = phases_from_time(PLAN, 0, 1710)
    good = build_scorecard(compute_metrics(_call(), [], spans, PLAN))
    sell = [Cue(CueKind.SELLING, 10, 20, "Our tool does that.", "Listen.")] * 2
    chatty = _call() + [
        Segment(IV, 600 + k * 50, 645 + k * 50, "We built it so it does that.") for k in range(10)
    ]
    bad = build_scorecard(compute_metrics(chatty, sell, spans, PLAN))
    assert 0 <= bad.score < good.score <= 100
    assert bad.areas["no_selling"] < good.areas["no_selling"]
    assert bad.areas["listening"] < good.areas["listening"]
    assert 2 <= len(bad.tips) <= 3
    assert any("talking" in tip or "pitched" in tip for tip in bad.tips)
    assert set(good.to_dict()) == {"score", "areas", "tips"}
