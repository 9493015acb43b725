"""The selling classifier: logistic regression over hashed n-grams, weights in data/.

Trained by `python -m app.coach.train_selling` from app/coach/training/selling_train.jsonl
(the dev set in tests/data is never trained on). Rules catch the fixed phrases; the model
catches pitches in the interviewer's own words.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.coach.features import DIM, feature_indices
from app.coach.rules import selling_phrase
from app.coach.text import is_question, sentences

WEIGHTS_PATH = Path(__file__).with_name("data") / "selling_model.npz"
# A pitch talks about an offering: without one of these stems the model is not asked. This
# keeps it from reading every friendly "you" sentence of a meeting as a pitch.
_OFFERING = re.compile(
    r"\b(?:product|feature|plan|tier|pric|price|cost|cheap|afford|trial|demo|discount|free|"
    r"tool|app|platform|software|integrat|dashboard|version|upgrad|sav(?:e|es|ing)|customer|"
    r"client|subscri|module|add-on|licen|seat|support|automat|sync|report|templat|release|"
    r"launch|built|build|offer|deal|vendor|competit|percent|dollar|month|onboard|migrat|"
    r"account|export|import|editor|search|workflow|portal|reminder|inbox|calendar|engine)",
    re.IGNORECASE,
)


class SellingModel:
    def __init__(self, weights: np.ndarray, bias: float, threshold: float = 0.5) -> None:
        if weights.shape != (DIM,):
            raise ValueError(f"selling weights have shape {weights.shape}, expected ({DIM},)")
        self._weights = weights.astype(np.float64)
        self._bias = float(bias)
        self.threshold = float(threshold)  # chosen by cross-validation on the training data

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> SellingModel:
        with np.load(path) as data:
            threshold = float(data["threshold"]) if "threshold" in data else 0.5
            return cls(data["weights"], float(data["bias"]), threshold)

    def probability(self, text: str) -> float:
        feats = feature_indices(text)
        if not feats:
            return 0.0
        w = self._weights
        z = self._bias + sum(w[i] * v for i, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def default_model() -> SellingModel:
    return SellingModel.load()


def selling_evidence(text: str, threshold: float | None = None) -> str | None:
    """The sentence that pitches, or None.

    Rules first (fixed phrases, offers asked as questions); then the model on each statement
    (a pitch is usually one sentence in a longer turn). Questions go to the model only
    through the rules: interview questions mention products and prices all the time.
    """
    found = selling_phrase(text)
    if found:
        return found
    model = default_model()
    threshold = model.threshold if threshold is None else threshold
    best, best_p = None, threshold
    for sentence in sentences(text):
        if is_question(sentence) or not _OFFERING.search(sentence):
            continue
        p = model.probability(sentence)
        if p >= best_p:
            best, best_p = sentence, p
    return best
