"""Word lists that ship inside PyPI packages: VADER's sentiment lexicon (vaderSentiment) and
general-English word frequencies (wordfreq). Both read local files only; nothing is fetched."""

from __future__ import annotations

import re
from functools import lru_cache

# Filler, pronouns and function words: never the edge of a phrase nor a group's name.
_STOP_TEXT = (
    "a an the and or but so if to of in on at by for from with as is are was were be been am "
    "i you he she it we they me him her us them my your his its our their this that these those "
    "there here what which who whom whose when where why how not no yes do does did don't "
    "doesn't didn't can can't could would should will won't just like um uh yeah okay oh "
    "really very kind sort know mean think got get have has had i'm it's that's you're we're "
    "they're i've i'd i'll let's then than also too well right"
)  # fmt: skip
STOPWORDS = frozenset(_STOP_TEXT.split())

WORD = re.compile(r"[a-z][a-z'\u2019-]*[a-z]|[a-z]")


def words(text: str) -> list[str]:
    """Lowercase words, apostrophes kept ("don't"), curly quotes straightened."""
    return [w.replace("\u2019", "'") for w in WORD.findall(text.lower())]


@lru_cache(maxsize=1)
def _vader() -> object:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


# Words VADER scores that speech uses as filler ("it was, like, fine", "kind of", "yes, so"):
# read as sentiment they made rambling answers "strongly positive".
SPOKEN_FILLER = frozenset(("like", "kind", "yes", "yeah", "okay", "ok", "pretty", "sure", "well",
                           "please", "number", "right"))  # fmt: skip
_FILLER = re.compile(r"\b(" + "|".join(sorted(SPOKEN_FILLER)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=20_000)
def compound(text: str) -> float:
    """VADER's compound score in [-1, 1] (negation and intensifiers taken into account) of the
    text without spoken filler."""
    return float(_vader().polarity_scores(_FILLER.sub(" ", text))["compound"])  # type: ignore[attr-defined]


def valence(word: str) -> float:
    """VADER's valence of one word (-4 .. 4; 0 when not in the lexicon or spoken filler)."""
    if word.lower() in SPOKEN_FILLER:
        return 0.0
    return float(_vader().lexicon.get(word.lower(), 0.0))  # type: ignore[attr-defined]


def charged_words(text: str, limit: int = 3) -> list[tuple[str, float]]:
    """The words of a text with the strongest VADER valence, strongest first."""
    seen: dict[str, float] = {}
    for w in words(text):
        v = valence(w)
        if v:
            seen[w] = v
    return sorted(seen.items(), key=lambda kv: -abs(kv[1]))[:limit]


@lru_cache(maxsize=50_000)
def zipf(word_or_phrase: str) -> float:
    """How common in general English: 0 (never seen) .. 8 ("the"); 3 is once per million words."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word_or_phrase, "en"))
