"""Recorder and FileSource together (no sound server needed): consent, alignment, errors."""

from __future__ import annotations

import errno
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.audio.filesource import FileSource
from app.audio.recorder import Recorder, RecorderState
from app.audio.recording_file import WavAppender, find_unfinished_recordings, marker_path
from app.audio.ringbuffer import RingBuffer
from app.audio.source import CaptureStatus
from app.session.consent import ConsentError
from app.session.segments import Speaker

RATE = 16000


def bursts(
    total_s: float, spans: list[tuple[float, float]], freq: float, rate: int = RATE
) -> np.ndarray:
    x = np.zeros(int(total_s * rate), np.float32)
    t = np.arange(len(x)) / rate
    for a, b in spans:
        m = (t >= a) & (t < b)
        x[m] = 0.5 * np.sin(2 * np.pi * freq * t[m])
    return x


def loud(x: np.ndarray, block_s: float = 0.05) -> np.ndarray:
    """Per-block True where the channel carries the tone."""
    n = int(block_s * RATE)
    blocks = x[: len(x) // n * n].reshape(-1, n)
    return np.sqrt(np.mean(blocks**2, axis=1)) > 0.05


def first_loud(x: np.ndarray, block_s: float = 0.05) -> float:
    return float(np.argmax(loud(x, block_s)) * block_s)


def stereo_file(tmp_path: Path) -> Path:
    mic = bursts(4.0, [(0.5, 1.0), (3.0, 3.5)], 440)
    call = bursts(4.0, [(1.5, 2.5)], 660)
    path = tmp_path / "call.wav"
    sf.write(path, np.stack([mic, call], axis=1), RATE)
    return path


def record_whole(source: FileSource, path: Path, **kwargs: object) -> Recorder:
    rec = Recorder(source, path, consent_granted=lambda: True, tick_s=0.02, **kwargs)  # type: ignore[arg-type]
    rec.start()  # before the source: a fast FileSource's clock starts at its first sample
    source.start()
    assert source.wait_finished(20)
    deadline = time.monotonic() + 10
    while rec.recording and time.monotonic() < deadline:
        time.sleep(0.01)
    return rec


def test_file_source_recording_keeps_channels_and_timing(tmp_path: Path) -> None:
    source = FileSource(stereo_file(tmp_path), realtime=False)
    rec = record_whole(source, tmp_path / "rec.wav")
    assert rec.state is RecorderState.STOPPED and rec.stop_reason == "source finished"
    data, rate = sf.read(tmp_path / "rec.wav")
    assert rate == RATE and data.shape[1] == 2
    assert data.shape[0] == pytest.approx(4.0 * RATE, abs=RATE * 0.1)
    mic, call = loud(data[:, 0]), loud(data[:, 1])
    t = np.arange(len(mic)) * 0.05
    assert np.array_equal(mic, ((t >= 0.5) & (t < 1.0)) | ((t >= 3.0) & (t < 3.5)))
    assert np.array_equal(call, (t >= 1.5) & (t < 2.5))
    assert not marker_path(tmp_path / "rec.wav").exists()


def test_mono_file_feeds_only_its_speaker_and_recording_pads_the_other(tmp_path: Path) -> None:
    path = tmp_path / "mic.wav"
    sf.write(path, bursts(2.0, [(1.0, 1.5)], 440, 22050), 22050)  # not 16 kHz: resampled
    source = FileSource(path, realtime=False)
    assert set(source.rings) == {Speaker.INTERVIEWER}
    assert "no participant" in source.status().message
    rec = record_whole(source, tmp_path / "rec.wav")
    data, _ = sf.read(tmp_path / "rec.wav")
    assert data.shape[1] == 2 and np.max(np.abs(data[:, 1])) == 0.0
    assert first_loud(data[:, 0]) == pytest.approx(1.0, abs=0.06)
    assert rec.info().duration_s == pytest.approx(2.0, abs=0.1)


def test_declined_consent_writes_no_file(tmp_path: Path) -> None:
    source = FileSource(stereo_file(tmp_path), realtime=False)
    rec = Recorder(source, tmp_path / "rec.wav", consent_granted=lambda: False)
    source.start()
    with pytest.raises(ConsentError):
        rec.start()
    source.wait_finished(10)
    source.stop()
    assert not (tmp_path / "rec.wav").exists()
    assert list(tmp_path.glob("rec*")) == []


def test_consent_granted_mid_file_records_only_what_follows(tmp_path: Path) -> None:
    source = FileSource(stereo_file(tmp_path), realtime=True, speed=4.0)
    source.start()
    while source.clock() - source.origin < 1.2:  # past the first interviewer burst
        time.sleep(0.005)
    rec = Recorder(source, tmp_path / "rec.wav", consent_granted=lambda: True, tick_s=0.05)
    rec.start()
    assert source.wait_finished(10)
    while rec.recording:
        time.sleep(0.01)
    data, _ = sf.read(tmp_path / "rec.wav")
    assert rec.offset_s == pytest.approx(1.2, abs=0.1)
    # The 0.5-1.0 s burst came before consent; the recording starts at offset_s.
    assert first_loud(data[:, 0]) + rec.offset_s == pytest.approx(3.0, abs=0.1)
    assert first_loud(data[:, 1]) + rec.offset_s == pytest.approx(1.5, abs=0.1)
    assert data.shape[0] / RATE + rec.offset_s == pytest.approx(4.0, abs=0.15)


def test_revoking_consent_stops_the_recording(tmp_path: Path) -> None:
    source = FileSource(stereo_file(tmp_path), realtime=True, speed=2.0)
    granted = [True]
    stopped: list[str] = []
    rec = Recorder(
        source, tmp_path / "rec.wav", lambda: granted[0], on_stopped=stopped.append, tick_s=0.05
    )
    source.start()
    rec.start()
    while source.clock() - source.origin < 2.0:
        time.sleep(0.005)
    granted[0] = False
    revoked_at = source.clock() - source.origin
    deadline = time.monotonic() + 5
    while rec.recording and time.monotonic() < deadline:
        time.sleep(0.01)
    assert rec.state is RecorderState.STOPPED and stopped == ["consent revoked"]
    source.stop()
    data, _ = sf.read(tmp_path / "rec.wav")
    # Nothing after the revocation; the file is complete and readable.
    assert data.shape[0] / RATE + rec.offset_s <= revoked_at + 0.05
    assert not loud(data[:, 0])[int(2.9 / 0.05) :].any()


class FillingDisk:
    """A file object whose disk fills after `room` bytes: a short write, then ENOSPC."""

    def __init__(self, f: object, room: int) -> None:
        self._f = f
        self.room = room

    def write(self, data: bytes | memoryview) -> int:
        pos = self._f.tell()  # type: ignore[attr-defined]
        end = pos + len(data)
        if end > self.room:
            if pos >= self.room:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self._f.write(bytes(data)[: self.room - pos])  # type: ignore[attr-defined]
        return self._f.write(data)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._f, name)


