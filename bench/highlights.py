"""Precision of the suggested highlights on real interviews labelled by hand.

    .venv/bin/python bench/highlights.py            # precision per reason and per source
    .venv/bin/python bench/highlights.py --dump     # suggestions not labelled yet, as JSONL

Three sets of coach-corpus interviews (resources/coach_corpus, sources and licences in its
MANIFEST.md), each read as one study (so "repeated" means across that set's interviews): DEV
(rules tuned on it), HELD_OUT (labelled once the first rules were frozen; seen since, so no
longer blind) and FRESH (labelled once the present rules were frozen). Report FRESH.
Labels are in bench/data/highlight_labels*.jsonl, one per suggestion, keyed by interview, corpus
turn and reason; bench/data/highlight_labels.md says how they were judged and by whom. A
suggestion with no label is counted apart (the suggester changed since labelling): label it
with --dump.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

LABEL_FILES = sorted((ROOT / "bench" / "data").glob("highlight_labels*.jsonl"))
# One interview per source, each set read as one study (so "repeated" means across its
# interviews); the focus is what each study was about (from the MANIFEST). The rules were tuned
# while looking at DEV's suggestions; HELD_OUT was labelled once the rules were frozen.
DEV: dict[str, str] = {
    "va-caregivers-p12": "Applying for the family caregivers program with the 10-10CG form",
    "va-health-enrollment-regflow-p8": "Enrolling in VA health care: the registration flow",
    "va-disability-526-suppclaim-p07": "Filing a supplemental disability claim online",
    "va-gov-askva-inquiry-p1": "Asking VA a question online with Ask VA",
    "va-mobile-app-homescreen-p16": "The personalized home screen of the VA mobile app",
    "rit-mismatches-terri-1": "How people's open source experiences differ from the usual story",
    "changelog-founderstalk-linear-jori-lallo": "How founders build and grow a software company",
    "stephan-livera-gloria-zhao": "Bitcoin Core development and mempool policy",
}
HELD_OUT: dict[str, str] = {
    "va-caregivers-p3": "Applying for the family caregivers program with the 10-10CG form",
    "va-gov-askva-dashboard-p4": "Checking on questions sent to VA in the Ask VA dashboard",
    "va-health-enrollment-regflow-p1": "Enrolling in VA health care: the registration flow",
    "rit-mismatches-nick-2": "How people's open source experiences differ from the usual story",
    "changelog-shipit-kubernetes-kelsey-hightower": "How teams run software in production",
    "noded-podcast-john-newbery": "Bitcoin Core development and review",
}
# Labelled on 2026-11-27 by a different engineer from the first labeller, after the question,
# emotion and workaround rules were rewritten from DEV alone and frozen: interviews no label file
# had used, four of them from sources absent from HELD_OUT. Labels in
# bench/data/highlight_labels_fresh.jsonl.
FRESH: dict[str, str] = {
    "va-disability-526-suppclaim-p03": "Filing a supplemental disability claim online",
    "va-gov-askva-progressbar-p5": "A progress bar on the Ask VA question form",
    "va-gov-askva-automation-p2": "Automated answers to questions sent to VA",
    "va-gov-askva-dashboard-p11-sco": "Checking on questions sent to VA in the Ask VA dashboard",
    "changelog-podcast-github-sponsors-jessica-lord": "GitHub Sponsors for maintainers and companies",
    "chaincode-podcast-carl-dong": "Reproducible builds of Bitcoin Core with Guix",
}
SETS = {"dev": DEV, "held_out": HELD_OUT, "fresh": FRESH}


def _prompt(turns: list[dict[str, object]], index: int) -> str:
    """The interviewer's turn just before this one ("" when there is none)."""
    before = turns[index - 1] if index else None
    return str(before["text"]) if before and before["speaker"] == "interviewer" else ""


def suggestions(study: dict[str, str]) -> list[dict[str, object]]:
    from app.coach.embed import embed
    from app.synthesis.highlights import ParticipantLine, suggest
    from app.synthesis.repeated import Line, find_repeated
    from bench.corpus_store import corpus_turns

    turns = {name: corpus_turns(name) for name in study}
    lines = {name: [ParticipantLine(int(t["turn"]), float(t["turn"]), float(t["turn"]) + 1,
                                     str(t["text"]), _prompt(ts, n))
                    for n, t in enumerate(ts)
                    if t["speaker"] == "participant" and str(t["text"]).strip()]
             for name, ts in turns.items()}  # fmt: skip
    repeated = find_repeated(Line(n, name, ln.segment_id, ln.start, ln.text)
                             for n, name in enumerate(study) for ln in lines[name])  # fmt: skip
    out = []
    for n, (name, focus) in enumerate(study.items()):
        for s in suggest(n, lines[name], focus, repeated, embed):
            out.append({"interview": name, "source": turns[name][0]["source"],
                        "turn": s.segment_id, "reason": s.reason.value, "why": s.why,
                        "quote": s.quote})  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", action="store_true", help="print unlabelled suggestions")
    args = parser.parse_args()
    labels: dict[tuple[str, int, str], bool] = {}
    for path in LABEL_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[(row["interview"], int(row["turn"]), row["reason"])] = bool(row["label"])
    if args.dump:
        for study in SETS.values():
            for s in suggestions(study):
                if (s["interview"], s["turn"], s["reason"]) not in labels:
                    print(json.dumps({**s, "label": None}, ensure_ascii=False))
        return

    def summary(values: list[bool]) -> dict[str, float | int | None]:
        return {"n": len(values),
                "precision": round(sum(values) / len(values), 3) if values else None}  # fmt: skip

    result: dict[str, object] = {}
    for set_name, study in SETS.items():
        found = suggestions(study)
        by_reason: dict[str, list[bool]] = defaultdict(list)
        by_source: dict[str, list[bool]] = defaultdict(list)
        unlabelled = 0
        for s in found:
            key = (str(s["interview"]), int(s["turn"]), str(s["reason"]))  # type: ignore[call-overload]
            if key not in labels:
                unlabelled += 1
                continue
            by_reason[str(s["reason"])].append(labels[key])
            by_source[str(s["source"])].append(labels[key])
        every = [v for vs in by_reason.values() for v in vs]
        print(f"{set_name}: {summary(every)}", file=sys.stderr)
        for reason, values in sorted(by_reason.items()):
            print(f"  {reason:18s} {summary(values)}", file=sys.stderr)
        result[set_name] = {
            "interviews": len(study), "suggestions": len(found), "labelled": len(every),
            "unlabelled": unlabelled, **summary(every),
            "by_reason": {r: summary(v) for r, v in sorted(by_reason.items())},
            "by_source": {s: summary(v) for s, v in sorted(by_source.items())},
        }  # fmt: skip
    print(json.dumps(result))

if __name__ == "__main__":
    main()
