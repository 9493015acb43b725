"""The reviewer's decisions on suggested highlights: accepted ones became cards, dismissed ones
are never suggested again. One decision per transcript line; it goes when the line does."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select

from app.store.db import Store
from app.store.models import HighlightDecision


class HighlightReason(StrEnum):
    """Why a passage is suggested: the guide's six things to look for (pain point and
    workaround apart, as the cards' tags have them). Each value is also a card tag."""

    FOCUS = "focus"
    REPEATED = "repeated"
    EMOTION = "emotion"
    PAIN_POINT = "pain_point"
    WORKAROUND = "workaround"
    PRODUCT_FEEDBACK = "product_feedback"
    QUESTION = "question"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class HighlightDecisionRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def decide(self, interview_id: int, segment_id: int, reason: HighlightReason,
               decision: Decision, card_id: int | None = None) -> None:  # fmt: skip
        with self.store.session() as s:
            row = s.scalar(select(HighlightDecision)
                           .where(HighlightDecision.segment_id == segment_id))  # fmt: skip
            if row is None:
                row = HighlightDecision(interview_id=interview_id, segment_id=segment_id)
                s.add(row)
            row.reason, row.decision = HighlightReason(reason).value, Decision(decision).value
            row.card_id = card_id

    def decided(self, interview_id: int) -> dict[int, Decision]:
        """Segment id -> what was decided about its suggestion."""
        with self.store.session() as s:
            rows = s.execute(select(HighlightDecision.segment_id, HighlightDecision.decision)
                             .where(HighlightDecision.interview_id == interview_id))  # fmt: skip
            return {seg: Decision(d) for seg, d in rows}
