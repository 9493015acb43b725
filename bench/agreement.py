"""How reproducible the corpus labels are: a second, independent labelling of a sample of turns
by someone working from resources/coach_corpus/GUIDE.md alone, compared kind by kind.

    python bench/agreement.py sample [--n 200]   # writes agreement/sample.jsonl (no labels)
    python bench/agreement.py score              # compares agreement/second.jsonl with the corpus

The sample is drawn with a fixed seed: half from turns with a label (so that rare kinds are
there to agree on), half from the rest, never more than 12 from one interview. The last line
printed by `score` is one JSON object: per kind, both labellers' counts, raw agreement and
Cohen's kappa.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.coach.corpus import CORPUS_DIR, LABELLED_KINDS, PHASES, load_corpus  # noqa: E402

PHASE_NAMES = {v: k for k, v in PHASES.items()}

FOLDER = CORPUS_DIR / "agreement"


def key(turn) -> str:
    return f"{turn.interview}#{turn.turn}"


def sample(n: int) -> int:
    turns = [t for t in load_corpus(guides=False)]
    rng = random.Random(20261127)
    rng.shuffle(turns)
    per_interview: dict[str, int] = defaultdict(int)
    labelled, plain = [], []
    for t in turns:
        if per_interview[t.interview] >= 12:
            continue
        bucket = labelled if t.labels else plain
        if len(bucket) < n // 2:
            bucket.append(t)
            per_interview[t.interview] += 1
    chosen = labelled + plain
    rng.shuffle(chosen)
    FOLDER.mkdir(exist_ok=True)
    with (FOLDER / "sample.jsonl").open("w", encoding="utf-8") as out:
        for t in chosen:
            out.write(json.dumps({"id": key(t), "speaker": t.speaker.value, "phase": PHASE_NAMES[t.phase],
                                  "previous": t.previous, "text": t.text}) + "\n")  # fmt: skip
    print(json.dumps({"sampled": len(chosen), "labelled": len(labelled)}))
    return 0


def _kappa(a: list[bool], b: list[bool]) -> float | None:
    n = len(a)
    if n == 0:
        return None
    agree = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return None if expected == 1 else round((agree - expected) / (1 - expected), 4)


def _guide_labels() -> dict[str, set[str]]:
    """Guide lines by "<file stem>#<line index>", the ids of guides_sample.jsonl."""
    out = {}
    for path in sorted((CORPUS_DIR / "guides").glob("*.jsonl")):
        for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            out[f"{path.stem}#{index}"] = set(json.loads(line)["labels"])
    return out


def _compare(first: dict[str, set[str]], second_path: Path) -> dict:
    rows = [json.loads(line) for line in second_path.read_text().splitlines() if line]
    rows = [r for r in rows if r["id"] in first]
    result: dict = {"turns": len(rows), "kinds": {}}
    for kind in LABELLED_KINDS:
        a = [kind.value in first[r["id"]] for r in rows]
        b = [kind.value in r["labels"] for r in rows]
        result["kinds"][kind.value] = {
            "first": sum(a),
            "second": sum(b),
            "both": sum(x and y for x, y in zip(a, b, strict=True)),
            "agreement": round(sum(x == y for x, y in zip(a, b, strict=True)) / len(rows), 4),
            "kappa": _kappa(a, b),
        }
    any_a = [bool(first[r["id"]]) for r in rows]
    any_b = [bool(r["labels"]) for r in rows]
    result["any_label_kappa"] = _kappa(any_a, any_b)
    return result


def score() -> int:
    """Interview turns (second.jsonl) and guide lines (guides_second.jsonl), when present."""
    interviews = {key(t): {k.value for k in t.labels} for t in load_corpus(guides=False)}
    result = {}
    for name, first, path in (
        ("interviews", interviews, FOLDER / "second.jsonl"),
        ("guides", _guide_labels(), FOLDER / "guides_second.jsonl"),
    ):
        if not path.exists():
            continue
        result[name] = part = _compare(first, path)
        print(f"{name}: {part['turns']} turns")
        for kind, f in part["kinds"].items():
            print(f"  {kind:13s} first {f['first']:3d} second {f['second']:3d} both "
                  f"{f['both']:3d} agreement {f['agreement']:.3f} kappa {f['kappa']}")  # fmt: skip
    print(json.dumps(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("sample", "score"))
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args(argv)
    return sample(args.n) if args.command == "sample" else score()


if __name__ == "__main__":
    raise SystemExit(main())
