"""The moments of an interview most worth discussing with the interviewer.

A moment is a cue with what was said then, the coach's suggestion and the comments left on it.
The ranking: the coach's confident cues before doubtful ones, then severity, then confidence;
commented cues first of all, since someone already thought them worth a word. Moments closer
than MIN_GAP_S to a better one are the same stretch of talk and are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.coach.cues import CueKind, Severity
from app.session.segments import Speaker
from app.store.comments import CommentRepository, StoredComment
from app.store.cues import CueRepository, StoredCue
from app.store.db import Store
from app.store.transcript import SegmentRepository, StoredSegment
from app.trainer.facts import CueFact

MIN_GAP_S = 20.0
COMMENT_WINDOW_S = 5.0  # a comment this close to a cue is taken to be about it


@dataclass(frozen=True)
class Moment:
    cue_id: int
    kind: CueKind
    start: float
    end: float
    severity: Severity
    confidence: float
    confident: bool
    trigger: str  # the words that raised the cue
    quote: str  # the interviewer's line it was raised on
    suggestion: str
    comments: tuple[StoredComment, ...] = ()


def _rank(severity: Severity, confidence: float, confident: bool) -> tuple[int, int, float]:
    return (int(confident), severity.rank, confidence)


def worst_cue(cues: Sequence[CueFact]) -> CueFact | None:
    """The cue the review should open at: confident first, then the most severe and surest,
    the earliest of equals."""
    if not cues:
        return None
    return min(cues, key=lambda c: (tuple(-x for x in _rank(c.severity, c.confidence,
                                                             c.confident)), c.start))  # fmt: skip


def _severity(value: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        return Severity.INFO


def _quote(segments: Sequence[StoredSegment], cue: StoredCue) -> str:
    """The interviewer's line the cue was raised on (the nearest before it), else the trigger."""
    best: StoredSegment | None = None
    for seg in segments:
        if seg.segment.speaker is not Speaker.INTERVIEWER or seg.segment.start > cue.start + 0.5:
            continue
        if best is None or seg.segment.start >= best.segment.start:
            best = seg
    if best is not None and best.segment.end >= cue.start - 5.0:
        return best.segment.text
    return cue.text


def _about(comment: StoredComment, cue: StoredCue) -> bool:
    cue_id = getattr(comment, "cue_id", None)  # comments may name the cue they are about
    if cue_id is not None:
        return bool(cue_id == cue.id)
    return cue.start - COMMENT_WINDOW_S <= comment.t <= cue.end + COMMENT_WINDOW_S


def moments_to_discuss(store: Store, interview_id: int, count: int = 3) -> list[Moment]:
    """The `count` moments most worth discussing, in the order they happened."""
    known = {k.value for k in CueKind}
    cues = [c for c in CueRepository(store).list(interview_id) if c.kind in known]
    if not cues:
        return []
    comments = CommentRepository(store).list(interview_id)
    about = {c.id: tuple(m for m in comments if _about(m, c)) for c in cues}

    def rank(cue: StoredCue) -> tuple[int, int, int, float, float]:
        confident, severity, confidence = _rank(_severity(cue.severity), cue.confidence, cue.live)
        return (int(bool(about[cue.id])), confident, severity, confidence, -cue.start)

    chosen: list[StoredCue] = []
    for cue in sorted(cues, key=rank, reverse=True):
        if all(abs(cue.start - c.start) >= MIN_GAP_S for c in chosen):
            chosen.append(cue)
        if len(chosen) == count:
            break
    segments = SegmentRepository(store).list(interview_id)
    return [
        Moment(c.id, CueKind(c.kind), c.start, c.end, _severity(c.severity), c.confidence, c.live,
               c.text, _quote(segments, c), c.suggestion, about[c.id])
        for c in sorted(chosen, key=lambda c: c.start)
    ]  # fmt: skip
