"""The coach on people it has never heard: the development folds of bench/cues.py (whole
sources left out, the shipped model's recipe per kind, thresholds chosen per fold), with floors
a little under the figures measured when the model was trained. A change that makes the coach
worse on real interviews fails here; the full figures come from `bench/cues.py`."""

from __future__ import annotations

import pytest

from app.coach.corpus import load_corpus, load_spoken
from bench.cues import evaluate, shipped_recipes

# The folds train the models five times over every form of 7,000 turns: minutes, not seconds,
# and on a slow or busy machine more than the suite's default limit per test.
pytestmark = pytest.mark.timeout(1800)

# Mean over folds; (precision, recall) of all cues, written text and transcriber-style text.
# Measured (bench/cues.py --fixed-recipes --no-spoken, 25 sources, after the label audit of
# 2026-11-27) when the model was trained: why 0.84/0.96 written and 0.88/0.87 as a transcriber
# writes; selling 0.48/0.35 (0.35/0.35); hypothetical 0.66/0.22 (0.64/0.21); closed 0.53/0.66
# (0.47/0.38). Kinds missing here are weaker still and are review-only
# (app.coach.train.LIVE_KINDS).
# Raised after the hypothetical/leading/selling rules were rebuilt from the definitions and the
# questions of a turn grouped by what they ask (issue 15), model retrained, same bench, shipped
# recipes: why 0.87/0.95 written, 0.88/0.87 as a transcriber writes; hypothetical 0.89/0.63
# (0.85/0.59); leading 0.77/0.31 (0.70/0.16); selling 0.61/0.39 (0.44/0.38); closed 0.56/0.73
# (0.51/0.39); why shown live 0.88 written.
# After questions said without a mark were found after a lead-in word, in shorter runs and in
# "how long…"/"in what…" forms, and tiny.en's "will/doesn't" forms of hypothetical questions
# (model retrained): why 0.87/0.95 (0.89/0.89); hypothetical 0.89/0.64 (0.86/0.60); leading
# 0.83/0.30 (0.74/0.16); selling 0.61/0.39 (0.44/0.38); closed 0.56/0.72 (0.50/0.39); spoken
# hypothetical recall 0.43 (0.39 before) against 0.56 for the same turns written.
# Six more organisations (31 sources: Zulip's and MLH's seller text, four research guides), and
# recipes, thresholds and crisp priors chosen on written and transcriber text together (a
# recipe chosen on written text alone took closed to 0.27/0.10 as a transcriber writes): why
# 0.92/0.94 (0.94/0.92); hypothetical 0.83/0.56 (0.81/0.51); leading 0.74/0.32 (0.65/0.22);
# selling 0.50/0.27 (0.49/0.27), the new sellers' web copy being harder to recognise than the
# old folds' lines; closed 0.63/0.61 (0.60/0.50); why shown live 0.92 (0.94).
# Offers, fees, superiority claims, closing questions and founders' pitches written from the
# definitions, and every line learnt a third time with the words tiny.en heard when it was
# spoken (2,159 spoken lines; model retrained): why 0.92/0.94 (0.94/0.92); selling 0.53/0.36
# (0.51/0.34); hypothetical 0.83/0.56 (0.81/0.52); leading 0.71/0.33 (0.63/0.22); closed
# 0.62/0.64 (0.58/0.53); why shown live 0.92 (0.94). Spoken by espeak-ng and heard by tiny.en:
# why 0.98/0.82, hypothetical 0.94/0.39, closed 0.80/0.41, selling 0.58/0.28.
# The grouped questions of a turn (stacked) and the yes/no form (closed) made crisp rules,
# "…? Why?" and "how long does <noun>…" cut out of a transcriber's run, "and how…?" kept as a
# second question, "what our app does is…" read as a statement, more hypothetical forms from the
# definitions (model retrained): stacked 0.39/0.18 -> 0.36/0.48 (0.20/0.07 -> 0.38/0.39); closed
# 0.62/0.64 -> 0.58/0.83 (0.58/0.53 -> 0.50/0.71); hypothetical 0.83/0.60 (0.82/0.56); selling
# 0.52/0.36 (0.64/0.34); why 0.92/0.94 (0.94/0.92). Spoken, with 600 more unlabelled lines in
# the spoken cache: stacked 0.45/0.42, closed 0.72/0.51, hypothetical 0.93/0.42.
# GUIDE.md's wishes ("what would you like to change or add?", also on a screen) and its closed
# exclusions (the call's logistics and consent, "do you have any thoughts…?", requests such as
# "can you summarize…?") as rules, and "…? Why?" labelled stacked as GUIDE.md says (3 lines,
# audit/stacked_why.jsonl; model retrained): hypothetical 0.84/0.67 (0.82/0.62), spoken
# 0.90/0.47; closed 0.61/0.83 (0.53/0.71), spoken 0.76/0.51; stacked 0.40/0.51 (0.42/0.42),
# spoken 0.47/0.41; why spoken 0.98/0.84.
FLOORS = {
    "clean": {"why": (0.87, 0.90), "selling": (0.48, 0.31), "hypothetical": (0.79, 0.62),
              "leading": (0.66, 0.28), "closed": (0.57, 0.78), "stacked": (0.35, 0.46)},
    "asr": {"why": (0.89, 0.87), "selling": (0.58, 0.29), "hypothetical": (0.77, 0.58),
            "leading": (0.57, 0.18), "closed": (0.49, 0.66), "stacked": (0.37, 0.38)},
    "spoken": {"why": (0.92, 0.79), "selling": (0.50, 0.23), "hypothetical": (0.85, 0.42),
               "closed": (0.71, 0.46), "stacked": (0.42, 0.37)},
}  # fmt: skip
# Cues shown live, per form of the text: the target (0.90) holds on written and transcriber text
# alike since the live threshold is the strictest over the forms (measured 0.93 written, 0.95 as
# a transcriber writes, 1.0 spoken).
LIVE_PRECISION_FLOOR = {"clean": {"why": 0.90}, "asr": {"why": 0.90}, "spoken": {"why": 0.90}}


@pytest.fixture(scope="module")
def results() -> dict:
    return evaluate(load_corpus(), 5, load_spoken(), lambda _m: None, shipped_recipes())


@pytest.mark.parametrize("variant", sorted(FLOORS))
def test_all_cues_stay_above_their_floors(results: dict, variant: str) -> None:
    for kind, (precision, recall) in FLOORS[variant].items():
        got = results[variant][kind]
        assert got["precision"] >= precision, (variant, kind, got)
        assert got["recall"] >= recall, (variant, kind, got)


@pytest.mark.parametrize("variant", sorted(LIVE_PRECISION_FLOOR))
def test_cues_shown_live_stay_precise(results: dict, variant: str) -> None:
    for kind, floor in LIVE_PRECISION_FLOOR[variant].items():
        got = results[variant][kind]["live_precision"]
        assert got is not None and got >= floor, (variant, kind, got)
