"""Sentences, questions and quotes: the small grammar the cue rules stand on."""

from __future__ import annotations

import re

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<=\s)'[^']{3,}'(?=[\s.,?!]|$)")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# Words people open a sentence with that carry no content.
_OPENERS = re.compile(
    r"^(?:(?:so|and|but|okay|ok|alright|all right|right|well|um+|uh+|er|like|now|then|yeah|yes|"
    r"great|cool|oh|hmm+|mhm|gotcha|got it|i see|sure|interesting|wow|nice|awesome|perfect|"
    r"thanks|thank you|and then|and so|also|just|actually|anyway|fair enough|makes sense|"
    r"that makes sense|okay cool|ok cool|sorry|hey)\b[\s,.;:!—–-]*)+",
    re.IGNORECASE,
)
WH_WORDS = frozenset(
    {
        "what",
        "what's",
        "how",
        "how's",
        "why",
        "when",
        "where",
        "who",
        "who's",
        "which",
        "whose",
        "whom",
        "what're",
        "where's",
        "when's",
        "why's",
        "why'd",
        "how'd",
        "what'd",
        "where'd",
        "who'd",
        "when'd",
        "how'll",
        "what'll",
        "who'll",
    }
)
AUXILIARIES = frozenset(
    [
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "shall",
        "may",
        "might",
        "am",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "haven't",
        "hasn't",
        "hadn't",
        "can't",
        "couldn't",
        "won't",
        "wouldn't",
        "shouldn't",
        "mightn't",
    ]
)
# One-word questions that are fillers, not questions: "..., right?", "Okay?"
FILLER_QUESTIONS = frozenset(
    {
        "right",
        "okay",
        "ok",
        "yeah",
        "you know",
        "you know what i mean",
        "know what i mean",
        "does that make sense",
        "make sense",
        "right right",
        "no",
        "huh",
        "sure",
        "yes",
        "hm",
        "mhm",
        "so",
        "correct",
        "true",
        "really",
        "sorry",
        "pardon",
        "hello",
    }
)


# A guide's template slot ("the most [inefficient, frustrating] part", "[task/process]"): the
# interviewer says one of its choices, so the rules read them as words joined by "/" (not as a
# list with commas, which would cut the sentence into clauses).
_SLOT = re.compile(r"\[([^\]\[]*)\]")
_SLOT_COMMA = re.compile(r"\s*,\s*")


def _slot_words(match: re.Match[str]) -> str:
    return _SLOT_COMMA.sub("/", match.group(1).strip())


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").strip()
    return _SLOT.sub(_slot_words, text) if "[" in text else text


def strip_quotes(text: str) -> str:
    """Leave out quoted speech: "he asked 'why bother?'" is not the interviewer's why."""
    return _QUOTED.sub(" ", text)


def strip_openers(sentence: str) -> str:
    return _OPENERS.sub("", sentence.strip()).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


def first_word(sentence: str) -> str:
    found = words(strip_openers(sentence))
    return found[0] if found else ""
