"""Coaching cues saved with the interview, for review and trends."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.coach.cues import CueKind, Severity
from app.store.db import Store
from app.store.models import CueRow


@dataclass(frozen=True)
class StoredCue:
    # Enums across the boundary (a StrEnum still equals its string, so `kind == "why"` reads on).
    id: int
    kind: CueKind
    start: float
    end: float
    text: str
    suggestion: str
    severity: Severity
    dismissed: bool
    confidence: float = 1.0
    live: bool = True


class CueRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, interview_id: int, *, kind: CueKind | str, start: float, end: float, text: str,
            suggestion: str, severity: Severity | str = Severity.INFO, confidence: float = 1.0,
            live: bool = True) -> int:  # fmt: skip
        """Raises ValueError for a kind or severity the coach does not know."""
        kind, severity = CueKind(kind), Severity(severity)
        with self.store.session() as s:
            row = CueRow(interview_id=interview_id, kind=kind.value, start=start, end=end,
                         text=text, suggestion=suggestion, severity=severity.value,
                         confidence=confidence, live=live)  # fmt: skip
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
            return [StoredCue(r.id, CueKind(r.kind), r.start, r.end, r.text, r.suggestion,
                              _severity(r.severity), r.dismissed, r.confidence, r.live)
                    for r in rows]  # fmt: skip


def _severity(value: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:  # a row from an older or hand-edited database: shown, not fatal
        return Severity.INFO
