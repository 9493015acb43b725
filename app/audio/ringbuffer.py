"""A preallocated single-writer ring of float32 samples with independent reader cursors.

The writer is the PortAudio callback (or a file-feeding thread): `write(block)` only copies the
block into preallocated memory and moves a counter, no locks, no allocation of sample memory.
Every sample has an absolute index (0, 1, 2, ... since the ring was made); `written` is the index
of the next sample to be written. Readers (`ring.reader()`) keep their own absolute position, so
the recorder thread and the transcriber thread read the same ring at their own pace. A reader
that falls more than `capacity` samples behind has lost audio: `read()` skips to the oldest
sample still held and adds the lost count to `reader.dropped` (never silently).

Timing: the ring maps sample indices to `time.monotonic()` seconds through an anchor (an index
and the monotonic time of that sample), estimated by the writer from callback arrival times
(`write(block, t_end=...)`). After a gap (device lost and reopened) `mark_discontinuity()` makes
the next write set a new anchor. `time_of(index)` / `index_at(t)` convert, and `session_time_of`
subtracts the session origin (the monotonic time that is session time 0; see `set_origin`).
Only the newest anchor is kept, so a reader should be within a few seconds of the writer when a
device reconnects (the recorder and the pump read every 50-250 ms).

Level meters read the newest samples directly (`level_db()`, `peak()`), no second stream.
"""

from __future__ import annotations

import math
import threading
import time
import weakref

import numpy as np

SILENCE_DB = -120.0
# Callbacks can arrive late but never early; the earliest arrival over the first callbacks after
# an anchor gives the best estimate of when sample 0 was captured.
_ANCHOR_REFINE_WRITES = 30


class RingBuffer:
    """Single writer, many readers; `channels` > 1 only for raw device data before downmixing."""

    def __init__(
        self,
        capacity: int,
        samplerate: int,
        channels: int = 1,
        *,
        name: str = "",
    ) -> None:
        if capacity <= 0 or samplerate <= 0 or channels <= 0:
            raise ValueError("capacity, samplerate and channels must be positive")
        self.capacity = int(capacity)
        self.samplerate = int(samplerate)
        self.channels = int(channels)
        self.name = name
        self._buf = np.zeros((self.capacity, self.channels), dtype=np.float32)
        # Absolute index of the next sample; only the writer assigns it (an int store is atomic
        # under the GIL), after the samples are in place.
        self.written = 0
        self.writes = 0
        self.last_write_mono: float | None = None
        self._anchor_index: int | None = None
        self._anchor_time = 0.0
        self._anchor_writes = 0
        self._pending_discontinuity = True
        self.discontinuities = 0
        self.origin: float | None = None
        self._readers: weakref.WeakSet[RingReader] = weakref.WeakSet()
        self._readers_lock = threading.Lock()  # never taken by the writer

    # -- writing (the audio callback) ---------------------------------------------------------
    def write(self, block: np.ndarray, t_end: float | None = None) -> None:
        """Copy `block` ((frames,) or (frames, channels)) in; `t_end` is the monotonic time just
        after its last sample was captured (defaults to now)."""
        frames = block.shape[0]
        if frames == 0:
            return
        if block.ndim == 1:
            block = block.reshape(frames, 1)
        if frames > self.capacity:
            block = block[-self.capacity :]
            self.written += frames - self.capacity
            frames = self.capacity
        start = self.written % self.capacity
        first = min(frames, self.capacity - start)
        self._buf[start : start + first] = block[:first]
        if first < frames:
            self._buf[: frames - first] = block[first:]
        end_index = self.written + frames
        now = time.monotonic() if t_end is None else t_end
        self._update_anchor(end_index, now)
        self.written = end_index
        self.writes += 1
        self.last_write_mono = now

    def _update_anchor(self, end_index: int, t_end: float) -> None:
        if self._pending_discontinuity or self._anchor_index is None:
            self._pending_discontinuity = False
            self._anchor_index = end_index
            self._anchor_time = t_end
            self._anchor_writes = 1
            return
        if self._anchor_writes < _ANCHOR_REFINE_WRITES:
            self._anchor_writes += 1
            predicted = self._anchor_time + (end_index - self._anchor_index) / self.samplerate
            if t_end < predicted:
                # This block arrived earlier than the anchor predicts: the anchor was late.
                self._anchor_time -= predicted - t_end

    def mark_discontinuity(self) -> None:
        """The next write starts a new stretch of audio (after a device was lost and reopened)."""
        self._pending_discontinuity = True
        self.discontinuities += 1

    # -- time --------------------------------------------------------------------------------
    def set_origin(self, origin_mono: float) -> None:
        """The monotonic time that is session time 0."""
        self.origin = origin_mono

    @property
    def has_timing(self) -> bool:
        return self._anchor_index is not None

    def time_of(self, index: int) -> float | None:
        """Monotonic time at which sample `index` was captured (None before the first write)."""
        if self._anchor_index is None:
            return None
        return self._anchor_time + (index - self._anchor_index) / self.samplerate

    def index_at(self, t_mono: float) -> int | None:
        """The sample index captured at monotonic time `t_mono` (may be beyond `written`)."""
        if self._anchor_index is None:
            return None
        return self._anchor_index + round((t_mono - self._anchor_time) * self.samplerate)

    def session_time_of(self, index: int) -> float | None:
        """Seconds since the session origin at which sample `index` was captured."""
        t = self.time_of(index)
        if t is None:
            return None
        return t - (self.origin if self.origin is not None else 0.0)

    # -- reading -------------------------------------------------------------------------------
    @property
    def oldest(self) -> int:
        """The oldest absolute index still held."""
        return max(0, self.written - self.capacity)

    def reader(self, start: int | None = None, *, name: str = "") -> RingReader:
        """A cursor reading from absolute index `start` (default: the newest position, so only
        samples written from now on; use `ring.oldest` to read everything still held)."""
        r = RingReader(self, self.written if start is None else int(start), name=name)
        with self._readers_lock:
            self._readers.add(r)
        return r

    def readers(self) -> list[RingReader]:
        with self._readers_lock:
            return list(self._readers)

    def slowest_lag(self) -> int:
        """Samples the slowest live reader still has to read (0 without readers)."""
        lags = [self.written - r.position for r in self.readers() if not r.closed]
        return max(lags, default=0)

    def copy_range(self, begin: int, end: int) -> tuple[np.ndarray, int]:
        """Copy samples [begin, end) as (frames, channels); returns (data, first_valid_offset).

        Samples overwritten before or during the copy are left out: data starts at the first
        sample that was still intact, `first_valid_offset` samples after `begin`.
        """
        begin = max(begin, self.written - self.capacity)
        end = min(end, self.written)
        if end <= begin:
            return np.zeros((0, self.channels), dtype=np.float32), 0
        n = end - begin
        out = np.empty((n, self.channels), dtype=np.float32)
        start = begin % self.capacity
        first = min(n, self.capacity - start)
        out[:first] = self._buf[start : start + first]
        if first < n:
            out[first:] = self._buf[: n - first]
        # The writer may have lapped the copy while it ran: drop what it may have overwritten.
        lost = self.written - self.capacity - begin
        if lost > 0:
            lost = min(lost, n)
            return out[lost:], lost
        return out, 0

    def latest(self, frames: int) -> np.ndarray:
        """A copy of the newest `frames` samples (fewer at the start), channel 0 as 1-D."""
        end = self.written
        data, _ = self.copy_range(end - min(frames, self.capacity), end)
        return data[:, 0]

    # -- meters ----------------------------------------------------------------------------------
    def level_db(self, window_s: float = 0.1) -> float:
        """RMS level in dBFS of the newest `window_s` seconds (SILENCE_DB when nothing)."""
        x = self.latest(max(1, int(window_s * self.samplerate)))
        if x.size == 0:
            return SILENCE_DB
        rms = math.sqrt(float(np.mean(np.square(x, dtype=np.float64))))
        return max(SILENCE_DB, 20.0 * math.log10(rms)) if rms > 0 else SILENCE_DB

    def peak(self, window_s: float = 0.1) -> float:
        """Absolute peak (0..1) of the newest `window_s` seconds."""
        x = self.latest(max(1, int(window_s * self.samplerate)))
        return float(np.max(np.abs(x))) if x.size else 0.0


