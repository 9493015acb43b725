"""An interviewer's figures over time against the team median: pure functions over facts.

Only cues the coach was confident about (its `live` flag) count; the low-confidence ones are
counted beside them so the view and the report can mark them, never silently added in. The
scorecard areas are recomputed the same way, so a doubtful cue never costs a trainee points.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NamedTuple

from app.coach.cues import CueKind
from app.coach.metrics import Metrics
from app.coach.scorecard import WEIGHTS, build_scorecard
from app.trainer.facts import CueFact, InterviewFacts

GO_DEEPER = "go deeper"
_GO_DEEPER_INDEX = 2  # its place in the method's plan, when a plan renamed it


class Metric(StrEnum):
    TALK_SHARE = "talk_share"
    WHY = "why"
    SELLING = "selling"
    LEADING_GO_DEEPER = "leading_go_deeper"
    HYPOTHETICAL_GO_DEEPER = "hypothetical_go_deeper"
    CLOSED_GO_DEEPER = "closed_go_deeper"
    STACKED = "stacked"
    PHASE_TIME = "phase_time"  # one series per phase: time spent as % of its budget
    CHECKLIST = "checklist"
    OVERTIME = "overtime"
    LENGTH = "length"


class Better(StrEnum):
    """Which way a figure should go, for saying whether it is on track against the team."""

    LOWER = "lower"
    HIGHER = "higher"
    NEAR_BUDGET = "near_budget"  # phase times: 100 % of the budget is right
    NEITHER = "neither"  # interview length: neither long nor short is better in itself


@dataclass(frozen=True)
class MetricInfo:
    title: str
    unit: str  # shown after the value
    better: Better
    cue_kind: CueKind | None = None  # counted from cues of this kind
    go_deeper_only: bool = False


METRICS: dict[Metric, MetricInfo] = {
    Metric.TALK_SHARE: MetricInfo("Talk share", "%", Better.LOWER),
    Metric.WHY: MetricInfo("Why questions", "", Better.LOWER, CueKind.WHY),
    Metric.SELLING: MetricInfo("Selling moments", "", Better.LOWER, CueKind.SELLING),
    Metric.LEADING_GO_DEEPER: MetricInfo(
        "Leading in Go deeper", "", Better.LOWER, CueKind.LEADING, True
    ),
    Metric.HYPOTHETICAL_GO_DEEPER: MetricInfo(
        "Hypothetical in Go deeper", "", Better.LOWER, CueKind.HYPOTHETICAL, True
    ),
    Metric.CLOSED_GO_DEEPER: MetricInfo(
        "Closed in Go deeper", "", Better.LOWER, CueKind.CLOSED, True
    ),
    Metric.STACKED: MetricInfo("Stacked questions", "", Better.LOWER, CueKind.STACKED),
    Metric.PHASE_TIME: MetricInfo("Phase time", "% of budget", Better.NEAR_BUDGET),
    Metric.CHECKLIST: MetricInfo("Checklist done", "%", Better.HIGHER),
    Metric.OVERTIME: MetricInfo("Overtime", "min", Better.LOWER),
    Metric.LENGTH: MetricInfo("Interview length", "min", Better.NEITHER),
}


class SeriesKey(NamedTuple):
    """One chart: a metric, and for phase times the phase's name. (A tuple: it is a dict key
    looked up tens of thousands of times per view, and tuples hash in C.)"""

    metric: Metric
    phase: str = ""

    @property
    def title(self) -> str:
        info = METRICS[self.metric]
        return f"{self.phase}: time vs budget" if self.phase else info.title

    @property
    def column(self) -> str:
        """Its CSV column name."""
        if self.phase:
            return f"phase {self.phase} (% of budget)"
        unit = METRICS[self.metric].unit
        return f"{self.metric.value} ({unit})" if unit else self.metric.value


@dataclass(frozen=True)
class InterviewFigures:
    """One interview's scorecard (confident cues only) and figures."""

    facts: InterviewFacts
    score: int | None
    areas: dict[str, int]
    values: dict[SeriesKey, float | None]
    low_confidence: dict[SeriesKey, int]  # cues left out of a count, for marking

    @property
    def id(self) -> int:
        return self.facts.id


