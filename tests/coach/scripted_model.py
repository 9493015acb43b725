"""A cue model that answers from a script: the engine's orchestration (phases, turns, pacing,
switches) tested without depending on what the trained model thinks of made-up lines."""

from __future__ import annotations

from app.coach.cues import CueKind
from app.coach.model import KindScore, kinds_for
from app.coach.parse import ParsedTurn
from app.session.segments import Speaker


class ScriptedModel:
    def __init__(self, script: dict[str, dict[CueKind, float]], live_at: float = 0.8) -> None:
        self.script = script
        self.live_at = live_at
        self.seen: list[ParsedTurn] = []

    def score(self, turn: ParsedTurn, speaker: Speaker, *, live_offset=None) -> list[KindScore]:
        self.seen.append(turn)
        found = self.script.get(turn.text, {})
        out = []
        for kind, p in found.items():
            if kind in kinds_for(speaker):
                live_at = self.live_at + (live_offset or {}).get(kind, 0.0)
                out.append(KindScore(kind, p, turn.text, p >= live_at))
        return out
