from __future__ import annotations

import numpy as np
import pytest

from app.audio.pump import ClockReader
from app.audio.ringbuffer import RingBuffer

RATE = 16000


def test_clock_reader_fills_a_device_gap_with_silence_of_its_length() -> None:
    ring = RingBuffer(RATE * 10, RATE)
    ring.set_origin(50.0)
    reader = ClockReader(ring)
    ones = np.ones(1600, np.float32)
    for i in range(5):  # 0.0-0.5 s of session time
        ring.write(ones, t_end=50.0 + (i + 1) * 0.1)
    first = reader.read()
    assert reader.start_time == pytest.approx(0.0)
    ring.mark_discontinuity()  # lost for 1.5 s, then back
    for i in range(3):
        ring.write(2 * ones, t_end=52.0 + (i + 1) * 0.1)
    second = reader.read()
    out = np.concatenate([first, second])
    assert len(out) == pytest.approx(2.3 * RATE, abs=2)
    assert (out[: int(0.5 * RATE)] == 1).all()
    assert (out[int(0.5 * RATE) + 1 : int(2.0 * RATE) - 1] == 0).all()
    assert (out[int(2.0 * RATE) + 1 :] == 2).all()
    assert reader.padded == pytest.approx(1.5 * RATE, abs=2) and reader.dropped == 0


def test_clock_reader_counts_what_the_ring_overwrote() -> None:
    ring = RingBuffer(RATE, RATE)
    reader = ClockReader(ring)
    ring.write(np.zeros(1600, np.float32), t_end=1.1)
    reader.read()
    for i in range(15):
        ring.write(np.zeros(1600, np.float32), t_end=1.2 + i * 0.1)
    reader.read()
    assert reader.dropped == 8000


def test_capture_clock_jitter_neither_adds_silence_nor_drops_speech() -> None:
    """Real devices deliver blocks a few milliseconds early or late. Within the tolerance the
    transcriber must get exactly the samples captured: no invented silence at the end of a
    read, no samples skipped later to catch up (which once doubled a phrase live)."""
    ring = RingBuffer(RATE * 10, RATE)
    ring.set_origin(0.0)
    reader = ClockReader(ring)
    rng = np.random.default_rng(3)
    sent, got = [], []
    t = 1.0
    for _ in range(200):  # 20 s in 0.1 s blocks, each stamped with up to ±15 ms of jitter
        block = rng.standard_normal(1600).astype(np.float32)
        t += 0.1
        ring.write(block, t_end=t + rng.uniform(-0.015, 0.015))
        sent.append(block)
        got.append(reader.read())
    got.append(reader.read())
    assert reader.padded == 0 and reader.skipped == 0
    assert np.array_equal(np.concatenate(got), np.concatenate(sent))
