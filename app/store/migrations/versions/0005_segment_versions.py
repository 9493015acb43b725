"""transcript lines carry a version, so two reviewers' edits cannot silently overwrite each other

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 20:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every line saved so far is at its first version. An edit says which version it corrects
    # (app.store.transcript.SegmentRepository.edit_text): on a team library a line changed by
    # someone else meanwhile is a conflict shown to the user, not overwritten.
    # A plain ALTER TABLE, not a batch: on SQLite a batch rebuilds the table, and the rebuilt
    # table would lose the FTS5 triggers of migration 0001 (search would stop following).
    op.add_column(
        "segments",
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
    )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (a batch rebuild would lose the FTS5 triggers).
    op.drop_column("segments", "version")
