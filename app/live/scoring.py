"""The scorecard saved with an interview, from what the store holds: segments, cues, phases."""

from __future__ import annotations

from typing import Any

from app.coach.cues import Cue, CueKind, Severity
from app.coach.metrics import compute_metrics
from app.coach.phases import PhaseSpan
from app.coach.scorecard import build_scorecard, stored_scorecard
from app.session.plan import InterviewPlan
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.timeline import load_timeline
from app.store.transcript import SegmentRepository


def phase_spans_from_timeline(
    store: Store, interview_id: int, plan: InterviewPlan, end_t: float
) -> list[PhaseSpan]:
    """One span per phase visit, pauses measured, from the saved timeline."""
    return load_timeline(store, interview_id).phase_spans(plan, end_t)


def score_interview(
    store: Store,
    interview_id: int,
    plan: InterviewPlan,
    *,
    checklist: list[list[bool]] | None = None,
) -> dict[str, Any]:
    """Computes metrics and the scorecard and stores them on the interview; returns the dict."""
    interviews = InterviewRepository(store)
    summary = interviews.get(interview_id)
    segments = [s.segment for s in SegmentRepository(store).list(interview_id)]
    cues = [
        Cue(CueKind(c.kind), c.start, c.end, c.text, c.suggestion, Severity(c.severity),
            c.confidence, c.live)
        for c in CueRepository(store).list(interview_id)
    ]
    end_t = max([summary.duration_s, *(s.end for s in segments)], default=0.0)
    phases = phase_spans_from_timeline(store, interview_id, plan, end_t)
    metrics = compute_metrics(segments, cues, phases, plan, checklist)
    result = stored_scorecard(metrics, build_scorecard(metrics))
    interviews.update(interview_id, scorecard=result)
    return result
