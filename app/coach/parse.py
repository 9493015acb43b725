"""One utterance parsed once: sentences, questions, words and the embedding every rule and
model of the coach reads.

Transcribers often give no punctuation ("so how do you track it and who sees it") and drop
question marks, so a question is recognised by its words as well as by a "?": a sentence that
opens with a wh-word or with an auxiliary before its subject is a question. Unpunctuated text is
cut where a new question starts. Each sentence keeps a normal form that ends in "?" when it is a
question, which is what the rules read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from app.coach.text import (
    AUXILIARIES,
    FILLER_QUESTIONS,
    normalise,
    strip_openers,
    strip_quotes,
)

_SENTENCE_SPLIT = re.compile(r"(?<=[.?!…])[\"”’)]*\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUBJECTS = frozenset(
    [
        "you",
        "your",
        "i",
        "we",
        "they",
        "he",
        "she",
        "it",
        "that",
        "this",
        "there",
        "people",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "the",
        "a",
        "an",
        "any",
        "those",
        "these",
        "everyone",
        "y'all",
    ]
)
_WH = frozenset(["what", "how", "why", "when", "where", "who", "which", "whose", "whom"])
_WH_CONTRACTED = re.compile(r"^(?:what|how|why|when|where|who)(?:'s|'re|'d|'ll)$")
# After a wh-word these make a statement ("what I did was...", "how we do it is...").
_WH_STATEMENT_SUBJECT = frozenset(["i", "we", "they", "he", "she"])
# Where a new question starts inside unpunctuated speech.
_QUESTION_START = re.compile(
    r"\b(?:(?:and|so|but|or|okay|ok|also)\s+)?"
    r"(?:(?:what|how|why|when|where|who|which)(?:'s|'re)?\s+"
    r"(?:do|did|does|is|are|was|were|would|could|can|have|has|will|should|might|made|makes|"
    r"happened|happens)\b"
    r"|how come\b"
    r"|(?:do|did|does|would|could|can|have|has|is|are|was|were|will)\s+"
    r"(?:you|they|we|it|that|this|there|your|people)\b)",
    re.IGNORECASE,
)
# A wh-word after these opens an embedded clause, not a new question.
_EMBEDDING_WORDS = frozenset(
    [
        "about",
        "of",
        "on",
        "in",
        "know",
        "understand",
        "see",
        "me",
        "is",
        "was",
        "learn",
        "explore",
        "hear",
        "wondering",
        "curious",
        "sure",
        "asking",
        "ask",
        "tell",
        "show",
        "explain",
        "describe",
        "remember",
        "exactly",
        "that",
        "like",
        "to",
    ]
)
_TRAILING_FILLER = re.compile(r"(?:,?\s*(?:you know|right|okay|ok|yeah))+\s*$", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


def looks_like_question(sentence: str) -> bool:
    """A question by its punctuation or, without one, by its first words."""
    if sentence.rstrip().endswith("?"):
        return True
    if sentence.rstrip().endswith("!"):
        return False
    words = tokens(strip_openers(sentence))
    if not words:
        return False
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if first in _WH:
        if first == "how" and second == "come":
            return True
        if len(words) == 1:
            return first in {"why", "how", "what"}
        return second not in _WH_STATEMENT_SUBJECT
    if _WH_CONTRACTED.match(first):
        return True
    return first in AUXILIARIES and second in _SUBJECTS


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # as said, question mark added when it is a question without one
    is_question: bool
    words: tuple[str, ...]

    @property
    def core(self) -> str:
        """The sentence without its empty openers ("so, okay, um...")."""
        return strip_openers(self.text)


def _split_unpunctuated(text: str) -> list[str]:
    """Cut a run of words without punctuation where a question starts."""
    cuts = [m.start() for m in _QUESTION_START.finditer(text) if m.start() > 0]
    pieces, last = [], 0
    for cut in cuts:
        piece = text[last:cut].strip(" ,")
        before = tokens(piece)[-1:] or [""]
        if before[0] in _EMBEDDING_WORDS:
            continue  # "talk about how you file" is one sentence
        # Keep short lead-ins ("okay so") with what follows; they are not sentences.
        if len(tokens(piece)) >= 3:
            pieces.append(piece)
            last = cut
    pieces.append(text[last:].strip(" ,"))
    return [p for p in pieces if p]


# tiny.en often hears "Why did you choose…" as "I did you choose…" (measured live, issue 14) or
# "by did you choose…" (espeak-ng through the live pipeline, tests/live/test_listen_pulse.py):
# "I/by <auxiliary> you <verb>" is not English, so it is read back as the why-question it was.
# ("I did you a favour" is English: an article after the pronoun keeps it.)
_HEARD_AS_I = re.compile(
    r"^(?:i|eye|ai|by|bye|buy)\s+(did|do|does|were|are|was|is|have|had)\s+"
    r"(you|they|we|he|she)\s+(?!(?:a|an|the|no|any|some|my|your|this|that|it|one)\b)(?=\w)",
    re.IGNORECASE,
)


def _undo_misheard_why(sentence: str) -> str:
    return _HEARD_AS_I.sub(lambda m: f"Why {m.group(1)} {m.group(2)} ", sentence, count=1)


def split_sentences(text: str) -> list[Sentence]:
    clean = normalise(strip_quotes(text))
    raw = [p.strip() for p in _SENTENCE_SPLIT.split(clean) if p.strip()]
    out: list[Sentence] = []
    for part in raw:
        pieces = [part]
        if not re.search(r"[.?!…]", part[:-1]) and len(tokens(part)) > 12:
            pieces = _split_unpunctuated(part)  # a long run with no inner stop
        for piece in pieces:
            piece = _undo_misheard_why(piece)
            question = looks_like_question(piece)
            shown = piece
            if question and not piece.rstrip().endswith("?"):
                shown = _TRAILING_FILLER.sub("", piece.rstrip(" .,;:")) or piece
                shown = shown.rstrip(" .,;:") + "?"
            out.append(Sentence(shown, question, tuple(tokens(piece))))
    return out


def _is_filler(sentence: Sentence) -> bool:
    core = " ".join(tokens(strip_openers(sentence.text)))
    return not core or core in FILLER_QUESTIONS


@dataclass(frozen=True)
class ParsedTurn:
    """One utterance and what the coach knows about it when it is said."""

    text: str
    sentences: tuple[Sentence, ...]
    words: tuple[str, ...]
    punctuated: bool  # the text has sentence punctuation (a written or well-punctuated line)
    phase: int = 2  # index into the plan; 2 = Go deeper by default
    previous: str = ""  # what the other speaker said just before

    @property
    def questions(self) -> tuple[Sentence, ...]:
        """Real questions: fillers ("..., right?" alone, "okay?") left out."""
        return tuple(s for s in self.sentences if s.is_question and not _is_filler(s))

    @property
    def statements(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if not s.is_question)

    @cached_property
    def embedding(self) -> np.ndarray:
        from app.coach.embed import embed

        return embed(self.text)



def parse(text: str, *, phase: int = 2, previous: str = "") -> ParsedTurn:
    return _parse(text, phase, previous)


@lru_cache(maxsize=2048)
def _parse(text: str, phase: int, previous: str) -> ParsedTurn:
    sentences = tuple(split_sentences(text))
    return ParsedTurn(
        text=text,
        sentences=sentences,
        words=tuple(tokens(text)),
        punctuated=bool(re.search(r"[.?!]", text)),
        phase=phase,
        previous=previous,
    )
