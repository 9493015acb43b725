"""Is the audio right before (and during) a call? Both sides heard, and not the same device twice.

The two mistakes that ruin a live transcript are a silent side (the call plays through an output
that is not captured, a muted microphone) and the same signal on both sides (the microphone set to
the call's monitor, or the other way round): then every sentence appears twice, once as "You".
Names and device specs cannot tell the second one reliably (a default source may be a monitor), so
the check compares what the two sides actually carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from app.audio.source import AudioSource
from app.session.segments import Speaker

HEARD_DB = -50.0  # a side whose level ever went over this carried sound
SAME_SIGNAL = 0.9  # normalised correlation above which two sides carry one signal
MAX_LAG_S = 0.05  # two streams of one device may be this far apart in time
WINDOW_S = 1.0


class SideState(StrEnum):
    WAITING = "waiting"  # nothing heard yet
    HEARD = "heard"
    MISSING = "missing"  # no device for this side


@dataclass(frozen=True)
class AudioCheckResult:
    sides: dict[Speaker, SideState]
    levels_db: dict[Speaker, float]
    identical: bool
    message: str  # what to do about it, "" when all is well

    @property
    def ok(self) -> bool:
        return not self.identical and all(s is SideState.HEARD for s in self.sides.values())


def same_signal(a: np.ndarray, b: np.ndarray, samplerate: int) -> bool:
    """True when `b` is `a` (maybe scaled, maybe up to MAX_LAG_S late or early): the highest
    normalised cross-correlation over those lags is above SAME_SIGNAL."""
    n = min(a.size, b.size)
    if n < samplerate // 10:
        return False
    a = a[-n:].astype(np.float64) - float(np.mean(a[-n:]))
    b = b[-n:].astype(np.float64) - float(np.mean(b[-n:]))
    energy = float(np.sqrt(np.dot(a, a) * np.dot(b, b)))
    if energy <= 1e-9:
        return False
    size = 1 << (2 * n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(a, size) * np.conj(np.fft.rfft(b, size)), size)
    lag = int(MAX_LAG_S * samplerate)
    window = np.concatenate([corr[: lag + 1], corr[-lag:]])
    return float(np.max(np.abs(window))) / energy >= SAME_SIGNAL


class AudioCheck:
    """Follows a running source; call `update()` a few times a second."""

    def __init__(self, source: AudioSource) -> None:
        self.source = source
        self._heard: set[Speaker] = set()
        self._identical_votes = 0

    def update(self) -> AudioCheckResult:
        source = self.source
        levels = {speaker: source.level_db(speaker) for speaker in source.rings}
        for speaker, db in levels.items():
            if db > HEARD_DB:
                self._heard.add(speaker)
        sides = {
            speaker: (SideState.MISSING if speaker not in source.rings
                      else SideState.HEARD if speaker in self._heard else SideState.WAITING)
            for speaker in (Speaker.INTERVIEWER, Speaker.PARTICIPANT)
        }  # fmt: skip
        identical = self._check_identical(levels)
        return AudioCheckResult(sides, levels, identical, self._message(sides, identical))

    def _check_identical(self, levels: dict[Speaker, float]) -> bool:
        rings = self.source.rings
        if len(rings) < 2 or min(levels.values()) <= HEARD_DB:
            return self._identical_votes >= 2
        frames = int(WINDOW_S * self.source.samplerate)
        mic = rings[Speaker.INTERVIEWER].latest(frames)
        call = rings[Speaker.PARTICIPANT].latest(frames)
        if same_signal(mic, call, self.source.samplerate):
            self._identical_votes += 1
        else:
            self._identical_votes = 0
        # Two agreeing looks in a row: one echo-y second of speech is not proof.
        return self._identical_votes >= 2

    @staticmethod
    def _message(sides: dict[Speaker, SideState], identical: bool) -> str:
        if identical:
            return ("The microphone and the call carry the same sound: they are probably the "
                    "same device, and every sentence would appear twice. Choose the call's "
                    "output (a monitor) for the call in Settings.")  # fmt: skip
        if sides[Speaker.PARTICIPANT] is SideState.MISSING:
            return ("No call audio is chosen: only your side will be transcribed. Choose the "
                    "call's output in Settings.")  # fmt: skip
        waiting = [s for s, state in sides.items() if state is SideState.WAITING]
        if Speaker.INTERVIEWER in waiting:
            return "Say something: your microphone has not picked up any sound yet."
        if Speaker.PARTICIPANT in waiting:
            return ("Play something in the call (or any sound through it): the call side has "
                    "been silent so far.")  # fmt: skip
        return ""
