"""Cue quality and speed: per-kind precision/recall on a labelled file, decision time.

    python bench/cues.py [--data tests/data/cue_devset.jsonl] [--repeat 3]

Lines of the data file are `{"text", "labels": [kinds]}`. Decision time is one full
Coach.on_segment call per line (all rules, the selling model, the time-based checks) as an
interviewer segment during Go deeper. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.coach.classify import classify_text  # noqa: E402
from app.coach.cues import TEXT_KINDS, CoachState  # noqa: E402
from app.coach.engine import Coach  # noqa: E402
from app.session.plan import InterviewPlan  # noqa: E402
from app.session.segments import Segment, Speaker  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "cue_devset.jsonl"


def evaluate(rows: list[dict]) -> dict[str, dict[str, float | int]]:
    counts = {k.value: [0, 0, 0] for k in TEXT_KINDS}  # tp, fp, fn
    for row in rows:
        got = {k.value for k in classify_text(row["text"])}
        for kind, c in counts.items():
            want = kind in row["labels"]
            c[0] += kind in got and want
            c[1] += kind in got and not want
            c[2] += want and kind not in got
    out: dict[str, dict[str, float | int]] = {}
    for kind, (tp, fp, fn) in counts.items():
        out[kind] = {
            "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "support": tp + fn,
        }
    return out


def decision_times(rows: list[dict], repeat: int) -> list[float]:
    times: list[float] = []
    for r in range(repeat):
        coach = Coach(InterviewPlan())
        t = 600.0
        for i, row in enumerate(rows):
            # A fresh string defeats the classification cache: every call does the full work.
            seg = Segment(Speaker.INTERVIEWER, t, t + 4.0, row["text"] + " " * (r * len(rows) + i))
            state = CoachState(2, t + 4.0 - 600.0, t + 4.0, t + 4.0)
            start = time.perf_counter()
            coach.on_segment(seg, state)
            times.append((time.perf_counter() - start) * 1000.0)
            t += 10.0
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rows = [
        json.loads(line)
        for line in args.data.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    per_kind = evaluate(rows)
    times = sorted(decision_times(rows, args.repeat))
    for kind, figures in per_kind.items():
        print(
            f"{kind:13s} precision {figures['precision']:.3f} recall {figures['recall']:.3f} "
            f"(n={figures['support']})"
        )
    result = {
        "data": str(args.data),
        "lines": len(rows),
        "kinds": per_kind,
        "decision_ms_p50": round(times[len(times) // 2], 3),
        "decision_ms_p95": round(times[int(len(times) * 0.95)], 3),
        "decision_ms_max": round(times[-1], 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
