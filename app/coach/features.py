"""Hashed word and character n-grams: the input of the linear selling classifier.

Stable across runs and machines (CRC-32, not Python's salted hash), so trained weights stay
valid when loaded elsewhere.
"""

from __future__ import annotations

import re
import zlib

DIM_BITS = 16
DIM = 1 << DIM_BITS
_TOKEN = re.compile(r"[a-z0-9$%]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+")


def tokens(text: str) -> list[str]:
    lowered = text.lower().replace("’", "'")
    return [_NUMBER.sub("0", t) for t in _TOKEN.findall(lowered)]


def feature_indices(text: str) -> dict[int, float]:
    """Bucket -> value: word 1-2-grams, char 4-grams inside words, a question flag."""
    toks = tokens(text)
    grams: list[str] = [f"w:{t}" for t in toks]
    grams += [f"b:{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]
    padded = ["<s>", *toks]
    grams += [f"s:{a} {b}" for a, b in zip(padded, padded[1:2], strict=False)]
    for tok in toks:
        word = f"_{tok}_"
        grams += [f"c:{word[i : i + 4]}" for i in range(max(1, len(word) - 3))]
    if text.rstrip().endswith("?"):
        grams.append("q:question")
    counts: dict[int, float] = {}
    for gram in grams:
        index = zlib.crc32(gram.encode()) & (DIM - 1)
        counts[index] = counts.get(index, 0.0) + 1.0
    # Length normalisation keeps long turns from scoring high just by having more words.
    norm = sum(v * v for v in counts.values()) ** 0.5 or 1.0
    return {k: v / norm for k, v in counts.items()}
