"""who may see which interviews on a team library: database logins as people, roles, study
members, and the PostgreSQL functions the queries and row-level security ask; and each
scorecard's headline beside it, for the library's table

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 21:30:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The rule (app.store.access): a login sees the interviews it led, the interviews of the
# studies it is a member of, and every interview when its person is a trainer or an admin or
# when it owns the library (the login that created the tables, or a superuser: whoever can
# read the tables anyway). The same three functions serve the repositories' WHERE clauses and
# the row-level security policies, so both enforce one rule.
#
# tellmemore_visible_interviews is SECURITY DEFINER: it reads interviews and study_interviews,
# which have policies of their own once row-level security is on (a policy reading its own
# table through the invoker would recurse). It returns ids only, never content. Its
# search_path is fixed (FROM CURRENT) so a login cannot shadow the tables it reads.
_PG_FUNCTIONS = (
    "CREATE FUNCTION tellmemore_person_id(login name) RETURNS integer LANGUAGE sql STABLE "
    "AS $$ SELECT id FROM people WHERE people.login = $1 $$",
    "CREATE FUNCTION tellmemore_sees_all(login name) RETURNS boolean LANGUAGE sql STABLE "
    "SET search_path FROM CURRENT AS $$ "
    "SELECT EXISTS (SELECT 1 FROM people WHERE people.login = $1 "
    "AND people.role IN ('trainer', 'admin')) "
    "OR pg_has_role($1, (SELECT relowner FROM pg_class WHERE oid = 'interviews'::regclass), "
    "'MEMBER') $$",
    "CREATE FUNCTION tellmemore_visible_interviews(login name) RETURNS SETOF integer "
    "LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
    "SELECT interviews.id FROM interviews JOIN people ON people.id = interviews.interviewer_id "
    "WHERE people.login = $1 "
    "UNION SELECT study_interviews.interview_id FROM study_interviews "
    "JOIN study_members ON study_members.study_id = study_interviews.study_id "
    "JOIN people ON people.id = study_members.person_id WHERE people.login = $1 $$",
    # Which of these interviews still exist, whoever may see them: a machine removes the audio
    # of deleted interviews only (app.store.recordings), never of ones hidden from its user.
    "CREATE FUNCTION tellmemore_existing_interviews(ids integer[]) RETURNS SETOF integer "
    "LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
    "SELECT id FROM interviews WHERE id = ANY($1) $$",
)
_PG_DROP_FUNCTIONS = (
    "DROP FUNCTION IF EXISTS tellmemore_existing_interviews(integer[])",
    "DROP FUNCTION IF EXISTS tellmemore_visible_interviews(name)",
    "DROP FUNCTION IF EXISTS tellmemore_sees_all(name)",
    "DROP FUNCTION IF EXISTS tellmemore_person_id(name)",
)


def _fill_headlines() -> None:
    """interviews.scorecard_headline for the interviews scored before it existed (later
    writes keep it: app.store.scorecard_headline; its keys are copied here, as a migration
    must not change when the app does)."""
    keys = ("overall", "score", "total", "grade", "talk_share", "interviewer_talk_share",
            "cue_count", "cues")  # fmt: skip
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, scorecard FROM interviews WHERE scorecard IS NOT NULL"))
    updates = []
    for interview_id, raw in rows:
        try:
            scorecard = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:  # a damaged scorecard: no headline, as for none
            continue
        if isinstance(scorecard, dict):
            found = {k: scorecard[k] for k in keys if k in scorecard}
            updates.append({"i": interview_id, "h": json.dumps(found)})
    if updates:
        conn.execute(sa.text("UPDATE interviews SET scorecard_headline = :h WHERE id = :i"),
                     updates)  # fmt: skip


def upgrade() -> None:
    # The library's line of each scorecard, beside it (see app.store.scorecard_headline).
    op.add_column("interviews", sa.Column("scorecard_headline", sa.JSON(), nullable=True))
    _fill_headlines()
    # Plain ADD COLUMNs (no batch): on SQLite a batch rebuilds `people`, and dropping the old
    # table with foreign keys on would set every interview's interviewer to NULL.
    op.add_column("people", sa.Column("login", sa.String(length=63), nullable=True))
    op.add_column(
        "people",
        sa.Column("role", sa.String(length=20), nullable=False, server_default="interviewer"),
    )
    op.create_index("ix_people_login", "people", ["login"], unique=True)
    op.create_table(
        "study_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["study_id"], ["studies.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("study_id", "person_id", name="uq_study_members"),
    )
    op.create_index("ix_study_members_study_id", "study_members", ["study_id"], unique=False)
    op.create_index("ix_study_members_person_id", "study_members", ["person_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_FUNCTIONS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # The policies use the functions: the team's row-level security goes with them.
        policies = op.get_bind().execute(sa.text(
            "SELECT tablename, policyname FROM pg_policies WHERE policyname LIKE 'tellmemore%' "
            "AND schemaname = current_schema()"
        )).all()  # fmt: skip
        for table, name in policies:
            op.execute(f'DROP POLICY {name} ON "{table}"')
        for table in dict.fromkeys(table for table, _ in policies):
            op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
        for statement in _PG_DROP_FUNCTIONS:
            op.execute(statement)
    op.drop_index("ix_study_members_person_id", table_name="study_members")
    op.drop_index("ix_study_members_study_id", table_name="study_members")
    op.drop_table("study_members")
    op.drop_index("ix_people_login", table_name="people")
    op.execute("ALTER TABLE people DROP COLUMN role")
    op.execute("ALTER TABLE people DROP COLUMN login")
    op.execute("ALTER TABLE interviews DROP COLUMN scorecard_headline")
