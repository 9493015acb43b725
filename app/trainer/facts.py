"""What the trainer's figures are computed from, read from the store in a few grouped queries.

One InterviewFacts per interview: its date, length, stored scorecard, phase times and the cues
that feed the trends (kind, time, whether the coach was confident). The view loads every
interview in the date range once, since the team median needs them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.coach.cues import CueKind, Severity
from app.store.access import visible_interview_conditions
from app.store.db import Store
from app.store.models import CueRow, Interview, Person, PhaseTiming, Plan

# The cue kinds the trends count; others (talk share, monologue, ...) are figures of their own.
TREND_CUE_KINDS: tuple[CueKind, ...] = (
    CueKind.WHY,
    CueKind.SELLING,
    CueKind.LEADING,
    CueKind.HYPOTHETICAL,
    CueKind.CLOSED,
    CueKind.STACKED,
)


@dataclass(frozen=True, slots=True)
class CueFact:
    id: int
    kind: CueKind
    start: float
    end: float
    severity: Severity
    confidence: float
    confident: bool  # the coach's `live` flag: sure enough to show during the call


@dataclass(frozen=True, slots=True)
class PhaseFact:
    index: int
    name: str
    budget_s: float
    elapsed_s: float  # active time, pauses left out


@dataclass(frozen=True, slots=True)
class PhaseVisit:
    """One stretch of the call spent in a phase (session time), to place cues in phases."""

    index: int
    name: str
    start: float
    end: float


@dataclass(frozen=True)
class InterviewFacts:
    id: int
    title: str
    interviewer_id: int | None
    team: str
    date: datetime
    duration_s: float
    plan_s: float
    scorecard: dict[str, Any] | None
    checklist: list[list[bool]]
    phases: tuple[PhaseFact, ...]
    visits: tuple[PhaseVisit, ...]
    cues: tuple[CueFact, ...]


@dataclass(frozen=True)
class DateRange:
    """Inclusive on both ends; None is open."""

    since: datetime | None = None
    until: datetime | None = None

    def contains(self, when: datetime) -> bool:
        return (self.since is None or when >= self.since) and (
            self.until is None or when <= self.until
        )


def _display_title(title: str, name: str, company: str) -> str:
    if title:
        return title
    who = name or "Unnamed participant"
    return f"{who} \u2014 {company}" if company else who


def _phases_from_scorecard(
    scorecard: dict[str, Any] | None,
) -> tuple[list[PhaseFact], list[PhaseVisit]]:
    """The scorecard's metrics list one entry per visit to a phase. Imported interviews have
    no phase_timings rows, so their phase times come from here (visits added up)."""
    metrics = (scorecard or {}).get("metrics") or {}
    by_index: dict[int, PhaseFact] = {}
    visits: list[PhaseVisit] = []
    for row in metrics.get("phase_timings") or ():
        try:
            index, elapsed = int(row["index"]), float(row["elapsed_s"])
            name, budget = str(row["name"]), float(row["budget_s"])
            start, end = float(row["start"]), float(row["end"])
        except (KeyError, TypeError, ValueError):
            continue
        visits.append(PhaseVisit(index, name, start, end))
        seen = by_index.get(index)
        total = elapsed + (seen.elapsed_s if seen is not None else 0.0)
        by_index[index] = PhaseFact(index, name, budget, total)
    return [by_index[i] for i in sorted(by_index)], visits


def load_facts(store: Store, dates: DateRange | None = None, *,
               interview_ids: Sequence[int] | None = None) -> list[InterviewFacts]:  # fmt: skip
    """Every interview with an interviewer (oldest first), in the date range if given; or the
    interviews asked for by id, with an interviewer or not."""
    dates = dates or DateRange()
    i = Interview
    when = func.coalesce(i.started_at, i.created_at)
    conditions = [i.id.in_(list(interview_ids)) if interview_ids is not None
                  else i.interviewer_id.is_not(None)]  # fmt: skip
    if dates.since is not None:
        conditions.append(when >= dates.since)
    if dates.until is not None:
        conditions.append(when <= dates.until)
    conditions += visible_interview_conditions(store)  # Core rows below: the rule by hand
    query = (
        select(i.id, i.title, i.participant_name, i.participant_company, i.interviewer_id,
               Person.team, when, i.duration_s, i.scorecard, i.checklist, Plan.plan_s)
        .outerjoin(Person, Person.id == i.interviewer_id)
        .outerjoin(Plan, Plan.interview_id == i.id)
        .where(*conditions)
        .order_by(when, i.id)
    )  # fmt: skip
    # The same interviews as a subquery: a thousand bound ids cost more to compile than this.
    chosen = select(i.id).where(*conditions).scalar_subquery()
    with store.session() as s:
        conn = s.connection()  # Core rows: the ORM's per-row loading cost more than the query
        rows = conn.execute(query).all()
        ids = [r[0] for r in rows]
        timings: dict[int, list[PhaseFact]] = defaultdict(list)
        cues: dict[int, list[CueFact]] = defaultdict(list)
        if ids:
            for iid, index, name, budget, elapsed in conn.execute(
                select(PhaseTiming.interview_id, PhaseTiming.phase_index, PhaseTiming.name,
                       PhaseTiming.budget_s, PhaseTiming.elapsed_s)
                .where(PhaseTiming.interview_id.in_(chosen))
                .order_by(PhaseTiming.interview_id, PhaseTiming.phase_index)
            ):  # fmt: skip
                timings[iid].append(PhaseFact(index, name, budget, elapsed))
            kinds = [k.value for k in TREND_CUE_KINDS]
            for cid, iid, kind, start, end, severity, confidence, live in conn.execute(
                select(CueRow.id, CueRow.interview_id, CueRow.kind, CueRow.start, CueRow.end,
                       CueRow.severity, CueRow.confidence, CueRow.live)
                .where(CueRow.interview_id.in_(chosen), CueRow.kind.in_(kinds))
                .order_by(CueRow.interview_id, CueRow.start)
            ):  # fmt: skip
                cues[iid].append(CueFact(cid, _KINDS[kind], start, end,
                                         _SEVERITIES.get(severity, Severity.INFO),
                                         float(confidence), bool(live)))  # fmt: skip
    facts = []
    for (iid, title, name, company, person_id, team, date, duration, scorecard, checklist,
         plan_s) in rows:  # fmt: skip
        from_scorecard, visits = _phases_from_scorecard(scorecard)
        # phase_timings rows are the pause-free truth for live calls; imports have none.
        phases = timings.get(iid) or from_scorecard
        facts.append(InterviewFacts(
            iid, _display_title(title, name, company), person_id, team or "", date,
            float(duration or 0.0), float(plan_s or 1800.0), scorecard,
            [list(map(bool, row)) for row in checklist or ()], tuple(phases), tuple(visits),
            tuple(cues.get(iid, ())),
        ))  # fmt: skip
    return facts


_KINDS = {k.value: k for k in TREND_CUE_KINDS}  # a dict lookup, not an Enum call per cue
_SEVERITIES = {s.value: s for s in Severity}
