"""studies over several interviews: piles of cards, hypotheses and their per-interview marks,
and the reviewer's decisions on suggested highlights

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(column: str) -> sa.Column:
    return sa.Column(column, sa.Integer(), nullable=False)


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(f"ix_{table}_{column}", [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "studies",
        _id(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("focus", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # Every row below names its study and/or interview with ON DELETE CASCADE: deleting an
    # interview (or a card, or a transcript line) takes its board rows and quotes with it.
    op.create_table(
        "study_interviews",
        _id(),
        _fk("interview_id"),
        _fk("study_id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["study_id"], ["studies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("study_id", "interview_id", name="uq_study_interviews"),
    )
    _indexes("study_interviews", "interview_id", "study_id")
    op.create_table(
        "piles",
        _id(),
        _fk("study_id"),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("charge", sa.Float(), nullable=True),
        sa.Column("strength", sa.Float(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["study_id"], ["studies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("piles", "study_id")
    op.create_table(
        "pile_cards",
        _id(),
        _fk("study_id"),
        _fk("pile_id"),
        _fk("card_id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["study_id"], ["studies.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pile_id"], ["piles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["card_id"], ["cards.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("study_id", "card_id", name="uq_pile_cards_card"),
    )
    _indexes("pile_cards", "study_id", "pile_id", "card_id")
    op.create_table(
        "hypotheses",
        _id(),
        _fk("study_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["study_id"], ["studies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("hypotheses", "study_id")
    op.create_table(
        "hypothesis_marks",
        _id(),
        _fk("interview_id"),
        _fk("hypothesis_id"),
        sa.Column("mark", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hypothesis_id"], ["hypotheses.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hypothesis_id", "interview_id", name="uq_hypothesis_marks"),
    )
    _indexes("hypothesis_marks", "interview_id", "hypothesis_id")
    op.create_table(
        "hypothesis_quotes",
        _id(),
        _fk("mark_id"),
        _fk("segment_id"),
        sa.Column("start", sa.Float(), nullable=False),
        sa.Column("end", sa.Float(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["mark_id"], ["hypothesis_marks.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("hypothesis_quotes", "mark_id", "segment_id")
    op.create_table(
        "highlight_decisions",
        _id(),
        _fk("interview_id"),
        _fk("segment_id"),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["card_id"], ["cards.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", name="uq_highlight_decisions_segment"),
    )
    _indexes("highlight_decisions", "interview_id", "segment_id")


def downgrade() -> None:
    for table in ("highlight_decisions", "hypothesis_quotes", "hypothesis_marks", "hypotheses",
                  "pile_cards", "piles", "study_interviews", "studies"):  # fmt: skip
        op.drop_table(table)
