"""How well the coach's text cues generalise to people it has never heard.

    python bench/cues.py [--corpus resources/coach_corpus] [--folds 5] [--no-spoken]

The corpus (real interviews, each source an organisation or author) is split by source, never
by line: each fold trains the models, thresholds included, on the other sources and is scored on
its own. Sources are spread over the folds so that each kind's examples are in several folds. Per kind it reports precision of the cues shown live, and precision and recall of all
cues, as the mean over folds (folds without a positive or a cue of that kind are left out of
that mean) and pooled over all held-out turns. Three forms of each held-out line:
`clean` (as written), `asr` (lowercase, no punctuation) and `spoken` (espeak-ng speech decoded
by tiny.en, cached in resources/coach_corpus/spoken/ by bench/make_spoken.py; only turns in the
cache are scored, and `spoken_clean` scores the written form of the same turns). The corpus
labels yes/no questions in every phase; `closed_as_cued` scores the closed cue as the coach gives
it, on Go deeper turns only. Decision time is a full Coach.on_segment call on a line the coach
has never read (its caches cleared before each call). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.coach.corpus import (  # noqa: E402
    CORPUS_DIR,
    CorpusTurn,
    asr_style,
    load_corpus,
    load_spoken,
)
from app.coach.cues import CoachState, CueKind  # noqa: E402
from app.coach.engine import (  # noqa: E402
    DEEPER_CLASS,
    SEGMENT_KINDS,
    Coach,
    segment_cue_kinds,
)
from app.coach.features import clear_caches as clear_coach_caches  # noqa: E402
from app.coach.learn import balanced_source_folds  # noqa: E402
from app.coach.model import MODEL_PATH, CueModel, kinds_for  # noqa: E402
from app.coach.parse import parse  # noqa: E402
from app.coach.train import ALL_KINDS, recipe_of, train_model  # noqa: E402
from app.session.plan import InterviewPlan  # noqa: E402
from app.session.segments import Segment, Speaker  # noqa: E402

TARGET_RECALL = {"why": 0.85, "selling": 0.85, "hypothetical": 0.85}


def predict(model: CueModel, turn: CorpusTurn, text: str, previous: str) -> tuple[set, set]:
    """(kinds recorded, kinds shown live) for one turn."""
    scores = model.score(parse(text, phase=turn.phase, previous=previous), turn.speaker)
    return {s.kind for s in scores}, {s.kind for s in scores if s.live}


def closed_as_cued(turn: CorpusTurn, recorded: set) -> tuple[bool, bool] | None:
    """(labelled, cued) for the closed cue as the coach gives it, or None outside Go deeper:
    the corpus labels yes/no questions in every phase (GUIDE.md), the coach cues them only in
    Go deeper and not beside a more specific cue (app.coach.engine.segment_cue_kinds)."""
    if turn.phase != DEEPER_CLASS or turn.speaker is not Speaker.INTERVIEWER:
        return None
    cued = CueKind.CLOSED in segment_cue_kinds(recorded & set(SEGMENT_KINDS), in_deeper=True)
    return CueKind.CLOSED in turn.labels, cued


class Tally:
    def __init__(self) -> None:
        # kind -> [tp, fp, fn] for all cues, [tp, fp] for live cues
        self.all: dict[CueKind, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.live: dict[CueKind, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.closed_cued = [0, 0, 0]  # tp, fp, fn of closed_as_cued

    def add(self, turn: CorpusTurn, recorded: set, live: set) -> None:
        as_cued = closed_as_cued(turn, recorded)
        if as_cued is not None:
            want, got = as_cued
            self.closed_cued[0] += got and want
            self.closed_cued[1] += got and not want
            self.closed_cued[2] += want and not got
        for kind in kinds_for(turn.speaker):
            want = kind in turn.labels
            for got, table in ((recorded, self.all), (live, self.live)):
                c = table[kind]
                c[0] += kind in got and want
                c[1] += kind in got and not want
                c[2] += want and kind not in got

    def figures(self, kind: CueKind) -> dict[str, float | int | None]:
        tp, fp, fn = self.all[kind]
        ltp, lfp, lfn = self.live[kind]
        return {
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "live_precision": ltp / (ltp + lfp) if ltp + lfp else None,
            "live_recall": ltp / (ltp + lfn) if ltp + lfn else None,
            "support": tp + fn,
            "cues": tp + fp,
            "live_cues": ltp + lfp,
        }


def _mean(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else None


def _closed_cued(tally: Tally) -> dict[str, float | None]:
    tp, fp, fn = tally.closed_cued
    return {"precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None}  # fmt: skip


def summarise_closed_as_cued(folds: list[Tally]) -> dict[str, float | int | None]:
    """The closed cue as the coach gives it, Go deeper turns only (see closed_as_cued)."""
    per_fold = [_closed_cued(t) for t in folds]
    return {
        "precision": _mean([f["precision"] for f in per_fold]),
        "recall": _mean([f["recall"] for f in per_fold]),
        "support": sum(t.closed_cued[0] + t.closed_cued[2] for t in folds),
    }


def summarise(folds: list[Tally], pooled: Tally) -> dict[str, dict]:
    out = {}
    for kind in ALL_KINDS:
        per_fold = [t.figures(kind) for t in folds]
        pool = pooled.figures(kind)
        out[kind.value] = {
            "precision": _mean([f["precision"] for f in per_fold]),
            "recall": _mean([f["recall"] for f in per_fold]),
            "live_precision": _mean([f["live_precision"] for f in per_fold]),
            "live_recall": _mean([f["live_recall"] for f in per_fold]),
            "pooled": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in pool.items()},
        }
    return out


def evaluate(
    turns: list[CorpusTurn], n_folds: int, spoken: dict[str, str], log, recipes=None
) -> dict:
    """Per text form, per kind: precision and recall over folds that leave sources out."""
    folds, pooled = tally_folds(turns, n_folds, spoken, log, recipes)
    return {v: summarise(folds[v], pooled[v]) for v in folds}


def tally_folds(
    turns: list[CorpusTurn], n_folds: int, spoken: dict[str, str], log, recipes=None
) -> tuple[dict[str, list[Tally]], dict[str, Tally]]:
    # "spoken_clean" is the written text of exactly the turns that have a spoken form, so the
    # spoken figures compare like with like.
    variants = ("clean", "asr", "spoken", "spoken_clean")
    fold_tallies = {v: [] for v in variants}
    pooled = {v: Tally() for v in variants}
    labels = np.array([[k in t.labels for k in ALL_KINDS] for t in turns], dtype=float)
    folds = balanced_source_folds([t.source for t in turns], labels, n_folds)
    for number, index in enumerate(folds):
        held = [turns[i] for i in index]
        train = [turns[i] for i in sorted(set(range(len(turns))) - set(index))]
        started = time.perf_counter()
        model = train_model(train, recipes=recipes)
        sources = sorted({t.source for t in held})
        log(f"fold {number}: {len(held)} held-out turns from {', '.join(sources)}, trained in "
            f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        tallies = {v: Tally() for v in variants}
        for turn in held:
            forms = {
                "clean": (turn.text, turn.previous),
                "asr": (asr_style(turn.text), asr_style(turn.previous)),
            }
            if turn.text in spoken:
                forms["spoken"] = (spoken[turn.text], asr_style(turn.previous))
                forms["spoken_clean"] = (turn.text, turn.previous)
            for variant, (text, previous) in forms.items():
                recorded, live = predict(model, turn, text, previous)
                tallies[variant].add(turn, recorded, live)
                pooled[variant].add(turn, recorded, live)
        for v in variants:
            fold_tallies[v].append(tallies[v])
    return fold_tallies, pooled


def shipped_recipes() -> dict:
    meta = CueModel.load().meta["kinds_info"]
    return {CueKind(k): [recipe_of(info)] for k, info in meta.items()}


def decision_times(turns: list[CorpusTurn], repeat: int = 2) -> list[float]:
    times: list[float] = []
    lines = [t for t in turns if t.speaker is Speaker.INTERVIEWER][:400]
    for _ in range(repeat):
        coach = Coach(InterviewPlan())
        t = 600.0
        for turn in lines:
            seg = Segment(Speaker.INTERVIEWER, t, t + 4.0, turn.text)
            state = CoachState(2, t + 4.0 - 600.0, t + 4.0, t + 4.0)
            clear_coach_caches()  # every call does the full work of a line never heard before
            start = time.perf_counter()
            coach.on_segment(seg, state)
            times.append((time.perf_counter() - start) * 1000.0)
            t += 10.0
    return sorted(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-spoken", action="store_true")
    parser.add_argument(
        "--fixed-recipes",
        action="store_true",
        help="reuse each kind's recipe from the shipped model instead of choosing it per fold "
        "(faster; thresholds are still chosen per fold)",
    )
    args = parser.parse_args(argv)
    turns = load_corpus(args.corpus)
    spoken = {} if args.no_spoken else load_spoken()
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    recipes = shipped_recipes() if args.fixed_recipes else None
    folds, pooled = tally_folds(turns, args.folds, spoken, log, recipes)
    results = {v: summarise(folds[v], pooled[v]) for v in folds}
    times = decision_times(turns)
    for variant, kinds in results.items():
        for kind, f in kinds.items():

            def fmt(v):
                return "  -  " if v is None else f"{v:.3f}"

            print(f"{variant:6s} {kind:13s} live P {fmt(f['live_precision'])}  all P "
                  f"{fmt(f['precision'])} R {fmt(f['recall'])}  (n={f['pooled']['support']})")  # fmt: skip
    interviews = {t.interview for t in turns if not t.interview.startswith("guide:")}
    model_bytes = MODEL_PATH.stat().st_size if MODEL_PATH.exists() else 0
    result = {
        "corpus": str(args.corpus),
        "sources": len({t.source for t in turns}),
        "interviews": len(interviews),
        "interviewer_turns": sum(t.speaker is Speaker.INTERVIEWER for t in turns),
        "participant_turns": sum(t.speaker is Speaker.PARTICIPANT for t in turns),
        "spoken_turns": sum(t.text in spoken for t in turns),
        "folds": args.folds,
        "split": "by source",
        "kinds": results,
        "closed_as_cued": {v: summarise_closed_as_cued(folds[v]) for v in folds},
        "decision_ms_p50": round(times[len(times) // 2], 3),
        "decision_ms_p95": round(times[int(len(times) * 0.95)], 3),
        "model_file_bytes": model_bytes,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
