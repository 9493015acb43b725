"""publishing offline interviews to a team library, authors of cards, comments and edits,
and NOTIFY on PostgreSQL when interviews change

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (table, column) of each author: a person (people row). The foreign key has no ON DELETE
# action: SQLite can add a column with a REFERENCES clause in place, but SQLAlchemy cannot read
# back an action written there (the models would not match), and rebuilding the tables instead
# would lose the segments' FTS5 triggers and cascade-delete the cards pinned on study boards.
# So a person who authored something cannot be deleted; the app never deletes people.
_AUTHOR_COLUMNS = (("cards", "author_id"), ("comments", "author_id"), ("segments", "edited_by_id"))

# Set on PostgreSQL by the trigger below; app.store.library_events listens to it.
NOTIFY_CHANNEL = "tellmemore_library"

# A published interview deleted in the team library leaves its publish id here, so the next
# publish from the laptop it came from does not bring it back (app.store.publish). A trigger,
# not the app: whoever deletes the row (the app, psql, a retention job) leaves the tombstone.
_SQLITE_TOMBSTONE_TRIGGER = (
    "CREATE TRIGGER interviews_publish_tombstone AFTER DELETE ON interviews "
    "WHEN old.publish_id IS NOT NULL BEGIN "
    "INSERT OR IGNORE INTO publish_tombstones (publish_id, interview_id, deleted_at) "
    "VALUES (old.publish_id, old.id, CURRENT_TIMESTAMP); END"
)
_PG_TOMBSTONE_SQL = (
    "CREATE FUNCTION tellmemore_publish_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN INSERT INTO publish_tombstones (publish_id, interview_id, deleted_at) "
    "VALUES (OLD.publish_id, OLD.id, now() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING; "
    "RETURN OLD; END $$",
    "CREATE TRIGGER interviews_publish_tombstone AFTER DELETE ON interviews FOR EACH ROW "
    "WHEN (OLD.publish_id IS NOT NULL) EXECUTE FUNCTION tellmemore_publish_tombstone()",
)
# One notification per statement (not per row: a bulk insert of 10,000 interviews sends one),
# and PostgreSQL folds identical ones within a transaction. The payload is only the operation:
# listeners re-read the library, which also applies who may see what.
_PG_NOTIFY_SQL = (
    "CREATE FUNCTION tellmemore_notify_library() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_notify('{NOTIFY_CHANNEL}', TG_OP); RETURN NULL; END $$",
    "CREATE TRIGGER interviews_notify_library AFTER INSERT OR UPDATE OR DELETE ON interviews "
    "FOR EACH STATEMENT EXECUTE FUNCTION tellmemore_notify_library()",
)


def _add_author(table: str, column: str) -> None:
    # No batch on SQLite (see _AUTHOR_COLUMNS): ALTER TABLE accepts a REFERENCES clause on a
    # column that defaults to NULL.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES people (id)"
        )
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(
            f"fk_{table}_{column}_people", table, "people", [column], ["id"]
        )
    op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, column in _AUTHOR_COLUMNS:
        _add_author(table, column)

    # The same interview's identity in every library it is in (a laptop's SQLite, the team's
    # PostgreSQL); when and where the local copy was last published.
    op.add_column("interviews", sa.Column("publish_id", sa.String(length=32), nullable=True))
    op.add_column("interviews", sa.Column("published_at", sa.DateTime(), nullable=True))
    op.add_column(
        "interviews",
        sa.Column("published_to", sa.String(length=500), nullable=False, server_default=""),
    )
    op.create_index("ix_interviews_publish_id", "interviews", ["publish_id"], unique=True)
    op.create_table(
        "publish_tombstones",
        sa.Column("publish_id", sa.String(length=32), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("publish_id"),
    )
    if dialect == "sqlite":
        op.execute(_SQLITE_TOMBSTONE_TRIGGER)
    elif dialect == "postgresql":
        for statement in (*_PG_TOMBSTONE_SQL, *_PG_NOTIFY_SQL):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS interviews_notify_library ON interviews")
        op.execute("DROP FUNCTION IF EXISTS tellmemore_notify_library()")
        op.execute("DROP TRIGGER IF EXISTS interviews_publish_tombstone ON interviews")
        op.execute("DROP FUNCTION IF EXISTS tellmemore_publish_tombstone()")
    else:
        op.execute("DROP TRIGGER IF EXISTS interviews_publish_tombstone")
    op.drop_table("publish_tombstones")
    op.drop_index("ix_interviews_publish_id", table_name="interviews")
    # SQLite 3.35+ drops a column in place (no batch rebuild, see upgrade).
    op.drop_column("interviews", "published_to")
    op.drop_column("interviews", "published_at")
    op.drop_column("interviews", "publish_id")
    for table, column in reversed(_AUTHOR_COLUMNS):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        if dialect != "sqlite":
            op.drop_constraint(f"fk_{table}_{column}_people", table, type_="foreignkey")
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
