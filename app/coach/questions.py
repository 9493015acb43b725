"""Which planned question the interviewer just asked: the 5-7 core questions of the plan,
matched to what they said by meaning (sentence embeddings), not by exact words."""

from __future__ import annotations

from collections.abc import Sequence

from app.coach.embed import embed
from app.coach.parse import parse

# Cosine similarity of two sentence embeddings above which two questions ask the same thing.
SAME_QUESTION = 0.8


def asked_questions(text: str, planned: Sequence[str]) -> list[int]:
    """Indices of the planned questions that `text` (an interviewer utterance) asks. Every
    sentence counts: planned questions are often requests ("Walk me through…")."""
    questions = [s.text for s in parse(text).sentences if len(s.words) >= 3]
    if not questions or not planned:
        return []
    found = []
    for index, plan in enumerate(planned):
        if not plan.strip():
            continue
        target = embed(plan)
        if any(float(embed(q) @ target) >= SAME_QUESTION for q in questions):
            found.append(index)
    return found
