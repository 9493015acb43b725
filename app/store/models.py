"""SQLAlchemy 2 typed models. One interview owns everything recorded about it (cascade delete)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class InterviewStatus(StrEnum):
    PLANNED = "planned"
    LIVE = "live"
    ENDED = "ended"
    RECOVERED = "recovered"  # was live when the app stopped unexpectedly
    IMPORTED = "imported"


class Person(Base):
    """An interviewer (or trainee): the trainer's view follows one person across interviews."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("name", name="uq_people_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    team: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # On a team library, the database login that is this person, and what they may see
    # (migration 0007, app.store.access): None and "interviewer" on SQLite, where all is seen.
    login: Mapped[str | None] = mapped_column(String(63), default=None, unique=True, index=True)
    role: Mapped[str] = mapped_column(String(20), default="interviewer",
                                      server_default="interviewer")  # fmt: skip


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    participant_name: Mapped[str] = mapped_column(String(200), default="")
    participant_company: Mapped[str] = mapped_column(String(200), default="")
    participant_role: Mapped[str] = mapped_column(String(200), default="")
    interviewer_name: Mapped[str] = mapped_column(String(200), default="")
    interviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None, index=True
    )
    focus: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default=InterviewStatus.PLANNED, index=True)
    consent_state: Mapped[str] = mapped_column(String(20), default="not_asked")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    checklist: Mapped[list[Any]] = mapped_column(default=list)
    scorecard: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # The few figures of the scorecard the library's table shows, kept with every scorecard
    # write (app.store.scorecard_headline, migration 0007): the library reads these, not 2 KB
    # of metrics per interview.
    scorecard_headline: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    tags: Mapped[list[Any]] = mapped_column(default=list)
    # Publishing to a team library (migration 0006, app.store.publish): the interview's
    # identity in every library it is copied to; on the laptop, when and where it last went.
    publish_id: Mapped[str | None] = mapped_column(String(32), default=None, unique=True, index=True)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    published_to: Mapped[str] = mapped_column(String(500), default="", server_default="")

    plan: Mapped[Plan | None] = relationship(
        back_populates="interview", cascade="all, delete-orphan", uselist=False
    )
    events: Mapped[list[SessionEventRow]] = relationship(
        cascade="all, delete-orphan", order_by="SessionEventRow.id"
    )
    phase_timings: Mapped[list[PhaseTiming]] = relationship(
        cascade="all, delete-orphan", order_by="PhaseTiming.phase_index"
    )
    consent_events: Mapped[list[ConsentEvent]] = relationship(
        cascade="all, delete-orphan", order_by="ConsentEvent.id"
    )
    marks: Mapped[list[Mark]] = relationship(cascade="all, delete-orphan", order_by="Mark.t")
    notes: Mapped[list[Note]] = relationship(cascade="all, delete-orphan", order_by="Note.t")
    recordings: Mapped[list[Recording]] = relationship(cascade="all, delete-orphan")
    segments: Mapped[list[SegmentRow]] = relationship(
        cascade="all, delete-orphan", order_by="SegmentRow.start"
    )
    cues: Mapped[list[CueRow]] = relationship(cascade="all, delete-orphan", order_by="CueRow.start")
    cards: Mapped[list[Card]] = relationship(cascade="all, delete-orphan", order_by="Card.start")
    comments: Mapped[list[Comment]] = relationship(
        cascade="all, delete-orphan", order_by="Comment.t"
    )


