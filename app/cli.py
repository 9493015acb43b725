"""The `tellmemore` command: with no subcommand it opens the app."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from app import APP_NAME, __version__

# Each module in app.commands registers one subcommand; its handler returns an exit code.
COMMAND_MODULES: tuple[str, ...] = ("devices", "analyze", "listen", "transcribe", "improve",
                                    "demo", "report", "publish", "access")  # fmt: skip


EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one line and exit 2 (argparse would add the whole usage)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tellmemore",
        description=f"{APP_NAME}: a local copilot for customer interviews.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", help="folder for the database and recordings")
    parser.add_argument(
        "--database-url",
        help="a team library on PostgreSQL (postgresql+psycopg://user@host/database; the "
        "password from ~/.pgpass or PGPASSWORD) instead of the SQLite file in the data folder; "
        "recordings stay in the data folder",
    )
    parser.add_argument("--quit-after-ms", type=int, help=argparse.SUPPRESS)  # launch checks
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"app.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.transcribe.memory import tune_malloc

    tune_malloc()  # before any thread starts: see its docstring (the memory of a long call)
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "database_url", None):
        # The same as TELLMEMORE_DATABASE_URL for this run: every command's Store.open (and a
        # window or command this one starts) reads it there.
        from app.store.paths import ENV_DATABASE_URL

        os.environ[ENV_DATABASE_URL] = args.database_url
    handler = getattr(args, "handler", None)
    if handler is None:
        from app.ui.main import run_gui

        return run_gui(args)
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except (OSError, MemoryError, RecursionError, OverflowError) as error:
        # What the machine refused (a full disk, a device, a file too deep or too big): one
        # plain line, never a traceback. Each command handles its own expected errors first.
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        print(f"tellmemore {args.command}: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        # The database refused a write mid-command (disk full, locked by another program).
        from app.store.db import describe_refusal

        refusal = describe_refusal(error)
        if refusal is None:
            raise
        print(f"tellmemore {args.command}: {refusal}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
