"""The coach on people it has never heard: the development folds of bench/cues.py (whole
sources left out, the shipped model's recipe per kind, thresholds chosen per fold), with floors
a little under the figures measured when the model was trained. A change that makes the coach
worse on real interviews fails here; the full figures come from `bench/cues.py`."""

from __future__ import annotations

import pytest

from app.coach.corpus import load_corpus
from bench.cues import evaluate, shipped_recipes

# Mean over folds; (precision, recall) of all cues, written text and transcriber-style text.
# Measured (bench/cues.py --fixed-recipes --no-spoken) when the model was trained: why
# 0.90/0.91 written and 0.93/0.90 as a transcriber writes; selling 0.39/0.36; hypothetical
# 0.66/0.25; closed 0.51/0.66 (0.44/0.33 transcriber-style). Kinds missing here are weaker
# still and are review-only (app.coach.train.LIVE_KINDS).
FLOORS = {
    "clean": {"why": (0.85, 0.85), "selling": (0.3, 0.25), "hypothetical": (0.5, 0.18),
              "closed": (0.42, 0.55)},
    "asr": {"why": (0.85, 0.85), "selling": (0.28, 0.25), "hypothetical": (0.5, 0.18),
            "closed": (0.35, 0.25)},
}  # fmt: skip
LIVE_PRECISION_FLOOR = {"why": 0.88}  # measured 0.93


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
