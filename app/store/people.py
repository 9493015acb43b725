"""Interviewers as people: one record per name, so a trainer can follow one person's interviews.

`interviews.interviewer_name` stays filled for readers written before people existed (the
library's filter, exports): every change of an interview's interviewer sets both columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store.db import Store
from app.store.models import Interview, Person

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class StoredPerson:
    id: int
    name: str
    team: str
    interview_count: int = 0


def clean_name(name: str) -> str:
    """The name as stored: inner runs of whitespace collapsed, trimmed; raises on empty."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("an interviewer needs a name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValueError(f"a name has at most {MAX_NAME_LENGTH} characters")
    return cleaned


def person_for_name(s: Session, name: str) -> Person:
    """The person with this name (case-insensitive, so "ana" and "Ana" are one person),
    created when new; inside the caller's transaction."""
    cleaned = clean_name(name)
    same_name = select(Person).where(func.lower(Person.name) == cleaned.lower()).order_by(Person.id)
    found = s.scalars(same_name).first()
    if found is not None:
        return found
    person = Person(name=cleaned, team="")
    try:
        with s.begin_nested():
            s.add(person)
    except IntegrityError:
        # Another process (a second app, `tellmemore listen`, a colleague on the team library)
        # made this person between our read and our write: theirs is the one.
        found = s.scalars(same_name).first()
        if found is None:
            raise
        return found
    return person


def _counts(s: Session) -> dict[int, int]:
    rows = s.execute(
        select(Interview.interviewer_id, func.count())
        .where(Interview.interviewer_id.is_not(None))
        .group_by(Interview.interviewer_id)
    )
    return {int(pid): int(n) for pid, n in rows}


class PersonRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[StoredPerson]:
        """Everyone, by name, with how many interviews each has led."""
        with self.store.session() as s:
            counts = _counts(s)
            people = s.scalars(select(Person).order_by(func.lower(Person.name), Person.id))
            return [StoredPerson(p.id, p.name, p.team, counts.get(p.id, 0)) for p in people]

    def get(self, person_id: int) -> StoredPerson:
        with self.store.session() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise KeyError(f"no person {person_id}")
            return StoredPerson(person.id, person.name, person.team, _counts(s).get(person.id, 0))

    def find(self, name: str) -> StoredPerson | None:
        """The person with this name (case-insensitive), or None."""
        try:
            cleaned = clean_name(name)
        except ValueError:
            return None
        with self.store.session() as s:
            person = s.scalars(
                select(Person).where(func.lower(Person.name) == cleaned.lower())
                .order_by(Person.id)
            ).first()  # fmt: skip
            if person is None:
                return None
            return StoredPerson(person.id, person.name, person.team, _counts(s).get(person.id, 0))

    def get_or_create(self, name: str) -> StoredPerson:
        with self.store.session() as s:
            person = person_for_name(s, name)
            return StoredPerson(person.id, person.name, person.team, _counts(s).get(person.id, 0))

    def rename(self, person_id: int, name: str) -> None:
        """Renames the person and every interview's free-text copy of the name; a name another
        person already has is refused (merge them by reassigning interviews instead)."""
        cleaned = clean_name(name)
        with self.store.session() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise KeyError(f"no person {person_id}")
            clash = s.scalars(
                select(Person.id).where(func.lower(Person.name) == cleaned.lower(),
                                        Person.id != person_id)
            ).first()  # fmt: skip
            if clash is not None:
                raise ValueError(f"someone is already called {cleaned}")
            person.name = cleaned
            s.execute(
                update(Interview).where(Interview.interviewer_id == person_id)
                .values(interviewer_name=cleaned)
            )  # fmt: skip

    def set_team(self, person_id: int, team: str) -> None:
        with self.store.session() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise KeyError(f"no person {person_id}")
            person.team = " ".join(team.split())[:MAX_NAME_LENGTH]

    def assign(self, interview_id: int, name: str) -> StoredPerson | None:
        """Makes `name` the interview's interviewer (created if new); an empty name clears it.
        Returns the person, or None when cleared."""
        with self.store.session() as s:
            interview = s.get(Interview, interview_id)
            if interview is None:
                raise KeyError(f"no interview {interview_id}")
            if not name.strip():
                interview.interviewer_id = None
                interview.interviewer_name = ""
                return None
            person = person_for_name(s, name)
            interview.interviewer_id = person.id
            interview.interviewer_name = person.name
            return StoredPerson(person.id, person.name, person.team)

    def interview_ids(self, person_id: int) -> list[int]:
        with self.store.session() as s:
            return list(s.scalars(
                select(Interview.id).where(Interview.interviewer_id == person_id)
                .order_by(Interview.created_at, Interview.id)
            ))  # fmt: skip

    def unassigned_interview_ids(self) -> list[int]:
        """Interviews nobody is recorded as having led (imports that named no one)."""
        with self.store.session() as s:
            return list(s.scalars(
                select(Interview.id).where(Interview.interviewer_id.is_(None))
                .order_by(Interview.created_at, Interview.id)
            ))  # fmt: skip
