"""One decode of a short audio window with faster-whisper, words with times.

faster-whisper pads every window to 30 s of encoder input, which makes a decode of 3 s of
speech cost as much as one of 30 s (about 0.6 s on two cores with tiny.en). Live decoding works
on windows of a few seconds, so this decoder feeds the encoder only the window plus one second
of real silence (zeros appended to the audio before the mel spectrogram: padding the features
with zeros instead makes Whisper loop on repeated phrases). Measured on our speech clips: 3-6x
cheaper, same words. A decode that still looks like a loop (compressible text, too many words
for the window) is redone with the full 30 s input. `short_encoder=False` always uses 30 s.
"""

from __future__ import annotations

import copy
import math
import threading
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from app.session.segments import Word
from app.transcribe.agreement import same_words
from app.transcribe.vad import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

_HOP = 160  # samples per mel frame
_FULL_FRAMES = 3000  # 30 s, what the model was trained on
_MAX_WORDS_PER_S = 6.0  # faster than anyone speaks: the decoder is looping
_MAX_COMPRESSION = 2.4  # Whisper's own threshold for repetitive text


class WordPiece(Protocol):
    """A word as faster-whisper returns it: `word` keeps its leading space, if any."""

    word: str
    start: float
    end: float
    probability: float


class Decoder(Protocol):
    """Transcribes one window; word times are seconds from the start of `audio`."""

    def decode(self, audio: np.ndarray, *, prompt: str, beam_size: int) -> list[Word]: ...


def _short_window_model(model: WhisperModel) -> WhisperModel:
    """A shallow copy of `model` sharing its weights, whose encoder input is not padded to 30 s.

    The copy has its own feature extractor so that setting the window length never affects
    other users of `model` (an offline transcription in another thread).
    """
    from faster_whisper import WhisperModel

    clone = copy.copy(model)
    clone.feature_extractor = copy.copy(model.feature_extractor)

    def encode(features: np.ndarray):  # type: ignore[no-untyped-def]
        # generate_segments pads every window to 3000 frames; cut that padding back off.
        return WhisperModel.encode(clone, features[..., : clone.feature_extractor.nb_max_frames])

    clone.encode = encode  # type: ignore[method-assign]
    return clone


class WhisperDecoder:
    """Decodes windows with a loaded WhisperModel (thread-safe: one decode at a time)."""

    def __init__(
        self,
        model: WhisperModel,
        *,
        language: str | None = "en",
        short_encoder: bool = True,
        encoder_pad_s: float = 1.0,
        temperatures: Sequence[float] = (0.0,),
    ) -> None:
        self._model = _short_window_model(model) if short_encoder else model
        self._full_model = model
        self._short = short_encoder
        self._pad_samples = int(encoder_pad_s * SAMPLE_RATE)
        self._language = language
        self._temperatures = list(temperatures)
        self._lock = threading.Lock()

    def decode(self, audio: np.ndarray, *, prompt: str, beam_size: int) -> list[Word]:
        audio = np.ascontiguousarray(audio, dtype=np.float32)
        if len(audio) < _HOP * 2:
            return []
        duration = len(audio) / SAMPLE_RATE
        with self._lock:
            if self._short:
                words = self._transcribe(self._model, self._padded(audio), prompt, beam_size)
                words = _without_echo(words, duration)
                if not _looks_like_a_loop(words, duration):
                    return words
            return _without_echo(
                self._transcribe(self._full_model, audio, prompt, beam_size), duration
            )

    def _padded(self, audio: np.ndarray) -> np.ndarray:
        padded = np.concatenate([audio, np.zeros(self._pad_samples, dtype=np.float32)])
        frames = math.ceil(len(padded) / _HOP) + 1
        self._model.feature_extractor.nb_max_frames = min(_FULL_FRAMES, frames)
        return padded

    def _transcribe(
        self, model: WhisperModel, audio: np.ndarray, prompt: str, beam_size: int
    ) -> list[Word]:
        duration = len(audio) / SAMPLE_RATE
        segments, _info = model.transcribe(
            audio,
            language=self._language,
            beam_size=beam_size,
            best_of=1,
            temperature=self._temperatures,
            initial_prompt=prompt or None,
            condition_on_previous_text=False,
            word_timestamps=True,
            vad_filter=False,
            # Bounds the cost of a decode that loops: far more tokens than speech can hold.
            max_new_tokens=min(440, int(duration * 8) + 16),
        )
        words: list[Word] = []
        for segment in segments:
            words = joined_pieces(words, segment.words or ())
        return words


def joined_pieces(words: list[Word], pieces: Iterable[WordPiece]) -> list[Word]:
    """`words` followed by Whisper's `pieces`, where a piece that does not start with a space
    continues the word before it: " cold" "-hearted" is "cold-hearted", " 3" ".5" is "3.5".

    faster-whisper starts a new word at punctuation it moves onto the next token ("-", quotes),
    so joining its words with spaces gave "cold -hearted" and "ill -disposed" (issue 14).
    """
    out = list(words)
    for piece in pieces:
        text = piece.word.strip()
        if not text:
            continue
        if out and not piece.word[:1].isspace():
            last = out[-1]
            out[-1] = Word(last.word + text, last.start, max(last.end, float(piece.end)),
                           min(last.probability, float(piece.probability)))  # fmt: skip
        else:
            out.append(Word(text, float(piece.start), float(piece.end), float(piece.probability)))
    return out


def _without_echo(words: list[Word], duration_s: float) -> list[Word]:
    """Drop what Whisper "hears" in the padding after the audio: words that start after its
    end, and a phrase repeated back to back (a decoder echo, not speech)."""
    words = [w for w in words if w.start < duration_s - 0.05]
    for j in range(2, len(words)):
        for n in range(min(j, len(words) - j, 8), 1, -1):
            first, second = words[j - n : j], words[j : j + n]
            squeezed = second[-1].start - second[0].start < 0.1 * n
            # Four or more words said twice in a row is a decoder loop, not speech.
            if same_words(first, second) and (n >= 4 or squeezed):
                return words[:j]
    return words


def _looks_like_a_loop(words: list[Word], duration_s: float) -> bool:
    if not words:
        return False
    if len(words) > _MAX_WORDS_PER_S * duration_s + 2:
        return True
    text = " ".join(w.word for w in words).encode()
    return len(text) > 40 and len(text) / len(zlib.compress(text)) > _MAX_COMPRESSION