def test_disk_full_keeps_what_was_written_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = 44 + 4 * RATE + 1234  # a bit over 1 s of stereo int16, not on a frame boundary
    original_init = WavAppender.__init__

    def init(self: WavAppender, *args: object) -> None:
        original_init(self, *args)  # type: ignore[arg-type]
        self._f = FillingDisk(self._f, room)  # type: ignore[assignment]

    monkeypatch.setattr(WavAppender, "__init__", init)
    errors: list[str] = []
    source = FileSource(stereo_file(tmp_path), realtime=False)
    rec = Recorder(source, tmp_path / "rec.wav", lambda: True, on_error=errors.append, tick_s=0.02)
    rec.start()
    source.start()
    deadline = time.monotonic() + 10
    while rec.recording and time.monotonic() < deadline:
        time.sleep(0.01)
    source.stop()
    assert rec.state is RecorderState.FAILED
    assert errors and "No space left" in errors[0] and rec.error == errors[0]
    data, _ = sf.read(tmp_path / "rec.wav")  # readable, whole frames only
    assert data.shape[0] == rec.frames_written
    assert RATE * 0.9 <= rec.frames_written <= RATE + 1234 // 4
    assert (tmp_path / "rec.wav").stat().st_size == 44 + 4 * rec.frames_written
    assert find_unfinished_recordings(tmp_path) == []


def test_recorder_refuses_to_start_twice(tmp_path: Path) -> None:
    source = FileSource(stereo_file(tmp_path), realtime=False)
    rec = record_whole(source, tmp_path / "rec.wav")
    with pytest.raises(RuntimeError):
        rec.start()


