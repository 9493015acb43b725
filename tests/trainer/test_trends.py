"""The trainer's figures: confident cues only, Go deeper placement, pause-free phase times,
team medians, the scorecard recomputed without doubtful cues, and the CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from app.coach.cues import CueKind, Severity
from app.coach.metrics import Metrics
from app.coach.scorecard import build_scorecard, stored_scorecard
from app.store.db import Store
from app.trainer.facts import CueFact, DateRange, InterviewFacts, PhaseFact, PhaseVisit, load_facts
from app.trainer.moments import worst_cue
from app.trainer.table import TEAM_MEDIAN_LABEL, to_csv
from app.trainer.trends import Metric, SeriesKey, compute_trends, figures
from tests.trainer.synthetic import fill

DAY0 = datetime(2026, 10, 1, 9, 0)
VISITS = (PhaseVisit(0, "Introductions", 0, 300), PhaseVisit(1, "Cover the basics", 300, 600),
          PhaseVisit(2, "Go deeper", 600, 1500), PhaseVisit(3, "Wrap it up", 1500, 1800))  # fmt: skip


def _metrics(questions: dict[str, int], sell: int) -> Metrics:
    return Metrics(
        duration_s=1800.0, talk_share={"interviewer": 0.25, "participant": 0.75},
        talk_share_by_phase=[], longest_monologue_s=20.0, longest_monologue_at=0.0,
        questions=questions, questions_total=sum(v for k, v in questions.items() if k != "stacked"),
        sell_moments=sell, cue_counts={}, phase_timings=[], checklist=[[True, False]],
        checklist_completion=0.5, overtime_s=120.0, past_hard_limit=False,
    )  # fmt: skip


def _cue(cid: int, kind: CueKind, start: float, confident: bool = True,
         severity: Severity = Severity.WARN, confidence: float = 0.9) -> CueFact:  # fmt: skip
    return CueFact(cid, kind, start, start + 3, severity, confidence, confident)


def _facts(iid: int, person: int, day: int, cues: tuple[CueFact, ...], *, team: str = "",
           share: float = 0.25, deeper_s: float = 900.0) -> InterviewFacts:  # fmt: skip
    q = {"open": 10, "closed": 0, "why": 0, "leading": 0, "hypothetical": 0, "stacked": 0}
    for cue in cues:
        if cue.kind.value in q:
            q[cue.kind.value] += 1
    metrics = _metrics(q, sum(c.kind is CueKind.SELLING for c in cues))
    metrics.talk_share["interviewer"] = share
    card = stored_scorecard(metrics, build_scorecard(metrics))
    phases = (PhaseFact(0, "Introductions", 300, 240), PhaseFact(2, "Go deeper", 900, deeper_s))
    return InterviewFacts(iid, f"Interview {iid}", person, team, DAY0 + timedelta(days=day),
                          1920.0, 1800.0, card, [[True, False]], phases, VISITS, cues)  # fmt: skip


def test_only_confident_cues_count_and_doubtful_ones_are_kept_apart() -> None:
    fig = figures(_facts(1, 1, 0, (
        _cue(1, CueKind.WHY, 100), _cue(2, CueKind.WHY, 200, confident=False),
        _cue(3, CueKind.LEADING, 700), _cue(4, CueKind.LEADING, 100),  # only 700 is Go deeper
        _cue(5, CueKind.CLOSED, 800, confident=False), _cue(6, CueKind.SELLING, 900),
    )))  # fmt: skip
    v = fig.values
    assert v[SeriesKey(Metric.WHY)] == 1 and fig.low_confidence[SeriesKey(Metric.WHY)] == 1
    assert v[SeriesKey(Metric.LEADING_GO_DEEPER)] == 1
    assert v[SeriesKey(Metric.CLOSED_GO_DEEPER)] == 0
    assert fig.low_confidence[SeriesKey(Metric.CLOSED_GO_DEEPER)] == 1
    assert v[SeriesKey(Metric.SELLING)] == 1 and v[SeriesKey(Metric.STACKED)] == 0
    assert v[SeriesKey(Metric.TALK_SHARE)] == 25.0
    assert v[SeriesKey(Metric.PHASE_TIME, "Introductions")] == 80.0  # 240 of 300 s
    assert v[SeriesKey(Metric.PHASE_TIME, "Go deeper")] == 100.0
    assert v[SeriesKey(Metric.CHECKLIST)] == 50.0
    assert v[SeriesKey(Metric.OVERTIME)] == 2.0 and v[SeriesKey(Metric.LENGTH)] == 32.0


def test_doubtful_cues_cost_no_points() -> None:
    sure = figures(_facts(1, 1, 0, (_cue(1, CueKind.WHY, 100), _cue(2, CueKind.SELLING, 150))))
    doubtful = figures(_facts(2, 1, 0, (_cue(1, CueKind.WHY, 100, confident=False),
                                        _cue(2, CueKind.SELLING, 150, confident=False))))  # fmt: skip
    clean = figures(_facts(3, 1, 0, ()))
    assert sure.areas["questions"] < clean.areas["questions"]
    assert sure.areas["no_selling"] < clean.areas["no_selling"]
    assert doubtful.areas == clean.areas and doubtful.score == clean.score


def test_go_deeper_counts_are_unknown_without_phases() -> None:
    facts = _facts(1, 1, 0, (_cue(1, CueKind.LEADING, 700),))
    bare = InterviewFacts(**{**facts.__dict__, "visits": ()})
    assert figures(bare).values[SeriesKey(Metric.LEADING_GO_DEEPER)] is None


def test_series_are_the_persons_interviews_in_order_against_the_team_median() -> None:
    everyone = [
        _facts(1, 1, 5, (_cue(1, CueKind.WHY, 10),), share=0.40),
        _facts(2, 1, 1, (_cue(1, CueKind.WHY, 10), _cue(2, CueKind.WHY, 20)), share=0.50),
        _facts(3, 2, 2, (), share=0.20),
        _facts(4, 3, 3, (), share=0.30),
    ]
    trends = compute_trends(1, everyone)
    assert [f.id for f in trends.interviews] == [2, 1]
    by_key = {s.key: s for s in trends.series}
    why = by_key[SeriesKey(Metric.WHY)]
    assert [p.value for p in why.points] == [2.0, 1.0]
    assert why.team_median == 0.5  # 2, 1, 0, 0
    assert by_key[SeriesKey(Metric.TALK_SHARE)].team_median == 35.0
    assert trends.team_size == 4
    keys = [s.key for s in trends.series]
    assert keys.index(SeriesKey(Metric.TALK_SHARE)) == 0
    assert keys.index(SeriesKey(Metric.PHASE_TIME, "Introductions")) < keys.index(
        SeriesKey(Metric.PHASE_TIME, "Go deeper"))  # fmt: skip


def test_a_team_is_compared_with_itself() -> None:
    everyone = [_facts(1, 1, 0, (), team="A", share=0.2), _facts(2, 2, 0, (), team="A", share=0.4),
                _facts(3, 3, 0, (), team="B", share=0.9)]  # fmt: skip
    talk = {s.key: s for s in compute_trends(1, everyone).series}[SeriesKey(Metric.TALK_SHARE)]
    assert talk.team_median == 30.0
    alone = {s.key: s for s in compute_trends(3, everyone).series}[SeriesKey(Metric.TALK_SHARE)]
    assert alone.team_median == 40.0  # alone in team B: compared with everyone


def test_the_worst_cue_is_confident_severe_and_sure() -> None:
    cues = [_cue(1, CueKind.SELLING, 50, confident=False, severity=Severity.ALERT, confidence=0.99),
            _cue(2, CueKind.WHY, 80, severity=Severity.WARN, confidence=0.95),
            _cue(3, CueKind.SELLING, 90, severity=Severity.ALERT, confidence=0.7),
            _cue(4, CueKind.SELLING, 30, severity=Severity.ALERT, confidence=0.7)]  # fmt: skip
    assert worst_cue(cues).id == 4  # type: ignore[union-attr]
    assert worst_cue([]) is None


def test_csv_has_a_row_per_interview_and_the_medians(store: Store) -> None:
    made = fill(store, ["Ana", "Ben"], 4, segments=False)
    everyone = load_facts(store)
    assert len(everyone) == 8
    ana = next(f.interviewer_id for f in everyone if f.id == made[0].interview_id)
    assert ana is not None
    trends = compute_trends(ana, everyone)
    table = list(csv.reader(io.StringIO(to_csv(trends))))
    assert len(table) == 1 + 4 + 1
    assert table[-1][2].startswith(TEAM_MEDIAN_LABEL)
    header = table[0]
    talk = header.index("talk_share (%)")
    assert [float(r[talk]) for r in table[1:5]] == [
        s.value for s in {s.key: s for s in trends.series}[SeriesKey(Metric.TALK_SHARE)].points
    ]
    assert "why low-confidence (not counted)" in header
    assert any(h.startswith("phase Go deeper") for h in header)
    later = load_facts(store, DateRange(since=everyone[3].date))
    assert len(later) == 5 and all(f.date >= everyone[3].date for f in later)


def test_an_interview_without_a_scorecard_still_has_its_counts_and_times() -> None:
    facts = _facts(1, 1, 0, (_cue(1, CueKind.WHY, 100),))
    bare = InterviewFacts(**{**facts.__dict__, "scorecard": None})
    fig = figures(bare)
    assert fig.score is None and fig.areas == {}
    assert fig.values[SeriesKey(Metric.TALK_SHARE)] is None
    assert fig.values[SeriesKey(Metric.WHY)] == 1
    assert fig.values[SeriesKey(Metric.CHECKLIST)] == 50.0  # from the ticks themselves
    assert fig.values[SeriesKey(Metric.OVERTIME)] == 2.0  # 32 min against a 30 min plan
    trends = compute_trends(1, [bare, _facts(2, 2, 1, ())])
    talk = {s.key: s for s in trends.series}[SeriesKey(Metric.TALK_SHARE)]
    assert talk.points == () and talk.team_median == 25.0
