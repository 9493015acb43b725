"""Comments a reviewer or trainer leaves on a moment of an interview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.store.db import Store
from app.store.models import Comment


@dataclass(frozen=True)
class StoredComment:
    id: int
    interview_id: int
    t: float
    author: str
    text: str
    created_at: datetime


def _to_stored(row: Comment) -> StoredComment:
    return StoredComment(row.id, row.interview_id, row.t, row.author, row.text, row.created_at)


class CommentRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, interview_id: int, *, t: float, text: str, author: str = "") -> int:
        if not text.strip():
            raise ValueError("a comment needs some text")
        with self.store.session() as s:
            row = Comment(interview_id=interview_id, t=t, text=text.strip(), author=author)
            s.add(row)
            s.flush()
            return row.id

    def edit(self, comment_id: int, text: str) -> None:
        if not text.strip():
            raise ValueError("a comment needs some text")
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            if row is None:
                raise KeyError(f"no comment {comment_id}")
            row.text = text.strip()

    def delete(self, comment_id: int) -> None:
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            if row is not None:
                s.delete(row)

    def list(self, interview_id: int) -> list[StoredComment]:
        with self.store.session() as s:
            rows = s.scalars(
                select(Comment).where(Comment.interview_id == interview_id)
                .order_by(Comment.t, Comment.id)
            )  # fmt: skip
            return [_to_stored(r) for r in rows]
