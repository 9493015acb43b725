"""Play audio files into ring buffers: the same interface as AudioCapture, for tests and benches.

    source = FileSource("call.wav")                        # stereo: ch1 interviewer, ch2 participant
    source = FileSource("me.wav", participant="them.flac")  # one file per speaker
    source = FileSource("mono.wav", mono_speaker=Speaker.PARTICIPANT, realtime=False)
    source.start(); ...; source.wait_finished(); source.stop()

Files (WAV, FLAC, anything libsndfile reads) are converted to 16 kHz mono per speaker up front.
A feeder thread writes 100 ms blocks into each ring. `realtime=True` paces them by the wall clock
(times `speed`); `realtime=False` writes as fast as the readers keep up: it waits while the
slowest reader of a ring is near a full ring behind, so nothing is overwritten unread.

Time: the ring time maps are exact (sample i of the file is at `t0 + i / 16000`), and `clock()`
is the file's own time: in realtime mode the wall clock scaled by `speed`, otherwise the time of
the audio fed so far, so the Recorder stays aligned whichever mode runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import soundfile as sf

from app.audio.resample import TARGET_RATE, resample
from app.audio.ringbuffer import RingBuffer
from app.audio.source import CaptureStatus, SourceState, SourceStatus, level_db, peak
from app.session.segments import Speaker


def load_mono_16k(path: str | Path, channel: int | None = None) -> np.ndarray:
    """One channel (or the mix when `channel` is None) of a file, as 16 kHz mono float32."""
    data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    x = data.mean(axis=1) if channel is None else data[:, channel]
    x = np.ascontiguousarray(x, dtype=np.float32)
    return x if rate == TARGET_RATE else resample(x, rate, TARGET_RATE)


class FileSource:
    def __init__(
        self,
        path: str | Path,
        *,
        participant: str | Path | None = None,
        mono_speaker: Speaker = Speaker.INTERVIEWER,
        realtime: bool = True,
        speed: float = 1.0,
        block_s: float = 0.1,
        ring_seconds: float = 120.0,
        tracks: Mapping[Speaker, np.ndarray] | None = None,
    ) -> None:
        """`tracks` (16 kHz mono arrays per speaker) replaces the files when given."""
        self.samplerate = TARGET_RATE
        self.path = Path(path)
        self.realtime = realtime
        self.speed = float(speed)
        self.block = max(1, round(block_s * self.samplerate))
        self._tracks = dict(tracks) if tracks is not None else self._load(participant, mono_speaker)
        length = max(len(t) for t in self._tracks.values())
        for speaker, track in self._tracks.items():
            if len(track) < length:  # pad so both speakers stay on one timeline
                self._tracks[speaker] = np.concatenate(
                    [track, np.zeros(length - len(track), dtype=np.float32)]
                )
        self.length = length
        capacity = int(ring_seconds * self.samplerate)
        self.rings: Mapping[Speaker, RingBuffer] = {
            s: RingBuffer(capacity, self.samplerate, name=s.value) for s in self._tracks
        }
        self.fed = 0  # samples written into each ring so far
        # Fast mode runs on the file's own clock, fixed now, so a Recorder started before
        # start() begins exactly at sample 0; realtime mode starts its clock in start().
        self._t0: float | None = None if realtime else time.monotonic()
        self._origin: float | None = None
        self._stop = threading.Event()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None
        self._error = ""

    def _load(
        self, participant: str | Path | None, mono_speaker: Speaker
    ) -> dict[Speaker, np.ndarray]:
        if participant is not None:
            return {
                Speaker.INTERVIEWER: load_mono_16k(self.path),
                Speaker.PARTICIPANT: load_mono_16k(participant),
            }
        channels = sf.info(str(self.path)).channels
        if channels >= 2:
            return {
                Speaker.INTERVIEWER: load_mono_16k(self.path, 0),
                Speaker.PARTICIPANT: load_mono_16k(self.path, 1),
            }
        return {mono_speaker: load_mono_16k(self.path)}

    @property
    def duration_s(self) -> float:
        return self.length / self.samplerate

    # -- life cycle ------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        if self.realtime or self._t0 is None:
            self._t0 = time.monotonic()
        if self._origin is None:
            self.set_origin(self._t0)
        self._thread = threading.Thread(target=self._feed, name="file-source", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def wait_finished(self, timeout: float | None = None) -> bool:
        return self._finished.wait(timeout)

    def __enter__(self) -> FileSource:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _feed(self) -> None:
        assert self._t0 is not None
        t0 = self._t0
        try:
            while self.fed < self.length and not self._stop.is_set():
                end = min(self.length, self.fed + self.block)
                if self.realtime:
                    due = t0 + (end / self.samplerate) / self.speed
                    delay = due - time.monotonic()
                    if delay > 0 and self._stop.wait(delay):
                        break
                else:
                    self._wait_for_readers(end - self.fed)
                    if self._stop.is_set():
                        break
                t_end = t0 + end / self.samplerate
                for speaker, ring in self.rings.items():
                    ring.write(self._tracks[speaker][self.fed : end], t_end)
                self.fed = end
        except Exception as exc:  # noqa: BLE001 - any read error is reported through status()
            self._error = str(exc)
        finally:
            if self.fed >= self.length:
                self._finished.set()

    def _wait_for_readers(self, frames: int) -> None:
        room = min(r.capacity for r in self.rings.values()) - 2 * frames
        while not self._stop.is_set() and any(r.slowest_lag() > room for r in self.rings.values()):
            time.sleep(0.005)

    # -- the AudioSource interface ---------------------------------------------------------------
    def clock(self) -> float:
        t0 = self._t0 if self._t0 is not None else time.monotonic()
        if self.realtime:
            return t0 + (time.monotonic() - t0) * self.speed
        return t0 + self.fed / self.samplerate

    def set_origin(self, origin_mono: float) -> None:
        """Default: the time of the file's first sample."""
        self._origin = origin_mono
        for ring in self.rings.values():
            ring.set_origin(origin_mono)

    @property
    def origin(self) -> float:
        if self._origin is not None:
            return self._origin
        return self._t0 if self._t0 is not None else 0.0

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def status(self) -> CaptureStatus:
        if self._finished.is_set():
            state = SourceState.FINISHED
        elif self._error:
            state = SourceState.ERROR
        elif self._thread is not None and not self._stop.is_set():
            state = SourceState.RUNNING
        else:
            state = SourceState.STOPPED
        sources = {
            s: SourceStatus(s, self.path.name, state, self._error, device_samplerate=TARGET_RATE)
            for s in self.rings
        }
        message = self._error
        if Speaker.PARTICIPANT not in sources:
            message = (message + " " if message else "") + "The file has no participant channel."
        return CaptureStatus(sources=sources, message=message)

    def level_db(self, speaker: Speaker, window_s: float = 0.1) -> float:
        return level_db(self, speaker, window_s)

    def peak(self, speaker: Speaker, window_s: float = 0.1) -> float:
        return peak(self, speaker, window_s)
