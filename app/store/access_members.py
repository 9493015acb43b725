"""The team's people as database logins, their roles, and who is a member of which study.

What these decide is app.store.access's rule. On a team library an admin (or the library's
owner) keeps them; on SQLite they are stored too but change nothing (everything is visible).
"""

from __future__ import annotations

from sqlalchemy import delete, select

from app.store.access import Role
from app.store.db import Store
from app.store.models import Person, StudyMember
from app.store.people import person_for_name

MAX_LOGIN_LENGTH = 63  # PostgreSQL's limit on a role name


class AccessRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def set_person(self, name: str, login: str | None, role: Role = Role.INTERVIEWER) -> int:
        """The person called `name` (created when new) is the database login `login` (None:
        no login) with this role. Returns the person's id. Raises ValueError for a login
        another person already is, or one too long."""
        login = login.strip() if login else None
        if login is not None and len(login) > MAX_LOGIN_LENGTH:
            raise ValueError(f"a database login has at most {MAX_LOGIN_LENGTH} characters")
        with self.store.session() as s:
            person = person_for_name(s, name)
            if login is not None:
                other = s.scalar(select(Person.name).where(Person.login == login,
                                                           Person.id != person.id))  # fmt: skip
                if other is not None:
                    raise ValueError(f"the login {login!r} is already {other}")
            person.login = login
            person.role = Role(role).value
            return person.id

    def people(self) -> list[tuple[str, str | None, Role]]:
        """Every person as (name, login or None, role), by name."""
        with self.store.session() as s:
            rows = s.execute(select(Person.name, Person.login, Person.role).order_by(Person.name))
            return [(name, login, Role(role) if role else Role.INTERVIEWER)
                    for name, login, role in rows]  # fmt: skip

    def role(self, name: str) -> Role | None:
        with self.store.session() as s:
            value = s.scalar(select(Person.role).where(Person.name == name))
        return None if value is None else Role(value)

    def add_member(self, study_id: int, name: str) -> None:
        """The person called `name` may see the study's interviews (created when new)."""
        with self.store.session() as s:
            person = person_for_name(s, name)
            known = s.scalar(select(StudyMember.id).where(StudyMember.study_id == study_id,
                                                          StudyMember.person_id == person.id))  # fmt: skip
            if known is None:
                s.add(StudyMember(study_id=study_id, person_id=person.id))

    def remove_member(self, study_id: int, name: str) -> None:
        with self.store.session() as s:
            person_ids = select(Person.id).where(Person.name == name)
            s.execute(delete(StudyMember).where(StudyMember.study_id == study_id,
                                                StudyMember.person_id.in_(person_ids)))  # fmt: skip

    def members(self, study_id: int) -> list[str]:
        """The names of the study's members, alphabetically."""
        with self.store.session() as s:
            return list(s.scalars(
                select(Person.name).join(StudyMember, StudyMember.person_id == Person.id)
                .where(StudyMember.study_id == study_id).order_by(Person.name)
            ))  # fmt: skip
