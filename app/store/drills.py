"""Practice drills done on an interview (spot-the-cue, re-ask) and their results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.store.db import Store
from app.store.models import Drill, Interview


@dataclass(frozen=True)
class StoredDrill:
    id: int
    interview_id: int
    trainee_id: int | None
    kind: str
    created_at: datetime
    result: dict[str, Any]


def _to_stored(row: Drill) -> StoredDrill:
    return StoredDrill(row.id, row.interview_id, row.trainee_id, row.kind, row.created_at,
                       dict(row.result or {}))  # fmt: skip


class DrillRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, interview_id: int, kind: str, result: dict[str, Any],
            trainee_id: int | None = None) -> int:  # fmt: skip
        with self.store.session() as s:
            if s.get(Interview, interview_id) is None:
                raise KeyError(f"no interview {interview_id}")
            row = Drill(interview_id=interview_id, kind=str(kind), result=result,
                        trainee_id=trainee_id)  # fmt: skip
            s.add(row)
            s.flush()
            return row.id

    def update_result(self, drill_id: int, result: dict[str, Any]) -> None:
        with self.store.session() as s:
            row = s.get(Drill, drill_id)
            if row is None:
                raise KeyError(f"no drill {drill_id}")
            row.result = result

    def get(self, drill_id: int) -> StoredDrill | None:
        with self.store.session() as s:
            row = s.get(Drill, drill_id)
            return _to_stored(row) if row is not None else None

    def list(self, interview_id: int) -> list[StoredDrill]:
        with self.store.session() as s:
            rows = s.scalars(select(Drill).where(Drill.interview_id == interview_id)
                             .order_by(Drill.created_at, Drill.id))  # fmt: skip
            return [_to_stored(r) for r in rows]

    def for_trainee(self, person_id: int) -> list[StoredDrill]:
        with self.store.session() as s:
            rows = s.scalars(select(Drill).where(Drill.trainee_id == person_id)
                             .order_by(Drill.created_at, Drill.id))  # fmt: skip
            return [_to_stored(r) for r in rows]
