"""Coaching cues saved with the interview, for review and trends."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.store.db import Store
from app.store.models import CueRow


@dataclass(frozen=True)
class StoredCue:
    id: int
    kind: str
    start: float
    end: float
    text: str
    suggestion: str
    severity: str
    dismissed: bool
    confidence: float = 1.0
    live: bool = True


class CueRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, interview_id: int, *, kind: str, start: float, end: float, text: str,
            suggestion: str, severity: str = "info", confidence: float = 1.0,
            live: bool = True) -> int:  # fmt: skip
        with self.store.session() as s:
            row = CueRow(interview_id=interview_id, kind=kind, start=start, end=end, text=text,
                         suggestion=suggestion, severity=severity, confidence=confidence,
                         live=live)  # fmt: skip
            s.add(row)
            s.flush()
            return row.id

    def set_dismissed(self, cue_id: int, dismissed: bool = True) -> None:
        with self.store.session() as s:
            row = s.get(CueRow, cue_id)
            if row is not None:
                row.dismissed = dismissed

    def list(self, interview_id: int) -> list[StoredCue]:
        with self.store.session() as s:
            rows = s.scalars(
                select(CueRow).where(CueRow.interview_id == interview_id).order_by(CueRow.start)
            )
            return [StoredCue(r.id, r.kind, r.start, r.end, r.text, r.suggestion, r.severity,
                              r.dismissed, r.confidence, r.live) for r in rows]  # fmt: skip
