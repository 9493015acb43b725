"""The coach on people it has never heard: the development folds of bench/cues.py (whole
sources left out, the shipped model's recipe per kind, thresholds chosen per fold), with floors
a little under the figures measured when the model was trained. A change that makes the coach
worse on real interviews fails here; the full figures come from `bench/cues.py`."""

from __future__ import annotations

import pytest

from app.coach.corpus import load_corpus
from bench.cues import evaluate, shipped_recipes

# Mean over folds; (precision, recall) of all cues, written text and transcriber-style text.
# Measured (bench/cues.py --fixed-recipes --no-spoken, 25 sources, after the label audit of
# 2026-11-27) when the model was trained: why 0.84/0.96 written and 0.88/0.87 as a transcriber
# writes; selling 0.48/0.35 (0.35/0.35); hypothetical 0.66/0.22 (0.64/0.21); closed 0.53/0.66
# (0.47/0.38). Kinds missing here are weaker still and are review-only
# (app.coach.train.LIVE_KINDS).
FLOORS = {
    "clean": {"why": (0.80, 0.90), "selling": (0.42, 0.30), "hypothetical": (0.55, 0.18),
              "closed": (0.47, 0.60)},
    "asr": {"why": (0.83, 0.82), "selling": (0.30, 0.30), "hypothetical": (0.55, 0.17),
            "closed": (0.42, 0.33)},
}  # fmt: skip
LIVE_PRECISION_FLOOR = {"why": 0.82}  # measured 0.86 written, 0.97 as a transcriber writes


@pytest.fixture(scope="module")
def results() -> dict:
    return evaluate(load_corpus(), 5, {}, lambda _m: None, shipped_recipes())


@pytest.mark.parametrize("variant", sorted(FLOORS))
def test_all_cues_stay_above_their_floors(results: dict, variant: str) -> None:
    for kind, (precision, recall) in FLOORS[variant].items():
        got = results[variant][kind]
        assert got["precision"] >= precision, (variant, kind, got)
        assert got["recall"] >= recall, (variant, kind, got)


def test_cues_shown_live_stay_precise(results: dict) -> None:
    for kind, floor in LIVE_PRECISION_FLOOR.items():
        got = results["clean"][kind]["live_precision"]
        assert got is not None and got >= floor, (kind, got)