class _InterviewChild:
    """Columns every child row has: its interview, deleted with it (also in SQL, ON DELETE)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )


class Plan(_InterviewChild, Base):
    __tablename__ = "plans"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), unique=True
    )
    gift: Mapped[str] = mapped_column(String(200), default="")
    core_questions: Mapped[list[Any]] = mapped_column(default=list)
    # [{"name", "budget_s", "goals": [...], "budget_label"}] in order
    phases: Mapped[list[Any]] = mapped_column(default=list)
    plan_s: Mapped[float] = mapped_column(Float, default=1800.0)
    hard_limit_s: Mapped[float] = mapped_column(Float, default=2700.0)

    interview: Mapped[Interview] = relationship(back_populates="plan")


class SessionEventRow(_InterviewChild, Base):
    """The whole timeline, one row per session event, written as it happens."""

    __tablename__ = "session_events"

    kind: Mapped[str] = mapped_column(String(40))
    t: Mapped[float] = mapped_column(Float)
    wall: Mapped[float] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class PhaseTiming(_InterviewChild, Base):
    __tablename__ = "phase_timings"
    __table_args__ = (Index("ix_phase_timing_unique", "interview_id", "phase_index", unique=True),)

    phase_index: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    budget_s: Mapped[float] = mapped_column(Float)
    elapsed_s: Mapped[float] = mapped_column(Float, default=0.0)
    first_started_t: Mapped[float | None] = mapped_column(Float, default=None)


class ConsentEvent(_InterviewChild, Base):
    __tablename__ = "consent_events"

    state: Mapped[str] = mapped_column(String(20))
    t: Mapped[float] = mapped_column(Float)
    wall: Mapped[float] = mapped_column(Float)


class Mark(_InterviewChild, Base):
    __tablename__ = "marks"

    t: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(200), default="")
    phase_index: Mapped[int] = mapped_column(Integer, default=0)


class Note(_InterviewChild, Base):
    __tablename__ = "notes"

    t: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    phase_index: Mapped[int] = mapped_column(Integer, default=0)


class Recording(_InterviewChild, Base):
    __tablename__ = "recordings"

    path: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20), default="recording")  # complete, recovered
    channels: Mapped[int] = mapped_column(Integer, default=2)
    samplerate: Mapped[int] = mapped_column(Integer, default=16000)
    offset_s: Mapped[float] = mapped_column(Float, default=0.0)  # session time of sample 0
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SegmentRow(_InterviewChild, Base):
    __tablename__ = "segments"

    speaker: Mapped[str] = mapped_column(String(20))  # interviewer | participant
    speaker_name: Mapped[str | None] = mapped_column(String(200), default=None)
    start: Mapped[float] = mapped_column(Float, index=True)
    end: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str | None] = mapped_column(Text, default=None)  # before user edits
    words: Mapped[list[Any]] = mapped_column(default=list)
    source: Mapped[str] = mapped_column(String(20), default="live")
    # Raised by every text edit; an edit naming an older version is a conflict (migration 0005).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Who made the last edit of the text (migration 0006); None for lines never edited. No ON
    # DELETE action on the authors' keys: see migration 0006 (the app never deletes people).
    edited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id"), default=None, index=True
    )


class CueRow(_InterviewChild, Base):
    __tablename__ = "cues"

    kind: Mapped[str] = mapped_column(String(30), index=True)
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text, default="")
    suggestion: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(20), default="info")
    dismissed: Mapped[bool] = mapped_column(default=False)
    confidence: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")
    live: Mapped[bool] = mapped_column(default=True, server_default=true())


class Card(_InterviewChild, Base):
    __tablename__ = "cards"

    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), default=None
    )
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    quote: Mapped[str] = mapped_column(Text)
    speaker_name: Mapped[str] = mapped_column(String(200), default="")
    tag: Mapped[str] = mapped_column(String(60), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who made the card (migration 0006): the person named in Settings when it was made.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id"), default=None, index=True
    )


class Comment(_InterviewChild, Base):
    __tablename__ = "comments"

    t: Mapped[float] = mapped_column(Float)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A reply belongs to its thread's first comment; deleting that deletes the replies.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), default=None, index=True
    )
    # The moment commented on, when it is a transcript line or a cue (else only the time t).
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), default=None
    )
    cue_id: Mapped[int | None] = mapped_column(
        ForeignKey("cues.id", ondelete="SET NULL"), default=None
    )
    resolved: Mapped[bool] = mapped_column(default=False, server_default=false())
    updated_at: Mapped[datetime | None] = mapped_column(default=None)
    # The author as a person (migration 0006); `author` keeps the name as it was written.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id"), default=None, index=True
    )


class Drill(_InterviewChild, Base):
    """A practice drill on an interview (spot-the-cue, re-ask) and its result."""

    __tablename__ = "drills"

    trainee_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None, index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)


# --- studies: synthesis across interviews (migration 0004). Every row is deleted in SQL with
# its study, interview, card or transcript line (ON DELETE CASCADE), so forgetting a
# participant's words leaves no quote of them on a board.


class Study(Base):
    __tablename__ = "studies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    focus: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class _StudyChild:
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"), index=True)


class StudyInterview(_InterviewChild, _StudyChild, Base):
    __tablename__ = "study_interviews"
    __table_args__ = (UniqueConstraint("study_id", "interview_id", name="uq_study_interviews"),)

    position: Mapped[int] = mapped_column(Integer, default=0)


class StudyMember(_StudyChild, Base):
    """A person who may see the study's interviews on a team library (migration 0007)."""

    __tablename__ = "study_members"
    __table_args__ = (UniqueConstraint("study_id", "person_id", name="uq_study_members"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )


class Pile(_StudyChild, Base):
    """A group of cards; its hand-set place on each arrangement (None: the suggested place)."""

    __tablename__ = "piles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    charge: Mapped[float | None] = mapped_column(Float, default=None)
    strength: Mapped[float | None] = mapped_column(Float, default=None)
    weight: Mapped[float | None] = mapped_column(Float, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PileCard(_StudyChild, Base):
    __tablename__ = "pile_cards"
    __table_args__ = (UniqueConstraint("study_id", "card_id", name="uq_pile_cards_card"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pile_id: Mapped[int] = mapped_column(ForeignKey("piles.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Hypothesis(_StudyChild, Base):
    __tablename__ = "hypotheses"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class HypothesisMark(_InterviewChild, Base):
    """One interview's verdict on one hypothesis: supported, contradicted or not discussed."""

    __tablename__ = "hypothesis_marks"
    __table_args__ = (UniqueConstraint("hypothesis_id", "interview_id", name="uq_hypothesis_marks"),)

    hypothesis_id: Mapped[int] = mapped_column(
        ForeignKey("hypotheses.id", ondelete="CASCADE"), index=True
    )
    mark: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class HypothesisQuote(Base):
    """A transcript line the user confirmed as saying so; it goes when the line is forgotten."""

    __tablename__ = "hypothesis_quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    mark_id: Mapped[int] = mapped_column(
        ForeignKey("hypothesis_marks.id", ondelete="CASCADE"), index=True
    )
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    quote: Mapped[str] = mapped_column(Text)


class HighlightDecision(_InterviewChild, Base):
    """What the reviewer did with a suggested highlight, so a dismissed one stays dismissed."""

    __tablename__ = "highlight_decisions"
    __table_args__ = (UniqueConstraint("segment_id", name="uq_highlight_decisions_segment"),)

    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(30))
    decision: Mapped[str] = mapped_column(String(20))
    card_id: Mapped[int | None] = mapped_column(
        ForeignKey("cards.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PublishTombstone(Base):
    """A published interview deleted from the team library: the next publish of it from the
    laptop it came from is refused, not brought back (a trigger writes it, migration 0006)."""

    __tablename__ = "publish_tombstones"

    publish_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    interview_id: Mapped[int] = mapped_column(Integer)  # its number in the library it left
    deleted_at: Mapped[datetime] = mapped_column(default=utcnow)
