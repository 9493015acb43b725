"""Words and phrases that recur across participants but are uncommon in general English: the
guide's "uncommon words or phrases that appear repeatedly", every occurrence kept."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.synthesis.lexicon import STOPWORDS, words, zipf

# Filler, pronouns and function words never start or end a phrase (lexicon.STOPWORDS), nor do
# the everyday adverbs and prepositions that glue a rare word to talk ("va because", "lot of
# veterans", "pretty straightforward", "scroll down"): the rare word is listed on its own.
_EDGE_TEXT = (
    "about because other own more most lot lots pretty back out down up over into through "
    "without even still much many some any every each all only same such again maybe "
    "actually basically probably definitely obviously literally exactly blah whatnot mm-hm mhm uh-huh "
    "unintelligible inaudible crosstalk laughter"  # transcribers' marks, not speech
)  # fmt: skip
EDGE_WORDS = STOPWORDS | frozenset(_EDGE_TEXT.split())
# A word at least this common in English is never "uncommon" on its own ("form" is 5.3,
# "dashboard" 3.3, "caregiver" 3.1); judged on its base form, so an everyday verb does not
# pass as rare in the past tense ("typed" 3.5, "type" 5.3; "clicked" 3.6, "click" 4.8).
WORD_ZIPF = 3.8
# A phrase needs one word below PHRASE_ZIPF, and its words together must not be everyday
# English: the mean Zipf of its content words stays below PHRASE_MEAN_ZIPF. Idioms and
# collocations of talk are built from common words ("back and forth" 5.2, "checked out" 5.5,
# "a little bit" 5.6, "end of the day" 5.8); domain phrases are not ("disability rating" 4.3,
# "progress bar" 4.7, "veterans crisis line" 4.8, "ask va" 4.8).
PHRASE_ZIPF = 4.6
PHRASE_MEAN_ZIPF = 4.9
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
            if gram[0] in EDGE_WORDS or gram[-1] in EDGE_WORDS:
                continue
            if any(len(t) < 2 for t in gram):
                continue
            yield " ".join(gram)


_CLITIC = re.compile(r"'(s|d|ll|re|ve)$")


def _bases(word: str) -> list[str]:
    """The word and the forms it may be inflected from: clitics ("somebody's", "that'd") and
    verb endings ("typed", "clicked", "skipped", "submitting"). Plurals are kept: "dependents"
    and "prescriptions" are the domain's words, not a form of an everyday one."""
    forms = [word, _CLITIC.sub("", word)]
    for ending in ("ed", "ing"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # "skipp" -> "skip"
    if word.endswith("d") and len(word) > 3:
        forms.append(word[:-1])  # "typed" -> "type"
    return forms


def word_zipf(word: str) -> float:
    """How common a word is in English, by its most common base form."""
    return max(zipf(form) for form in _bases(word))


def everyday_phrase(phrase: str) -> bool:
    """True when a phrase is ordinary English: a word common in English, or a phrase whose
    content words are common together ("back and forth"), or with no rare word at all."""
    tokens = phrase.split()
    if len(tokens) == 1:
        return word_zipf(tokens[0]) >= WORD_ZIPF
    content = [word_zipf(t) for t in tokens if t not in STOPWORDS] or [8.0]
    return min(content) >= PHRASE_ZIPF or sum(content) / len(content) >= PHRASE_MEAN_ZIPF


def _rarest(phrase: str) -> float:
    tokens = phrase.split()
    return word_zipf(tokens[0]) if len(tokens) == 1 else min(zipf(t) for t in tokens)


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
        # Different people in different interviews: one person interviewed twice is one voice.
        if len({o.interview_id for o in occurrences}) < min_participants or \
                len({o.participant for o in occurrences}) < min_participants:  # fmt: skip
            continue
        if everyday_phrase(gram):
            continue
        found.append(RepeatedPhrase(gram, _rarest(gram), tuple(occurrences)))
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
