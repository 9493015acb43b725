"""Training of the cue models: L2-regularised logistic regression by Newton's method, threshold
choice for precision, and folds that leave whole sources out. numpy only; used by
`python -m app.coach.train` and by bench/cues.py, never at run time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LinearModel:
    mean: np.ndarray  # feature standardisation
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def scores(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    *,
    l2: float = 1.0,
    sample_weight: np.ndarray | None = None,
    iterations: int = 25,
) -> LinearModel:
    """Newton's method on the penalised log-likelihood (bias not penalised)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    xs = (x - mean) / scale
    n, d = xs.shape
    a = np.hstack([xs, np.ones((n, 1))])
    w = np.zeros(d + 1)
    sw = np.ones(n) if sample_weight is None else sample_weight
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30.0, 30.0)))
        grad = a.T @ (sw * (p - y)) + penalty * w
        h = (a * (sw * p * (1 - p))[:, None]).T @ a + np.diag(penalty + 1e-8)
        step = np.linalg.solve(h, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-6:
            break
    return LinearModel(mean.astype(np.float32), scale.astype(np.float32),
                       w[:-1].astype(np.float32), float(w[-1]))  # fmt: skip


def precision_threshold(
    scores: np.ndarray, y: np.ndarray, target: float, min_predictions: int = 10
) -> float:
    """The lowest threshold at which the cues it lets through (at least `min_predictions` of
    them) are right `target` of the time. 1.01 (never) when no threshold is."""
    order = np.argsort(-scores)
    s, t = scores[order], y[order]
    precision = np.cumsum(t) / np.arange(1, len(s) + 1)
    best = 1.01
    for i in range(min_predictions - 1, len(s)):
        boundary = i + 1 == len(s) or s[i + 1] < s[i]  # a threshold sits between scores
        if boundary and precision[i] >= target:
            best = float(s[i])
    return best


def recall_threshold(scores: np.ndarray, y: np.ndarray, recall: float) -> float:
    """The highest threshold that still finds `recall` of the positives."""
    positives = np.sort(scores[y > 0.5])[::-1]
    if len(positives) == 0:
        return 0.5
    k = max(1, int(np.ceil(recall * len(positives))))
    return float(positives[k - 1])


def source_folds(
    sources: Sequence[str], n_folds: int, positives: np.ndarray | None = None
) -> list[np.ndarray]:
    """Row indices of each fold; whole sources are assigned to folds. With `positives` (the
    label of each row), sources are spread so that every fold gets a share of the positives
    (a kind whose examples come from few sources is then still learnt and tested in every
    fold); otherwise folds are balanced by size."""
    src = np.asarray(sources)
    names = sorted(set(sources))
    rows = {n: int((src == n).sum()) for n in names}
    pos = {n: float(positives[src == n].sum()) if positives is not None else 0.0 for n in names}
    order = sorted(names, key=lambda n: (-pos[n], -rows[n], n))
    fold_pos = [0.0] * n_folds
    fold_rows = [0] * n_folds
    assigned: dict[str, int] = {}
    for name in order:
        f = min(range(n_folds), key=lambda i: (fold_pos[i], fold_rows[i]) if pos[name] else
                (fold_rows[i], fold_pos[i]))  # fmt: skip
        assigned[name] = f
        fold_pos[f] += pos[name]
        fold_rows[f] += rows[name]
    owner = np.array([assigned[s] for s in sources])
    return [np.where(owner == f)[0] for f in range(n_folds)]


def balanced_source_folds(
    sources: Sequence[str], labels: np.ndarray, n_folds: int
) -> list[np.ndarray]:
    """One split for every kind at once (`labels`: rows x kinds, 0/1): whole sources go to
    the fold where they least upset the balance of each kind's positives and of the size."""
    src = np.asarray(sources)
    names = sorted(set(sources))
    totals = labels.sum(axis=0) + 1e-9
    per_source = {n: labels[src == n].sum(axis=0) / totals for n in names}
    size = {n: float((src == n).sum()) / len(src) for n in names}
    load = np.zeros((n_folds, labels.shape[1] + 1))
    assigned: dict[str, int] = {}
    for name in sorted(names, key=lambda n: -(per_source[n].max() + size[n])):
        share = np.append(per_source[name], size[name])
        f = int(np.argmin([np.max(load[i] + share) for i in range(n_folds)]))
        assigned[name] = f
        load[f] += share
    owner = np.array([assigned[s] for s in sources])
    return [np.where(owner == f)[0] for f in range(n_folds)]
