"""A study's hypotheses and each interview's verdict on them, with the quotes that say so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func, select

from app.store.db import Store
from app.store.models import Hypothesis, HypothesisMark, HypothesisQuote, SegmentRow, utcnow


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NOT_DISCUSSED = "not_discussed"


@dataclass(frozen=True)
class StoredHypothesis:
    id: int
    study_id: int
    text: str


@dataclass(frozen=True)
class Quote:
    segment_id: int
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class StoredMark:
    hypothesis_id: int
    interview_id: int
    verdict: Verdict
    note: str
    quotes: tuple[Quote, ...]


class HypothesisRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, study_id: int, text: str) -> int:
        text = " ".join(text.split())
        if not text:
            raise ValueError("a hypothesis needs words")
        with self.store.session() as s:
            end = s.scalar(select(func.max(Hypothesis.position))
                           .where(Hypothesis.study_id == study_id))  # fmt: skip
            row = Hypothesis(study_id=study_id, text=text, position=(end or 0) + 1)
            s.add(row)
            s.flush()
            return row.id

    def edit(self, hypothesis_id: int, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            raise ValueError("a hypothesis needs words")
        with self.store.session() as s:
            row = s.get(Hypothesis, hypothesis_id)
            if row is None:
                raise KeyError(f"no hypothesis {hypothesis_id}")
            row.text = text

    def delete(self, hypothesis_id: int) -> None:
        with self.store.session() as s:
            s.execute(delete(Hypothesis).where(Hypothesis.id == hypothesis_id))

    def list(self, study_id: int) -> list[StoredHypothesis]:
        with self.store.session() as s:
            rows = s.scalars(select(Hypothesis).where(Hypothesis.study_id == study_id)
                             .order_by(Hypothesis.position, Hypothesis.id))  # fmt: skip
            return [StoredHypothesis(r.id, r.study_id, r.text) for r in rows]

    def mark(self, hypothesis_id: int, interview_id: int, verdict: Verdict,
             segment_ids: Sequence[int] = (), note: str = "") -> None:  # fmt: skip
        """The user's verdict for one interview, replacing any earlier one, with the lines
        (quoted as they read now) that say so."""
        verdict = Verdict(verdict)
        with self.store.session() as s:
            row = s.scalar(select(HypothesisMark).where(
                HypothesisMark.hypothesis_id == hypothesis_id,
                HypothesisMark.interview_id == interview_id))  # fmt: skip
            if row is None:
                row = HypothesisMark(hypothesis_id=hypothesis_id, interview_id=interview_id,
                                     mark=verdict.value, note=note)  # fmt: skip
                s.add(row)
                s.flush()
            else:
                row.mark, row.note, row.updated_at = verdict.value, note, utcnow()
                s.execute(delete(HypothesisQuote).where(HypothesisQuote.mark_id == row.id))
            for seg in s.scalars(select(SegmentRow).where(
                    SegmentRow.id.in_(list(segment_ids)),
                    SegmentRow.interview_id == interview_id).order_by(SegmentRow.start)):  # fmt: skip
                s.add(HypothesisQuote(mark_id=row.id, segment_id=seg.id, start=seg.start,
                                      end=seg.end, quote=seg.text))  # fmt: skip

    def marks(self, study_id: int) -> dict[tuple[int, int], StoredMark]:
        """(hypothesis id, interview id) -> the verdict; a pair not in it is not marked yet."""
        with self.store.session() as s:
            rows = s.execute(select(HypothesisMark).join(
                Hypothesis, Hypothesis.id == HypothesisMark.hypothesis_id)
                .where(Hypothesis.study_id == study_id)).scalars().all()  # fmt: skip
            quotes: dict[int, list[Quote]] = {}
            for q in s.scalars(select(HypothesisQuote).where(
                    HypothesisQuote.mark_id.in_([r.id for r in rows]))
                    .order_by(HypothesisQuote.start)):  # fmt: skip
                quotes.setdefault(q.mark_id, []).append(Quote(q.segment_id, q.start, q.end,
                                                              q.quote))  # fmt: skip
            return {(r.hypothesis_id, r.interview_id): StoredMark(
                r.hypothesis_id, r.interview_id, Verdict(r.mark), r.note,
                tuple(quotes.get(r.id, ()))) for r in rows}  # fmt: skip
