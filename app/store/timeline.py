"""The session timeline: every session event saved as it happens, and read back for review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.coach.phases import PhaseSpan
from app.session.plan import InterviewPlan
from app.session.session import EventKind, InterviewSession, SessionEvent
from app.store.db import Store
from app.store.models import (
    ConsentEvent,
    Interview,
    Mark,
    Note,
    PhaseTiming,
    SessionEventRow,
    utcnow,
)


@dataclass(frozen=True)
class StoredMark:
    id: int
    t: float
    label: str
    phase_index: int


@dataclass(frozen=True)
class StoredNote:
    id: int
    t: float
    text: str
    phase_index: int


@dataclass(frozen=True)
class Timeline:
    events: list[SessionEvent]
    marks: list[StoredMark]
    notes: list[StoredNote]
    consent: list[tuple[float, str]]  # (t, state)
    phase_timings: list[dict[str, Any]]

    def pauses(self, end_t: float) -> list[tuple[float, float]]:
        """(start, end) of each pause; one still open at the end lasts until `end_t`."""
        result: list[tuple[float, float]] = []
        since: float | None = None
        for event in self.events:
            if event.kind is EventKind.PAUSED and since is None:
                since = event.t
            elif event.kind is EventKind.RESUMED and since is not None:
                result.append((since, event.t))
                since = None
        if since is not None:
            result.append((since, max(since, end_t)))
        return result

    def phase_spans(self, plan: InterviewPlan, end_t: float) -> list[PhaseSpan]:
        """Each visit to a phase, in order, from the phase events, with the time paused in
        it: the one source of phase spans for the scorecard, the review and the exports."""
        changes = [(e.t, int(e.data["index"])) for e in self.events if e.kind is EventKind.PHASE]
        pauses = self.pauses(end_t)
        spans = []
        for i, (t, index) in enumerate(changes):
            stop = changes[i + 1][0] if i + 1 < len(changes) else end_t
            paused = sum(max(0.0, min(stop, b) - max(t, a)) for a, b in pauses)
            if 0 <= index < len(plan.phases):
                name, budget = plan.phases[index].name, plan.phases[index].budget_s
            else:
                name, budget = f"Phase {index + 1}", 0.0
            spans.append(PhaseSpan(index, name, t, stop, budget, paused))
        return spans


class SessionPersister:
    """Listens to an InterviewSession and writes each event in its own transaction."""

    def __init__(self, store: Store, interview_id: int, session: InterviewSession) -> None:
        self.store = store
        self.interview_id = interview_id
        self.session = session
        session.subscribe(self.on_event)

    def on_event(self, event: SessionEvent) -> None:
        session = self.session
        with self.store.session() as s:
            interview = s.get(Interview, self.interview_id)
            if interview is None:
                return
            s.add(
                SessionEventRow(
                    interview_id=self.interview_id,
                    kind=event.kind.value,
                    t=event.t,
                    wall=event.wall,
                    data=dict(event.data),
                )
            )
            if event.kind is EventKind.STARTED:
                interview.status = "live"
                interview.started_at = utcnow()
            elif event.kind is EventKind.CONSENT:
                interview.consent_state = event.data["state"]
                s.add(ConsentEvent(interview_id=self.interview_id, state=event.data["state"],
                                   t=event.t, wall=event.wall))  # fmt: skip
            elif event.kind is EventKind.MARK:
                s.add(Mark(interview_id=self.interview_id, t=event.t,
                           label=event.data.get("label", ""), phase_index=event.data["phase"]))  # fmt: skip
            elif event.kind is EventKind.NOTE:
                s.add(Note(interview_id=self.interview_id, t=event.t, text=event.data["text"],
                           phase_index=event.data["phase"]))  # fmt: skip
            elif event.kind is EventKind.CHECKLIST:
                interview.checklist = [list(phase) for phase in session.checklist]
            elif event.kind is EventKind.ENDED:
                interview.status = "ended"
                interview.ended_at = utcnow()
                interview.duration_s = event.t
            if event.kind in (EventKind.PHASE, EventKind.ENDED, EventKind.PAUSED):
                self._save_phase_timings(s, event)

    def _save_phase_timings(self, s: Any, event: SessionEvent) -> None:
        existing = {
            row.phase_index: row
            for row in s.scalars(
                select(PhaseTiming).where(PhaseTiming.interview_id == self.interview_id)
            )
        }
        for index, spec in enumerate(self.session.plan.phases):
            row = existing.get(index)
            if row is None:
                row = PhaseTiming(interview_id=self.interview_id, phase_index=index,
                                  name=spec.name, budget_s=spec.budget_s)  # fmt: skip
                s.add(row)
            row.elapsed_s = self.session.phase_elapsed(index)
            if (
                event.kind is EventKind.PHASE
                and event.data.get("index") == index
                and row.first_started_t is None
            ):
                row.first_started_t = event.t


def load_timeline(store: Store, interview_id: int) -> Timeline:
    with store.session() as s:
        rows = s.scalars(
            select(SessionEventRow)
            .where(SessionEventRow.interview_id == interview_id)
            .order_by(SessionEventRow.id)
        ).all()
        events = [SessionEvent(EventKind(r.kind), r.t, r.wall, dict(r.data)) for r in rows]
        marks = [
            StoredMark(m.id, m.t, m.label, m.phase_index)
            for m in s.scalars(
                select(Mark).where(Mark.interview_id == interview_id).order_by(Mark.t)
            )
        ]
        notes = [
            StoredNote(n.id, n.t, n.text, n.phase_index)
            for n in s.scalars(
                select(Note).where(Note.interview_id == interview_id).order_by(Note.t)
            )
        ]
        consent = [
            (c.t, c.state)
            for c in s.scalars(
                select(ConsentEvent)
                .where(ConsentEvent.interview_id == interview_id)
                .order_by(ConsentEvent.id)
            )
        ]
        timings = [
            {
                "phase_index": p.phase_index,
                "name": p.name,
                "budget_s": p.budget_s,
                "elapsed_s": p.elapsed_s,
                "first_started_t": p.first_started_t,
            }  # fmt: skip
            for p in s.scalars(
                select(PhaseTiming)
                .where(PhaseTiming.interview_id == interview_id)
                .order_by(PhaseTiming.phase_index)
            )
        ]
    return Timeline(events, marks, notes, consent, timings)
