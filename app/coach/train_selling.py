"""Train the selling classifier: `python -m app.coach.train_selling [--data F] [--out F]`.

Logistic regression with L2, full-batch gradient descent (Adam) over hashed n-grams, in numpy
only. Reads `{"text", "selling": true|false}` lines; writes weights as compressed .npz.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from app.coach.features import DIM, feature_indices
from app.coach.selling import WEIGHTS_PATH

TRAIN_PATH = Path(__file__).with_name("training") / "selling_train.jsonl"


def load_examples(path: Path) -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            texts.append(obj["text"])
            labels.append(1.0 if obj["selling"] else 0.0)
    return texts, np.array(labels)


def train(
    texts: list[str], labels: np.ndarray, *, l2: float = 1e-4, steps: int = 300, lr: float = 0.05
) -> tuple[np.ndarray, float]:
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        for c, v in feature_indices(text).items():
            rows.append(r)
            cols.append(c)
            vals.append(v)
    rows_a, cols_a, vals_a = np.array(rows), np.array(cols), np.array(vals)
    n = len(texts)
    # No class re-weighting: pitches are rare in interviews, and the prior should say so.
    sample_w = np.ones(n)
    w = np.zeros(DIM)
    b = 0.0
    m_w, v_w = np.zeros(DIM), np.zeros(DIM)
    m_b = v_b = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        z = np.bincount(rows_a, weights=vals_a * w[cols_a], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = (p - labels) * sample_w / n
        g_w = np.bincount(cols_a, weights=vals_a * err[rows_a], minlength=DIM) + l2 * w
        g_b = float(err.sum())
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w * g_w
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b * g_b
        w -= lr * (m_w / (1 - beta1**step)) / (np.sqrt(v_w / (1 - beta2**step)) + eps)
        b -= lr * (m_b / (1 - beta1**step)) / (np.sqrt(v_b / (1 - beta2**step)) + eps)
    return w, b


def cross_validated_threshold(texts: list[str], labels: np.ndarray, folds: int = 5) -> float:
    """The probability cut with the best F1 on held-out folds of the training data."""
    order = np.random.default_rng(7).permutation(len(texts))
    probs = np.zeros(len(texts))
    for fold in range(folds):
        held = order[fold::folds]
        keep = np.setdiff1d(order, held)
        w, b = train([texts[i] for i in keep], labels[keep])
        for i in held:
            z = b + sum(w[j] * v for j, v in feature_indices(texts[i]).items())
            probs[i] = 1.0 / (1.0 + np.exp(-z))
    best_t, best_f1 = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.02):
        pred = probs >= t
        tp = float((pred & (labels > 0)).sum())
        f1 = 2 * tp / max(1.0, float(pred.sum() + (labels > 0).sum()))
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    # Never below 0.5: a cue that fires on a coin toss teaches nothing.
    return round(max(0.5, best_t), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=TRAIN_PATH)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    texts, labels = load_examples(args.data)
    threshold = cross_validated_threshold(texts, labels)
    w, b = train(texts, labels)
    z = np.array([b + sum(w[i] * v for i, v in feature_indices(t).items()) for t in texts])
    accuracy = float(((z > 0) == (labels > 0)).mean())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # float16 keeps the file small; the precision lost is far below what the model can tell.
    np.savez_compressed(
        args.out, weights=w.astype(np.float16), bias=np.float64(b), threshold=np.float64(threshold)
    )
    print(
        json.dumps(
            {
                "examples": len(texts),
                "positives": int(labels.sum()),
                "train_accuracy": round(accuracy, 4),
                "cv_threshold": threshold,
                "out": str(args.out),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