@dataclass(frozen=True)
class Point:
    interview_id: int
    when: float  # POSIX seconds of the interview's date (x axis)
    value: float
    low_confidence: int = 0


@dataclass(frozen=True)
class Series:
    key: SeriesKey
    points: tuple[Point, ...]
    team_median: float | None

    @property
    def own_median(self) -> float | None:
        return _median(p.value for p in self.points)


@dataclass(frozen=True)
class Trends:
    person_id: int
    interviews: tuple[InterviewFigures, ...]  # oldest first
    series: tuple[Series, ...]
    team_size: int  # interviews the team medians are taken over
    team_score_median: float | None = None
    team_areas_median: dict[str, float | None] = field(default_factory=dict)


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(statistics.median(present)) if present else None


def _is_go_deeper(name: str) -> bool:
    return name.strip().lower() == GO_DEEPER


def go_deeper_visits(facts: InterviewFacts) -> list[tuple[float, float]] | None:
    """(start, end) of each stretch in Go deeper; None when the interview's phases are unknown."""
    if not facts.visits:
        return None
    named = [v for v in facts.visits if _is_go_deeper(v.name)]
    visits = named or [v for v in facts.visits if v.index == _GO_DEEPER_INDEX]
    return [(v.start, v.end) for v in visits]


def in_go_deeper(facts: InterviewFacts, cue: CueFact) -> bool | None:
    """Whether the cue was raised in Go deeper; None when the interview's phases are unknown."""
    visits = go_deeper_visits(facts)
    return None if visits is None else any(a <= cue.start < b for a, b in visits)


def _cue_count(
    facts: InterviewFacts, info: MetricInfo, deeper: list[tuple[float, float]] | None
) -> tuple[float | None, int]:
    if info.go_deeper_only and deeper is None:
        return None, 0
    confident = doubtful = 0
    for cue in facts.cues:
        if cue.kind is not info.cue_kind:
            continue
        if info.go_deeper_only and not any(a <= cue.start < b for a, b in deeper or ()):
            continue
        if cue.confident:
            confident += 1
        else:
            doubtful += 1
    return float(confident), doubtful


def _scorecard_metrics(scorecard: dict[str, Any] | None) -> dict[str, Any]:
    metrics = (scorecard or {}).get("metrics")
    return metrics if isinstance(metrics, dict) else {}


def confident_scorecard(facts: InterviewFacts) -> tuple[int | None, dict[str, int]]:
    """The score and areas counting confident cues only; the stored ones when the stored
    metrics cannot be read back."""
    stored = facts.scorecard or {}
    stored_score = stored.get("score")
    if stored_score is not None and all(c.confident for c in facts.cues):
        # Nothing to leave out: the stored scorecard was built from these very metrics.
        return int(stored_score), {k: int(v) for k, v in (stored.get("areas") or {}).items()}
    raw = _scorecard_metrics(stored)
    try:
        metrics = Metrics(**raw)
    except TypeError:
        areas = {k: int(v) for k, v in (stored.get("areas") or {}).items()}
        score = stored.get("score")
        return (int(score) if score is not None else None), areas
    doubtful = {kind: 0 for kind in CueKind}
    for cue in facts.cues:
        if not cue.confident:
            doubtful[cue.kind] += 1
    questions = dict(metrics.questions)
    moved = 0
    for kind in (CueKind.WHY, CueKind.LEADING, CueKind.HYPOTHETICAL, CueKind.CLOSED):
        left_out = min(doubtful[kind], questions.get(kind.value, 0))
        questions[kind.value] = questions.get(kind.value, 0) - left_out
        moved += left_out
    questions["open"] = questions.get("open", 0) + moved  # asked all the same, just not flagged
    questions["stacked"] = max(0, questions.get("stacked", 0) - doubtful[CueKind.STACKED])
    metrics = replace(metrics, questions=questions,
                      sell_moments=max(0, metrics.sell_moments - doubtful[CueKind.SELLING]))  # fmt: skip
    card = build_scorecard(metrics)
    return card.score, dict(card.areas)


