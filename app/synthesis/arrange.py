"""The guide's three arrangements of piles, with a suggested place for each pile and why.

Places are in [-1, 1]: charge from negative (-1) through indifferent (0) to positive (+1);
strength from weak (-1) to strong (+1); weight from "that was too challenging" (-1) through
"that's busy work" (0) to "I really want to do that" (+1). The user can move any pile; a
hand-set place wins over the suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.store.studies import Scale
from app.synthesis.lexicon import charged_words, compound

SCALE_ENDS: dict[Scale, tuple[str, str, str]] = {
    Scale.CHARGE: ("Negative", "Indifferent", "Positive"),
    Scale.STRENGTH: ("Weak", "", "Strong"),
    Scale.WEIGHT: ("That was too challenging", "That\u2019s busy work", "I really want to do that"),
}
SCALE_TITLES: dict[Scale, str] = {
    Scale.CHARGE: "Emotional charge",
    Scale.STRENGTH: "Emotional strength",
    Scale.WEIGHT: "Emotional weight",
}
END_ZONE = 1 / 3  # a pile beyond +-1/3 is at an end

# Emotional weight has no lexicon; these are the guide's three stances in words people use.
_WEIGHT_CUES: tuple[tuple[float, re.Pattern[str]], ...] = (
    (-1.0, re.compile(r"\b(too (hard|difficult|complicated|much)|difficult|confus\w*|"
                      r"overwhelm\w*|complicated|impossible|gave up|give up|couldn't figure|"
                      r"can't figure|struggl\w*|stress\w*|scar(y|ed)|intimidat\w*|"
                      r"no idea how|lost)\b")),
    (0.0, re.compile(r"\b(tedious|paperwork|manual(ly)?|every (single )?time|repetitive|"
                     r"boring|chore|again and again|over and over|fill(ing)? out|"
                     r"waste of time|hassle|busy ?work|have to (do|go|call|fill|enter|type)|"
                     r"re-?enter|retype|copy and paste)\b")),
    (1.0, re.compile(r"\b(i (really )?want|we (really )?want|wish|would love|i'd love|"
                     r"would be (nice|great|helpful|awesome|cool)|looking forward|excited|"
                     r"can't wait|love to|i'd like|hope (to|that)|if only|it'd be great)\b")),
)  # fmt: skip


@dataclass(frozen=True)
class Placement:
    value: float  # -1 .. 1
    why: str
    hand_set: bool = False
    # False when nothing in the quotes pointed anywhere: the pile sits in the middle by default
    # and the board says so, rather than claiming "indifferent" or "busy work".
    grounded: bool = True


def _quote_list(found: Sequence[tuple[str, float]]) -> str:
    return ", ".join(f"\u201c{w}\u201d {v:+.1f}" for w, v in found)


def suggest_charge(quotes: Sequence[str]) -> Placement:
    if not quotes:
        return Placement(0.0, "no quotes")
    scores = [compound(q) for q in quotes]
    mean = sum(scores) / len(scores)
    charged = _strongest(quotes)
    why = f"mean VADER charge {mean:+.2f} over {len(quotes)} quotes"
    # No charged word is itself a reading: indifferent (charge), weak (strength).
    found = _quote_list(charged) if charged else "no charged words"
    return Placement(max(-1.0, min(1.0, mean)), f"{why}; {found}")


def suggest_strength(quotes: Sequence[str]) -> Placement:
    """Strength is how far from indifferent, whatever the sign: the mean |compound| (0..1)
    mapped onto weak..strong."""
    if not quotes:
        return Placement(-1.0, "no quotes")
    mean_abs = sum(abs(compound(q)) for q in quotes) / len(quotes)
    charged = _strongest(quotes)
    why = f"mean strength {mean_abs:.2f} (|VADER charge|) over {len(quotes)} quotes"
    found = _quote_list(charged) if charged else "no charged words"
    return Placement(2 * mean_abs - 1, f"{why}; {found}")


def suggest_weight(quotes: Sequence[str]) -> Placement:
    hits: list[tuple[float, str]] = []
    for quote in quotes:
        lowered = quote.lower().replace("\u2019", "'")
        for value, pattern in _WEIGHT_CUES:
            hits.extend((value, m.group(0)) for m in pattern.finditer(lowered))
    if not hits:
        return Placement(0.0, "no words of challenge, chore or wish; left in the middle",
                         grounded=False)  # fmt: skip
    mean = sum(v for v, _ in hits) / len(hits)
    said = ", ".join(dict.fromkeys(f"\u201c{w}\u201d" for _, w in hits[:6]))
    return Placement(mean, f"{len(hits)} cue(s): {said}")


def _strongest(quotes: Sequence[str]) -> list[tuple[str, float]]:
    found: dict[str, float] = {}
    for quote in quotes:
        found.update(charged_words(quote))
    return sorted(found.items(), key=lambda kv: -abs(kv[1]))[:3]


SUGGESTERS = {Scale.CHARGE: suggest_charge, Scale.STRENGTH: suggest_strength,
              Scale.WEIGHT: suggest_weight}  # fmt: skip


@lru_cache(maxsize=8192)
def _suggested(scale: Scale, quotes: tuple[str, ...]) -> Placement:
    return SUGGESTERS[scale](quotes)


def place(scale: Scale, quotes: Sequence[str], hand_set: float | None) -> Placement:
    """The pile's place: the user's when they moved it, else the suggestion (reason kept).
    Suggestions are cached by quotes: the board redraws after every drop."""
    suggested = _suggested(scale, tuple(quotes))
    if hand_set is None:
        return suggested
    return Placement(hand_set, f"placed by hand (suggested {suggested.value:+.2f}: "
                               f"{suggested.why})", hand_set=True)  # fmt: skip


@dataclass(frozen=True)
class Ends:
    left: int | None  # pile id of the biggest pile at the left end
    right: int | None


def biggest_at_ends(places: dict[int, float], sizes: dict[int, int]) -> Ends:
    """The biggest pile (by participants, then id) at each end, as the guide advises acting on."""
    def biggest(ids: list[int]) -> int | None:
        return max(ids, key=lambda p: (sizes.get(p, 0), -p)) if ids else None

    left = [p for p, v in places.items() if v <= -END_ZONE]
    right = [p for p, v in places.items() if v >= END_ZONE]
    return Ends(biggest(left), biggest(right))
