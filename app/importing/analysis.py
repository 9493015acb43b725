"""Cues and the scorecard of an imported interview, from the coach's analyzer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.session.plan import InterviewPlan
from app.session.segments import Segment


@dataclass
class Analysis:
    cues: list[dict[str, Any]]  # CueRow fields: kind, start, end, text, suggestion, severity, ...
    scorecard: dict[str, Any] | None
    warnings: list[str] = field(default_factory=list)


# (segments with roles, plan, phase marks as (t, phase index)) -> Analysis
Analyzer = Callable[[list[Segment], InterviewPlan, Sequence[tuple[float, int]]], Analysis]

_CUE_FIELDS = ("kind", "start", "end", "text", "suggestion", "severity", "confidence", "live")


def cue_fields(cue: Any) -> dict[str, Any]:
    data = cue if isinstance(cue, dict) else cue.to_dict()
    out = {key: data[key] for key in _CUE_FIELDS if key in data}
    out["kind"] = str(out["kind"])
    out["severity"] = str(out.get("severity", "info"))
    out.setdefault("text", "")
    out.setdefault("suggestion", "")
    return out


def _carry_on() -> None:
    pass


def coach_analyzer(segments: list[Segment], plan: InterviewPlan,
                   phase_marks: Sequence[tuple[float, int]] = (),
                   checkpoint: Callable[[], None] = _carry_on) -> Analysis:  # fmt: skip
    """Replays the segments through the live coach (app.coach.analyze), as the CLI does;
    `checkpoint` raises to stop between lines (the import's Cancel)."""
    from app.coach.analyze import analyze_transcript
    from app.coach.scorecard import stored_scorecard
    from app.importers import ImportedSegment, Mark, Transcript, TranscriptFormat
    from app.session.segments import Speaker

    transcript = Transcript(
        tuple(ImportedSegment(s.start, s.end, s.text, s.speaker_name, role=s.speaker)
              for s in segments),
        TranscriptFormat.JSONL,
        tuple(Mark(t, "", index) for t, index in phase_marks),
    )  # fmt: skip
    result = analyze_transcript(transcript, Speaker.INTERVIEWER.value, plan=plan,
                                checkpoint=checkpoint)  # fmt: skip
    return Analysis(
        [cue_fields(c) for c in result.cues],
        stored_scorecard(result.metrics, result.scorecard),
    )


def default_analyzer() -> Analyzer:
    return coach_analyzer
