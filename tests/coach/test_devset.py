"""Quality floors of the text classifiers on the hand-labelled development set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.coach.classify import classify_text
from app.coach.cues import TEXT_KINDS

DATA = Path(__file__).resolve().parents[1] / "data" / "cue_devset.jsonl"
TRAIN = Path(__file__).resolve().parents[2] / "app" / "coach" / "training" / "selling_train.jsonl"
FLOORS = {
    "why": 0.95,
    "selling": 0.85,
    "hypothetical": 0.85,
    "closed": 0.85,
    "leading": 0.80,
    "stacked": 0.80,
}


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_devset_is_large_and_covers_every_text_kind() -> None:
    rows = _load(DATA)
    assert len(rows) >= 300
    kinds = {label for row in rows for label in row["labels"]}
    assert {k.value for k in TEXT_KINDS} <= kinds
    assert len({row["text"] for row in rows}) == len(rows)


def test_selling_training_data_never_contains_devset_lines() -> None:
    dev = {row["text"].strip().lower() for row in _load(DATA)}
    train = {row["text"].strip().lower() for row in _load(TRAIN)}
    assert not dev & train


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_precision_and_recall_floors(kind: str) -> None:
    tp = fp = fn = 0
    for row in _load(DATA):
        got = kind in {k.value for k in classify_text(row["text"])}
        want = kind in row["labels"]
        tp += got and want
        fp += got and not want
        fn += want and not got
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    assert precision >= FLOORS[kind], f"{kind} precision {precision:.3f}"
    assert recall >= FLOORS[kind], f"{kind} recall {recall:.3f}"
