"""Hypotheses against interviews: the lines that speak to a hypothesis, a suggested verdict
with its reason (the user confirms), and the hypotheses x interviews matrix."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from app.store.hypotheses import StoredHypothesis, StoredMark, Verdict
from app.synthesis.highlights import ParticipantLine
from app.synthesis.lexicon import words

Embed = Callable[[str], np.ndarray]
# WordLlama cosine: an unrelated line sits near 0.1, a line on the same matter 0.4-0.6.
EVIDENCE_SIMILARITY = 0.38
EVIDENCE_QUOTES = 3
MIN_WORDS = 5
_NEGATION = re.compile(r"\b(not|no|never|none|nobody|nothing|neither|nor|without|"
                       r"\w+n't|cannot|hardly|rarely)\b")  # fmt: skip
VERDICT_SYMBOLS = {Verdict.SUPPORTED: "\u2714", Verdict.CONTRADICTED: "\u2718",
                   Verdict.NOT_DISCUSSED: "\u2013"}  # fmt: skip
VERDICT_LABELS = {Verdict.SUPPORTED: "Supported", Verdict.CONTRADICTED: "Contradicted",
                  Verdict.NOT_DISCUSSED: "Not discussed"}  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    segment_id: int
    start: float
    text: str
    similarity: float


@dataclass(frozen=True)
class VerdictSuggestion:
    verdict: Verdict
    why: str
    evidence: tuple[Evidence, ...]


def _negated(text: str) -> bool:
    """Any negation at all: in speech "never, not once" is emphasis, not a double negative."""
    return _NEGATION.search(text.lower().replace("\u2019", "'")) is not None


def find_evidence(hypothesis: str, lines: Sequence[ParticipantLine], embed: Embed,
                  threshold: float = EVIDENCE_SIMILARITY,
                  limit: int = EVIDENCE_QUOTES) -> list[Evidence]:  # fmt: skip
    """The participant lines closest in meaning to the hypothesis, closest first."""
    target = embed(hypothesis)
    scored = []
    for line in lines:
        if len(words(line.text)) < MIN_WORDS:
            continue
        similarity = float(np.dot(embed(line.text), target))
        if similarity >= threshold:
            scored.append(Evidence(line.segment_id, line.start, line.text, similarity))
    scored.sort(key=lambda e: -e.similarity)
    return scored[:limit]


def suggest_verdict(hypothesis: str, lines: Sequence[ParticipantLine],
                    embed: Embed) -> VerdictSuggestion:  # fmt: skip
    """Not discussed when no line is close; else supported, unless the closest lines mostly
    say it with the opposite polarity (a "not" where the hypothesis has none, or the reverse)."""
    evidence = find_evidence(hypothesis, lines, embed)
    if not evidence:
        return VerdictSuggestion(Verdict.NOT_DISCUSSED,
                                 "no participant line is close in meaning", ())  # fmt: skip
    flipped = sum(_negated(e.text) != _negated(hypothesis) for e in evidence)
    if flipped * 2 > len(evidence):
        return VerdictSuggestion(Verdict.CONTRADICTED,
                                 f"{flipped} of {len(evidence)} close lines say it the other "
                                 "way round (negation); check them", tuple(evidence))  # fmt: skip
    return VerdictSuggestion(Verdict.SUPPORTED,
                             f"{len(evidence)} close line(s), best {evidence[0].similarity:.2f}; "
                             "check they agree", tuple(evidence))  # fmt: skip


@dataclass(frozen=True)
class MatrixRow:
    hypothesis: StoredHypothesis
    cells: tuple[Verdict | None, ...]  # per interview, in study order; None: not marked yet

    def count(self, verdict: Verdict) -> int:
        return sum(1 for c in self.cells if c is verdict)


def matrix(hypotheses: Sequence[StoredHypothesis], interview_ids: Sequence[int],
           marks: dict[tuple[int, int], StoredMark]) -> list[MatrixRow]:  # fmt: skip
    return [MatrixRow(h, tuple((marks[(h.id, i)].verdict if (h.id, i) in marks else None)
                               for i in interview_ids)) for h in hypotheses]  # fmt: skip
