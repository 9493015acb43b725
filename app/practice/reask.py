"""Re-ask: the trainee's better version of a flagged question, checked by the same coach.

The new wording is given to a fresh Coach as the interviewer's line at the original moment,
after what the participant said just before (the context the coach reads a question in), in
the same phase. It passes when the coach finds none of the question cues in it (a why,
leading, hypothetical, closed or stacked question, or selling).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.coach.cues import CoachState, Cue, CueKind
from app.coach.engine import Coach
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker

QUESTION_KINDS = frozenset({CueKind.WHY, CueKind.SELLING, CueKind.LEADING,
                            CueKind.HYPOTHETICAL, CueKind.CLOSED, CueKind.STACKED})  # fmt: skip
WORDS_PER_SECOND = 2.5  # a typed line gets the length it would take to say
MAX_REASK_CHARS = 1_000


class AnswerSource(StrEnum):
    TYPED = "typed"
    SPOKEN = "spoken"


@dataclass(frozen=True)
class ReaskResult:
    original: str
    original_kinds: tuple[str, ...]
    text: str
    source: AnswerSource
    cues: tuple[Cue, ...]  # what the coach says about the new wording (question cues only)

    @property
    def passed(self) -> bool:
        """No cue the coach is sure of (one it is unsure of is shown, but does not fail)."""
        return not any(c.live for c in self.cues)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(c.kind.value for c in self.cues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": self.original,
            "original_kinds": list(self.original_kinds),
            "text": self.text,
            "source": self.source.value,
            "passed": self.passed,
            "cues": [{"kind": c.kind.value, "confidence": round(c.confidence, 3),
                      "sure": c.live, "suggestion": c.suggestion} for c in self.cues],  # fmt: skip
        }


def check_reask(text: str, *, original: str, original_kinds: tuple[str, ...] = (),
                plan: InterviewPlan | None = None, phase_index: int = 2, t: float = 0.0,
                previous_participant: str = "", source: AnswerSource = AnswerSource.TYPED,
                coach: Coach | None = None) -> ReaskResult:  # fmt: skip
    """Raises ValueError when there is nothing to check (empty, or far too long)."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("Say or type the question first.")
    if len(text) > MAX_REASK_CHARS:
        raise ValueError(f"That is longer than {MAX_REASK_CHARS} characters: one question, please.")
    plan = plan or InterviewPlan()
    coach = coach or Coach(plan)
    phase_index = min(max(phase_index, 0), len(plan.phases) - 1)
    state = CoachState(phase_index, 60.0, t, t)
    start = max(0.0, t)
    if previous_participant.strip():
        before = Segment(Speaker.PARTICIPANT, max(0.0, start - 5.0), max(0.0, start - 0.5),
                         previous_participant)  # fmt: skip
        coach.on_segment(before, state)
    duration = max(1.0, len(text.split()) / WORDS_PER_SECOND)
    found = coach.on_segment(Segment(Speaker.INTERVIEWER, start, start + duration, text), state)
    cues = tuple(c for c in found if c.kind in QUESTION_KINDS)
    return ReaskResult(original, tuple(original_kinds), text, source, cues)
