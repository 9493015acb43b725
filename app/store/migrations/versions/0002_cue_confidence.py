"""cues carry the coach's confidence and whether they were shown live

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Cues saved before the coach had confidences were all shown live by rules: 1.0 and true.
    with op.batch_alter_table("cues", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confidence", sa.Float(), nullable=False, server_default=sa.text("1.0"))
        )
        batch_op.add_column(
            sa.Column("live", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("cues", schema=None) as batch_op:
        batch_op.drop_column("live")
        batch_op.drop_column("confidence")
