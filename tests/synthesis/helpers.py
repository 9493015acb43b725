"""Interviews and a topic embedder made for the synthesis tests."""

from __future__ import annotations

import numpy as np

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import InterviewStatus
from app.store.transcript import SegmentRepository

TOPICS = ("password", "invoice", "calendar", "printer")


def topic_embed(text: str) -> np.ndarray:
    """One axis per topic word the text contains, plus a little of its length: texts on the
    same topic are close, different topics orthogonal, texts with no topic word far from all."""
    lowered = text.lower()
    vec = np.array([1.0 if t in lowered else 0.0 for t in TOPICS] + [0.0] * 4, dtype=np.float32)
    if not vec.any():
        vec[len(TOPICS) + hash(lowered) % 4] = 1.0
    vec[len(TOPICS) + len(lowered) % 4] += 0.05
    return vec / np.linalg.norm(vec)


def make_interview(store: Store, participant: str, lines: list[str], *, focus: str = "",
                   interviewer: str = "How was it?") -> tuple[int, list[int]]:  # fmt: skip
    """An imported interview: the interviewer asks, the participant answers each line.
    Returns the interview id and the participant lines' segment ids."""
    plan = InterviewPlan(participant=Participant(name=participant), focus=focus)
    iid = InterviewRepository(store).create(plan, title=f"Call with {participant}",
                                            status=InterviewStatus.IMPORTED)  # fmt: skip
    repo = SegmentRepository(store)
    ids, t = [], 0.0
    for line in lines:
        repo.add(iid, Segment(Speaker.INTERVIEWER, t, t + 2, interviewer), "import")
        ids.append(repo.add(iid, Segment(Speaker.PARTICIPANT, t + 2, t + 8, line,
                                         speaker_name=participant), "import"))  # fmt: skip
        t += 10
    return iid, ids


def make_cards(store: Store, participant: str, quotes: list[str], tag: str = "pain_point",
               focus: str = "") -> tuple[int, list[int]]:  # fmt: skip
    """An interview whose every participant line is a card; returns (interview id, card ids)."""
    iid, segs = make_interview(store, participant, quotes, focus=focus)
    cards = CardRepository(store)
    lines = SegmentRepository(store).list(iid)
    by_id = {s.id: s for s in lines}
    ids = [cards.add(iid, start=by_id[s].segment.start, end=by_id[s].segment.end, quote=q,
                     tag=tag, speaker_name=participant, segment_id=s)
           for s, q in zip(segs, quotes, strict=True)]  # fmt: skip
    return iid, ids
