"""`tellmemore report (--interview ID | --interviewer NAME) [--since D] [--until D] [--out F]`:
a coaching report as HTML (printed, or saved as .html) or PDF (saved as .pdf).

The HTML is built without Qt; only a PDF starts Qt (offscreen when there is no display).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from app.store.db import Store, StoreError
from app.store.paths import resolve_data_dir

EXIT_BAD_INPUT = 2
SUFFIXES = (".pdf", ".html", ".htm")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="a coaching report on an interview or an interviewer (HTML or PDF)",
        description="A coaching report: the scorecard against the team median, the trend, the "
        "three moments most worth discussing and the checklist. Prints HTML unless --out "
        "names a .pdf or .html file.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--interview", type=int, metavar="ID", help="one interview, by its id")
    which.add_argument("--interviewer", metavar="NAME", help="an interviewer, by name")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="first day (with --interviewer)")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="last day (with --interviewer)")
    parser.add_argument("--out", metavar="FILE", help="write a .pdf or .html file")
    parser.set_defaults(handler=run)


class _BadInput(Exception):
    pass


def _day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _BadInput(f"{flag}: {value!r} is not a date like 2026-09-30") from None


def _check_out(out: str | None) -> Path | None:
    if out is None:
        return None
    path = Path(out).expanduser()
    if path.suffix.lower() not in SUFFIXES:
        raise _BadInput(f"--out: {out} must end in .pdf or .html")
    if path.is_dir():
        raise _BadInput(f"--out: {out} is a folder; name a file")
    if not path.parent.is_dir():
        raise _BadInput(f"--out: the folder {path.parent} does not exist")
    return path


def run(args: argparse.Namespace) -> int:
    from app.store.people import PersonRepository
    from app.trainer.facts import DateRange
    from app.trainer.report import ReportError, interview_report, person_report

    try:
        since, until = _day(args.since, "--since"), _day(args.until, "--until")
        if since and until and since > until:
            raise _BadInput(f"--since {since} is after --until {until}")
        if args.interview is not None and (since or until):
            raise _BadInput("--since and --until go with --interviewer")
        out = _check_out(args.out)
    except _BadInput as exc:
        print(f"tellmemore report: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        store = Store.open(resolve_data_dir(getattr(args, "data_dir", None)))
    except StoreError as exc:
        print(f"tellmemore report: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if args.interview is not None:
            report = interview_report(store, args.interview)
        else:
            person = PersonRepository(store).find(args.interviewer)
            if person is None:
                known = ", ".join(p.name for p in PersonRepository(store).list()) or "none yet"
                print(f"tellmemore report: no interviewer called {args.interviewer!r} "
                      f"(known: {known})", file=sys.stderr)  # fmt: skip
                return EXIT_BAD_INPUT
            dates = DateRange(datetime.combine(since, time.min) if since else None,
                              datetime.combine(until, time.max) if until else None)  # fmt: skip
            report = person_report(store, person.id, dates)
    except ReportError as exc:
        print(f"tellmemore report: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        store.close()
    if out is None:
        print(report.html)
        return 0
    try:
        if out.suffix.lower() == ".pdf":
            from app.ui.pdf import render_pdf  # Qt only for a PDF

            render_pdf(report.html, out, report.title)
        else:
            partial = out.with_name(out.name + ".part")
            partial.write_text(report.html, encoding="utf-8")
            partial.replace(out)
    except OSError as exc:
        print(f"tellmemore report: {out} could not be written ({exc.strerror or exc})",
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    print(f"Wrote {out}", file=sys.stderr)
    return 0
