"""The `tellmemore` command: with no subcommand it opens the app."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import APP_NAME, __version__

# Each module in app.commands registers one subcommand; its handler returns an exit code.
COMMAND_MODULES: tuple[str, ...] = ("devices", "analyze", "listen", "transcribe")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tellmemore",
        description=f"{APP_NAME}: a local copilot for customer interviews.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", help="folder for the database and recordings")
    parser.add_argument("--quit-after-ms", type=int, help=argparse.SUPPRESS)  # launch checks
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"app.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from app.ui.main import run_gui

        return run_gui(args)
    return int(handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
