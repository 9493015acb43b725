"""Replaying a stored interview "as live": what appears when, and the clock that drives it.

A transcript line appears when it ends (a live transcriber commits a line once it is said), a
cue when its line does (time cues at their moment), a phase at its start. The clock runs at
1x to 4x, pauses and seeks; its time source is injectable so tests drive it by hand.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MIN_SPEED, MAX_SPEED = 1.0, 4.0
SPEEDS = (1.0, 1.5, 2.0, 3.0, 4.0)


class EventKind(StrEnum):
    LINE = "line"
    CUE = "cue"
    PHASE = "phase"


@dataclass(frozen=True)
class ReplayEvent:
    t: float  # when it appears, session time
    kind: EventKind
    index: int  # into the script's segments, cues or phases


@dataclass(frozen=True)
class PhaseWindow:
    index: int
    name: str
    start: float
    end: float


class ReplayScript:
    """The events of one interview in time order. `segments` are session.segments.Segment
    (or anything with start/end), `cues` anything with start/end."""

    def __init__(self, segments: Sequence[Any], cues: Sequence[Any],
                 phases: Sequence[PhaseWindow], end_t: float | None = None) -> None:  # fmt: skip
        self.segments = list(segments)
        self.cues = list(cues)
        self.phases = list(phases)
        events = [ReplayEvent(s.end, EventKind.LINE, i) for i, s in enumerate(self.segments)]
        events += [ReplayEvent(max(c.end, c.start), EventKind.CUE, i)
                   for i, c in enumerate(self.cues)]  # fmt: skip
        events += [ReplayEvent(p.start, EventKind.PHASE, i) for i, p in enumerate(self.phases)]
        # Phases first at a tie, then lines, then cues: a cue never shows before its line.
        order = {EventKind.PHASE: 0, EventKind.LINE: 1, EventKind.CUE: 2}
        self.events = sorted(events, key=lambda e: (e.t, order[e.kind], e.index))
        self._times = [e.t for e in self.events]
        last = max([e.t for e in self.events] + [0.0])
        self.start_t = min([s.start for s in self.segments] + [p.start for p in self.phases]
                           + [last])  # fmt: skip
        self.end_t = max(last, end_t or 0.0)

    def between(self, after: float, until: float) -> list[ReplayEvent]:
        """Events with after < t <= until (what a tick from `after` to `until` shows)."""
        lo = bisect.bisect_right(self._times, after)
        hi = bisect.bisect_right(self._times, until)
        return self.events[lo:hi]

    def until(self, t: float) -> list[ReplayEvent]:
        """Everything shown by time t (after a seek, the views are rebuilt from this)."""
        return self.events[: bisect.bisect_right(self._times, t)]

    def phase_at(self, t: float) -> int | None:
        current = None
        for i, p in enumerate(self.phases):
            if p.start <= t:
                current = i
        return current


class ReplayClock:
    """Session time that runs at `speed` while playing. `now` is the wall clock (seconds)."""

    def __init__(self, start_t: float = 0.0, end_t: float = float("inf"),
                 now: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self._now = now
        self.start_t = start_t
        self.end_t = end_t
        self._base_t = start_t  # session time at the last change
        self._base_wall = now()
        self.speed = 1.0
        self.playing = False

    def position(self) -> float:
        if not self.playing:
            return self._base_t
        t = self._base_t + (self._now() - self._base_wall) * self.speed
        return min(t, self.end_t)

    def _rebase(self) -> None:
        self._base_t = self.position()
        self._base_wall = self._now()

    def play(self) -> None:
        if not self.playing:
            self._base_wall = self._now()
            self.playing = True

    def pause(self) -> None:
        self._rebase()
        self.playing = False

    def set_speed(self, speed: float) -> float:
        self._rebase()
        self.speed = min(max(speed, MIN_SPEED), MAX_SPEED)
        return self.speed

    def seek(self, t: float) -> None:
        self._base_t = min(max(t, self.start_t), self.end_t)
        self._base_wall = self._now()

    @property
    def finished(self) -> bool:
        return self.position() >= self.end_t
