"""Numbers about a finished (or running) call: pure functions over segments, cues, phases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from app.coach.checklist import apply_ticks, auto_ticks
from app.coach.cues import Cue, CueKind
from app.coach.parse import parse
from app.coach.phases import PhaseSpan, phase_at
from app.coach.phases import phase_totals as sum_phase_visits
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker

QUESTION_TYPES = ("open", "closed", "why", "leading", "hypothetical", "stacked")


@dataclass
class Metrics:
    duration_s: float
    talk_share: dict[str, float]  # role -> fraction of all speech
    talk_share_by_phase: list[dict[str, Any]]
    longest_monologue_s: float
    longest_monologue_at: float
    questions: dict[str, int]  # by type; "stacked" counts turns with two or more
    questions_total: int
    sell_moments: int
    cue_counts: dict[str, int]
    phase_timings: list[dict[str, Any]]
    checklist: list[list[bool]]
    checklist_completion: float
    overtime_s: float  # past the plan
    past_hard_limit: bool
    speech_s: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _speech(segments: Sequence[Segment], since: float, until: float) -> dict[str, float]:
    totals = {Speaker.INTERVIEWER.value: 0.0, Speaker.PARTICIPANT.value: 0.0}
    for seg in segments:
        overlap = min(seg.end, until) - max(seg.start, since)
        if overlap > 0:
            totals[seg.speaker.value] += overlap
    return totals


def _shares(totals: dict[str, float]) -> dict[str, float]:
    total = sum(totals.values())
    return {k: round(v / total, 4) if total else 0.0 for k, v in totals.items()}


def longest_run(
    segments: Sequence[Segment], speaker: Speaker, gap_s: float = 2.0
) -> tuple[float, float]:
    """(seconds, start) of the longest stretch one speaker talks without the other or a pause."""
    best, best_at = 0.0, 0.0
    run_start: float | None = None
    run_end = 0.0
    for seg in sorted(segments, key=lambda s: s.start):
        if seg.speaker is not speaker:
            run_start = None
            continue
        if run_start is None or seg.start - run_end > gap_s:
            run_start, run_end = seg.start, seg.end
        run_end = max(run_end, seg.end)
        if run_end - run_start > best:
            best, best_at = run_end - run_start, run_start
    return round(best, 3), best_at


_QUESTION_CUES = (CueKind.WHY, CueKind.LEADING, CueKind.HYPOTHETICAL, CueKind.CLOSED)


def classify_questions(segments: Sequence[Segment], cues: Sequence[Cue]) -> dict[str, int]:
    """Questions by type, counted from the cues themselves so that the scorecard and the cue
    list never disagree: each cued question is one of its kind, "stacked" counts stacked turns,
    and every other question the interviewer asked is "open"."""
    counts = dict.fromkeys(QUESTION_TYPES, 0)
    for cue in cues:
        if cue.kind in _QUESTION_CUES or cue.kind is CueKind.STACKED:
            counts[cue.kind.value] += 1
    asked = sum(
        len(parse(seg.text).questions) for seg in segments if seg.speaker is Speaker.INTERVIEWER
    )
    flagged = sum(counts[k.value] for k in _QUESTION_CUES)
    counts["open"] = max(0, asked - flagged)
    return counts


def compute_metrics(
    segments: Sequence[Segment],
    cues: Sequence[Cue],
    phases: Sequence[PhaseSpan],
    plan: InterviewPlan | None = None,
    checklist: list[list[bool]] | None = None,
) -> Metrics:
    """`checklist`: ticks already known (by hand); auto-ticks from the transcript are added."""
    plan = plan or InterviewPlan()
    segments = sorted(segments, key=lambda s: (s.start, s.end))
    start = min((s.start for s in segments), default=0.0)
    end = max((s.end for s in segments), default=0.0)
    if phases:
        start, end = min(start, phases[0].start), max(end, phases[-1].end)
    totals = _speech(segments, start, end)
    by_phase = []
    for span in phases:
        phase_totals = _speech(segments, span.start, span.end)
        by_phase.append(
            {
                "index": span.index,
                "name": span.name,
                "talk_share": _shares(phase_totals),
                "speech_s": {k: round(v, 3) for k, v in phase_totals.items()},
            }
        )
    monologue, monologue_at = longest_run(segments, Speaker.INTERVIEWER)
    questions = classify_questions(segments, cues)
    ticks = (
        [list(row) for row in checklist]
        if checklist
        else [[False] * len(p.goals) for p in plan.phases]
    )
    for seg in segments:
        if phases:
            apply_ticks(ticks, auto_ticks(seg, phase_at(phases, seg.start).index))
    items = [done for row in ticks for done in row]
    cue_counts = dict.fromkeys((k.value for k in CueKind), 0)
    for cue in cues:
        cue_counts[cue.kind.value] += 1
    duration = end - start
    return Metrics(
        duration_s=round(duration, 3),
        talk_share=_shares(totals),
        talk_share_by_phase=by_phase,
        longest_monologue_s=monologue,
        longest_monologue_at=monologue_at,
        questions=questions,
        questions_total=sum(v for k, v in questions.items() if k != "stacked"),
        sell_moments=cue_counts[CueKind.SELLING.value],
        cue_counts=cue_counts,
        phase_timings=sum_phase_visits(phases),
        checklist=ticks,
        checklist_completion=round(sum(items) / len(items), 4) if items else 0.0,
        overtime_s=round(max(0.0, duration - plan.plan_s), 3),
        past_hard_limit=duration > plan.hard_limit_s,
        speech_s={k: round(v, 3) for k, v in totals.items()},
    )
