"""Interviews and their plans: create, list for the library, update, and delete with their audio."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, null, select, text

from app.session.consent import ConsentState
from app.session.plan import InterviewPlan, Participant, PhaseSpec
from app.store.access import visible_interviews_sql
from app.store.database_url import DatabaseKind
from app.store.db import Store
from app.store.models import Interview, InterviewStatus, Plan, Recording, SegmentRow, utcnow
from app.store.people import person_for_name


def _consent(value: str) -> ConsentState:
    try:
        return ConsentState(value)
    except ValueError:  # an unknown word in an old or foreign row: treat as never asked
        return ConsentState.NOT_ASKED


@dataclass(frozen=True)
class InterviewSummary:
    id: int
    title: str
    participant_name: str
    participant_company: str
    participant_role: str
    interviewer_name: str
    focus: str
    status: InterviewStatus
    consent_state: ConsentState
    created_at: datetime
    started_at: datetime | None
    duration_s: float
    has_recording: bool
    segment_count: int | None  # None from list_for_library, which does not count them
    scorecard: dict[str, Any] | None
    tags: tuple[str, ...]
    # When this computer's copy was published to a team library, and where (app.store.publish).
    published_at: datetime | None = None
    published_to: str = ""

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        who = self.participant_name or "Unnamed participant"
        return f"{who} \u2014 {self.participant_company}" if self.participant_company else who


def plan_to_row(plan: InterviewPlan) -> dict[str, Any]:
    return {
        "gift": plan.gift,
        "core_questions": list(plan.core_questions),
        "phases": [
            {
                "name": p.name,
                "budget_s": p.budget_s,
                "goals": list(p.goals),
                "budget_label": p.budget_label,
            }
            for p in plan.phases
        ],
        "plan_s": plan.plan_s,
        "hard_limit_s": plan.hard_limit_s,
    }


def row_to_plan(interview: Interview) -> InterviewPlan:
    row = interview.plan
    participant = Participant(
        interview.participant_name, interview.participant_company, interview.participant_role
    )
    if row is None:
        return InterviewPlan(participant=participant, focus=interview.focus)
    phases = tuple(
        PhaseSpec(p["name"], float(p["budget_s"]), tuple(p["goals"]), p.get("budget_label", ""))
        for p in row.phases
    )
    return InterviewPlan(
        participant=participant,
        focus=interview.focus,
        core_questions=tuple(row.core_questions),
        gift=row.gift,
        phases=phases,
        plan_s=row.plan_s,
        hard_limit_s=row.hard_limit_s,
    )


# The same aggregate in each engine's words (PostgreSQL has string_agg, and JSON as text).
# A scoring shows as its headline (migration 0007): summing the length of every whole
# scorecard read 20 MB at 10,000 interviews, every two seconds. On PostgreSQL, of the
# interviews the login may see (app.store.access).
_FINGERPRINT_SQL = {
    "sqlite": "SELECT count(*), max(id), group_concat(status), sum(length(scorecard_headline)), "
    "sum(duration_s), sum(length(title)), max(ended_at) FROM interviews",
    "postgresql": "SELECT count(*), max(id), string_agg(status, ',' ORDER BY id), "
    "sum(length(scorecard_headline::text)), sum(duration_s), sum(length(title)), "
    f"max(ended_at) FROM interviews WHERE {visible_interviews_sql('id', 'interviewer_id')}",
}


class InterviewRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def create(
        self,
        plan: InterviewPlan,
        *,
        interviewer_name: str = "",
        title: str = "",
        status: str = InterviewStatus.PLANNED,
    ) -> int:
        plan.validate()
        with self.store.session() as s:
            # The interviewer becomes a person record (the trainer follows people, not text).
            person = person_for_name(s, interviewer_name) if interviewer_name.strip() else None
            interview = Interview(
                title=title,
                participant_name=plan.participant.name,
                participant_company=plan.participant.company,
                participant_role=plan.participant.role,
                interviewer_name=person.name if person else "",
                interviewer_id=person.id if person else None,
                focus=plan.focus,
                status=status,
                checklist=[[False] * len(p.goals) for p in plan.phases],
                plan=Plan(**plan_to_row(plan)),
            )
            s.add(interview)
            s.flush()
            return interview.id

    def load_plan(self, interview_id: int) -> InterviewPlan:
        with self.store.session() as s:
            return row_to_plan(self._get(s, interview_id))

    def get(self, interview_id: int) -> InterviewSummary:
        """KeyError for an interview that is not there, or that the login may not see."""
        found = self._summaries(Interview.id == interview_id)
        if not found:
            raise KeyError(f"no interview {interview_id}")
        return found[0]

    def exists(self, interview_id: int) -> bool:
        with self.store.session() as s:
            return s.get(Interview, interview_id) is not None

    def list_recent(self, limit: int = 20) -> list[InterviewSummary]:
        return self._summaries(limit=limit)

    def list_all(self) -> list[InterviewSummary]:
        return self._summaries()

    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever an interview is added, deleted, ends, is scored or renamed, by this
        process or another (`tellmemore listen`, an import): a window polls it to refresh
        itself. One aggregate query, well under a millisecond for thousands of interviews."""
        with self.store.session() as s:
            sql = _FINGERPRINT_SQL.get(s.bind.dialect.name, _FINGERPRINT_SQL["sqlite"])
            row = s.execute(text(sql)).one()
        return tuple(row)

    def list_summaries(self) -> list[InterviewSummary]:
        """Every interview, newest first."""
        return self._summaries()

    def list_for_library(self) -> list[InterviewSummary]:
        """Every interview, newest first, for the library's table: as list_summaries, but each
        `scorecard` holds only its headline figures (what the table shows; see
        app.store.scorecard_headline) and `segment_count` is None. Decoding every whole
        scorecard took about 700 ms of the library's start at 10,000 interviews, and counting
        600,000 transcript lines nobody is shown another 50 to 150 ms."""
        return self._summaries(headline_only=True)

    def _summaries(self, *where: Any, limit: int | None = None,
                   headline_only: bool = False) -> list[InterviewSummary]:  # fmt: skip
        # Plain columns (no ORM objects) and counts grouped once, not per row: the library of
        # 1,000 interviews opens in about 25 ms. For one interview (or a few), counted for
        # those only: grouping all 600,000 lines of a big team library to show one took 50 ms.
        i = Interview
        if where or limit is not None:
            recordings = select(func.count()).where(Recording.interview_id == i.id)
            lines = select(func.count()).where(SegmentRow.interview_id == i.id)
            counts = [recordings.scalar_subquery(), lines.scalar_subquery()]
            joins = []
        else:
            segs = (
                select(SegmentRow.interview_id, func.count().label("n"))
                .group_by(SegmentRow.interview_id)
                .subquery()
            )
            recs = (
                select(Recording.interview_id, func.count().label("n"))
                .group_by(Recording.interview_id)
                .subquery()
            )
            counts = [func.coalesce(recs.c.n, 0), func.coalesce(segs.c.n, 0)]
            joins = [(segs, segs.c.interview_id == i.id), (recs, recs.c.interview_id == i.id)]
            if headline_only:
                counts[1] = null()
                joins = joins[1:]
        scorecard = i.scorecard_headline if headline_only else i.scorecard
        query = (
            select(i.id, i.title, i.participant_name, i.participant_company, i.participant_role,
                   i.interviewer_name, i.focus, i.status, i.consent_state, i.created_at,
                   i.started_at, i.duration_s, *counts, scorecard, i.tags, i.published_at,
                   i.published_to)
            .where(*where)
            .order_by(i.created_at.desc(), i.id.desc())
        )  # fmt: skip
        for joined, on in joins:
            query = query.outerjoin(joined, on)
        if limit is not None:
            query = query.limit(limit)
        with self.store.session() as s:
            return [
                InterviewSummary(*row[:7], InterviewStatus(row[7]), _consent(row[8]), *row[9:12],
                                 row[12] > 0, row[13],
                                 row[14], tuple(row[15] or ()),
                                 row[16], row[17] or "")
                for row in s.execute(query)
            ]  # fmt: skip

    def update(self, interview_id: int, **fields: Any) -> None:
        allowed = {
            "title", "status", "consent_state", "started_at", "ended_at", "duration_s",
            "checklist", "scorecard", "tags", "interviewer_name", "participant_name",
            "participant_company", "participant_role", "focus",
        }  # fmt: skip
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not interview fields: {sorted(unknown)}")
        with self.store.session() as s:
            interview = self._get(s, interview_id)
            for key, value in fields.items():
                setattr(interview, key, value)
            if "interviewer_name" in fields:  # keep the person and the free text in step
                name = str(fields["interviewer_name"] or "")
                person = person_for_name(s, name) if name.strip() else None
                interview.interviewer_id = person.id if person else None
                interview.interviewer_name = person.name if person else ""

    def mark_started(self, interview_id: int) -> None:
        self.update(interview_id, status=InterviewStatus.LIVE, started_at=utcnow())

    def mark_ended(self, interview_id: int, duration_s: float) -> None:
        self.update(
            interview_id, status=InterviewStatus.ENDED, ended_at=utcnow(), duration_s=duration_s
        )

    def find_interrupted(self) -> list[int]:
        """Interviews still marked live: the app stopped during the call.

        On a team library, only calls recorded on this machine (their audio in this library's
        recordings folder here): a call live on a colleague's laptop is not this machine's to
        recover, and is not interrupted at all."""
        query = select(Interview.id).where(Interview.status == InterviewStatus.LIVE)
        if self.store.kind is DatabaseKind.POSTGRESQL:
            here = str(self.store.recordings_dir) + os.sep
            recorded_here = select(Recording.interview_id).where(
                func.substr(Recording.path, 1, len(here)) == here
            )
            query = query.where(Interview.id.in_(recorded_here))
        with self.store.session() as s:
            return list(s.scalars(query.order_by(Interview.id)))

    def delete(self, interview_id: int) -> list[Path]:
        """Removes the interview, everything it owns and its audio files; returns what was deleted.

        Rows go first (one transaction) so a failure leaves no half-deleted interview; files
        follow, and a file already gone is fine.
        """
        with self.store.session() as s:
            paths = [Path(p) for p in s.scalars(
                select(Recording.path).where(Recording.interview_id == interview_id)
            )]  # fmt: skip
            s.execute(delete(Interview).where(Interview.id == interview_id))
        self.store.forget_deleted()
        if self.store.kind is DatabaseKind.POSTGRESQL:
            # Paths in a team database were written by other machines: only files in this
            # library's own recordings folder are deleted here (the others' machines remove
            # theirs at their next start: recordings.remove_audio_of_deleted_interviews).
            own = self.store.recordings_dir.resolve()
            paths = [p for p in paths if p.resolve().parent == own]
        for path in paths:
            for candidate in (path, *path.parent.glob(path.name + ".*")):
                with contextlib.suppress(FileNotFoundError):
                    candidate.unlink()
        return paths

    @staticmethod
    def _get(s: Any, interview_id: int) -> Interview:
        interview = s.get(Interview, interview_id)
        if interview is None:
            raise KeyError(f"no interview {interview_id}")
        return interview
