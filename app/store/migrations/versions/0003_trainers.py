"""interviewers as people, comments as threads on moments, practice drills

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("team", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", name="uq_people_name"),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interviewer_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_interviews_interviewer_id", ["interviewer_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_interviews_interviewer_id_people", "people", ["interviewer_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
    # Interviews saved before people existed name their interviewer in free text: each distinct
    # name becomes a person, so their trends start with their history, not empty.
    conn = op.get_bind()
    names = conn.execute(
        sa.text("SELECT DISTINCT trim(interviewer_name) FROM interviews "
                "WHERE trim(interviewer_name) != ''")  # fmt: skip
    ).scalars().all()
    for name in names:
        conn.execute(sa.text("INSERT INTO people (name, team, created_at) "
                             "VALUES (:n, '', CURRENT_TIMESTAMP)"), {"n": name})  # fmt: skip
        conn.execute(
            sa.text("UPDATE interviews SET interviewer_id = "
                    "(SELECT id FROM people WHERE name = :n) WHERE trim(interviewer_name) = :n"),
            {"n": name},
        )  # fmt: skip

    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("segment_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cue_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("resolved", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
        batch_op.create_index("ix_comments_parent_id", ["parent_id"], unique=False)
        batch_op.create_foreign_key("fk_comments_parent_id_comments", "comments", ["parent_id"],
                                    ["id"], ondelete="CASCADE")  # fmt: skip
        batch_op.create_foreign_key("fk_comments_segment_id_segments", "segments",
                                    ["segment_id"], ["id"], ondelete="SET NULL")  # fmt: skip
        batch_op.create_foreign_key("fk_comments_cue_id_cues", "cues", ["cue_id"], ["id"],
                                    ondelete="SET NULL")  # fmt: skip

    op.create_table(
        "drills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["trainee_id"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("drills", schema=None) as batch_op:
        batch_op.create_index("ix_drills_interview_id", ["interview_id"], unique=False)
        batch_op.create_index("ix_drills_trainee_id", ["trainee_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("drills", schema=None) as batch_op:
        batch_op.drop_index("ix_drills_trainee_id")
        batch_op.drop_index("ix_drills_interview_id")
    op.drop_table("drills")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_constraint("fk_comments_cue_id_cues", type_="foreignkey")
        batch_op.drop_constraint("fk_comments_segment_id_segments", type_="foreignkey")
        batch_op.drop_constraint("fk_comments_parent_id_comments", type_="foreignkey")
        batch_op.drop_index("ix_comments_parent_id")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("resolved")
        batch_op.drop_column("cue_id")
        batch_op.drop_column("segment_id")
        batch_op.drop_column("parent_id")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_constraint("fk_interviews_interviewer_id_people", type_="foreignkey")
        batch_op.drop_index("ix_interviews_interviewer_id")
        batch_op.drop_column("interviewer_id")
    op.drop_table("people")
