from __future__ import annotations

import threading

import numpy as np
import pytest

from app.audio.ringbuffer import SILENCE_DB, RingBuffer


def ramp(start: int, n: int) -> np.ndarray:
    return np.arange(start, start + n, dtype=np.float32)


def test_reader_gets_samples_across_the_wraparound_in_order() -> None:
    ring = RingBuffer(capacity=10, samplerate=16000)
    reader = ring.reader()
    got = []
    for i in range(7):  # 7 blocks of 3 = 21 samples through a 10-sample ring
        ring.write(ramp(3 * i, 3))
        got.append(reader.read())
    assert np.array_equal(np.concatenate(got), ramp(0, 21))
    assert reader.dropped == 0
    assert ring.written == 21


def test_two_readers_read_at_their_own_pace() -> None:
    ring = RingBuffer(capacity=100, samplerate=16000)
    fast, slow = ring.reader(), ring.reader()
    ring.write(ramp(0, 30))
    assert np.array_equal(fast.read(), ramp(0, 30))
    ring.write(ramp(30, 30))
    assert np.array_equal(fast.read(10), ramp(30, 10))
    assert np.array_equal(slow.read(), ramp(0, 60))
    assert np.array_equal(fast.read(), ramp(40, 20))
    assert fast.available() == slow.available() == 0


def test_overrun_is_counted_as_dropped_and_reader_resumes_at_oldest() -> None:
    ring = RingBuffer(capacity=10, samplerate=16000)
    reader = ring.reader()
    ring.write(ramp(0, 8))
    ring.write(ramp(8, 8))  # 16 written, only the last 10 held
    data = reader.read()
    assert reader.dropped == 6
    assert np.array_equal(data, ramp(6, 10))
    assert reader.position == 16


def test_read_indexed_reports_the_absolute_index_after_an_overrun() -> None:
    ring = RingBuffer(capacity=10, samplerate=16000)
    reader = ring.reader(0)
    ring.write(ramp(0, 25))  # a block larger than the ring keeps its newest part
    first, data = reader.read_indexed()
    assert first == 15
    assert np.array_equal(data, ramp(15, 10))
    assert reader.dropped == 15


def test_reader_starting_at_now_skips_older_samples() -> None:
    ring = RingBuffer(capacity=10, samplerate=16000)
    ring.write(ramp(0, 5))
    reader = ring.reader()
    ring.write(ramp(5, 3))
    assert np.array_equal(reader.read(), ramp(5, 3))
    oldest = ring.reader(ring.oldest)
    assert np.array_equal(oldest.read(), ramp(0, 8))


def test_concurrent_writer_and_reader_never_see_corrupt_or_missing_samples() -> None:
    ring = RingBuffer(capacity=4096, samplerate=16000)
    reader = ring.reader()
    total = 400_000
    done = threading.Event()

    def writer() -> None:
        for start in range(0, total, 160):
            ring.write(ramp(start, 160))
            if (start // 160) % 50 == 0:
                threading.Event().wait(0.0005)  # let the reader run
        done.set()

    t = threading.Thread(target=writer)
    t.start()
    chunks = []
    while not (done.is_set() and reader.available() == 0):
        first, data = reader.read_indexed()
        if data.size:
            # Whatever a reader gets is exactly the samples at those indices.
            assert np.array_equal(data, ramp(first, data.size))
            chunks.append(data.size)
    t.join()
    assert sum(chunks) + reader.dropped == total


def test_time_map_from_callback_times_and_refinement() -> None:
    ring = RingBuffer(capacity=16000, samplerate=16000)
    assert ring.time_of(0) is None and ring.index_at(5.0) is None
    ring.write(np.zeros(1600, np.float32), t_end=100.15)  # arrived 50 ms late
    ring.write(np.zeros(1600, np.float32), t_end=100.2)  # on time: the anchor moves earlier
    assert ring.time_of(0) == pytest.approx(100.0)
    assert ring.index_at(100.1) == 1600
    ring.set_origin(90.0)
    assert ring.session_time_of(3200) == pytest.approx(10.2)


def test_discontinuity_restarts_the_time_map() -> None:
    ring = RingBuffer(capacity=16000, samplerate=16000)
    ring.write(np.zeros(1600, np.float32), t_end=10.1)
    ring.mark_discontinuity()
    ring.write(np.zeros(1600, np.float32), t_end=20.1)  # the device came back 10 s later
    assert ring.time_of(1600) == pytest.approx(20.0)
    assert ring.index_at(20.1) == 3200


def test_level_meter_reads_the_newest_block() -> None:
    ring = RingBuffer(capacity=16000, samplerate=16000)
    assert ring.level_db() == SILENCE_DB
    ring.write(np.full(1600, 0.5, np.float32))
    assert ring.level_db() == pytest.approx(20 * np.log10(0.5), abs=0.01)
    assert ring.peak() == pytest.approx(0.5)
    ring.write(np.zeros(1600, np.float32))
    assert ring.level_db() == SILENCE_DB and ring.peak() == 0.0


def test_multichannel_ring_returns_frames_by_channels() -> None:
    ring = RingBuffer(capacity=8, samplerate=48000, channels=2)
    reader = ring.reader()
    block = np.stack([ramp(0, 6), -ramp(0, 6)], axis=1)
    ring.write(block)
    ring.write(block)
    data = reader.read()
    assert data.shape == (8, 2)
    assert reader.dropped == 4
    assert np.array_equal(data[:, 1], -np.concatenate([ramp(4, 2), ramp(0, 6)]))


def test_slowest_lag_tracks_live_readers() -> None:
    ring = RingBuffer(capacity=100, samplerate=16000)
    a = ring.reader()
    b = ring.reader()
    ring.write(ramp(0, 40))
    a.read()
    assert ring.slowest_lag() == 40
    b.close()
    assert ring.slowest_lag() == 0
