"""Live capture: one PortAudio input stream per device, each feeding a 16 kHz mono ring buffer.

    capture = AudioCapture(mic="pulse:mic.monitor", call="pulse:call.monitor")
    capture.start()
    reader = capture.rings[Speaker.PARTICIPANT].reader()   # transcriber thread
    capture.level_db(Speaker.INTERVIEWER)                   # a UI timer, no second stream
    capture.status()                                        # CaptureStatus for a banner
    capture.stop()

The PortAudio callback only copies the block into a preallocated ring (and counts
`status.input_overflow`). A device that cannot be opened at 16 kHz mono is opened at its own
rate into a raw ring; a supervisor thread resamples that into the 16 kHz ring every 50 ms. The
same thread watches the streams: a stream that stops or goes silent for `stall_timeout_s`
(device unplugged, PortAudio error) is reported as RECONNECTING through `status()` and
`on_status`, and reopened every `retry_interval_s` until the device returns (or call `reopen()`).

Pulse sources ("pulse:<source>") are opened on the ALSA device `pulse` with PULSE_SOURCE set in
the environment for the duration of the open, under a process-wide lock: libpulse reads it when
the ALSA plugin connects, so two streams on `pulse` can record two different sources.

Timing: `capture.clock()` is time.monotonic(); each ring maps its sample indices to it. Call
`capture.set_origin(t0)` with the monotonic time of the session start so that
`ring.session_time_of(index)` gives session seconds (default origin: when start() was called).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Mapping
from typing import Any

import numpy as np

from app.audio.devices import (
    DeviceError,
    ResolvedDevice,
    missing_call_source_message,
    resolve_spec,
)
from app.audio.pulse_watch import PulseSourceWatcher
from app.audio.quiet import describe_portaudio_error, native_stderr_silenced
from app.audio.resample import TARGET_RATE, StreamResampler
from app.audio.ringbuffer import RingBuffer, RingReader
from app.audio.source import (
    CaptureStatus,
    SourceState,
    SourceStatus,
    StatusCallback,
    level_db,
    peak,
)
from app.session.segments import Speaker

log = logging.getLogger(__name__)

DEFAULT_RING_SECONDS = 120.0
_PULSE_ENV_LOCK = threading.Lock()
_PUMP_INTERVAL_S = 0.05
_HEALTH_INTERVAL_S = 0.25
_FIRST_BLOCK_TIMEOUT_S = 5.0


def _open_stream(device: ResolvedDevice, **kwargs: Any) -> Any:
    """Open (not start) an InputStream; for a Pulse source, with PULSE_SOURCE set for the open."""
    with native_stderr_silenced():  # the first import initialises PortAudio
        import sounddevice as sd

    if device.pulse_source is None:
        with native_stderr_silenced():  # ALSA/PortAudio print every failed step of an open
            return sd.InputStream(device=device.index, **kwargs)
    with _PULSE_ENV_LOCK:
        previous = os.environ.get("PULSE_SOURCE")
        os.environ["PULSE_SOURCE"] = device.pulse_source
        try:
            with native_stderr_silenced():
                return sd.InputStream(device=device.index, **kwargs)
        finally:
            if previous is None:
                os.environ.pop("PULSE_SOURCE", None)
            else:
                os.environ["PULSE_SOURCE"] = previous


def _choose_format(
    device: ResolvedDevice, samplerate: int, forced_rate: int | None = None
) -> tuple[int, int]:
    """(rate, channels) to open: 16 kHz mono when the device takes it, else its own rate."""
    with native_stderr_silenced():  # the first import initialises PortAudio
        import sounddevice as sd

    candidates = [(samplerate, 1), (int(device.default_samplerate), 1)]
    if forced_rate is not None:
        candidates = [(forced_rate, 1), (forced_rate, 2)]
    if device.channels >= 2:
        candidates.append((int(device.default_samplerate), 2))
    for rate, channels in candidates:
        try:
            with native_stderr_silenced():
                sd.check_input_settings(
                    device=device.index, channels=channels, samplerate=rate, dtype="float32"
                )
            return rate, channels
        except Exception:  # noqa: BLE001 - PortAudio raises plain Exceptions: try the next rate
            continue
    return int(device.default_samplerate), min(2, max(1, device.channels))


class _LiveSource:
    """One device: its stream, its rings, its counters. Owned by AudioCapture."""

    def __init__(
        self,
        speaker: Speaker,
        spec: str | int | None,
        samplerate: int,
        block_s: float,
        ring_seconds: float,
        forced_rate: int | None = None,
    ) -> None:
        self.speaker = speaker
        self.forced_rate = forced_rate
        self.spec = spec
        self.samplerate = samplerate
        self.block_s = block_s
        self.ring_seconds = ring_seconds
        self.ring = RingBuffer(int(ring_seconds * samplerate), samplerate, name=speaker.value)
        self.label = str(spec) if spec is not None else "default"
        self.state = SourceState.STOPPED
        self.message = ""
        self.overflows = 0
        self.reconnects = 0
        self.device_rate = 0
        self.stream: Any = None
        self._raw: RingBuffer | None = None
        self._raw_reader: RingReader | None = None
        self._resampler: StreamResampler | None = None
        self._write_target: RingBuffer = self.ring
        self._finished = threading.Event()
        self._opened_mono = 0.0
        self.pulse_source: str | None = None
        self._pump_lock = threading.Lock()

    # -- PortAudio thread ---------------------------------------------------------------------
    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        if status.input_overflow:
            self.overflows += 1
        self._write_target.write(indata, time.monotonic())

    def _on_finished(self) -> None:
        self._finished.set()

    # -- supervisor / caller threads ---------------------------------------------------------
    def open(self) -> None:
        device = resolve_spec(self.spec)
        self.label = device.label
        self.pulse_source = device.pulse_source
        rate, channels = _choose_format(device, self.samplerate, self.forced_rate)
        self.device_rate = rate
        with self._pump_lock:  # the supervisor may be resampling from the previous raw ring
            if rate == self.samplerate and channels == 1:
                self._raw = None
                self._raw_reader = None
                self._resampler = None
                self._write_target = self.ring
            else:
                # The raw ring is the callback's only target; the supervisor resamples it.
                self._raw = RingBuffer(int(self.ring_seconds * rate), rate, channels, name="raw")
                self._raw_reader = self._raw.reader()
                self._resampler = StreamResampler(rate, channels, self.samplerate)
                self._write_target = self._raw
        self._finished.clear()
        self.ring.mark_discontinuity()
        self.stream = _open_stream(
            device,
            samplerate=rate,
            channels=channels,
            dtype="float32",
            blocksize=max(1, round(rate * self.block_s)),
            callback=self._callback,
            finished_callback=self._on_finished,
        )
        self.stream.start()
        self._opened_mono = time.monotonic()
        self.state = SourceState.RUNNING
        self.message = ""

    def close(self) -> None:
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.abort()
            with contextlib.suppress(Exception):
                stream.close()
        self.pump()

    def pump(self) -> None:
        """Resample what the callback put in the raw ring into the 16 kHz ring."""
        with self._pump_lock:
            raw, reader, resampler = self._raw, self._raw_reader, self._resampler
            if raw is None or reader is None or resampler is None:
                return
            first, block = reader.read_indexed()
            if block.shape[0] == 0:
                return
            out = resampler.process(block)
            t_end = raw.time_of(first + block.shape[0])
            self.ring.write(out, t_end)

    @property
    def dropped(self) -> int:
        return self._raw_reader.dropped if self._raw_reader is not None else 0

    def healthy(
        self, stall_timeout_s: float, watcher: PulseSourceWatcher | None = None
    ) -> tuple[bool, str]:
        stream = self.stream
        if stream is None:
            return False, "not open"
        if self._finished.is_set() or not stream.active:
            return False, "the audio device stopped (unplugged or in use elsewhere?)"
        last = self._write_target.last_write_mono
        now = time.monotonic()
        since = now - (
            last if last is not None and last >= self._opened_mono else self._opened_mono
        )
        if since > stall_timeout_s:
            return False, f"no audio from the device for {since:.0f} s"
        if self.pulse_source is not None and watcher is not None:
            # PulseAudio moves a stream whose source vanished to the default source instead of
            # ending it: the call channel would silently carry the microphone. Check by name;
            # the watcher reads the source list only after the server reported a change.
            names = watcher.names()
            if names and self.pulse_source not in names:
                return False, "the source is gone (device unplugged or call app closed?)"
        return True, ""

    def status(self) -> SourceStatus:
        return SourceStatus(
            speaker=self.speaker,
            label=self.label,
            state=self.state,
            message=self.message,
            overflows=self.overflows,
            dropped=self.dropped,
            device_samplerate=self.device_rate,
            reconnects=self.reconnects,
        )


class AudioCapture:
    """Microphone (interviewer) and optional call audio (participant), live.

    `mic` / `call` take device specs (see app.audio.devices). `call=None` captures the microphone
    only; `status().message` then says the participant side is missing.
    """

    def __init__(
        self,
        mic: str | int | None = None,
        call: str | int | None = None,
        samplerate: int = TARGET_RATE,
        block_s: float = 0.1,
        *,
        ring_seconds: float = DEFAULT_RING_SECONDS,
        on_status: StatusCallback | None = None,
        retry_interval_s: float = 2.0,
        stall_timeout_s: float = 2.0,
        device_samplerate: int | None = None,
    ) -> None:
        """`device_samplerate` forces the rate devices are opened at (resampled to
        `samplerate` outside the callback); by default 16 kHz when the device takes it."""
        self.samplerate = int(samplerate)
        self.block_s = block_s
        self.retry_interval_s = retry_interval_s
        self.stall_timeout_s = stall_timeout_s
        self.on_status = on_status
        self._sources: dict[Speaker, _LiveSource] = {
            Speaker.INTERVIEWER: _LiveSource(
                Speaker.INTERVIEWER, mic, self.samplerate, block_s, ring_seconds, device_samplerate
            )
        }
        if call is not None:
            self._sources[Speaker.PARTICIPANT] = _LiveSource(
                Speaker.PARTICIPANT, call, self.samplerate, block_s, ring_seconds, device_samplerate
            )
        self.rings: Mapping[Speaker, RingBuffer] = {s: src.ring for s, src in self._sources.items()}
        self._origin: float | None = None
        self._running = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # start/stop/reopen; never taken by the audio callback
        self._last_status: CaptureStatus | None = None
        self._next_retry: dict[Speaker, float] = {}
        self._watcher = PulseSourceWatcher()

    # -- life cycle ------------------------------------------------------------------------------
    def start(self) -> None:
        """Open every device. A device that fails is reported and retried, not raised, unless
        it is the microphone and its spec matches nothing (DeviceError)."""
        with self._lock:
            if self._running:
                return
            if self._origin is None:
                self.set_origin(time.monotonic())
            self._stop.clear()
            self._watcher.start()
            for speaker, src in self._sources.items():
                try:
                    src.open()
                except DeviceError as exc:
                    src.close()
                    if speaker is Speaker.INTERVIEWER:
                        self._close_all()
                        raise
                    self._mark_lost(src, str(exc))
                except Exception as exc:  # noqa: BLE001 - PortAudioError and friends: report, retry
                    src.close()
                    self._mark_lost(src, f"could not open: {describe_portaudio_error(exc)}")
            self._running = True
            self._thread = threading.Thread(
                target=self._supervise, name="audio-capture", daemon=True
            )
            self._thread.start()
        self._publish_status()

    def stop(self) -> None:
        with self._lock:
            if not self._running:
                return
            self._running = False
            self._stop.set()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        self._watcher.stop()
        with self._lock:
            self._close_all()
            for src in self._sources.values():
                src.state = SourceState.STOPPED
        self._publish_status()

    def _close_all(self) -> None:
        for src in self._sources.values():
            src.close()

    def reopen(self, speaker: Speaker | None = None, *, rescan: bool = False) -> None:
        """Close and reopen one device (or all). `rescan=True` re-initialises PortAudio to see
        newly plugged devices; that closes every stream first, so it reopens all of them."""
        with self._lock:
            targets = list(self._sources.values())
            if speaker is not None and not rescan:
                targets = [self._sources[speaker]]
            for src in targets:
                src.close()
            if rescan:
                from app.audio.devices import reinitialize_portaudio

                reinitialize_portaudio()
            for src in targets:
                self._try_open(src)
        self._publish_status()

    def __enter__(self) -> AudioCapture:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- supervision -----------------------------------------------------------------------------
    def _mark_lost(self, src: _LiveSource, why: str) -> None:
        if src.state is not SourceState.RECONNECTING:
            log.warning("audio source %s lost: %s", src.label, why)
        src.state = SourceState.RECONNECTING
        src.message = f"{src.label}: {why.rstrip('.')}. Retrying\u2026"
        self._next_retry[src.speaker] = time.monotonic() + self.retry_interval_s

    def _try_open(self, src: _LiveSource) -> None:
        try:
            src.open()
            src.reconnects += 1
        except Exception as exc:  # noqa: BLE001 - any open failure: report the device lost, retry
            src.close()
            self._mark_lost(src, f"could not open: {describe_portaudio_error(exc)}")

    def _supervise(self) -> None:
        next_health = time.monotonic() + _HEALTH_INTERVAL_S
        while not self._stop.wait(_PUMP_INTERVAL_S):
            for src in self._sources.values():
                try:
                    src.pump()
                except Exception as exc:  # a resampler error must not kill supervision
                    log.exception("resampling failed")
                    src.message = f"{src.label}: resampling failed: {exc}"
            now = time.monotonic()
            if now < next_health:
                continue
            next_health = now + _HEALTH_INTERVAL_S
            with self._lock:
                if not self._running:
                    return
                for src in self._sources.values():
                    if src.state is SourceState.RUNNING:
                        ok, why = src.healthy(self.stall_timeout_s, self._watcher)
                        if not ok:
                            src.close()
                            self._mark_lost(src, why)
                    elif src.state is SourceState.RECONNECTING and now >= self._next_retry.get(
                        src.speaker, 0.0
                    ):
                        self._try_open(src)
            self._publish_status()

    def _publish_status(self) -> None:
        status = self.status()
        if status != self._last_status:
            self._last_status = status
            if self.on_status is not None:
                try:
                    self.on_status(status)
                except Exception:
                    log.exception("status callback failed")

    # -- reporting -------------------------------------------------------------------------------
    def status(self) -> CaptureStatus:
        sources = {s: src.status() for s, src in self._sources.items()}
        problems = [st.message for st in sources.values() if st.message]
        if Speaker.PARTICIPANT not in sources:
            problems.append(missing_call_source_message())
        return CaptureStatus(sources=sources, message=" ".join(problems))

    def clock(self) -> float:
        return time.monotonic()

    def set_origin(self, origin_mono: float) -> None:
        self._origin = origin_mono
        for ring in self.rings.values():
            ring.set_origin(origin_mono)

    @property
    def origin(self) -> float:
        return self._origin if self._origin is not None else 0.0

    @property
    def finished(self) -> bool:
        return False

    @property
    def overflows(self) -> dict[Speaker, int]:
        return {s: src.overflows for s, src in self._sources.items()}

    def level_db(self, speaker: Speaker, window_s: float = 0.1) -> float:
        return level_db(self, speaker, window_s)

    def peak(self, speaker: Speaker, window_s: float = 0.1) -> float:
        return peak(self, speaker, window_s)
