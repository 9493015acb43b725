"""Streaming voice-activity detection: Silero VAD (shipped with faster-whisper) kept warm.

faster-whisper's own helper runs Silero over a whole file with fresh state; here the LSTM state
and the 64-sample context carry over from one block to the next, so a live channel is scored
window by window exactly as the offline call would score it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

SAMPLE_RATE = 16_000
VAD_WINDOW = 512  # samples per Silero decision (32 ms)
_CONTEXT = 64


class SpeechScorer(Protocol):
    """Scores consecutive 512-sample windows of one channel (stateful, one per channel)."""

    def __call__(self, windows: np.ndarray) -> np.ndarray:
        """`windows` has shape (n, 512); returns n speech probabilities in 0..1."""
        ...


class SileroScorer:
    """Silero VAD with its recurrent state kept across calls."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(_CONTEXT, dtype=np.float32)

    def __call__(self, windows: np.ndarray) -> np.ndarray:
        if len(windows) == 0:
            return np.zeros(0, dtype=np.float32)
        windows = np.ascontiguousarray(windows, dtype=np.float32)
        previous = np.concatenate([self._context[None, :], windows[:-1, -_CONTEXT:]], axis=0)
        batch = np.concatenate([previous, windows], axis=1)
        probs, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self._context = windows[-1, -_CONTEXT:].copy()
        return np.asarray(probs, dtype=np.float32).reshape(-1)


@dataclass(frozen=True, slots=True)
class VadSettings:
    threshold: float = 0.5  # a window at or above this starts (or continues) speech
    neg_threshold: float = 0.35  # below this a window counts as silence
    min_silence_s: float = 0.5  # this much silence ends an utterance
    min_speech_s: float = 0.25  # shorter bursts (clicks, coughs) are never transcribed
    pad_s: float = 0.2  # audio kept on each side of the speech


@dataclass(frozen=True, slots=True)
class SpeechStart:
    sample: int  # first speech window (without padding)


@dataclass(frozen=True, slots=True)
class SpeechEnd:
    sample: int  # end of the last speech window (without padding)
    speech_s: float  # how much of the utterance was scored as speech
    is_speech: bool  # False when the burst was shorter than min_speech_s


VadEvent = SpeechStart | SpeechEnd


class SpeechSegmenter:
    """Turns per-window probabilities into utterance start and end events."""

    def __init__(self, settings: VadSettings) -> None:
        self.settings = settings
        self.in_speech = False
        self._start = 0
        self._last_speech_end = 0
        self._speech_windows = 0
        self._silent_windows = 0

    def process(self, probs: np.ndarray, first_sample: int) -> list[VadEvent]:
        s = self.settings
        min_silent = max(1, round(s.min_silence_s * SAMPLE_RATE / VAD_WINDOW))
        events: list[VadEvent] = []
        for i, p in enumerate(probs):
            window_start = first_sample + i * VAD_WINDOW
            if not self.in_speech:
                if p >= s.threshold:
                    self.in_speech = True
                    self._start = window_start
                    self._last_speech_end = window_start + VAD_WINDOW
                    self._speech_windows = 1
                    self._silent_windows = 0
                    events.append(SpeechStart(window_start))
                continue
            if p >= s.neg_threshold:
                # Between the two thresholds a window keeps speech going (hysteresis).
                self._silent_windows = 0
                self._last_speech_end = window_start + VAD_WINDOW
                self._speech_windows += 1
            else:
                self._silent_windows += 1
                if self._silent_windows >= min_silent:
                    events.append(self._end())
        return events

    def flush(self) -> SpeechEnd | None:
        """End the current utterance at the end of the stream."""
        return self._end() if self.in_speech else None

    def _end(self) -> SpeechEnd:
        self.in_speech = False
        speech_s = self._speech_windows * VAD_WINDOW / SAMPLE_RATE
        return SpeechEnd(self._last_speech_end, speech_s, speech_s >= self.settings.min_speech_s)
