"""Analyse a transcript made anywhere: replay it through the coach as if it were live.

Used by `tellmemore analyze` and by the library's import.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.coach.cues import CoachState, Cue
from app.coach.engine import Coach
from app.coach.metrics import Metrics, compute_metrics
from app.coach.phases import PhaseSpan, phase_at, phases_from_marks, phases_from_time
from app.coach.scorecard import Scorecard, build_scorecard
from app.coach.settings import CoachSettings
from app.importers import Transcript, assign_roles, guess_interviewer, resolve_name
from app.session.plan import InterviewPlan
from app.session.segments import Segment

TICK_S = 5.0


class UnknownSpeakerError(ValueError):
    def __init__(self, wanted: str, names: list[str]) -> None:
        super().__init__(
            f"no speaker called {wanted!r} in the transcript; speakers: {', '.join(names) or 'none'}"
        )
        self.names = names


@dataclass
class AnalysisResult:
    interviewer: str
    interviewer_guessed: bool
    segments: list[Segment]
    cues: list[Cue]
    phases: list[PhaseSpan]
    metrics: Metrics
    scorecard: Scorecard
    phases_from_marks: bool
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "interviewer": self.interviewer,
            "cues": [
                {k: v for k, v in cue.to_dict().items() if k != "severity"}
                | {"severity": cue.severity.value}
                for cue in self.cues
            ],
            "metrics": self.metrics.to_dict(),
            "scorecard": self.scorecard.to_dict(),
        }


def _carry_on() -> None:
    pass


def replay(
    segments: list[Segment],
    phases: list[PhaseSpan],
    plan: InterviewPlan,
    settings: CoachSettings | None = None,
    checkpoint: Callable[[], None] = _carry_on,
) -> list[Cue]:
    """Feed segments (in order of their end, as a live transcriber commits them) and clock
    ticks every TICK_S seconds to a fresh Coach; returns every cue it gives. `checkpoint` is
    called before each line: it raises to stop (the library's Cancel)."""
    coach = Coach(plan, settings)
    if not segments:
        return []
    t0 = phases[0].start if phases else min(s.start for s in segments)
    cues: list[Cue] = []
    next_tick = t0 + TICK_S

    def state_at(t: float, phase_t: float) -> CoachState:
        span = phase_at(phases, phase_t)
        return CoachState(span.index, max(0.0, t - span.start), max(0.0, t - t0), t)

    due = _DueTicks(t0, phases, plan, coach.settings)
    for seg in sorted(segments, key=lambda s: (s.end, s.start)):
        checkpoint()
        while next_tick <= seg.end:
            cues += coach.on_tick(state_at(next_tick, next_tick))
            next_tick = due.after(next_tick, seg.end)
        cues += coach.on_segment(seg, state_at(seg.end, seg.start))
    end = max(s.end for s in segments)
    while next_tick <= end + TICK_S:
        cues += coach.on_tick(state_at(min(next_tick, end), min(next_tick, end)))
        next_tick = due.after(next_tick, end + TICK_S)
    return sorted(cues, key=lambda c: (c.start, c.end, c.kind.value))


# Within a silent stretch longer than this many ticks, only the ticks that can give a cue are
# replayed, so the work is bounded by the number of lines, not by the timeline's length (an
# end time of 1e9 s meant 2e8 ticks); shorter stretches tick every TICK_S as live.
LONG_GAP_TICKS = 720


class _DueTicks:
    """The next tick worth replaying. Coach.on_tick reacts to thresholds only: a phase over its
    budget, the plan's length, the hard-limit warning (and a new phase). Far from the next
    line the grid ticks around each threshold are enough to give every cue at
    the same time as ticking every TICK_S."""

    def __init__(self, t0: float, phases: list[PhaseSpan], plan: InterviewPlan,
                 settings: CoachSettings) -> None:  # fmt: skip
        self.t0 = t0
        warn_at = max(plan.plan_s, plan.hard_limit_s - settings.hard_limit_warning_s)
        moments = [t0 + plan.plan_s, t0 + warn_at, t0 + plan.hard_limit_s]
        for span in phases:
            moments.append(span.start)
            if 0 <= span.index < len(plan.phases):
                moments.append(span.start + plan.phases[span.index].budget_s)
        self.moments = sorted(moments)

    def _grid_at_or_after(self, t: float) -> float:
        return self.t0 + math.ceil((t - self.t0) / TICK_S) * TICK_S

    def after(self, tick: float, until: float) -> float:
        following = tick + TICK_S
        if following + LONG_GAP_TICKS * TICK_S > until:
            return following  # an ordinary stretch: every tick, as live
        for moment in self.moments:
            at = self._grid_at_or_after(moment)
            # The ticks either side too: live ticks add TICK_S up, so a threshold on the grid
            # may fall just before or after the tick in floating point.
            for candidate in (at - TICK_S, at, at + TICK_S):
                if candidate >= following:
                    return min(candidate, self._grid_at_or_after(until - LONG_GAP_TICKS * TICK_S))
        # Nothing left to say before `until`: resume the ordinary ticks just before it.
        return max(following, self._grid_at_or_after(until - LONG_GAP_TICKS * TICK_S))


def analyze_transcript(
    transcript: Transcript,
    interviewer: str | None = None,
    *,
    plan: InterviewPlan | None = None,
    settings: CoachSettings | None = None,
    checkpoint: Callable[[], None] = _carry_on,
) -> AnalysisResult:
    plan = plan or InterviewPlan()
    notes: list[str] = []
    if interviewer is None:
        name = guess_interviewer(transcript.segments)
        guessed = True
        notes.append(f"Interviewer: {name} (asked the most questions; use --interviewer to change)")
    else:
        found = resolve_name(transcript, interviewer)
        if found is None:
            raise UnknownSpeakerError(interviewer, transcript.speaker_names())
        name, guessed = found, False
    segments = assign_roles(transcript, name)
    start, end = transcript.start, transcript.end
    phase_marks = [(m.t, m.phase_index) for m in transcript.marks if m.phase_index is not None]
    if phase_marks:
        phases = phases_from_marks(plan, phase_marks, start, end)
    else:
        phases = phases_from_time(plan, start, end)
        notes.append("Phases estimated from elapsed time and the default plan (no phase marks).")
    if transcript.timing_estimated:
        notes.append("Some times were estimated from word counts (the file had few or none).")
    if len(transcript.speaker_names()) < 2:
        notes.append("Only one speaker is named: cues about both sides are unreliable.")
    cues = replay(segments, phases, plan, settings, checkpoint)
    checkpoint()
    metrics = compute_metrics(segments, cues, phases, plan)
    return AnalysisResult(
        name,
        guessed,
        segments,
        cues,
        phases,
        metrics,
        build_scorecard(metrics),
        bool(phase_marks),
        notes,
    )
