"""Who may see which interviews: the rule, the current viewer, and the WHERE clauses that hold it.

On a team library (PostgreSQL) a person is a database login mapped to a `people` row
(`people.login`). A login sees:
- the interviews it led (`interviews.interviewer_id` is its person),
- the interviews of the studies its person is a member of (`study_members`),
- every interview when its person's role is trainer or admin, or when the login owns the
  library (it created the tables, or is a superuser: it can read the tables anyway).
A login with no person row sees only what it owns (nothing, for a plain team login).
On SQLite the library is one person's file: everything is visible and no clause is added.

The rule lives in three SQL functions (migration 0007) asked with `current_user`, so it is the
same in every query, and in the row-level security policies (app.store.access_rls) when the
team enables them. Every ORM statement a Store session runs on PostgreSQL gets the clauses
here (`limit_sessions_to_visible`, installed by Store): the library list, search, review,
trainer facts and board all read through them. Statements written as SQL text add
`visible_interviews_sql` themselves (search, the library's fingerprint).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, event, func, or_, select
from sqlalchemy.orm import ORMExecuteState, sessionmaker, with_loader_criteria

from app.store.models import (
    Card,
    HypothesisMark,
    HypothesisQuote,
    Interview,
    PileCard,
    _InterviewChild,
)

if TYPE_CHECKING:
    from app.store.db import Store

# An execution option that lets one statement read past the rule: for code that must know
# about interviews whatever the user may see (none in the app reads content with it).
EVERY_INTERVIEW = "tellmemore_every_interview"


class Role(StrEnum):
    INTERVIEWER = "interviewer"  # their own interviews and their studies'
    TRAINER = "trainer"  # every interview: they coach the whole team
    ADMIN = "admin"  # every interview, and they manage people and studies


SEES_ALL_ROLES = frozenset({Role.TRAINER, Role.ADMIN})


@dataclass(frozen=True)
class Viewer:
    """Who is reading: the database login, its person (if any), role, and whether it sees all."""

    login: str | None  # None on SQLite
    person_id: int | None
    role: Role
    sees_all: bool


def role_of(value: str | None) -> Role:
    try:
        return Role(value or Role.INTERVIEWER)
    except ValueError:  # an unknown word written by hand: the least access
        return Role.INTERVIEWER


# --- the rule as SQL (PostgreSQL) -----------------------------------------------------------


def _sees_all() -> ColumnElement[Any]:
    # A scalar subquery is computed once per statement (an InitPlan), not once per row.
    return select(func.tellmemore_sees_all(func.current_user())).scalar_subquery()


def _own_person() -> ColumnElement[Any]:
    return select(func.tellmemore_person_id(func.current_user())).scalar_subquery()


def _visible_ids() -> Select[Any]:
    return select(func.tellmemore_visible_interviews(func.current_user()))


def interview_visible(cls: Any = Interview) -> ColumnElement[bool]:
    # Led by the viewer, checked on the row itself: an interview just inserted in this
    # statement is visible to its interviewer (INSERT ... RETURNING under row-level security).
    return or_(_sees_all(), cls.interviewer_id == _own_person(), cls.id.in_(_visible_ids()))


def child_visible(cls: Any) -> ColumnElement[bool]:
    return or_(_sees_all(), cls.interview_id.in_(_visible_ids()))


def visible_interview_conditions(store: Store) -> list[ColumnElement[bool]]:
    """The rule as WHERE conditions on Interview, for a statement run on a Core connection
    (which the ORM's criteria do not reach): none on SQLite."""
    return [interview_visible()] if store.engine.dialect.name == "postgresql" else []


def visible_interviews_sql(interview_id: str, interviewer_id: str | None = None) -> str:
    """The rule for SQL text: a condition on the column holding an interview's id (and, for
    the interviews table, its interviewer column)."""
    own = (f" OR {interviewer_id} = (SELECT tellmemore_person_id(current_user))"
           if interviewer_id else "")  # fmt: skip
    return (f"((SELECT tellmemore_sees_all(current_user)){own} OR {interview_id} IN "
            "(SELECT tellmemore_visible_interviews(current_user)))")  # fmt: skip


_CRITERIA = (
    with_loader_criteria(Interview, interview_visible, include_aliases=True,
                         track_closure_variables=False),  # fmt: skip
    with_loader_criteria(_InterviewChild, child_visible, include_aliases=True,
                         track_closure_variables=False),  # fmt: skip
    # Rows that reach an interview through another row: a quote through its mark, a card on a
    # board through the card.
    with_loader_criteria(
        HypothesisQuote,
        lambda cls: cls.mark_id.in_(
            select(HypothesisMark.id).where(child_visible(HypothesisMark))
        ),
        include_aliases=True, track_closure_variables=False,
    ),  # fmt: skip
    with_loader_criteria(
        PileCard, lambda cls: cls.card_id.in_(select(Card.id).where(child_visible(Card))),
        include_aliases=True, track_closure_variables=False,
    ),  # fmt: skip
)


def _only_visible(state: ORMExecuteState) -> None:
    if state.is_column_load or state.is_relationship_load:
        return  # the criteria of the statement that loaded the object propagate to these
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.execution_options.get(EVERY_INTERVIEW):
        return
    if state.session.get_bind().dialect.name != "postgresql":
        return
    state.statement = state.statement.options(*_CRITERIA)


def limit_sessions_to_visible(sessions: sessionmaker[Any]) -> None:
    """Every ORM SELECT, UPDATE and DELETE of these sessions on PostgreSQL reads and changes
    only interviews (and their rows) the login may see."""
    event.listen(sessions, "do_orm_execute", _only_visible)


# --- the viewer and the team's people -----------------------------------------------------


def current_viewer(store: Store) -> Viewer:
    """Who this store's connection reads as."""
    with store.session() as s:
        if s.bind.dialect.name != "postgresql":
            return Viewer(None, None, Role.ADMIN, True)
        login, person_id, sees_all = s.execute(select(
            func.current_user(), func.tellmemore_person_id(func.current_user()),
            func.tellmemore_sees_all(func.current_user()),
        )).one()  # fmt: skip
        role = Role.ADMIN if sees_all else Role.INTERVIEWER  # the owner, without a person
        if person_id is not None:
            from app.store.models import Person

            role = role_of(s.scalar(select(Person.role).where(Person.id == person_id)))
    return Viewer(str(login), person_id, role, bool(sees_all))
