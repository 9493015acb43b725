"""What the review timeline shows, and what lies under a point of it (Qt-free, testable)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    CUE = "cue"
    MARK = "mark"
    NOTE = "note"
    CONSENT = "consent"
    CARD = "card"
    COMMENT = "comment"


@dataclass(frozen=True)
class PhaseBand:
    index: int
    name: str
    start: float
    end: float


@dataclass(frozen=True)
class TimelineItem:
    kind: ItemKind
    t: float
    title: str  # e.g. the cue kind
    detail: str = ""  # what was said, the suggestion, the note
    ref: int | None = None  # the stored row it shows (a comment thread), when it matters


@dataclass(frozen=True)
class TimelineData:
    start: float
    end: float
    phases: tuple[PhaseBand, ...] = ()
    items: tuple[TimelineItem, ...] = ()

    @property
    def length(self) -> float:
        return max(self.end - self.start, 1e-6)

    def x_of(self, t: float, width: float) -> float:
        return (t - self.start) / self.length * width

    def t_at(self, x: float, width: float) -> float:
        return self.start + min(max(x / max(width, 1.0), 0.0), 1.0) * self.length

    def item_near(self, x: float, width: float, tolerance_px: float = 5.0,
                  kinds: tuple[ItemKind, ...] | None = None) -> TimelineItem | None:  # fmt: skip
        best: TimelineItem | None = None
        best_d = tolerance_px
        for item in self.items:
            if kinds is not None and item.kind not in kinds:
                continue
            d = abs(self.x_of(item.t, width) - x)
            if d <= best_d:
                best, best_d = item, d
        return best

    def phase_at(self, t: float) -> PhaseBand | None:
        for band in self.phases:
            if band.start <= t < band.end:
                return band
        return None