class RingReader:
    """A cursor into a RingBuffer; one thread owns each reader."""

    def __init__(self, ring: RingBuffer, position: int, *, name: str = "") -> None:
        self.ring = ring
        self.position = max(0, position)
        self.dropped = 0  # samples the writer overwrote before this reader got to them
        self.name = name
        self.closed = False

    def available(self) -> int:
        return max(0, self.ring.written - self.position)

    def lag_s(self) -> float:
        return self.available() / self.ring.samplerate

    def _take(self, max_frames: int | None) -> tuple[int, np.ndarray]:
        ring = self.ring
        end = ring.written
        oldest = end - ring.capacity
        if self.position < oldest:
            self.dropped += oldest - self.position
            self.position = oldest
        if max_frames is not None:
            end = min(end, self.position + max_frames)
        data, lost = ring.copy_range(self.position, end)
        self.dropped += lost
        first = self.position + lost
        self.position = first + data.shape[0]
        if ring.channels == 1:
            return first, data[:, 0]
        return first, data

    def read(self, max_frames: int | None = None) -> np.ndarray:
        """Everything new (at most `max_frames`): 1-D for a mono ring, else (frames, channels)."""
        return self._take(max_frames)[1]

    def read_indexed(self, max_frames: int | None = None) -> tuple[int, np.ndarray]:
        """Like read() but also returns the absolute index of the first sample returned, so the
        caller can timestamp it with `ring.session_time_of(index)`."""
        return self._take(max_frames)

    def skip_to(self, index: int) -> None:
        """Move forward to `index` (samples skipped on purpose are not counted as dropped)."""
        self.position = max(self.position, int(index))

    def close(self) -> None:
        self.closed = True
