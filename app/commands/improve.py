"""`tellmemore improve --interview ID`: transcribe an interview's recording again, offline,
with the best model on this computer, keep the lines corrected by hand, re-run the coach."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.transcribe import ProgressBar, _beam_size

EXIT_BAD_INPUT = 2
PROG = "tellmemore improve"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "improve",
        help="transcribe an interview's recording again with the best model available",
        description="Transcribe an interview's recording again, offline, with the best model "
        "on this computer (or --model), replace the live transcript's lines (never the ones "
        "you corrected by hand) and compute the cues and the score again.",
    )
    parser.add_argument("--interview", type=int, required=True, metavar="ID",
                        help="the interview, by its id")  # fmt: skip
    parser.add_argument("--model", help="an installed model name (e.g. small.en) or a model "
                        "folder; default: the best one installed")  # fmt: skip
    parser.add_argument("--beam-size", type=_beam_size, default=5, help="1 to 20 (default 5)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would change; change nothing")  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def _check_model(choice: str) -> str | None:
    """Why `choice` cannot be used, checked before the long work; nothing is downloaded."""
    from app.transcribe.model import ModelError, available_models, check_model_folder

    if "/" in choice or choice.startswith(("~", ".")) or Path(choice).exists():
        try:
            check_model_folder(Path(choice).expanduser())
        except ModelError as error:
            return str(error)
        return None
    installed = available_models()
    if choice not in installed:
        return (f"the model {choice!r} is not on this computer (installed: "
                f"{', '.join(installed)}); nothing is downloaded")  # fmt: skip
    return None


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    from app.export.timefmt import clock
    from app.improve import ImproveFailed, ImproveJob, ImproveRefused, ModelDecoder, model_choice
    from app.store.db import Store, StoreError
    from app.store.paths import resolve_data_dir

    if args.model and (problem := _check_model(args.model)):
        return _fail(problem)
    try:
        store = Store.open(resolve_data_dir(getattr(args, "data_dir", None)))
    except StoreError as error:
        return _fail(str(error))
    bar = None if args.quiet else ProgressBar(sys.stderr)
    decoder = ModelDecoder(args.model or model_choice(), beam_size=args.beam_size)
    job = ImproveJob(store, args.interview, decoder=decoder,
                     progress=(lambda f, _what: bar(min(f, 0.999))) if bar else None)  # fmt: skip
    try:
        proposal = job.decode()
        if bar is not None:
            bar(1.0)  # the coach and the save take a moment more, not worth a bar
            job.progress = lambda _fraction, _what: None
        if proposal.note:
            print(f"{PROG}: {proposal.note}", file=sys.stderr)
        if args.dry_run:
            for change in proposal.preview.changes:
                print(f"{clock(change.start)} {change.speaker.value}: "
                      f"{change.before or '(nothing)'} \u2192 {change.after or '(nothing)'}")  # fmt: skip
            print(f"{len(proposal.preview.changes)} place(s) would read differently with "
                  f"{proposal.model_label}; nothing was changed (--dry-run).")  # fmt: skip
            return 0
        result = job.apply(proposal)
    except (ImproveRefused, ImproveFailed) as error:
        return _fail(str(error))
    finally:
        store.close()
    for warning in result.warnings:
        print(f"{PROG}: {warning}", file=sys.stderr)
    print(result.summary())
    return 0
