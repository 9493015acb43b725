"""SQLAlchemy 2 typed models. One interview owns everything recorded about it (cascade delete)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class InterviewStatus:
    PLANNED = "planned"
    LIVE = "live"
    ENDED = "ended"
    RECOVERED = "recovered"  # was live when the app stopped unexpectedly
    IMPORTED = "imported"


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    participant_name: Mapped[str] = mapped_column(String(200), default="")
    participant_company: Mapped[str] = mapped_column(String(200), default="")
    participant_role: Mapped[str] = mapped_column(String(200), default="")
    interviewer_name: Mapped[str] = mapped_column(String(200), default="")
    focus: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default=InterviewStatus.PLANNED, index=True)
    consent_state: Mapped[str] = mapped_column(String(20), default="not_asked")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    checklist: Mapped[list[Any]] = mapped_column(default=list)
    scorecard: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    tags: Mapped[list[Any]] = mapped_column(default=list)

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


class Comment(_InterviewChild, Base):
    __tablename__ = "comments"

    t: Mapped[float] = mapped_column(Float)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
