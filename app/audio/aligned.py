"""The one clock-aligned ring reader: audio by capture time, not by sample count.

Output sample k of a window starting at time t0 is the ring sample captured at t0 + k / rate
(the ring's time map says which). A source that delivered nothing for that moment (a lost
device, a side without a device, a late callback) leaves silence there; samples that would go
back in time (a device that came back early) are skipped. The recorder writes its WAV through
it and the ring pump feeds the transcriber through it, so the file and the transcript agree on
when every word was said, gaps and all.
"""

from __future__ import annotations

import numpy as np

from app.audio.ringbuffer import RingBuffer, RingReader


class AlignedReader:
    """One ring read on the clock. `padded`/`skipped` count what alignment did; `dropped` what
    the ring overwrote before it was read (never silent)."""

    def __init__(self, ring: RingBuffer | None, t_start: float | None = None,
                 *, name: str = "aligned") -> None:  # fmt: skip
        """Reading starts at the sample captured at monotonic `t_start` (or the newest sample
        when None or not yet mapped)."""
        self.ring = ring
        self.reader: RingReader | None = None
        self.skipped = 0
        self.padded = 0
        if ring is not None:
            start = ring.written
            at_start = ring.index_at(t_start) if t_start is not None else None
            if at_start is not None:
                start = max(start, at_start)
            self.reader = ring.reader(start, name=name)

    @property
    def dropped(self) -> int:
        return self.reader.dropped if self.reader is not None else 0

    def ready_until(self) -> float | None:
        """Monotonic time up to which this ring has audio (None: no audio expected)."""
        if self.ring is None or not self.ring.has_timing:
            return None
        return self.ring.time_of(self.ring.written)

    def position_time(self) -> float | None:
        """Monotonic capture time of the next unread sample."""
        if self.ring is None or self.reader is None:
            return None
        return self.ring.time_of(self.reader.position)

    def fill(self, out: np.ndarray, t0: float, samplerate: int, tolerance: int,
             *, pad_tail: bool = True) -> int:  # fmt: skip
        """Fill `out` (zeros on entry) with the audio of times t0, t0 + 1/rate, ...; returns
        how much of `out` is filled. With `pad_tail` False it stops where the ring's samples
        end instead of padding the rest: a reader that follows a live ring must not invent
        silence for the last few milliseconds of capture-clock jitter (that would push real
        samples later and, once past the tolerance, drop them)."""
        ring, reader = self.ring, self.reader
        if ring is None or reader is None:
            return 0
        n = out.shape[0]
        pos = 0
        while pos < n:
            expected = ring.index_at(t0 + pos / samplerate)
            if expected is None:
                return n if pad_tail else pos
            if reader.position < expected - tolerance:
                # Behind the clock: skip, but not past what exists (a gap might end with a
                # new time map that puts the next samples later).
                target = min(expected, ring.written)
                self.skipped += max(0, target - reader.position)
                reader.skip_to(target)
            elif reader.position > expected + tolerance:
                gap = min(n - pos, reader.position - expected)
                self.padded += gap
                pos += gap
                continue
            available = ring.written - reader.position
            if available <= 0:
                if not pad_tail:
                    return pos
                self.padded += n - pos
                return n
            data = reader.read(min(n - pos, available))
            out[pos : pos + data.shape[0]] = data
            pos += data.shape[0]
        return n