def test_stop_drains_to_the_moment_of_stop(tmp_path: Path) -> None:
    source = FileSource(stereo_file(tmp_path), realtime=True, speed=2.0)
    rec = Recorder(source, tmp_path / "rec.wav", lambda: True)
    source.start()
    rec.start()
    while source.clock() - source.origin < 3.3:
        time.sleep(0.005)
    stop_t = source.clock() - source.origin
    info = rec.stop()
    source.stop()
    assert info.stop_reason == "stopped"
    assert info.offset_s + info.duration_s == pytest.approx(stop_t, abs=0.03)
    data, _ = sf.read(tmp_path / "rec.wav")
    assert loud(data[:, 0])[int((3.05 - info.offset_s) / 0.05)]  # the tail made it in


class ScriptedSource:
    """Rings written by the test on a clock the test moves: gaps and late devices on demand."""

    samplerate = RATE

    def __init__(self, speakers: tuple[Speaker, ...]) -> None:
        self.rings = {s: RingBuffer(RATE * 10, RATE, name=s.value) for s in speakers}
        self.now = 100.0
        self.origin = 100.0
        self.finished = False

    def clock(self) -> float:
        return self.now

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def set_origin(self, origin_mono: float) -> None:
        self.origin = origin_mono

    def status(self) -> CaptureStatus:
        return CaptureStatus()


def test_a_source_that_stops_and_comes_back_is_padded_and_stays_aligned(tmp_path: Path) -> None:
    source = ScriptedSource((Speaker.INTERVIEWER, Speaker.PARTICIPANT))
    rec = Recorder(source, tmp_path / "rec.wav", lambda: True, tick_s=0.005)  # type: ignore[arg-type]
    rec.start()
    mic = bursts(4.0, [(0.0, 4.0)], 440)
    call = bursts(4.0, [(0.0, 1.0), (2.0, 3.0)], 660)
    block = RATE // 10
    for step in range(40):
        t_end = 100.0 + (step + 1) * 0.1
        chunk = slice(step * block, (step + 1) * block)
        source.rings[Speaker.INTERVIEWER].write(mic[chunk], t_end)
        if step == 20:  # the call device is back after a 1 s gap
            source.rings[Speaker.PARTICIPANT].mark_discontinuity()
        if not 10 <= step < 20:
            source.rings[Speaker.PARTICIPANT].write(call[chunk], t_end)
        source.now = t_end + 0.02  # callbacks arrive a little after the block ends
        time.sleep(0.01)
    info = rec.stop()
    assert info.duration_s == pytest.approx(4.0, abs=0.03)
    data, _ = sf.read(tmp_path / "rec.wav")
    assert loud(data[:, 0]).all()
    t = np.arange(len(loud(data[:, 1]))) * 0.05
    expected = (t < 1.0) | ((t >= 2.0) & (t < 3.0))
    # The padded silence sits where the device was missing; allow one block at each edge.
    mismatch = np.flatnonzero(loud(data[:, 1]) != expected)
    assert all(min(abs(t[i] - e) for e in (1.0, 2.0, 3.0)) <= 0.05 for i in mismatch)
    assert rec.info().dropped == {Speaker.INTERVIEWER: 0, Speaker.PARTICIPANT: 0}


def test_one_file_per_speaker_with_different_rates(tmp_path: Path) -> None:
    sf.write(tmp_path / "me.wav", bursts(1.0, [(0.2, 0.4)], 440, 48000), 48000)
    sf.write(tmp_path / "them.flac", bursts(1.5, [(1.0, 1.2)], 660, 22050), 22050)
    source = FileSource(tmp_path / "me.wav", participant=tmp_path / "them.flac", realtime=False)
    assert source.duration_s == pytest.approx(1.5, abs=0.01)  # the shorter one is padded
    reader = source.rings[Speaker.PARTICIPANT].reader()
    source.start()
    assert source.wait_finished(5)
    first, data = reader.read_indexed()
    source.stop()
    ring = source.rings[Speaker.PARTICIPANT]
    assert ring.session_time_of(first) == pytest.approx(0.0, abs=1e-6)
    assert first_loud(data) == pytest.approx(1.0, abs=0.05)
    assert source.status().sources[Speaker.PARTICIPANT].state.value == "finished"
