"""The labelled corpus of real interviews the cue models learn from and are measured on
(resources/coach_corpus: MANIFEST.md says where each transcript comes from, GUIDE.md how it is
labelled)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.coach.cues import TEXT_KINDS, CueKind
from app.session.segments import Speaker

CORPUS_DIR = Path(__file__).resolve().parents[2] / "resources" / "coach_corpus"
# Corpus lines spoken by espeak-ng and decoded by the bundled tiny.en (bench/make_spoken.py):
# what the live transcriber makes of them ("Why did you…" heard as "I did you…").
SPOKEN_PATH = CORPUS_DIR / "spoken" / "tiny_en.jsonl"
PHASES = {"intro": 0, "basics": 1, "deeper": 2, "wrap": 3}
# Every kind decided from the words of one turn is labelled in the corpus.
LABELLED_KINDS: tuple[CueKind, ...] = TEXT_KINDS


@dataclass(frozen=True)
class CorpusTurn:
    interview: str
    source: str
    turn: int
    speaker: Speaker
    phase: int
    text: str
    labels: frozenset[CueKind]
    previous: str  # the other speaker's turn just before ("" for guide lines)

    def with_text(self, text: str, previous: str | None = None) -> CorpusTurn:
        return CorpusTurn(self.interview, self.source, self.turn, self.speaker, self.phase, text,
                          self.labels, self.previous if previous is None else previous)  # fmt: skip


def _rows(path: Path) -> Iterable[dict]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def _turn(row: dict, interview: str, previous: str) -> CorpusTurn:
    labels = frozenset(CueKind(k) for k in row.get("labels", []) if k and k != "none")
    speaker = Speaker.INTERVIEWER if row["speaker"] == "interviewer" else Speaker.PARTICIPANT
    return CorpusTurn(interview, str(row["source"]), int(row.get("turn", 0)), speaker,
                      PHASES.get(str(row.get("phase", "deeper")), 2), str(row["text"]), labels,
                      previous)  # fmt: skip


def load_corpus(root: Path = CORPUS_DIR, *, guides: bool = True) -> list[CorpusTurn]:
    turns: list[CorpusTurn] = []
    for path in sorted((root / "interviews").glob("*.jsonl")):
        last: CorpusTurn | None = None
        for row in _rows(path):
            turn = _turn(row, str(row.get("interview", path.stem)), "")
            if last is not None and last.speaker is not turn.speaker:
                turn = turn.with_text(turn.text, last.text)
            turns.append(turn)
            last = turn
    if guides:
        for path in sorted((root / "guides").glob("*.jsonl")):
            for row in _rows(path):
                turns.append(_turn(row, f"guide:{row['source']}", ""))
    return turns


def load_spoken(path: Path = SPOKEN_PATH) -> dict[str, str]:
    """Written line -> what tiny.en heard when it was spoken ({} when none were made)."""
    if not path.exists():
        return {}
    return {str(r["text"]): str(r["spoken"]) for r in _rows(path)}


_PUNCT = re.compile(r"[^\w\s']+")


def asr_style(text: str) -> str:
    """The text as a live transcriber may give it: lowercase, no punctuation."""
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", text.lower().replace("\u2019", "'"))).strip()
