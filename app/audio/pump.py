"""A ring read by its consumer (the live transcriber, on its own thread) on one continuous
timeline per speaker.

`ClockReader` reads a ring through the one clock-aligned reader (app.audio.aligned), so that
its k-th output sample was captured at
`start_time + k / 16000` (session seconds): when a device was lost and came back, the gap is
filled with silence (the time map of the ring says how long it was) and audio that would go
backwards in time is skipped. A consumer that counts samples therefore timestamps words right
without knowing about gaps. Nothing is padded in advance: it only returns audio that exists.
Samples the ring overwrote before they were read are counted in `dropped` (never silent).
"""

from __future__ import annotations

import logging

import numpy as np

from app.audio.aligned import AlignedReader
from app.audio.ringbuffer import RingBuffer

log = logging.getLogger(__name__)


class ClockReader:
    """A ring read on the session clock from its first sample on (an `AlignedReader` whose
    window grows with what the ring holds): output sample k was captured at
    `start_time + k / rate` session seconds."""

    def __init__(self, ring: RingBuffer, *, tolerance_s: float = 0.06) -> None:
        self.ring = ring
        self.aligned = AlignedReader(ring, name="clock-reader")
        self.tolerance = max(1, round(tolerance_s * ring.samplerate))
        self.start_time: float | None = None  # session time of output sample 0
        self._start_mono: float | None = None
        self.emitted = 0  # output samples so far (silence included)

    @property
    def dropped(self) -> int:
        return self.aligned.dropped

    @property
    def padded(self) -> int:
        return self.aligned.padded

    @property
    def skipped(self) -> int:
        return self.aligned.skipped

    def read(self) -> np.ndarray:
        """All audio captured up to the ring's newest sample, gaps filled; empty until the
        ring has a time map. Nothing is padded beyond what the ring holds."""
        ring = self.ring
        if self._start_mono is None:
            first = self.aligned.position_time()
            if first is None or self.aligned.reader is None or not self.aligned.reader.available():
                return np.zeros(0, dtype=np.float32)
            self._start_mono = first
            self.start_time = ring.session_time_of(self.aligned.reader.position)
        until = self.aligned.ready_until()
        if until is None:
            return np.zeros(0, dtype=np.float32)
        # Up to the time of the newest sample (gaps included), and never less than what the
        # ring holds: a time map refined a little earlier must not leave samples behind.
        assert self.aligned.reader is not None
        n = max(round((until - self._start_mono) * ring.samplerate) - self.emitted,
                self.aligned.reader.available())  # fmt: skip
        if n <= 0:
            return np.zeros(0, dtype=np.float32)
        out = np.zeros(n, dtype=np.float32)
        filled = self.aligned.fill(out, self._start_mono + self.emitted / ring.samplerate,
                                   ring.samplerate, self.tolerance, pad_tail=False)  # fmt: skip
        self.emitted += filled
        return out[:filled]
