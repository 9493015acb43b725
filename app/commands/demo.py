"""`tellmemore demo`: the built-in demo interview, in review, in practice, or replayed live."""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "demo",
        help="open the built-in demo interview (review, practice, or live through the pipeline)",
        description="Load the demo interview (a 22-minute customer conversation with every kind "
        "of cue) into the library once, then open it in the review window. --practice opens the "
        "practice window; --live replays its recording through the live pipeline in the "
        "terminal, as `tellmemore listen --file` does; --import-only just loads it and prints "
        "its interview id.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--live", action="store_true",
                      help="replay the recording live: transcript and cues in the terminal")  # fmt: skip
    mode.add_argument("--practice", action="store_true", help="open it in the practice window")
    mode.add_argument("--import-only", action="store_true",
                      help="load it into the library and print its interview id")  # fmt: skip
    p.add_argument("--data-dir", default=argparse.SUPPRESS,
                   help="folder for the database and recordings")  # fmt: skip
    p.add_argument("--jsonl", action="store_true", help="with --live: one JSON object per event")
    p.add_argument("--duration", type=float, help="with --live: stop after this many seconds")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.demo import PARTICIPANT, DemoError, demo_files, load_demo

    data_dir = getattr(args, "data_dir", None)
    if args.live:
        try:
            files = demo_files()
        except DemoError as exc:
            print(f"tellmemore demo: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        if files.audio is None:
            print("tellmemore demo: the demo recording is missing from this installation.",
                  file=sys.stderr)  # fmt: skip
            return EXIT_BAD_INPUT
        from app.cli import main

        argv = (["--data-dir", data_dir] if data_dir else []) + [
            "listen", "--file", str(files.audio), "--consent", "granted",
            "--participant", PARTICIPANT.split()[0],
        ]  # fmt: skip
        if args.jsonl:
            argv.append("--jsonl")
        if args.duration:
            argv += ["--duration", str(args.duration)]
        return main(argv)

    from app.store.db import Store, StoreError
    from app.store.paths import resolve_data_dir

    try:
        store = Store.open(resolve_data_dir(data_dir))
    except StoreError as exc:
        print(f"tellmemore demo: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        try:
            result = load_demo(store)
        except DemoError as exc:
            print(f"tellmemore demo: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        if args.import_only:
            print(result.interview_id)
            return 0
        return _open_window(store, result.interview_id, practice=args.practice)
    finally:
        store.close()


def _open_window(store: Any, interview_id: int, *, practice: bool) -> int:
    from app.settings import Settings
    from app.ui.main import create_application

    app = create_application()
    if practice:
        from app.ui.practice import PracticeWindow

        window: Any = PracticeWindow(store, interview_id, settings=Settings())
    else:
        from app.ui.review import ReviewWindow

        window = ReviewWindow(store, interview_id)
    window.show()
    window.raise_()
    return int(app.exec())
