"""`tellmemore analyze TRANSCRIPT [--interviewer NAME] [--json]`: coach a finished call."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.coach.analyze import AnalysisResult, UnknownSpeakerError, analyze_transcript
from app.importers import TranscriptFormatError, load_transcript
from app.session.plan import DEFAULT_PLAN_MINUTES, InterviewPlan, PlanError

EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="coach a transcript made anywhere (JSONL, WebVTT, SRT, text)",
        description="Replay a transcript through the coach and print cues, metrics and a "
        "scorecard.",
    )
    parser.add_argument("transcript", help="the transcript file")
    parser.add_argument("--interviewer", help="the interviewer's name as the file writes it")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--plan-minutes",
        type=float,
        default=DEFAULT_PLAN_MINUTES,
        metavar="N",
        help=f"the planned length of the call (default {DEFAULT_PLAN_MINUTES:g}); the phases "
        "and the hard limit scale with it",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        plan = InterviewPlan().scaled_to(args.plan_minutes)
    except PlanError as exc:
        print(f"tellmemore analyze: --plan-minutes: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        transcript = load_transcript(args.transcript)
        result = analyze_transcript(transcript, args.interviewer, plan=plan)
    except TranscriptFormatError as exc:
        where = f":{exc.line}" if exc.line else ""
        print(f"tellmemore analyze: {args.transcript}{where}: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnknownSpeakerError as exc:
        print(f"tellmemore analyze: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        for note in result.notes:
            print(note, file=sys.stderr)
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(format_report(result))
    return 0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes:d}:{secs:02d}"


def format_report(result: AnalysisResult) -> str:
    m, card = result.metrics, result.scorecard
    lines = [
        f"Interviewer: {result.interviewer}" + (" (guessed)" if result.interviewer_guessed else "")
    ]
    lines += [f"Note: {note}" for note in result.notes if not note.startswith("Interviewer:")]
    lines += [
        "",
        f"Score: {card.score}/100  "
        + "  ".join(f"{k.replace('_', ' ')} {v}" for k, v in card.areas.items()),
    ]
    lines += [f"  - {tip}" for tip in card.tips]
    share = m.talk_share.get("interviewer", 0.0)
    lines += [
        "",
        f"Length {_clock(m.duration_s)}; interviewer talk share {share:.0%}; "
        f"longest monologue {m.longest_monologue_s:.0f} s; checklist "
        f"{m.checklist_completion:.0%}",
    ]
    lines.append("Questions: " + ", ".join(f"{k} {v}" for k, v in m.questions.items()))
    lines.append("Phases:")
    for phase in m.phase_timings:
        over = f", {phase['overrun_s'] / 60:.1f} min over" if phase["overrun_s"] > 0 else ""
        lines.append(
            f"  {phase['name']}: {phase['elapsed_s'] / 60:.1f} of "
            f"{phase['budget_s'] / 60:g} min{over}"
        )
    live = sum(cue.live for cue in result.cues)
    lines += ["", f"Cues ({len(result.cues)}, {live} shown live; * = for review only):"]
    for cue in result.cues:
        words = f" \u201c{cue.text[:100]}\u201d" if cue.text else ""
        mark = " " if cue.live else "*"
        lines.append(
            f" {mark}{_clock(cue.start)} {cue.kind.value} ({cue.confidence:.0%}):{words} "
            f"\u2192 {cue.suggestion}"
        )
    return "\n".join(lines)
