"""Phase spans of a finished call: from phase marks, or from elapsed time and the plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.session.plan import InterviewPlan


@dataclass(frozen=True, slots=True)
class PhaseSpan:
    """One visit to a phase, from entering it to leaving it (session time, pauses included,
    as drawn on a timeline), with the time paused inside it, so that what it counts against
    its budget is the same pause-free time the live overtime cue measured."""

    index: int
    name: str
    start: float
    end: float
    budget_s: float = 0.0
    paused_s: float = 0.0

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)

    @property
    def active_s(self) -> float:
        return max(0.0, self.duration - self.paused_s)

    def to_dict(self) -> dict[str, float | int | str]:
        return {
            "index": self.index,
            "name": self.name,
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "budget_s": self.budget_s,
            "elapsed_s": round(self.active_s, 3),
            "paused_s": round(self.paused_s, 3),
            "overrun_s": round(max(0.0, self.active_s - self.budget_s), 3),
        }


def phase_totals(spans: Sequence[PhaseSpan]) -> list[dict[str, float | int | str]]:
    """Per phase (visits summed, pauses left out), in the order phases were first entered:
    what the scorecard counts against each budget, as the live clock did."""
    totals: dict[int, dict[str, float | int | str]] = {}
    for span in spans:
        row = totals.get(span.index)
        if row is None:
            totals[span.index] = span.to_dict()
            continue
        elapsed = float(row["elapsed_s"]) + span.active_s
        row.update(end=round(span.end, 3), elapsed_s=round(elapsed, 3),
                   paused_s=round(float(row["paused_s"]) + span.paused_s, 3),
                   overrun_s=round(max(0.0, elapsed - span.budget_s), 3))  # fmt: skip
    return list(totals.values())


def phases_from_marks(
    plan: InterviewPlan, marks: Sequence[tuple[float, int]], start: float, end: float
) -> list[PhaseSpan]:
    """`marks` are (time, phase index) changes; the call opens in phase 0 unless marked."""
    changes = sorted((t, i) for t, i in marks if 0 <= i < len(plan.phases))
    if not changes or changes[0][0] > start:
        changes.insert(0, (start, 0))
    spans: list[PhaseSpan] = []
    for n, (t, index) in enumerate(changes):
        until = changes[n + 1][0] if n + 1 < len(changes) else end
        if until > t or n + 1 == len(changes):
            phase = plan.phases[index]
            spans.append(PhaseSpan(index, phase.name, t, max(t, until), phase.budget_s))
    return spans


def phases_from_time(plan: InterviewPlan, start: float, end: float) -> list[PhaseSpan]:
    """No marks: the plan's budgets laid end to end, the last phase kept for the last minutes.

    A call shorter than the plan shrinks every phase in proportion; a longer one stretches the
    phase before the last (Go deeper), since that is where long calls spend their time.
    """
    budgets = [p.budget_s for p in plan.phases]
    total = end - start
    planned = sum(budgets)
    if total <= 0 or planned <= 0:
        return [PhaseSpan(0, plan.phases[0].name, start, max(start, end), budgets[0])]
    if total <= planned:
        lengths = [b * total / planned for b in budgets]
    else:
        lengths = list(budgets)
        stretch = max(0, len(lengths) - 2)
        lengths[stretch] += total - planned
    spans = []
    t = start
    for index, (phase, length) in enumerate(zip(plan.phases, lengths, strict=True)):
        spans.append(PhaseSpan(index, phase.name, t, t + length, phase.budget_s))
        t += length
    return spans


def phase_at(spans: Sequence[PhaseSpan], t: float) -> PhaseSpan:
    for span in spans:
        if span.start <= t < span.end:
            return span
    return spans[-1] if t >= spans[-1].start else spans[0]
