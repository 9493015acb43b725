"""Reading the transcript an improvement starts from, and writing the new one in ONE
transaction: the lines, what pointed at the old lines, the cues and the scorecard. A crash or
a refusal (disk full) before the commit leaves the interview exactly as it was."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from app.improve.errors import TranscriptChanged
from app.improve.merge import TranscriptMerge
from app.store.db import Store
from app.store.models import (
    Card,
    Comment,
    CueRow,
    HighlightDecision,
    HypothesisQuote,
    Interview,
    SegmentRow,
)
from app.store.transcript import SegmentRepository, StoredSegment, segment_row

IMPROVED_SOURCE = "improved"  # SegmentRow.source of the lines an improvement wrote

# A new cue this close to an old one of the same kind is the same moment: it keeps the old
# one's dismissal and its comments.
SAME_CUE_S = 3.0

_REFERRERS = (Card, Comment, HypothesisQuote, HighlightDecision)


@dataclass(frozen=True)
class Snapshot:
    lines: list[StoredSegment]
    referenced: frozenset[int]  # line ids a card, comment, quote or highlight decision names

    @property
    def versions(self) -> dict[int, int]:
        return {line.id: line.version for line in self.lines}


def read_snapshot(store: Store, interview_id: int) -> Snapshot:
    lines = SegmentRepository(store).list(interview_id)
    ids = [line.id for line in lines]
    referenced: set[int] = set()
    if ids:
        with store.session() as s:
            for table in _REFERRERS:
                column = table.segment_id  # type: ignore[attr-defined]
                referenced.update(i for i in s.scalars(select(column).where(column.in_(ids)))
                                  if i is not None)  # fmt: skip
    return Snapshot(lines, frozenset(referenced))


def _replace_cues(s: Any, interview_id: int, cues: Sequence[dict[str, Any]]) -> None:
    old = list(s.scalars(select(CueRow).where(CueRow.interview_id == interview_id)))
    new_rows = [CueRow(interview_id=interview_id, **cue) for cue in cues]
    s.add_all(new_rows)
    s.flush()
    for row in new_rows:
        same = next((o for o in old if o.kind == row.kind
                     and abs(o.start - row.start) <= SAME_CUE_S), None)  # fmt: skip
        if same is None:
            continue
        old.remove(same)
        row.dismissed = same.dismissed
        s.execute(update(Comment).where(Comment.cue_id == same.id).values(cue_id=row.id)
                  .execution_options(synchronize_session=False))  # fmt: skip
    s.execute(delete(CueRow).where(CueRow.interview_id == interview_id,
                                   CueRow.id.not_in([r.id for r in new_rows])))  # fmt: skip


def write_improvement(
    store: Store,
    interview_id: int,
    snapshot: Snapshot,
    merge: TranscriptMerge,
    cues: Sequence[dict[str, Any]] | None,
    scorecard: dict[str, Any] | None,
) -> None:
    """Raises TranscriptChanged (and writes nothing) when a line was edited, added or removed
    since `snapshot` was read. `cues` None: the coach failed; the old cues and score stay."""
    with store.session() as s:
        rows_now = s.execute(select(SegmentRow.id, SegmentRow.version)
                             .where(SegmentRow.interview_id == interview_id)).all()  # fmt: skip
        now = {row_id: version for row_id, version in rows_now}
        if now != snapshot.versions:
            raise TranscriptChanged("the transcript was edited while the new one was saved")
        rows = [segment_row(interview_id, seg, IMPROVED_SOURCE) for seg in merge.added]
        s.add_all(rows)
        s.flush()
        decided: set[int] = set()  # new lines that already carry a highlight decision
        for old_id, index in merge.repoint.items():
            target = rows[index].id
            for table in (Card, Comment, HypothesisQuote):
                s.execute(update(table).where(table.segment_id == old_id)
                          .values(segment_id=target)
                          .execution_options(synchronize_session=False))  # fmt: skip
            # One decision per line: a new line made of two old ones keeps the first's.
            for decision in s.scalars(select(HighlightDecision)
                                      .where(HighlightDecision.segment_id == old_id)):  # fmt: skip
                if target in decided:
                    s.delete(decision)
                else:
                    decision.segment_id = target
                    decided.add(target)
            s.flush()
        if merge.deleted:
            s.execute(delete(SegmentRow).where(SegmentRow.id.in_(merge.deleted))
                      .execution_options(synchronize_session=False))  # fmt: skip
        if cues is not None:
            _replace_cues(s, interview_id, cues)
            interview = s.get(Interview, interview_id)
            if interview is not None:
                interview.scorecard = scorecard
