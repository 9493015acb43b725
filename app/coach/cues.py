"""What the coach says: a cue of one kind, at a moment, with the words that caused it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class CueKind(StrEnum):
    WHY = "why"
    SELLING = "selling"
    OVERTIME = "overtime"
    LEADING = "leading"
    HYPOTHETICAL = "hypothetical"
    CLOSED = "closed"
    STACKED = "stacked"
    TALK_SHARE = "talk_share"
    MONOLOGUE = "monologue"
    SELF_FOCUS = "self_focus"
    GENERALITY = "generality"
    INTERRUPT = "interrupt"


# Kinds decided from the words of one utterance (the rest need time or both speakers).
TEXT_KINDS: tuple[CueKind, ...] = (
    CueKind.WHY,
    CueKind.SELLING,
    CueKind.LEADING,
    CueKind.HYPOTHETICAL,
    CueKind.CLOSED,
    CueKind.STACKED,
    CueKind.SELF_FOCUS,
    CueKind.GENERALITY,
)


class Severity(StrEnum):
    INFO = "info"  # worth knowing in review
    WARN = "warn"  # worth changing now
    ALERT = "alert"  # stop doing this

    @property
    def rank(self) -> int:
        return ("info", "warn", "alert").index(self.value)


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    start: float
    end: float
    text: str  # the words that triggered it (empty for time-based cues)
    suggestion: str
    severity: Severity = Severity.WARN
    # How sure the coach is (calibrated on real interviews); time-based cues are certain.
    confidence: float = 1.0
    # Confident enough to be shown during the call; every cue goes to the review regardless.
    live: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "text": self.text,
            "suggestion": self.suggestion,
            "severity": self.severity.value,
            "confidence": round(self.confidence, 4),
            "live": self.live,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cue:
        return cls(
            CueKind(data["kind"]),
            float(data["start"]),
            float(data["end"]),
            str(data.get("text", "")),
            str(data.get("suggestion", "")),
            Severity(data.get("severity", Severity.WARN.value)),
            float(data.get("confidence", 1.0)),
            bool(data.get("live", True)),
        )


@dataclass(frozen=True, slots=True)
class CoachState:
    """Where the session stands when the coach is asked.

    phase_index: the current phase of the plan; phase_elapsed: active seconds in it;
    active_elapsed: active seconds in the call (pauses left out); t: the session timeline in
    seconds, the clock segment times use.
    """

    phase_index: int
    phase_elapsed: float
    active_elapsed: float
    t: float
