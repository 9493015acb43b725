"""Who made a card, a comment or a transcript correction: a person (a `people` row).

The author is the person named in Settings (the same name the interviewer field remembers),
matched case-insensitively like interviewers (app.store.people.person_for_name), so on a team
library everyone's cards, comments and corrections carry a name the others recognise. No name
in Settings: no author (shown as "someone"), never a made-up person.

Recording the author never costs the work itself: on a team library where only trainers may
add people (row-level security, app.store.access_rls), a card by someone not yet in `people`
is saved without an author rather than refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.store.models import Person
from app.store.people import clean_name, person_for_name

# SQLSTATEs of a person that could not be added: someone else added the same name meanwhile
# (unique_violation), or this login may not add people (insufficient_privilege, a policy).
_NOT_ADDED = {"23505", "42501"}


def _find(s: Session, name: str) -> int | None:
    found = s.scalars(
        select(Person.id).where(func.lower(Person.name) == name.lower()).order_by(Person.id)
    ).first()  # fmt: skip
    return int(found) if found is not None else None


def author_id(s: Session, name: str | None) -> int | None:
    """The person called `name` (created when new) inside the caller's transaction, or None
    for no name, or when the team library does not let this login add people."""
    if name is None or not " ".join(name.split()):
        return None
    cleaned = clean_name(name)  # raises ValueError for a name too long, before any write
    found = _find(s, cleaned)
    if found is not None:
        return found
    if s.get_bind().dialect.name != "postgresql":
        return person_for_name(s, cleaned).id
    # A savepoint (PostgreSQL only: pysqlite's are unreliable, and SQLite has no policies), so
    # a refused insert leaves the caller's transaction usable.
    try:
        with s.begin_nested():
            return person_for_name(s, cleaned).id
    except DBAPIError as exc:
        if str(getattr(exc.orig, "sqlstate", "")) not in _NOT_ADDED:
            raise
    return _find(s, cleaned)


def author_names(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """Person id -> name, for the ids given (None ignored)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    found = s.execute(select(Person.id, Person.name).where(Person.id.in_(wanted)))
    return {int(pid): str(name) for pid, name in found}
