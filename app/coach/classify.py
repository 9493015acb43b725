"""All text rules at once: the cue kinds one utterance shows, each with its evidence."""

from __future__ import annotations

from functools import lru_cache

from app.coach.cues import CueKind
from app.coach.rules import (
    closed_question,
    generality,
    hypothetical_question,
    leading_question,
    question_count,
    self_talk,
    why_question,
)
from app.coach.selling import selling_evidence


def classify_text(text: str, *, selling_threshold: float | None = None) -> dict[CueKind, str]:
    """Kind -> the words that show it. Role-blind: the engine decides whose words count."""
    return dict(_classify(text, selling_threshold))


@lru_cache(maxsize=512)
def _classify(text: str, selling_threshold: float | None) -> tuple[tuple[CueKind, str], ...]:
    found: dict[CueKind, str] = {}
    if not text.strip():
        return ()
    checks = (
        (CueKind.WHY, why_question(text)),
        (CueKind.LEADING, leading_question(text)),
        (CueKind.HYPOTHETICAL, hypothetical_question(text)),
        (CueKind.CLOSED, closed_question(text)),
        (CueKind.SELLING, selling_evidence(text, selling_threshold)),
        (CueKind.GENERALITY, generality(text)),
    )
    for kind, evidence in checks:
        if evidence:
            found[kind] = evidence
    if question_count(text) >= 2:
        found[CueKind.STACKED] = text
    if self_talk(text):
        found[CueKind.SELF_FOCUS] = text
    return tuple(found.items())
