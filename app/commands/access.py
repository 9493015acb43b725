"""`tellmemore access`: who may see which interviews in a team library (PostgreSQL).

    tellmemore access people                                  # name, login, role of each person
    tellmemore access set NAME [--login LOGIN] [--role interviewer|trainer|admin] [--grant]
    tellmemore access member --study ID (--add NAME | --remove NAME)
    tellmemore access rls (on | off | status)

The rule itself is app.store.access's: a login sees the interviews it led, those of its
studies, and all of them as trainer or admin. `set` maps a person to a database login (and
`--grant` lets that login use the library's tables); `rls on` makes PostgreSQL enforce the rule
for raw SQL too. Run by the library's owner or an admin. Every error exits 2 with one line.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from app.store.access import Role
from app.store.db import Store, StoreError, describe_refusal
from app.store.paths import resolve_data_dir

EXIT_BAD_INPUT = 2
PROG = "tellmemore access"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "access",
        help="who may see which interviews in a team library",
        description="People as database logins with a role, study members, and PostgreSQL "
        "row-level security for a team library (use --database-url or "
        "TELLMEMORE_DATABASE_URL).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("people", help="list people with their login and role")
    person = actions.add_parser("set", help="map a person to a database login and a role")
    person.add_argument("name", help="the person (created when new)")
    person.add_argument("--login", help="their PostgreSQL login (omit to remove it)")
    person.add_argument("--role", choices=[r.value for r in Role], default=Role.INTERVIEWER.value)
    person.add_argument("--grant", action="store_true",
                        help="also let that login read and write the library's tables")  # fmt: skip
    member = actions.add_parser("member", help="add or remove a study member")
    member.add_argument("--study", type=int, required=True, metavar="ID")
    which = member.add_mutually_exclusive_group(required=True)
    which.add_argument("--add", metavar="NAME")
    which.add_argument("--remove", metavar="NAME")
    rls = actions.add_parser("rls", help="row-level security: on, off or status")
    rls.add_argument("state", choices=("on", "off", "status"))
    parser.set_defaults(handler=run)


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    try:
        store = Store.open(resolve_data_dir(getattr(args, "data_dir", None)))
    except StoreError as exc:
        return _fail(str(exc))
    try:
        return _act(store, args)
    except (ValueError, KeyError) as exc:  # AccessError is a ValueError: a message for people
        return _fail(str(exc).strip("'\""))
    except SQLAlchemyError as exc:
        refusal = describe_refusal(exc)
        reason = refusal or str(getattr(exc, "orig", exc)).splitlines()[0]
        return _fail(f"the library refused it ({reason})")
    finally:
        store.close()


def _act(store: Store, args: argparse.Namespace) -> int:
    from app.store.access_members import AccessRepository
    from app.store.access_rls import (
        disable_row_level_security,
        enable_row_level_security,
        grant_library_to,
        row_level_security_tables,
    )
    from app.store.studies import StudyRepository

    access = AccessRepository(store)
    if args.action == "people":
        for name, login, role in access.people():
            print(f"{name}\t{login or '-'}\t{role.value}")
        return 0
    if args.action == "set":
        if args.grant and not args.login:
            return _fail("--grant needs --login")
        access.set_person(args.name, args.login, Role(args.role))
        if args.grant:
            grant_library_to(store, args.login)
        login = f"login {args.login}" if args.login else "no login"
        print(f"{args.name}: {login}, {args.role}", file=sys.stderr)
        return 0
    if args.action == "member":
        study = StudyRepository(store).get(args.study)  # KeyError: no such study
        if args.add:
            access.add_member(study.id, args.add)
        else:
            access.remove_member(study.id, args.remove)
        members = ", ".join(access.members(study.id)) or "nobody"
        print(f"{study.name}: {members}", file=sys.stderr)
        return 0
    if args.state == "on":
        tables = enable_row_level_security(store)
        print(f"Row-level security is on for {len(tables)} tables.", file=sys.stderr)
    elif args.state == "off":
        disable_row_level_security(store)
        print("Row-level security is off; the app still shows each login only what it may see.",
              file=sys.stderr)  # fmt: skip
    else:
        on = row_level_security_tables(store)
        if not on:
            return _fail("row-level security is for a team library on PostgreSQL")
        state = "on" if all(on.values()) else "off" if not any(on.values()) else "partly on"
        print(f"Row-level security is {state} ({sum(on.values())} of {len(on)} tables).")
    return 0
