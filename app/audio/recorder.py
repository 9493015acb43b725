"""The consent-gated recorder: both speakers into one 2-channel 16 kHz WAV, aligned in time.

    recorder = Recorder(capture, path, consent_granted=session.can_record, on_error=banner)
    recorder.start()        # raises ConsentError unless consent_granted() is True
    ...
    info = recorder.stop()  # drains to the moment of stop; RecordingInfo

Nothing reaches the disk before start(): the file is created in start(), after the consent
check, and the readers begin at the ring position of that moment (audio captured before consent
stays in memory only). Channel 1 is the interviewer (microphone), channel 2 the participant.

Alignment: output frame k is the audio captured at `t_start + k / 16000` on the source's clock.
For each channel the writer reads the ring sample its time map gives for that moment; a source
that delivers nothing (microphone only, device lost, late) is padded with silence, a source ahead
of the clock is skipped forward, so the channels never slide apart by more than `tolerance_s`.

The writer thread wakes every `tick_s`, writes everything older than `margin_s` (or older than
`max_wait_s` when a source is late), patches the WAV header and flushes: a kill -9 loses at most
about max_wait_s + tick_s (< 1 s). If consent_granted() turns False (revoked, session ended) the
recorder stops at once without writing more; `on_stopped(reason)` tells the UI, which may offer
`delete_recording(path)`. A write error (disk full) stops the writing, keeps what was written
readable, sets `error` and calls `on_error(message)`; capture goes on.

`offset_s` is where sample 0 sits in the session timeline (t_start - source.origin); it is kept
in the marker file and in RecordingInfo for the store.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import numpy as np

from app.audio.aligned import AlignedReader
from app.audio.recording_file import WavAppender, remove_marker, write_marker
from app.audio.source import AudioSource
from app.session.consent import ConsentError
from app.session.segments import Speaker

log = logging.getLogger(__name__)

CHANNEL_ORDER: tuple[Speaker, ...] = (Speaker.INTERVIEWER, Speaker.PARTICIPANT)


class RecorderState(StrEnum):
    IDLE = "idle"
    RECORDING = "recording"
    STOPPED = "stopped"
    FAILED = "failed"  # a write error; what was written is kept


@dataclass(frozen=True)
class RecordingInfo:
    path: Path
    samplerate: int
    channels: int
    frames: int
    offset_s: float
    stop_reason: str
    error: str | None = None
    dropped: dict[Speaker, int] = field(default_factory=dict)

    @property
    def duration_s(self) -> float:
        return self.frames / self.samplerate


def _to_int16(x: np.ndarray) -> np.ndarray:
    return (np.clip(x, -1.0, 1.0) * 32767.0).astype(np.int16)


class Recorder:
    def __init__(
        self,
        source: AudioSource,
        path: str | Path,
        consent_granted: Callable[[], bool],
        *,
        on_error: Callable[[str], None] | None = None,
        on_stopped: Callable[[str], None] | None = None,
        tick_s: float = 0.25,
        margin_s: float = 0.15,
        max_wait_s: float = 0.5,
        tolerance_s: float = 0.06,
        fsync_interval_s: float = 1.0,
    ) -> None:
        self.source = source
        self.path = Path(path)
        self.consent_granted = consent_granted
        self.on_error = on_error
        self.on_stopped = on_stopped
        self.samplerate = source.samplerate
        self.tick_s = tick_s
        self.margin_s = margin_s
        self.max_wait_s = max_wait_s
        self.tolerance = max(1, round(tolerance_s * self.samplerate))
        self.fsync_interval_s = fsync_interval_s
        self.state = RecorderState.IDLE
        self.error: str | None = None
        self.stop_reason = ""
        self.t_start = 0.0
        self.offset_s = 0.0
        self._file: WavAppender | None = None
        self._channels: list[AlignedReader] = []
        self._thread: threading.Thread | None = None
        self._stop_requested = threading.Event()
        self._stop_at: float | None = None
        self._lock = threading.Lock()

    # -- control (UI thread) -------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self.state is not RecorderState.IDLE:
                raise RuntimeError("A recorder records once; make a new one.")
            if not self.consent_granted():
                raise ConsentError("Recording needs the participant's consent first.")
            self.t_start = self.source.clock()
            self.offset_s = self.t_start - self.source.origin
            self._channels = [
                AlignedReader(self.source.rings.get(speaker), self.t_start, name="recorder") for speaker in CHANNEL_ORDER
            ]
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = WavAppender(self.path, len(CHANNEL_ORDER), self.samplerate)
            write_marker(
                self.path,
                {
                    "samplerate": self.samplerate,
                    "channels": len(CHANNEL_ORDER),
                    "offset_s": self.offset_s,
                    "started": time.time(),
                    "pid": os.getpid(),
                },
            )
            self.state = RecorderState.RECORDING
            self._thread = threading.Thread(target=self._run, name="audio-recorder", daemon=True)
            self._thread.start()

    def stop(self, reason: str = "stopped") -> RecordingInfo:
        """Write everything up to now (waiting up to about max_wait_s for late audio), close."""
        with self._lock:
            thread = self._thread
            if self.state is RecorderState.RECORDING and self._stop_at is None:
                self._stop_at = self.source.clock()
                self.stop_reason = reason
            self._stop_requested.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=self.max_wait_s + 10)
        return self.info()

    def info(self) -> RecordingInfo:
        return RecordingInfo(
            path=self.path,
            samplerate=self.samplerate,
            channels=len(CHANNEL_ORDER),
            frames=self.frames_written,
            offset_s=self.offset_s,
            stop_reason=self.stop_reason,
            error=self.error,
            dropped={s: ch.dropped for s, ch in zip(CHANNEL_ORDER, self._channels, strict=False)},
        )

    @property
    def frames_written(self) -> int:
        return self._file.frames if self._file is not None else 0

    @property
    def duration_s(self) -> float:
        return self.frames_written / self.samplerate

    @property
    def recording(self) -> bool:
        return self.state is RecorderState.RECORDING

    # -- writer thread -------------------------------------------------------------------------
    def _target_frames(self, now: float) -> int:
        t_write = now - self.margin_s
        ready = [r for r in (ch.ready_until() for ch in self._channels) if r is not None]
        if ready:
            t_write = min(t_write, max(min(ready), now - self.max_wait_s))
        return max(0, math.floor((t_write - self.t_start) * self.samplerate))

    def _write_until(self, target: int) -> None:
        assert self._file is not None
        done = self._file.frames
        n = target - done
        if n <= 0:
            return
        block = np.zeros((n, len(self._channels)), dtype=np.float32)
        t0 = self.t_start + done / self.samplerate
        for c, ch in enumerate(self._channels):
            ch.fill(block[:, c], t0, self.samplerate, self.tolerance)
        self._file.append(_to_int16(block))

    def _run(self) -> None:
        assert self._file is not None
        last_fsync = time.monotonic()
        reason = ""
        try:
            while True:
                stopping = self._stop_requested.wait(self.tick_s)
                if stopping:
                    self._drain()
                    break
                if not self.consent_granted():
                    reason = "consent revoked"
                    break
                finished = self.source.finished  # read first: all its audio is then in the rings
                if finished:
                    target = self._frames_ready()
                else:
                    target = self._target_frames(self.source.clock())
                self._write_until(target)
                fsync = time.monotonic() - last_fsync >= self.fsync_interval_s
                self._file.commit(fsync=fsync)
                if fsync:
                    last_fsync = time.monotonic()
                if finished:
                    reason = "source finished"
                    break
        except OSError as exc:
            self._fail(exc)
            return
        self._finish(reason)

    def _frames_ready(self) -> int:
        ready = [r for r in (ch.ready_until() for ch in self._channels) if r is not None]
        if not ready:
            return self.frames_written
        return max(0, math.floor((min(ready) - self.t_start) * self.samplerate))

    def _drain(self) -> None:
        stop_at = self._stop_at if self._stop_at is not None else self.source.clock()
        target = max(0, math.floor((stop_at - self.t_start) * self.samplerate))
        deadline = time.monotonic() + self.max_wait_s + 0.2
        while time.monotonic() < deadline and not self.source.finished:
            ready = [r for r in (ch.ready_until() for ch in self._channels) if r is not None]
            if all(r >= stop_at for r in ready):
                break
            time.sleep(0.02)
        if not self.consent_granted():
            return  # revoked while stopping: write nothing more
        self._write_until(target)

    def _finish(self, reason: str) -> None:
        assert self._file is not None
        try:
            self._file.close()
        except OSError as exc:
            self._fail(exc)
            return
        remove_marker(self.path)
        with self._lock:
            if reason and not self.stop_reason:
                self.stop_reason = reason
            self.state = RecorderState.STOPPED
        if reason and self.on_stopped is not None:
            self.on_stopped(reason)

    def _fail(self, exc: OSError) -> None:
        message = (
            f"Recording stopped: could not write {self.path.name} ({exc.strerror or exc}). "
            f"The first {self.duration_s:.0f} s are saved."
        )
        log.error("%s", message)
        self.error = message
        if self._file is not None:
            try:
                self._file.close()
                remove_marker(self.path)
            except OSError:
                self._file.abandon()  # the marker stays: start-up recovery repairs the header
        with self._lock:
            self.state = RecorderState.FAILED
            self.stop_reason = "write error"
        if self.on_error is not None:
            self.on_error(message)
