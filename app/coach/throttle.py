"""Live display pacing: at most one cue on screen; the same kind not again within a minute.

Pure Python with the time passed in, so the UI calls it from a timer and tests drive it.
"""

from __future__ import annotations

from app.coach.cues import Cue, CueKind


class CueThrottle:
    def __init__(self, display_s: float = 8.0, same_kind_gap_s: float = 60.0) -> None:
        self.display_s = display_s
        self.same_kind_gap_s = same_kind_gap_s
        self._shown: Cue | None = None
        self._shown_at = 0.0
        self._last_by_kind: dict[CueKind, float] = {}

    def current(self, now: float) -> Cue | None:
        """The cue to show at `now`, or None once its display time is over."""
        if self._shown is not None and now - self._shown_at >= self.display_s:
            self._shown = None
        return self._shown

    def offer(self, cue: Cue, now: float) -> bool:
        """True when the cue goes on screen now (it replaces nothing of higher severity)."""
        last = self._last_by_kind.get(cue.kind)
        if last is not None and now - last < self.same_kind_gap_s:
            return False
        shown = self.current(now)
        if shown is not None and cue.severity.rank <= shown.severity.rank:
            return False
        self._shown, self._shown_at = cue, now
        self._last_by_kind[cue.kind] = now
        return True

    def dismiss(self) -> None:
        self._shown = None
