"""One decode of a short audio window with faster-whisper, words with times.

faster-whisper pads every window to 30 s of encoder input, which makes a decode of 3 s of
speech cost as much as one of 30 s (about 0.6 s on two cores with tiny.en). Live decoding works
on windows of a few seconds, so this decoder feeds the encoder only the window plus one second
of real silence (zeros appended to the audio before the mel spectrogram: padding the features
with zeros instead makes Whisper loop on repeated phrases). Measured on our speech clips: 3-6x
cheaper, same words on those clips; on real speech an utterance's last decode is more
accurate with ten seconds of silence (`silence_s`, see StreamingSettings.final_silence_s). A
decode that still looks like a loop (compressible text, too many words for the window) is
redone with the full 30 s input. `short_encoder=False` always uses 30 s.

A window is decoded in one pass: one encode, one generate, one word alignment. faster-whisper's
`transcribe()` loops over a file: when the decode does not end on a closing timestamp it seeks to
the last word and decodes the rest again, with no context, as a window of its own. On a live
window that rest is the padding and the word being spoken: measured on real speech, 4 encodes
and generates per window; one pass costs 0.13 s of CPU instead of 0.43 s for a 6 s window
(beam 2), and no longer decodes the word being spoken alone, without context (issue 14).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from app.session.segments import Word
from app.transcribe.agreement import same_words
from app.transcribe.vad import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.tokenizer import Tokenizer

_HOP = 160  # samples per mel frame
_FULL_FRAMES = 3000  # 30 s, what the model was trained on
_MAX_WORDS_PER_S = 6.0  # faster than anyone speaks: the decoder is looping
_MAX_COMPRESSION = 2.4  # Whisper's own threshold for repetitive text
_NO_SPEECH = 0.6  # transcribe()'s no_speech_threshold
_LOW_LOGPROB = -1.0  # transcribe()'s log_prob_threshold
_PREPEND = "\"'“¿([{-"  # transcribe()'s prepend_punctuations
_APPEND = "\"'.。,，!！?？:：”)]}、"  # transcribe()'s append_punctuations


class WordPiece(Protocol):
    """A word as faster-whisper returns it: `word` keeps its leading space, if any."""

    word: str
    start: float
    end: float
    probability: float


class Decoder(Protocol):
    """Transcribes one window; word times are seconds from the start of `audio`."""

    def decode(
        self,
        audio: np.ndarray,
        *,
        prompt: str,
        beam_size: int,
        prefix: str = "",
        silence_s: float | None = None,
    ) -> list[Word]:
        """`prefix`: the window's first words, already final; the decode continues after them
        (they come back in the result, with their times). `silence_s`: how much silence the
        encoder hears after the window (None: the decoder's own choice)."""
        ...


class WhisperDecoder:
    """Decodes windows with a loaded WhisperModel (thread-safe: one decode at a time)."""

    def __init__(
        self,
        model: WhisperModel,
        *,
        language: str | None = "en",
        short_encoder: bool = True,
        encoder_pad_s: float = 1.0,
    ) -> None:
        self._model = model
        self._short = short_encoder
        self._pad_samples = int(encoder_pad_s * SAMPLE_RATE)
        self._language = language
        self._lock = threading.Lock()
        self._tokenizer: Tokenizer | None = None
        self._suppress: tuple[int, ...] = ()
        self.full_input_retries = 0  # short-input decodes that looked like a loop (statistic)

    def decode(
        self,
        audio: np.ndarray,
        *,
        prompt: str,
        beam_size: int,
        prefix: str = "",
        silence_s: float | None = None,
    ) -> list[Word]:
        audio = np.ascontiguousarray(audio, dtype=np.float32)
        if len(audio) < _HOP * 2:
            return []
        duration = len(audio) / SAMPLE_RATE
        pad = self._pad_samples if silence_s is None else int(silence_s * SAMPLE_RATE)
        with self._lock:
            if self._short:
                padded = np.concatenate([audio, np.zeros(pad, dtype=np.float32)])
                words = _without_echo(self._transcribe(padded, prompt, beam_size, prefix), duration)
                if not _looks_like_a_loop(words, duration):
                    return words
                self.full_input_retries += 1
            return _without_echo(
                self._transcribe(audio, prompt, beam_size, prefix, full_input=True), duration
            )

    def _transcribe(
        self, audio: np.ndarray, prompt: str, beam_size: int, prefix: str = "",
        *, full_input: bool = False,
    ) -> list[Word]:
        """One encode, one generate, one alignment of the whole window (see the module)."""
        from faster_whisper import WhisperModel

        model = self._model
        tokenizer = self._tokenizer_for(model)
        duration = len(audio) / SAMPLE_RATE
        features = model.feature_extractor(audio)
        frames = min(features.shape[-1] - 1, _FULL_FRAMES)
        features = features[:, :frames]
        if full_input:  # what the model was trained on: the window zero-padded to 30 s
            features = np.pad(features, ((0, 0), (0, _FULL_FRAMES - frames)))
        encoder_output = WhisperModel.encode(model, np.ascontiguousarray(features))
        previous = tokenizer.encode(" " + prompt.strip()) if prompt.strip() else []
        # Without timestamp tokens: the words' times come from the alignment anyway, and
        # fewer tokens cost less (bench/live_replay.py, 3 pairs of runs: 1.5 points of a core
        # less, WER 0.177 against 0.179 with timestamps).
        prompt_ids = model.get_prompt(
            tokenizer, previous, without_timestamps=True, prefix=prefix.strip() or None
        )
        # Bounds the cost of a decode that loops: far more tokens than speech can hold.
        max_new_tokens = min(440, int(duration * 8) + 16)
        result = model.model.generate(
            encoder_output,
            [prompt_ids],
            beam_size=beam_size,
            max_length=min(model.max_length, len(prompt_ids) + max_new_tokens),
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=list(self._suppress),
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        if not tokens:
            return []
        # Whisper's own test for a window without speech (transcribe()'s defaults).
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
        if result.no_speech_prob > _NO_SPEECH and avg_logprob < _LOW_LOGPROB:
            return []
        segment: dict = {"seek": 0, "start": 0.0, "end": duration, "tokens": tokens}
        model.add_word_timestamps(
            [[segment]], tokenizer, encoder_output, frames, _PREPEND, _APPEND,
            last_speech_timestamp=0.0,
        )  # fmt: skip
        pieces = [_Piece(w["word"], w["start"], w["end"], w["probability"])
                  for w in segment.get("words", ())]  # fmt: skip
        return joined_pieces([], pieces)

    def _tokenizer_for(self, model: WhisperModel) -> Tokenizer:
        if self._tokenizer is None:
            from faster_whisper.tokenizer import Tokenizer
            from faster_whisper.transcribe import get_suppressed_tokens

            multilingual = model.model.is_multilingual
            self._tokenizer = Tokenizer(
                model.hf_tokenizer,
                multilingual,
                task="transcribe",
                language=(self._language or "en") if multilingual else None,
            )
            self._suppress = tuple(get_suppressed_tokens(self._tokenizer, [-1]) or ())
        return self._tokenizer


@dataclass(frozen=True, slots=True)
class _Piece:
    word: str
    start: float
    end: float
    probability: float


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
