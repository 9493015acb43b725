"""The labelled corpus of real interviews: its shape, its provenance, and that none of it
overlaps the held-out sets the product is measured on."""

from __future__ import annotations

import json
import runpy
from collections import Counter
from pathlib import Path

import pytest

from app.coach.corpus import CORPUS_DIR, LABELLED_KINDS, load_corpus
from app.session.segments import Speaker

REPO = Path(__file__).resolve().parents[2]
GUARD = REPO.parent / "shared" / "holdout-guard" / "check.py"
DATA_FILES = sorted(
    [*CORPUS_DIR.glob("interviews/*.jsonl"), *CORPUS_DIR.glob("guides/*.jsonl"),
     *CORPUS_DIR.glob("agreement/*.jsonl"), *CORPUS_DIR.glob("audit/*.jsonl"),
     *CORPUS_DIR.glob("spoken/*.jsonl"), *(REPO / "bench" / "data").glob("*.jsonl"),
     *(REPO / "tests" / "data").glob("*.jsonl")]
)  # fmt: skip
ALLOWED = {k.value for k in LABELLED_KINDS}


def test_every_row_is_well_formed() -> None:
    for path in CORPUS_DIR.glob("interviews/*.jsonl"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            where = f"{path.name}:{number}"
            assert row["speaker"] in ("interviewer", "participant"), where
            assert row["phase"] in ("intro", "basics", "deeper", "wrap"), where
            assert row["text"].strip(), where
            assert set(row["labels"]) <= ALLOWED, where
            if row["speaker"] == "participant":
                assert set(row["labels"]) <= {"generality"}, where
            else:
                assert "generality" not in row["labels"], where


def test_the_corpus_is_real_interviews_from_many_sources() -> None:
    turns = load_corpus(guides=False)
    interviews = {t.interview for t in turns}
    sources = {t.source for t in turns}
    interviewer = [t for t in turns if t.speaker is Speaker.INTERVIEWER]
    assert len(interviews) >= 30, len(interviews)
    assert len(sources) >= 6, sources
    assert len(interviewer) >= 1500, len(interviewer)
    # Selling comes mostly from sales scripts (guides/): real interviews rarely pitch.
    labels = Counter(k for t in load_corpus() for k in t.labels)
    for kind in LABELLED_KINDS:
        if kind.value != "self_focus":
            assert labels[kind] >= 10, (kind, labels[kind])


def test_every_transcript_has_its_source_and_licence_in_the_manifest() -> None:
    manifest = (CORPUS_DIR / "MANIFEST.md").read_text(encoding="utf-8")
    for path in CORPUS_DIR.glob("interviews/*.jsonl"):
        interview = json.loads(path.read_text(encoding="utf-8").splitlines()[0])["interview"]
        assert interview in manifest, f"{interview} is not in MANIFEST.md"
    assert (CORPUS_DIR / "GUIDE.md").is_file()


@pytest.mark.skipif(not GUARD.is_file(), reason="shared/holdout-guard is not beside the repo")
def test_no_line_overlaps_the_held_out_sets() -> None:
    guard = runpy.run_path(str(GUARD))
    known = set(GUARD.with_name("fingerprints.txt").read_text().split())
    overlapping = []
    for path in DATA_FILES:
        for number, text in guard["line_texts"](path):
            if guard["fingerprints"](text) & known:
                overlapping.append(f"{path.relative_to(REPO)}:{number}")
    assert not overlapping, overlapping[:20]
