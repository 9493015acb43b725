"""What the coach watches for and its thresholds: defaults the user can change."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.coach.cues import CueKind


@dataclass(frozen=True)
class CoachSettings:
    enabled: frozenset[CueKind] = field(default_factory=lambda: frozenset(CueKind))
    monologue_s: float = 45.0  # interviewer speaks this long without a break
    monologue_gap_s: float = 2.0  # a pause this long ends a run of speech
    talk_share_window_s: float = 300.0  # look back this far during Go deeper
    talk_share_warn: float = 0.30
    talk_share_alert: float = 0.50
    talk_share_min_speech_s: float = 60.0  # need this much speech in the window to judge
    talk_share_min_window_s: float = 120.0  # and this much of Go deeper behind us
    self_focus_s: float = 60.0  # interviewer self-talk in the introductions
    stacked_pause_s: float = 4.0  # a pause this long after a question ends the turn (waited)
    interrupt_overlap_s: float = 1.0  # normal turn gaps are ~200 ms
    hard_limit_warning_s: float = 300.0  # warn this long before the hard limit
    # Added to every text cue's live threshold: > 0 shows fewer, surer cues during the call.
    live_strictness: float = 0.0

    def is_enabled(self, kind: CueKind) -> bool:
        return kind in self.enabled

    def with_kind(self, kind: CueKind, on: bool) -> CoachSettings:
        kinds = set(self.enabled)
        (kinds.add if on else kinds.discard)(kind)
        return replace(self, enabled=frozenset(kinds))

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "enabled"}
        data["enabled"] = sorted(kind.value for kind in self.enabled)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CoachSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "enabled" in known:
            known["enabled"] = frozenset(
                CueKind(k) for k in known["enabled"] if k in CueKind._value2member_map_
            )
        return cls(**known)
