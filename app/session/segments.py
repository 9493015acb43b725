"""Transcript data shared by the transcriber, the coach, the store and the importers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Speaker(StrEnum):
    INTERVIEWER = "interviewer"
    PARTICIPANT = "participant"


@dataclass(frozen=True, slots=True)
class Word:
    word: str
    start: float
    end: float
    probability: float = 1.0


@dataclass(frozen=True, slots=True)
class Segment:
    """One final utterance. Times are seconds from the start of the session (or file)."""

    speaker: Speaker
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = field(default=())
    speaker_name: str | None = None  # as the source named them (a transcript import), if any

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)
