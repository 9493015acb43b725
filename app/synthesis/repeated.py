"""Words and phrases that recur across participants but are uncommon in general English: the
guide's "uncommon words or phrases that appear repeatedly", every occurrence kept."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.synthesis.lexicon import STOPWORDS, words, zipf

# Filler, pronouns and function words never start or end a phrase (lexicon.STOPWORDS).
# A word at least this common in English is never "uncommon" on its own ("form" is 5.3,
# "dashboard" 3.3, "caregiver" 3.1); a phrase needs one word below PHRASE_ZIPF.
WORD_ZIPF = 3.8
PHRASE_ZIPF = 4.6
MAX_N = 3


@dataclass(frozen=True)
class Line:
    """One participant line of one interview, as the phrase finder reads it."""

    interview_id: int
    participant: str
    segment_id: int
    start: float
    text: str


@dataclass(frozen=True)
class Occurrence:
    interview_id: int
    participant: str
    segment_id: int
    start: float
    text: str


@dataclass(frozen=True)
class RepeatedPhrase:
    phrase: str
    zipf: float  # of its rarest word: lower is rarer
    occurrences: tuple[Occurrence, ...]

    @property
    def participants(self) -> int:
        return len({o.participant for o in self.occurrences})

    @property
    def interviews(self) -> int:
        return len({o.interview_id for o in self.occurrences})

    @property
    def why(self) -> str:
        return (f"said by {self.participants} participants, {len(self.occurrences)} times; "
                f"rare in everyday English (Zipf {self.zipf:.1f})")  # fmt: skip


def _grams(tokens: list[str]) -> Iterable[str]:
    for n in range(1, MAX_N + 1):
        for i in range(len(tokens) - n + 1):
            gram = tokens[i : i + n]
            if gram[0] in STOPWORDS or gram[-1] in STOPWORDS:
                continue
            if any(len(t) < 2 for t in gram):
                continue
            yield " ".join(gram)


def _rarest(phrase: str) -> float:
    return min(zipf(t) for t in phrase.split())


def find_repeated(lines: Iterable[Line], *, min_participants: int = 2,
                  limit: int = 60) -> list[RepeatedPhrase]:  # fmt: skip
    """Phrases said by at least `min_participants` participants (in different interviews),
    uncommon in English, most widespread and rarest first. A phrase inside a longer kept
    phrase with the same speakers is dropped (the longer one says more)."""
    where: dict[str, list[Occurrence]] = defaultdict(list)
    for line in lines:
        seen: set[str] = set()
        for gram in _grams(words(line.text)):
            if gram not in seen:  # a line counts once per phrase
                seen.add(gram)
                where[gram].append(Occurrence(line.interview_id, line.participant,
                                              line.segment_id, line.start, line.text))  # fmt: skip
    found: list[RepeatedPhrase] = []
    for gram, occurrences in where.items():
        speakers = {(o.interview_id, o.participant) for o in occurrences}
        if len({o.interview_id for o in occurrences}) < min_participants or \
                len(speakers) < min_participants:  # fmt: skip
            continue
        rarest = _rarest(gram)
        limit_zipf = WORD_ZIPF if " " not in gram else PHRASE_ZIPF
        if rarest >= limit_zipf:
            continue
        found.append(RepeatedPhrase(gram, rarest, tuple(occurrences)))
    found.sort(key=lambda p: (-p.participants, p.zipf, -len(p.phrase.split()), p.phrase))
    kept: list[RepeatedPhrase] = []
    for phrase in found:
        inside = any(f" {phrase.phrase} " in f" {k.phrase} " and k.participants >= phrase.participants
                     and len(k.occurrences) >= len(phrase.occurrences) for k in kept)  # fmt: skip
        if not inside:
            kept.append(phrase)
        if len(kept) == limit:
            break
    return kept
