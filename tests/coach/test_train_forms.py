"""The forms of the text the cue models learn from: as written, as a transcriber writes it, and
with the words tiny.en heard when the line was spoken."""

from __future__ import annotations

import numpy as np
import pytest

from app.coach import train
from app.coach.corpus import asr_style, load_corpus, load_spoken
from app.coach.features import UnitKind


def _spoken_turn():
    spoken = load_spoken()
    if not spoken:
        pytest.skip("no spoken forms in the corpus")
    for turn in load_corpus():
        heard = spoken.get(turn.text)
        if heard and asr_style(heard) != asr_style(turn.text):
            return turn, heard
    pytest.fail("no spoken line differs from its written form")


def test_the_spoken_form_is_what_tiny_en_heard_in_transcriber_style() -> None:
    turn, heard = _spoken_turn()
    form = train._variant(turn, "spoken")
    # tiny.en's own capitals and marks are dropped: most spoken lines are labelled ones, so its
    # style would tell the models "a cue" by itself.
    assert form.text == asr_style(heard)
    assert form.labels == turn.labels and form.source == turn.source
    assert form.previous == asr_style(turn.previous)


def test_a_line_never_spoken_learns_its_transcriber_form_there() -> None:
    spoken = load_spoken()
    turn = next(t for t in load_corpus() if t.text not in spoken)
    assert train._variant(turn, "spoken").text == asr_style(turn.text)
    assert train._variant(turn, "asr").text == asr_style(turn.text)
    assert train._variant(turn, "clean") is turn


def test_every_form_gives_rows_to_learn_from() -> None:
    turn, _ = _spoken_turn()
    data = train.Dataset.build([turn], [UnitKind.QUESTIONS])
    assert set(data.rows) == set(train.VARIANTS) == {"clean", "asr", "spoken"}
    spoken_row = data.rows["spoken"][0]
    asr_row = data.rows["asr"][0]
    assert not (spoken_row == asr_row).all()  # the misheard words make other features


def test_the_live_threshold_holds_on_every_form_not_only_on_their_pool() -> None:
    y = np.array([1.0] * 20 + [0.0] * 20)
    written = np.array([0.9] * 20 + [0.1] * 20)  # every cue above 0.1 right
    # as a transcriber writes it: half the positives fall below twenty wrong cues at 0.7
    transcribed = np.array([0.95] * 10 + [0.6] * 10 + [0.7] * 20)
    spoken = written.copy()
    scores = np.concatenate([written, transcribed, spoken])
    pooled = train.precision_threshold(scores, np.concatenate([y, y, y]), train.LIVE_PRECISION)
    assert pooled == pytest.approx(0.9)  # the written form's cues hide the transcriber's misses
    assert train.live_threshold(scores, y) == pytest.approx(0.95)
