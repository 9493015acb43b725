"""Interviews with scorecards, cues, phase times and transcripts, written straight into a store:
for the trainer's tests, its benchmark and its screenshots. Each interviewer has a skill that
improves over their interviews, so trends have a direction and medians differ by person.

The scorecard is built by the real coach code (compute-free: Metrics filled from the made-up
cues and times, then build_scorecard), so the stored shape is the one the app writes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.coach.cues import CueKind, Severity
from app.coach.engine import SEVERITY, SUGGESTIONS
from app.coach.metrics import Metrics
from app.coach.phases import PhaseSpan
from app.coach.scorecard import build_scorecard, stored_scorecard
from app.session.plan import InterviewPlan, Participant
from app.store.db import Store
from app.store.interviews import plan_to_row
from app.store.models import (
    CueRow,
    Interview,
    InterviewStatus,
    PhaseTiming,
    Plan,
    SegmentRow,
    SessionEventRow,
)
from app.store.people import person_for_name

BASE_DATE = datetime(2026, 9, 1, 10, 0)

_LINES = {
    CueKind.WHY: "Why did you pick that tool over the spreadsheet?",
    CueKind.SELLING: "Our new dashboard actually does exactly that, you should try it.",
    CueKind.LEADING: "Don't you think the approval step is the slowest part?",
    CueKind.HYPOTHETICAL: "Would you use it if it synced with your calendar?",
    CueKind.CLOSED: "Was the onboarding easy?",
    CueKind.STACKED: "How did you start, who helped, and what did it cost?",
}
_PARTICIPANTS = (("Ana Ruiz", "Northwind"), ("Bo Lindqvist", "Fjord Freight"),
                 ("Chiara Neri", "Pasta Bella"), ("Dev Patel", "Brightline"),
                 ("Emma Stone", "Acme"), ("Farid Haddad", "Cedar Labs"), ("Grace Kim", "Tally"),
                 ("Hugo Martin", "Velo"), ("Ines Costa", "Marea"), ("Jonas Berg", "Nordlys"))  # fmt: skip
_OPEN = "Tell me about the last time you filed an expense report."
_ANSWER = "Well, last Tuesday I had a pile of receipts and it took me most of the afternoon."


@dataclass(frozen=True)
class Made:
    interview_id: int
    person: str
    worst_start: float  # where the most severe, surest cue is


def add_interview(store: Store, person: str, when: datetime, rng: random.Random,
                  skill: float, *, team: str = "", segments: bool = True) -> Made:  # fmt: skip
    """One interview by `person` at `when`; `skill` 0 (poor) .. 1 (excellent)."""
    name, company = rng.choice(_PARTICIPANTS)
    plan = InterviewPlan(participant=Participant(name, company))
    poor = 1.0 - skill
    length = plan.plan_s * (0.8 + 0.5 * poor * rng.random())
    # Phase times: a poor interviewer overruns Go deeper and skimps on Wrap it up.
    weights = [b.budget_s for b in plan.phases]
    weights[2] *= 1.0 + poor * rng.uniform(0.3, 1.2)
    weights[-1] *= 1.0 - 0.5 * poor * rng.random()
    scale = length / sum(weights)
    spans, t = [], 0.0
    for index, (phase, w) in enumerate(zip(plan.phases, weights, strict=True)):
        spans.append(PhaseSpan(index, phase.name, t, t + w * scale, phase.budget_s))
        t += w * scale
    cues: list[tuple[CueKind, float, float, bool]] = []  # kind, start, confidence, live
    for kind, rate in ((CueKind.WHY, 6), (CueKind.SELLING, 3), (CueKind.LEADING, 4),
                       (CueKind.HYPOTHETICAL, 4), (CueKind.CLOSED, 6), (CueKind.STACKED, 3)):  # fmt: skip
        for _ in range(rng.randint(0, round(rate * poor + 0.4))):
            start = rng.uniform(30.0, length - 30.0)
            confidence = rng.uniform(0.35, 0.98)
            cues.append((kind, start, confidence, confidence >= 0.6))
    cues.sort(key=lambda c: c[1])
    share = 0.18 + 0.4 * poor * rng.random()
    questions = dict.fromkeys(("open", "closed", "why", "leading", "hypothetical", "stacked"), 0)
    for kind, *_ in cues:
        if kind.value in questions:
            questions[kind.value] += 1
    questions["open"] = rng.randint(8, 20)
    ticks = [[rng.random() < 0.4 + 0.6 * skill for _ in p.goals] for p in plan.phases]
    items = [x for row in ticks for x in row]
    metrics = Metrics(
        duration_s=round(length, 3),
        talk_share={"interviewer": round(share, 4), "participant": round(1 - share, 4)},
        talk_share_by_phase=[],
        longest_monologue_s=round(20 + 60 * poor * rng.random(), 3),
        longest_monologue_at=60.0,
        questions=questions,
        questions_total=sum(v for k, v in questions.items() if k != "stacked"),
        sell_moments=sum(1 for c in cues if c[0] is CueKind.SELLING),
        cue_counts={k.value: sum(1 for c in cues if c[0] is k) for k in CueKind},
        phase_timings=[s.to_dict() for s in spans],
        checklist=ticks,
        checklist_completion=round(sum(items) / len(items), 4),
        overtime_s=round(max(0.0, length - plan.plan_s), 3),
        past_hard_limit=length > plan.hard_limit_s,
    )
    scorecard = stored_scorecard(metrics, build_scorecard(metrics))
    with store.session() as s:
        who = person_for_name(s, person)
        if team:
            who.team = team
        interview = Interview(
            participant_name=plan.participant.name, participant_company=company,
            interviewer_name=who.name, interviewer_id=who.id,
            focus="How do small teams handle travel expenses?", status=InterviewStatus.ENDED,
            consent_state="granted", created_at=when, started_at=when, duration_s=length,
            checklist=ticks, scorecard=scorecard, plan=Plan(**plan_to_row(plan)),
        )  # fmt: skip
        s.add(interview)
        s.flush()
        iid = interview.id
        for span in spans:
            s.add(SessionEventRow(interview_id=iid, kind="phase", t=span.start, wall=0.0,
                                  data={"index": span.index, "name": span.name}))  # fmt: skip
            s.add(PhaseTiming(interview_id=iid, phase_index=span.index, name=span.name,
                              budget_s=span.budget_s, elapsed_s=span.duration,
                              first_started_t=span.start))  # fmt: skip
        worst = (-1, -1.0, 0.0)
        for kind, start, confidence, live in cues:
            severity = SEVERITY[kind]
            s.add(CueRow(interview_id=iid, kind=kind.value, start=start, end=start + 4.0,
                         text=_LINES[kind], suggestion=SUGGESTIONS[kind],
                         severity=severity.value, confidence=confidence, live=live))  # fmt: skip
            rank = (int(live) * 10 + Severity(severity).rank, confidence, -start)
            if rank > worst:
                worst = rank
        if segments:
            rows = []
            t = 0.0
            cue_at = {round(c[1], 3): c[0] for c in cues}
            marks = sorted(cue_at)
            while t < length:
                due = [m for m in marks if t <= m < t + 30.0]
                text = _LINES[cue_at[due[0]]] if due else _OPEN
                start = due[0] if due else t
                rows.append(SegmentRow(interview_id=iid, speaker="interviewer", start=start,
                                       end=start + 6.0, text=text, words=[], source="live"))  # fmt: skip
                rows.append(SegmentRow(interview_id=iid, speaker="participant", start=start + 7.0,
                                       end=start + 25.0, text=_ANSWER, words=[], source="live"))  # fmt: skip
                t = start + 30.0
            s.add_all(rows)
    worst_start = -worst[2] if worst[0] >= 0 else 0.0
    return Made(iid, person, worst_start)


def fill(store: Store, people: list[str], per_person: int, seed: int = 7, *,
         segments: bool = True, teams: dict[str, str] | None = None) -> list[Made]:  # fmt: skip
    """`per_person` interviews each, a few days apart; skill rises over each person's series."""
    rng = random.Random(seed)
    made = []
    for p_index, person in enumerate(people):
        start_skill = 0.15 + 0.6 * (p_index % 5) / 4
        for k in range(per_person):
            skill = min(1.0, start_skill + 0.35 * k / max(1, per_person - 1))
            when = BASE_DATE + timedelta(days=3 * k + p_index % 3, hours=p_index)
            made.append(add_interview(store, person, when, rng, skill,
                                      team=(teams or {}).get(person, ""), segments=segments))  # fmt: skip
    return made
