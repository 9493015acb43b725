"""Suggested groups of cards by sentence similarity (WordLlama vectors, average linkage).

Average-linkage clustering with the nearest-neighbour chain: O(n^2) time and one n x n
similarity matrix, so 2,000 cards group in well under a second. Merging stops at a similarity
threshold; a card close to nothing stays lonely (the guide allows lonely cards).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from app.synthesis.lexicon import STOPWORDS, words, zipf

Embed = Callable[[str], np.ndarray]
# Cosine similarity of sentence vectors (unrelated lines sit near 0.1, one topic near 0.6).
GROUP_SIMILARITY = 0.40
NAME_WORDS = 3
NAME_MAX_ZIPF = 5.6  # "about", "said", "okay" name nothing


@dataclass(frozen=True)
class SuggestedGroup:
    card_ids: tuple[int, ...]
    name: str  # the words that set the group apart, for the user to rename
    cohesion: float  # mean similarity inside the group


def card_vectors(texts: Sequence[str], embed: Embed) -> np.ndarray:
    """Unit sentence vectors. Not centred on the cards' mean: with few cards that mean is
    mostly the cards themselves, and centring pushed two halves of one topic apart."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    raw = np.stack([embed(t) for t in texts]).astype(np.float32)
    norms = np.linalg.norm(raw, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return raw / norms


def average_linkage(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Clusters (lists of row indices) whose average pairwise similarity is >= threshold."""
    n = len(vectors)
    if n == 0:
        return []
    sim = (vectors @ vectors.T).astype(np.float64)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    active = np.ones(n, dtype=bool)  # still able to merge
    done: list[list[int]] = []
    chain: list[int] = []
    while active.any():
        if not chain:
            chain.append(int(np.flatnonzero(active)[0]))
        top = chain[-1]
        row = np.where(active, sim[top], -np.inf)
        row[top] = -np.inf
        nearest = int(np.argmax(row))
        if row[nearest] < threshold:
            # Average linkage is reducible: no later merge brings anything closer to it.
            active[top] = False
            done.append(members.pop(top))
            chain.pop()
            continue
        if len(chain) > 1 and chain[-2] == nearest:
            chain.pop()
            chain.pop()
            a, b = top, nearest
            merged = (size[a] * sim[a] + size[b] * sim[b]) / (size[a] + size[b])
            sim[a], sim[:, a] = merged, merged
            sim[a, a] = -np.inf
            sim[b], sim[:, b] = -np.inf, -np.inf
            size[a] += size[b]
            active[b] = False
            members[a].extend(members.pop(b))
            continue
        if nearest in chain:  # a tie loop: break it by merging with the predecessor
            chain = chain[: chain.index(nearest) + 1]
            continue
        chain.append(nearest)
    return [sorted(m) for m in done]


def _nameable(word: str) -> bool:
    return len(word) > 2 and word not in STOPWORDS and zipf(word) < NAME_MAX_ZIPF


def _name(texts: Sequence[str], everyone: Counter[str]) -> str:
    """The group's most typical uncommon words (frequent in it, rare elsewhere and in English)."""
    inside: Counter[str] = Counter()
    for text in texts:
        inside.update({w for w in words(text) if _nameable(w)})
    scored = []
    for word, count in inside.items():
        if count < 2 and len(texts) > 1:
            continue
        rarity = max(0.0, 7.0 - zipf(word))
        scored.append((count / len(texts) * rarity * (count / everyone[word]), word))
    scored.sort(reverse=True)
    if scored:
        return " \u00b7 ".join(w for _, w in scored[:NAME_WORDS])
    # Nothing sets the group apart: name it by the start of its shortest quote.
    shortest = min(texts, key=len).split()
    return " ".join(shortest[:5]) + ("\u2026" if len(shortest) > 5 else "")


def suggest_groups(card_ids: Sequence[int], texts: Sequence[str], embed: Embed,
                   threshold: float = GROUP_SIMILARITY) -> list[SuggestedGroup]:  # fmt: skip
    """Groups of two or more cards, biggest first; cards in no group are left out (lonely)."""
    if len(card_ids) != len(texts):
        raise ValueError("one text per card")
    vectors = card_vectors(texts, embed)
    everyone: Counter[str] = Counter()
    for text in texts:
        everyone.update({w for w in words(text) if _nameable(w)})
    groups = []
    for cluster in average_linkage(vectors, threshold):
        if len(cluster) < 2:
            continue
        block = vectors[cluster] @ vectors[cluster].T
        k = len(cluster)
        cohesion = float((block.sum() - np.trace(block)) / (k * (k - 1)))
        groups.append(SuggestedGroup(tuple(card_ids[i] for i in cluster),
                                     _name([texts[i] for i in cluster], everyone), cohesion))  # fmt: skip
    groups.sort(key=lambda g: (-len(g.card_ids), -g.cohesion))
    return groups
