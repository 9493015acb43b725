"""What every audio source offers (live capture and file playback), and its status report.

An `AudioSource` holds one 16 kHz mono `RingBuffer` per speaker in `rings`
(Speaker.INTERVIEWER = the microphone, Speaker.PARTICIPANT = the call audio; the participant key
is absent when there is no call source). Consumers never open streams: they call
`source.rings[speaker].reader()` and read at their own pace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from app.audio.ringbuffer import SILENCE_DB, RingBuffer
from app.session.segments import Speaker


class SourceState(StrEnum):
    STOPPED = "stopped"
    RUNNING = "running"
    RECONNECTING = "reconnecting"  # lost; retrying to open the device
    ERROR = "error"  # could not open, not retrying (bad spec)
    FINISHED = "finished"  # a file source reached the end


@dataclass(frozen=True)
class SourceStatus:
    speaker: Speaker
    label: str  # the device (or file) as shown to people
    state: SourceState
    message: str = ""  # why it is not running, for a banner
    overflows: int = 0  # PortAudio input overflows (status.input_overflow)
    dropped: int = 0  # samples lost inside the app (resampler fell behind the device)
    device_samplerate: int = 0
    reconnects: int = 0


@dataclass(frozen=True)
class CaptureStatus:
    sources: dict[Speaker, SourceStatus] = field(default_factory=dict)
    message: str = ""  # one line for a banner ("" when all is well)

    @property
    def ok(self) -> bool:
        return not self.message

    @property
    def has_participant(self) -> bool:
        return Speaker.PARTICIPANT in self.sources


StatusCallback = Callable[[CaptureStatus], None]


class AudioSource(Protocol):
    samplerate: int
    rings: Mapping[Speaker, RingBuffer]

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def status(self) -> CaptureStatus: ...

    def clock(self) -> float:
        """The source's time in monotonic seconds (the recorder's shared clock)."""
        ...

    def set_origin(self, origin_mono: float) -> None:
        """The monotonic time that is session time 0 (for `ring.session_time_of`)."""
        ...

    @property
    def origin(self) -> float: ...

    @property
    def finished(self) -> bool:
        """True when no more audio will come (a file source at its end)."""
        ...


def level_db(source: AudioSource, speaker: Speaker, window_s: float = 0.1) -> float:
    ring = source.rings.get(speaker)
    return ring.level_db(window_s) if ring is not None else SILENCE_DB


def peak(source: AudioSource, speaker: Speaker, window_s: float = 0.1) -> float:
    ring = source.rings.get(speaker)
    return ring.peak(window_s) if ring is not None else 0.0
