"""Fakes for fast tests of the live call's orchestration: an audio source with real ring
buffers (so levels are real) and no device, and a transcriber the test scripts line by line.
The real model and real audio are tested end to end in test_pipeline.py and the PulseAudio
tests; these fakes only stand in where the test is about who does what, in which order."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from app.audio.ringbuffer import RingBuffer
from app.audio.source import CaptureStatus
from app.live.pipeline import OnFinal, OnPartial
from app.session.segments import Segment, Speaker, Word

RATE = 16_000


class FakeSource:
    samplerate = RATE

    def __init__(self, *, participant: bool = True, message: str = "") -> None:
        speakers = [Speaker.INTERVIEWER] + ([Speaker.PARTICIPANT] if participant else [])
        self.rings = {s: RingBuffer(RATE * 5, RATE) for s in speakers}
        self.message = message
        self.started = False
        self.stopped = False
        self._origin = 0.0

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True

    def status(self) -> CaptureStatus:
        return CaptureStatus(message=self.message)

    def clock(self) -> float:
        return time.monotonic()

    def set_origin(self, origin_mono: float) -> None:
        self._origin = origin_mono
        for ring in self.rings.values():
            ring.set_origin(origin_mono)

    @property
    def origin(self) -> float:
        return self._origin

    @property
    def finished(self) -> bool:
        return False

    def level_db(self, speaker: Speaker, window_s: float = 0.1) -> float:
        ring = self.rings.get(speaker)
        return ring.level_db(window_s) if ring is not None else -120.0

    def speak(self, speaker: Speaker, seconds: float = 0.2, amplitude: float = 0.3) -> None:
        """Noise at a speech-like level on one side (for the meters and the silence watch)."""
        n = int(seconds * RATE)
        self.rings[speaker].write(amplitude * np.sin(np.arange(n, dtype=np.float32) / 7.0))


class ScriptedTranscriber:
    """Says what the test tells it to, through the pipeline's own callbacks."""

    def __init__(self, on_partial: OnPartial, on_final: OnFinal) -> None:
        self.on_partial = on_partial
        self.on_final = on_final
        self.dropped_s = 0.0
        self.stopped = False

    def start(self) -> None: ...

    def add_channel(self, speaker: Speaker, start_time: float = 0.0) -> None: ...

    def attach(self, readers: Any) -> None: ...  # the pipeline's ring readers: never read

    def feed(self, speaker: Speaker, samples: np.ndarray) -> None: ...

    def backlog_s(self) -> float:
        return 0.0

    def stop(self, drain: bool = True, timeout: float = 30.0) -> bool:
        self.stopped = True
        return True

    def say(self, speaker: Speaker, start: float, end: float, text: str) -> Segment:
        words = tuple(Word(w, start, end) for w in text.split())
        segment = Segment(speaker, start, end, text, words)
        self.on_partial(speaker, text, start, end)
        self.on_final(segment)
        return segment


class ScriptedFactory:
    """A transcriber factory that keeps the transcriber it made, for the test to script."""

    def __init__(self) -> None:
        self.transcriber: ScriptedTranscriber | None = None

    def __call__(self, _loaded: Any, on_partial: OnPartial, on_final: OnFinal) -> Any:
        self.transcriber = ScriptedTranscriber(on_partial, on_final)
        return self.transcriber


class RecordingView:
    """A CallView that keeps every report, in order."""

    def __init__(self) -> None:
        self.reports: list[Any] = []

    def report(self, report: Any) -> None:
        self.reports.append(report)

    def of(self, kind: type) -> list[Any]:
        return [r for r in self.reports if isinstance(r, kind)]
