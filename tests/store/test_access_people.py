"""People are who the access rule follows (app.store.access): two processes naming the same
new person at once make one person, not an error (the library benchmark's writers met it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, select

from app.store.access import Role
from app.store.access_members import AccessRepository
from app.store.db import Store
from app.store.models import Person
from app.store.people import PersonRepository, person_for_name


def test_a_person_made_meanwhile_by_another_process_is_the_one(either_store: Store) -> None:
    with either_store.session() as s:
        real = s.scalars
        reads: list[object] = []

        def first_read_misses(statement: Any, *args: Any, **kwargs: Any) -> Any:
            reads.append(statement)
            if len(reads) == 1:  # another process makes Zed between our read and our write
                with either_store.session() as other:
                    other.add(Person(name="Zed", team=""))
                return real(select(Person).where(false()))
            return real(statement, *args, **kwargs)

        s.scalars = first_read_misses  # type: ignore[method-assign]
        person = person_for_name(s, "Zed")
        assert person.name == "Zed"
    assert [p.name for p in PersonRepository(either_store).list()] == ["Zed"]


def test_a_login_belongs_to_one_person(either_store: Store) -> None:
    access = AccessRepository(either_store)
    ana = access.set_person("Ana", "ana_login", Role.TRAINER)
    assert access.set_person("ana", "ana_login", Role.ADMIN) == ana  # same person, new role
    assert access.role("Ana") is Role.ADMIN
    try:
        access.set_person("Ben", "ana_login")
    except ValueError as exc:
        assert "already Ana" in str(exc)
    else:
        raise AssertionError("a second person took Ana's login")
