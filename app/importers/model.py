"""What an imported transcript is: timed turns with the names the source gave them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.session.segments import Speaker


class TranscriptFormat(StrEnum):
    JSONL = "jsonl"
    VTT = "vtt"
    SRT = "srt"
    TEXT = "text"  # `Name: text` turns, Otter `Name  m:ss` headers, Markdown `**Name:**` turns


class TranscriptFormatError(ValueError):
    """A file that cannot be read as a transcript; `line` is 1-based (0 when not known)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True, slots=True)
class ImportedSegment:
    """One utterance as the file gave it. `role` is set only when the file names roles."""

    start: float
    end: float
    text: str
    speaker_name: str | None = None
    role: Speaker | None = None

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass(frozen=True, slots=True)
class Mark:
    """A moment the file marks: a phase change (phase_index set) or a plain note."""

    t: float
    label: str = ""
    phase_index: int | None = None


@dataclass(frozen=True)
class Transcript:
    segments: tuple[ImportedSegment, ...]
    format: TranscriptFormat
    marks: tuple[Mark, ...] = field(default=())
    timing_estimated: bool = False  # True when the file had no times and we derived them
    source: str = ""

    def speaker_names(self) -> list[str]:
        """Distinct speaker names in order of first appearance."""
        seen: dict[str, None] = {}
        for seg in self.segments:
            if seg.speaker_name:
                seen.setdefault(seg.speaker_name, None)
        return list(seen)

    @property
    def start(self) -> float:
        return min((s.start for s in self.segments), default=0.0)

    @property
    def end(self) -> float:
        return max((s.end for s in self.segments), default=0.0)
