"""Everything an export needs about one interview, read from the store in one go."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.coach.phases import PhaseSpan
from app.session.plan import InterviewPlan
from app.session.segments import Speaker
from app.store.cards import CardRepository, StoredCard
from app.store.comments import comments_for_export
from app.store.cues import CueRepository, StoredCue
from app.store.db import Store
from app.store.interviews import InterviewRepository, InterviewSummary
from app.store.timeline import StoredMark, StoredNote, load_timeline
from app.store.transcript import SegmentRepository, StoredSegment


@dataclass(frozen=True)
class ExportDocument:
    interview: InterviewSummary
    plan: InterviewPlan
    segments: list[StoredSegment]
    cues: list[StoredCue]
    cards: list[StoredCard]
    marks: list[StoredMark]
    notes: list[StoredNote]
    consent: list[tuple[float, str]]
    phases: list[PhaseSpan]
    comments: list[dict[str, Any]] = field(default_factory=list)  # threads, with replies

    def speaker_label(self, segment: StoredSegment) -> str:
        seg = segment.segment
        if seg.speaker_name:
            return seg.speaker_name
        if seg.speaker is Speaker.INTERVIEWER:
            return self.interview.interviewer_name or "Interviewer"
        return self.interview.participant_name or "Participant"

    @property
    def end_t(self) -> float:
        last = max((s.segment.end for s in self.segments), default=0.0)
        return max(last, self.interview.duration_s)

    def phase_at(self, t: float) -> PhaseSpan | None:
        for span in self.phases:
            if span.start <= t < span.end:
                return span
        return None


def load_document(store: Store, interview_id: int) -> ExportDocument:
    interviews = InterviewRepository(store)
    summary = interviews.get(interview_id)
    plan = interviews.load_plan(interview_id)
    segments = SegmentRepository(store).list(interview_id)
    timeline = load_timeline(store, interview_id)
    end_t = max([summary.duration_s] + [s.segment.end for s in segments])
    phases = timeline.phase_spans(plan, end_t)
    return ExportDocument(
        interview=summary,
        plan=plan,
        segments=segments,
        cues=CueRepository(store).list(interview_id),
        cards=CardRepository(store).list(interview_id),
        marks=timeline.marks,
        notes=timeline.notes,
        consent=timeline.consent,
        phases=phases,
        comments=comments_for_export(store, interview_id),
    )