def figures(facts: InterviewFacts) -> InterviewFigures:
    metrics = _scorecard_metrics(facts.scorecard)
    values: dict[SeriesKey, float | None] = {}
    low: dict[SeriesKey, int] = {}
    deeper = go_deeper_visits(facts)
    share = (facts.scorecard or {}).get("talk_share")
    values[SeriesKey(Metric.TALK_SHARE)] = (
        round(float(share) * 100, 1) if share is not None else None
    )
    for metric, info in METRICS.items():
        if info.cue_kind is None:
            continue
        key = SeriesKey(metric)
        values[key], low[key] = _cue_count(facts, info, deeper)
    for phase in facts.phases:
        if phase.budget_s > 0:
            values[SeriesKey(Metric.PHASE_TIME, phase.name)] = round(
                100.0 * phase.elapsed_s / phase.budget_s, 1
            )
    if "checklist_completion" in metrics:
        done: float | None = float(metrics["checklist_completion"]) * 100
    else:
        ticks = [t for row in facts.checklist for t in row]
        done = 100.0 * sum(ticks) / len(ticks) if ticks else None
    values[SeriesKey(Metric.CHECKLIST)] = round(done, 1) if done is not None else None
    length_s = facts.duration_s or float(metrics.get("duration_s") or 0.0)
    overtime_s = metrics.get("overtime_s")
    if overtime_s is None:
        overtime_s = max(0.0, length_s - facts.plan_s)
    values[SeriesKey(Metric.OVERTIME)] = round(float(overtime_s) / 60, 2)
    values[SeriesKey(Metric.LENGTH)] = round(length_s / 60, 2) if length_s else None
    score, areas = confident_scorecard(facts)
    return InterviewFigures(facts, score, areas, values, low)


def _order(keys: Iterable[SeriesKey], phase_order: dict[str, int]) -> list[SeriesKey]:
    metric_order = {m: i for i, m in enumerate(Metric)}
    return sorted(set(keys), key=lambda k: (metric_order[k.metric], phase_order.get(k.phase, 99)))


def team_of(person_id: int, everyone: Sequence[InterviewFacts]) -> list[InterviewFacts]:
    """The interviews the person's figures are compared with: their team's (everyone's when
    they have no team, or are the only one in it)."""
    team = next((f.team for f in everyone if f.interviewer_id == person_id), "")
    if not team:
        return list(everyone)
    same = [f for f in everyone if f.team == team]
    others = {f.interviewer_id for f in same} - {person_id}
    return same if others else list(everyone)


def compute_trends(
    person_id: int,
    everyone: Sequence[InterviewFacts],
    *,
    cache: dict[int, InterviewFigures] | None = None,
) -> Trends:
    """The person's interviews (in `everyone`, oldest first) as series against the team median.
    `cache` keeps figures between calls (the view switching interviewers)."""
    cache = cache if cache is not None else {}

    def of(facts: InterviewFacts) -> InterviewFigures:
        found = cache.get(facts.id)
        if found is None or found.facts is not facts:
            found = cache[facts.id] = figures(facts)
        return found

    team = [of(f) for f in team_of(person_id, everyone)]
    own = [of(f) for f in everyone if f.interviewer_id == person_id]
    own.sort(key=lambda f: (f.facts.date, f.id))
    phase_order: dict[str, int] = {}
    for fig in own:
        for phase in fig.facts.phases:
            phase_order.setdefault(phase.name, phase.index)
    keys = _order((k for fig in own for k in fig.values
                   if k.metric is not Metric.PHASE_TIME or k.phase in phase_order), phase_order)  # fmt: skip
    series = []
    for key in keys:
        points = tuple(
            Point(fig.id, fig.facts.date.timestamp(), value, fig.low_confidence.get(key, 0))
            for fig in own
            if (value := fig.values.get(key)) is not None
        )
        series.append(Series(key, points, _median(fig.values.get(key) for fig in team)))
    areas = {area: _median(fig.areas.get(area) for fig in team) for area in WEIGHTS}
    return Trends(person_id, tuple(own), tuple(series), len(team),
                  _median(fig.score for fig in team), areas)  # fmt: skip
