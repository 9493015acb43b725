"""Live display pacing: at most one cue on screen; the same kind not again within a minute.

A cue that arrives while another is showing waits (the most severe one waiting is kept) and
goes on screen when the first is dismissed or expires, if it is still fresh; a stale cue is
only kept for review. Pure Python with the time passed in: the owner polls `release()` from
its timer, and tests drive it with made-up times.
"""

from __future__ import annotations

from app.coach.cues import Cue, CueKind

# How long a cue stays on screen: the throttle's pacing and the banner's auto-hide are one number.
CUE_DISPLAY_S = 8.0


class CueThrottle:
    def __init__(
        self, display_s: float = CUE_DISPLAY_S, same_kind_gap_s: float = 60.0, max_wait_s: float = 10.0
    ) -> None:
        self.display_s = display_s
        self.same_kind_gap_s = same_kind_gap_s
        self.max_wait_s = max_wait_s
        self._shown: Cue | None = None
        self._shown_at = 0.0
        self._waiting: Cue | None = None
        self._waiting_since = 0.0
        self._last_by_kind: dict[CueKind, float] = {}

    def current(self, now: float) -> Cue | None:
        """The cue to show at `now`, or None once its display time is over."""
        if self._shown is not None and now - self._shown_at >= self.display_s:
            self._shown = None
        return self._shown

    def _too_soon(self, cue: Cue, now: float) -> bool:
        last = self._last_by_kind.get(cue.kind)
        return last is not None and now - last < self.same_kind_gap_s

    def _show(self, cue: Cue, now: float) -> None:
        self._shown, self._shown_at = cue, now
        self._last_by_kind[cue.kind] = now

    def offer(self, cue: Cue, now: float) -> bool:
        """True when the cue goes on screen now (it replaces nothing of higher severity)."""
        if self._too_soon(cue, now):
            return False
        shown = self.current(now)
        if shown is not None and cue.severity.rank <= shown.severity.rank:
            waiting = self._waiting
            if waiting is None or cue.severity.rank >= waiting.severity.rank:
                self._waiting, self._waiting_since = cue, now
            return False
        self._show(cue, now)
        return True

    def release(self, now: float) -> Cue | None:
        """The waiting cue, once the screen is free and if it is still fresh; else None."""
        waiting = self._waiting
        if waiting is None or self.current(now) is not None:
            return None
        self._waiting = None
        if now - self._waiting_since > self.max_wait_s or self._too_soon(waiting, now):
            return None
        self._show(waiting, now)
        return waiting

    def dismiss(self) -> None:
        self._shown = None
