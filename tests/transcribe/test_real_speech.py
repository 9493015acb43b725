"""Regressions from real recordings (bench/data/real_speech, see its MANIFEST.md) through the
streaming transcriber and the real tiny.en model (marked `model`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.session.segments import Speaker
from app.transcribe.model import LoadedModel
from tests.transcribe.test_with_model import normalised_wer, stream

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "real_speech"


def clip(name: str) -> np.ndarray:
    audio, rate = sf.read(str(DATA / f"{name}.flac"), dtype="float32", always_2d=True)
    assert rate == 16000
    pause = np.zeros(rate // 2, dtype=np.float32)
    return np.concatenate([pause, audio[:, 0], pause, pause])


def test_a_short_answer_after_a_pause_keeps_its_context(whisper_model: LoadedModel) -> None:
    # "And so my fellow Americans, [1.4 s pause] ask not what your country can do for you":
    # "ask not" alone is 0.7 s. Decoded without the speaker's earlier words it came out
    # "S." / "s dot"; the utterance's own decode keeps the prompt.
    text = stream(whisper_model, {Speaker.INTERVIEWER: clip("jfk-inaugural")}).text()
    assert "ask not" in text.lower(), text
    reference = ("And so my fellow Americans, ask not what your country can do for you, ask what "
                 "you can do for your country.")  # fmt: skip
    assert normalised_wer(reference, text) <= 0.1, text


def test_word_pieces_are_joined_in_live_text(whisper_model: LoadedModel) -> None:
    # pocketsphinx's LibriVox clip: "unless to be rather cold hearted and rather selfish is to
    # be ill disposed" was printed "cold -hearted", "ill -disposed".
    collector = stream(whisper_model, {Speaker.PARTICIPANT: clip("librivox-0890")})
    words = [w.word for s in collector.finals for w in s.words]
    assert "cold-hearted" in words, words
    assert not any(w.startswith("-") for w in words), words
