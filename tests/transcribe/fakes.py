"""Fast stand-ins for the model and the VAD, driven by a script of timed words.

The test signal encodes its own position: inside speech every sample is 0.1 + 0.8 * i / 2**21
(i = sample index), silence is 0. The scripted decoder reads where a window starts from its
first non-silent sample and "hears" exactly the script's words inside the window, so the
streaming logic can be tested without a model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.session.segments import Word
from app.transcribe.vad import SAMPLE_RATE

_PERIOD = 2**21


@dataclass(frozen=True)
class ScriptWord:
    word: str
    start: float
    end: float


def script_from_text(
    text: str, start: float, word_s: float = 0.4, gap_s: float = 0.05
) -> list[ScriptWord]:
    words = []
    t = start
    for token in text.split():
        words.append(ScriptWord(token, round(t, 3), round(t + word_s, 3)))
        t += word_s + gap_s
    return words


def signal_for(script: list[ScriptWord], duration_s: float) -> np.ndarray:
    n = int(duration_s * SAMPLE_RATE)
    audio = np.zeros(n, dtype=np.float32)
    index = np.arange(n, dtype=np.float64)
    for w in script:
        # Speech fills each word and the short gap after it, like continuous talk.
        a, b = int(w.start * SAMPLE_RATE), min(n, int((w.end + 0.05) * SAMPLE_RATE))
        audio[a:b] = (0.1 + 0.8 * (index[a:b] % _PERIOD) / _PERIOD).astype(np.float32)
    return audio


class EnergyScorer:
    """Speech probability 1 where the window has energy, else 0."""

    def __call__(self, windows: np.ndarray) -> np.ndarray:
        return (np.sqrt(np.mean(windows.astype(np.float64) ** 2, axis=1)) > 0.01).astype(np.float32)


class ScriptedDecoder:
    """Returns the script's words heard in the window.

    A word is heard once the window holds all of it; a word still being spoken at the window's
    end comes out garbled (as Whisper guesses at a cut word), so agreement must not commit it.
    `final_shift_s` shifts every time in beam>1 decodes, as a wider beam would re-time words.
    """

    def __init__(self, script: list[ScriptWord], final_shift_s: float = 0.0) -> None:
        self.script = script
        self.final_shift_s = final_shift_s
        self.calls: list[tuple[float, float, str, int]] = []  # (start, end, prompt, beam)
        self.silences: list[float | None] = []  # the silence asked for after each window

    def decode(
        self,
        audio: np.ndarray,
        *,
        prompt: str,
        beam_size: int,
        prefix: str = "",
        silence_s: float | None = None,
    ) -> list[Word]:
        self.silences.append(silence_s)
        voiced = np.flatnonzero(audio > 0.05)
        if voiced.size == 0:
            self.calls.append((float("nan"), float("nan"), prompt, beam_size))
            return []
        first = int(voiced[0])
        position = (float(audio[first]) - 0.1) / 0.8 * _PERIOD
        start_sample = int(round(position)) - first
        t0 = start_sample / SAMPLE_RATE
        t1 = t0 + audio.size / SAMPLE_RATE
        self.calls.append((t0, t1, prompt, beam_size))
        shift = self.final_shift_s if beam_size > 1 else 0.0
        words: list[Word] = []
        for w in self.script:
            if w.end <= t0 + 0.02 or w.start >= t1:
                continue
            if w.start < t0 - 0.02:
                continue  # cut at the window start: Whisper would drop it
            if w.end <= t1:
                words.append(Word(w.word, w.start - t0 + shift, w.end - t0 + shift))
            else:
                words.append(Word(w.word[: max(1, len(w.word) // 2)] + "~", w.start - t0, t1 - t0))
        return words
