"""PostgreSQL row-level security for a team library, for teams that turn it on.

The repositories already read only what a login may see (app.store.access). Row-level
security makes the server hold the same rule for every other client too: psql, a BI tool, a
script with a member's password. One policy per table that holds an interview's content
(the interviews table, every table with a foreign key `interview_id` to it, and the two that
reach an interview through another row), each asking the functions of migration 0007; and
`people` and `study_members`, which only a trainer or admin may change (they decide the rule).

Only the library's owner (the login that created the tables) can turn it on or off. The owner
and superusers are not bound by it (PostgreSQL's rule, and they see all in the app's rule too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from app.store.access import visible_interviews_sql
from app.store.db import Store

POLICY = "tellmemore_visible"
# Tables that reach an interview through another row: (table, condition).
_INDIRECT = {
    "hypothesis_quotes": "mark_id IN (SELECT id FROM hypothesis_marks)",
    "pile_cards": "card_id IN (SELECT id FROM cards)",
}
_LOGIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_$-]{0,62}$")


class AccessError(ValueError):
    """A request the database cannot do as asked; the message is for the user."""


def _child_tables(connection: Connection) -> list[str]:
    """Tables with an `interview_id` foreign key to interviews (a tombstone of a deleted
    interview, with a plain integer, is not one: nobody may see its interview any more)."""
    rows = connection.execute(text(
        "SELECT DISTINCT c.conrelid::regclass::text FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
        "WHERE c.contype = 'f' AND c.confrelid = 'interviews'::regclass "
        "AND a.attname = 'interview_id' ORDER BY 1"
    ))  # fmt: skip
    return [str(r[0]) for r in rows]


_SEES_ALL = "(SELECT tellmemore_sees_all(current_user))"


@dataclass(frozen=True)
class Policy:
    table: str
    name: str
    command: str  # ALL, SELECT, INSERT, UPDATE, DELETE
    using: str | None  # which existing rows the command may read or change
    check: str | None  # which new rows it may write

    def create_sql(self) -> str:
        using = f" USING ({self.using})" if self.using else ""
        check = f" WITH CHECK ({self.check})" if self.check else ""
        return f'CREATE POLICY {self.name} ON "{self.table}" FOR {self.command}{using}{check}'


def _admin_only(table: str, add_check: str = _SEES_ALL) -> list[Policy]:
    """Everyone reads; only a trainer or admin changes. Without this a member could make
    themselves an admin (people.role) or a member of any study (study_members) and read
    everything through the rule itself."""
    return [Policy(table, "tellmemore_read", "SELECT", "true", None),
            Policy(table, "tellmemore_add", "INSERT", None, add_check),
            Policy(table, "tellmemore_change", "UPDATE", _SEES_ALL, _SEES_ALL),
            Policy(table, "tellmemore_remove", "DELETE", _SEES_ALL, None)]  # fmt: skip


def _policies(connection: Connection) -> list[Policy]:
    rule = visible_interviews_sql("id", "interviewer_id")
    policies = [Policy("interviews", POLICY, "ALL", rule, rule)]
    for table in _child_tables(connection):
        rule = visible_interviews_sql("interview_id")
        policies.append(Policy(table, POLICY, "ALL", rule, rule))
    for table, rule in _INDIRECT.items():
        policies.append(Policy(table, POLICY, "ALL", rule, rule))
    # Naming a new interviewer or author creates a person (app.store.people): anyone may, as
    # an interviewer without a login.
    policies += _admin_only("people", f"{_SEES_ALL} OR (role = 'interviewer' AND login IS NULL)")
    policies += _admin_only("study_members")
    return policies


def _tables(policies: list[Policy]) -> list[str]:
    return list(dict.fromkeys(p.table for p in policies))


def drop_policies_sql(connection: Connection) -> list[str]:
    """Statements that turn row-level security off and drop the policies (disable)."""
    rows = connection.execute(text(
        "SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema() "
        "AND policyname LIKE 'tellmemore%'"
    )).all()  # fmt: skip
    statements = [f'DROP POLICY {name} ON "{table}"' for table, name in rows]
    tables = dict.fromkeys([str(t) for t, _ in rows] + _tables(_policies(connection)))
    return statements + [f'ALTER TABLE "{t}" DISABLE ROW LEVEL SECURITY' for t in tables]


def _require_postgres(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        raise AccessError("Row-level security is for a team library on PostgreSQL; a SQLite "
                          "library is one person's file.")  # fmt: skip


def enable_row_level_security(store: Store) -> list[str]:
    """Creates (or re-creates) the policies and turns row-level security on; returns the
    tables. Run again after an upgrade that added a table: the new table is covered."""
    _require_postgres(store)
    with store.engine.begin() as c:
        for statement in drop_policies_sql(c):
            c.exec_driver_sql(statement)
        policies = _policies(c)
        for policy in policies:
            c.exec_driver_sql(policy.create_sql())
        for table in _tables(policies):
            c.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
    return sorted(_tables(policies))


def disable_row_level_security(store: Store) -> None:
    _require_postgres(store)
    with store.engine.begin() as c:
        for statement in drop_policies_sql(c):
            c.exec_driver_sql(statement)


def row_level_security_tables(store: Store) -> dict[str, bool]:
    """Each content table and whether row-level security is on for it ({} on SQLite)."""
    if store.engine.dialect.name != "postgresql":
        return {}
    with store.engine.connect() as c:
        tables = _tables(_policies(c))
        rows = c.execute(text("SELECT relname, relrowsecurity FROM pg_class "
                              "WHERE oid = ANY (CAST(:t AS regclass[]))"),
                         {"t": tables})  # fmt: skip
        return {str(name): bool(on) for name, on in rows}


def grant_library_to(store: Store, login: str) -> None:
    """Lets a team member's login read and write the library's tables (what they may see of
    them is the access rule's business); run by the owner."""
    _require_postgres(store)
    if not _LOGIN.match(login):
        raise AccessError(f"{login!r} is not a database login name (letters, digits, _ and -).")
    with store.engine.begin() as c:
        schema = c.execute(text("SELECT current_schema()")).scalar()
        c.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{login}"')
        c.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA '
                          f'"{schema}" TO "{login}"')  # fmt: skip
        c.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" '
                          f'TO "{login}"')  # fmt: skip
