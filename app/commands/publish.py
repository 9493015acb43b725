"""`tellmemore publish (--interview ID ... | --all) --to URL`: copy interviews recorded offline
(the SQLite library in the data folder) to a team library on PostgreSQL.

Idempotent and resumable (app.store.publish): run it again after an interruption and it
finishes; an interview already in the team library is not copied twice. Every error exits 2
with one line on stderr; the password in the URL is never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, TextIO

from sqlalchemy.exc import SQLAlchemyError

from app.store.database_url import (
    EXAMPLE_URL,
    DatabaseKind,
    DatabaseUrlError,
    database_kind,
    mask_secrets,
    parse_database_url,
)
from app.store.db import Store, StoreError, describe_refusal
from app.store.paths import ENV_DATABASE_URL, resolve_data_dir
from app.store.publish import (
    PublishCancelled,
    Publisher,
    PublishError,
    PublishProgress,
    PublishResult,
    describe_result,
    local_interviews_to_publish,
)

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
PROG = "tellmemore publish"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="copy interviews recorded offline to the team library (PostgreSQL)",
        description="Copies interviews from the library in the data folder (SQLite) to a team "
        "library: their transcript, cues, cards, comments, notes and audio. Safe to run again: "
        "what is already there is not copied twice, and an interrupted run is finished.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--interview", type=int, action="append", metavar="ID",
                       help="an interview of this computer's library, by its id (repeatable)")  # fmt: skip
    which.add_argument("--all", action="store_true",
                       help="every interview not published yet")  # fmt: skip
    parser.add_argument("--to", metavar="URL",
                        help=f"the team library, like {EXAMPLE_URL} (default: "
                        f"{ENV_DATABASE_URL}; the password from ~/.pgpass or PGPASSWORD)")  # fmt: skip
    parser.set_defaults(handler=run)


class _Failed(Exception):
    """One line for stderr."""


def _team_url(raw: str | None) -> str:
    text = (raw or os.environ.get(ENV_DATABASE_URL) or "").strip()
    if not text:
        raise _Failed(f"say which team library to publish to: --to {EXAMPLE_URL}")
    try:
        url = parse_database_url(text)
    except DatabaseUrlError as exc:
        raise _Failed(f"--to: {exc}") from None
    if database_kind(url) is DatabaseKind.SQLITE:
        raise _Failed(f"--to: a team library is a PostgreSQL database, like {EXAMPLE_URL}")
    return text


class _ProgressLine:
    """A one-line bar on a terminal; nothing when stderr is a file (logs stay readable)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.last = -1

    def __call__(self, p: PublishProgress) -> None:
        percent = int(p.fraction * 100)
        if not self.live or percent == self.last:
            return
        self.last = percent
        bar = "#" * (percent // 4)
        self.stream.write(f"\r[{bar:<25}] {percent:3d}%  interview {p.position} of {p.count} "
                          f"({p.stage.value})")  # fmt: skip
        self.stream.flush()

    def end(self) -> None:
        if self.live and self.last >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _fail(message: str, url: str | None = None) -> int:
    line = " ".join(message.split())
    if url:
        try:
            line = mask_secrets(line, parse_database_url(url))
        except DatabaseUrlError:
            line = mask_secrets(line)
    print(f"{PROG}: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    try:
        url = _team_url(args.to)
    except _Failed as exc:
        return _fail(str(exc))
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        local = Store.open(data_dir, local=True)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        try:
            team = Store.open(data_dir, url=url)
        except StoreError as exc:
            return _fail(str(exc), url)
        try:
            return _publish(local, team, args, url)
        finally:
            team.close()
    finally:
        local.close()


def _publish(local: Store, team: Store, args: argparse.Namespace, url: str) -> int:
    ids = list(dict.fromkeys(args.interview)) if args.interview else local_interviews_to_publish(local)
    if not ids:
        print("Nothing to publish: every interview of this computer is in the team library.")
        return 0
    progress = _ProgressLine(sys.stderr)
    results: list[PublishResult] = []
    try:
        publisher = Publisher(local, team, on_progress=progress)
        for position, interview_id in enumerate(ids, start=1):
            results.append(publisher.publish_one(interview_id, position, len(ids)))
            progress.end()
            print(describe_result(results[-1]), flush=True)
            progress.last = -1
    except (PublishError, PublishCancelled) as exc:
        progress.end()
        return _fail(str(exc))
    except KeyboardInterrupt:
        progress.end()
        print(f"{PROG}: stopped; run the same command again to finish (nothing is copied twice)",
              file=sys.stderr)  # fmt: skip
        return EXIT_INTERRUPTED
    except SQLAlchemyError as exc:
        progress.end()
        reason = describe_refusal(exc) or "the team library refused the copy"
        return _fail(f"{reason}; run the same command again to finish (nothing is copied twice)",
                     url)
    except OSError as exc:
        progress.end()
        return _fail(f"the audio could not be copied ({exc.strerror or exc}); run the same "
                     "command again to finish")  # fmt: skip
    return 0
