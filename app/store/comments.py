"""Comments a reviewer or trainer leaves on a moment of an interview, as threads.

A thread is a first comment on a moment (a time, and the transcript line or cue it was left
on, if any) and its replies in order. Resolving marks the whole thread; deleting the first
comment deletes its replies (ON DELETE CASCADE). Listing works per interview, per interviewer
(interviews.interviewer_id) and by text; `comments_for_export` is what the Markdown and JSON
exports write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.store.authors import author_id
from app.store.db import Store
from app.store.models import Comment, CueRow, Interview, SegmentRow, utcnow

MAX_COMMENT_CHARS = 10_000  # a comment, not a document: longer text is refused, not cut


@dataclass(frozen=True)
class StoredComment:
    id: int
    interview_id: int
    t: float
    author: str
    text: str
    created_at: datetime
    parent_id: int | None = None
    segment_id: int | None = None
    cue_id: int | None = None
    resolved: bool = False
    updated_at: datetime | None = None

    @property
    def edited(self) -> bool:
        return self.updated_at is not None


@dataclass(frozen=True)
class CommentThread:
    """A first comment and its replies (oldest first). Resolved is the first comment's flag."""

    root: StoredComment
    replies: tuple[StoredComment, ...] = ()

    @property
    def id(self) -> int:
        return self.root.id

    @property
    def t(self) -> float:
        return self.root.t

    @property
    def resolved(self) -> bool:
        return self.root.resolved

    @property
    def comments(self) -> tuple[StoredComment, ...]:
        return (self.root, *self.replies)


@dataclass(frozen=True)
class InterviewThreads:
    """The threads of one interview, with what names the interview (per-interviewer lists)."""

    interview_id: int
    title: str
    started: datetime
    threads: tuple[CommentThread, ...]


@dataclass(frozen=True)
class CommentHit:
    """A comment whose text matched a search, with its thread's first comment for context."""

    comment: StoredComment
    thread_id: int
    interview_id: int
    interview_title: str


def _to_stored(row: Comment) -> StoredComment:
    return StoredComment(row.id, row.interview_id, row.t, row.author, row.text, row.created_at,
                         row.parent_id, row.segment_id, row.cue_id, bool(row.resolved),
                         row.updated_at)  # fmt: skip


def _clean(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("a comment needs some text")
    if len(text) > MAX_COMMENT_CHARS:
        raise ValueError(f"a comment is limited to {MAX_COMMENT_CHARS:,} characters")
    return text


def _threads(rows: list[Comment]) -> list[CommentThread]:
    roots = [r for r in rows if r.parent_id is None]
    replies: dict[int, list[StoredComment]] = {}
    for r in rows:
        if r.parent_id is not None:
            replies.setdefault(r.parent_id, []).append(_to_stored(r))
    threads = [
        CommentThread(_to_stored(root), tuple(sorted(replies.get(root.id, ()),
                                                     key=lambda c: (c.created_at, c.id))))
        for root in roots
    ]  # fmt: skip
    return sorted(threads, key=lambda th: (th.t, th.id))


def _title(iv: Interview) -> str:
    return iv.title or iv.participant_name or f"Interview {iv.id}"


class CommentRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- writing --------------------------------------------------------------------------

    def add(self, interview_id: int, *, t: float, text: str, author: str = "",
            segment_id: int | None = None, cue_id: int | None = None) -> int:  # fmt: skip
        """A new thread on a moment: a time, and the transcript line or cue if there is one."""
        text = _clean(text)
        with self.store.session() as s:
            if s.get(Interview, interview_id) is None:
                raise KeyError(f"no interview {interview_id}")
            # A line or cue of another interview would show the comment in the wrong place.
            if segment_id is not None:
                seg = s.get(SegmentRow, segment_id)
                if seg is None or seg.interview_id != interview_id:
                    raise ValueError(f"transcript line {segment_id} is not in this interview")
            if cue_id is not None:
                cue = s.get(CueRow, cue_id)
                if cue is None or cue.interview_id != interview_id:
                    raise ValueError(f"cue {cue_id} is not in this interview")
            row = Comment(interview_id=interview_id, t=max(0.0, float(t)), text=text,
                          author=author.strip()[:200], segment_id=segment_id, cue_id=cue_id,
                          author_id=author_id(s, author[:200]))  # fmt: skip
            s.add(row)
            s.flush()
            return row.id

    def reply(self, comment_id: int, *, text: str, author: str = "") -> int:
        """A reply in the thread of `comment_id` (a reply to a reply joins the same thread).
        Replying reopens a resolved thread: someone has more to say about it."""
        text = _clean(text)
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            if row is None:
                raise KeyError(f"no comment {comment_id}")
            root = row if row.parent_id is None else s.get(Comment, row.parent_id)
            assert root is not None  # a reply's parent is deleted with it (CASCADE)
            root.resolved = False
            reply = Comment(interview_id=root.interview_id, t=root.t, text=text,
                            author=author.strip()[:200], parent_id=root.id,
                            segment_id=root.segment_id, cue_id=root.cue_id,
                            author_id=author_id(s, author[:200]))  # fmt: skip
            s.add(reply)
            s.flush()
            return reply.id

    def edit(self, comment_id: int, text: str) -> None:
        text = _clean(text)
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            if row is None:
                raise KeyError(f"no comment {comment_id}")
            if row.text != text:
                row.text = text
                row.updated_at = utcnow()

    def set_resolved(self, comment_id: int, resolved: bool = True) -> None:
        """Resolves (or reopens) the thread `comment_id` belongs to."""
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            if row is None:
                raise KeyError(f"no comment {comment_id}")
            root = row if row.parent_id is None else s.get(Comment, row.parent_id)
            assert root is not None
            root.resolved = resolved

    def delete(self, comment_id: int) -> None:
        """Deletes a comment; deleting a thread's first comment deletes its replies."""
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            if row is None:
                return
            if row.parent_id is None:  # the ORM would not know SQLite's cascade removed them
                for reply in s.scalars(select(Comment).where(Comment.parent_id == row.id)):
                    s.delete(reply)
                s.flush()  # replies first, so SQLite's cascade finds nothing left to delete
            s.delete(row)

    # --- reading --------------------------------------------------------------------------

    def get(self, comment_id: int) -> StoredComment | None:
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            return _to_stored(row) if row is not None else None

    def list(self, interview_id: int) -> list[StoredComment]:
        """Every comment of the interview, flat, in order of the moment."""
        with self.store.session() as s:
            rows = s.scalars(
                select(Comment).where(Comment.interview_id == interview_id)
                .order_by(Comment.t, Comment.id)
            )  # fmt: skip
            return [_to_stored(r) for r in rows]

    def threads(self, interview_id: int, *, unresolved_only: bool = False) -> list[CommentThread]:
        with self.store.session() as s:
            rows = list(s.scalars(select(Comment).where(Comment.interview_id == interview_id)))
        threads = _threads(rows)
        return [th for th in threads if not th.resolved] if unresolved_only else threads

    def thread_of(self, comment_id: int) -> CommentThread | None:
        with self.store.session() as s:
            row = s.get(Comment, comment_id)
            if row is None:
                return None
            root_id = row.parent_id or row.id
            rows = list(s.scalars(select(Comment).where(
                (Comment.id == root_id) | (Comment.parent_id == root_id))))  # fmt: skip
        found = _threads(rows)
        return found[0] if found else None

    def for_interviewer(self, person_id: int) -> list[InterviewThreads]:
        """The threads on every interview this person led, newest interview first."""
        return self.by_interview(person_id)

    def by_interview(self, person_id: int | None = None) -> list[InterviewThreads]:
        """The threads grouped by interview, newest interview first: the interviews `person_id`
        led, or every interview with comments when None."""
        with self.store.session() as s:
            stmt = select(Interview).where(Interview.id.in_(select(Comment.interview_id)))
            if person_id is not None:
                stmt = stmt.where(Interview.interviewer_id == person_id)
            interviews = list(s.scalars(
                stmt.order_by(Interview.created_at.desc(), Interview.id.desc())))  # fmt: skip
            ids = [iv.id for iv in interviews]
            rows = list(s.scalars(select(Comment).where(Comment.interview_id.in_(ids)))) if ids else []
            by_interview: dict[int, list[Comment]] = {}
            for r in rows:
                by_interview.setdefault(r.interview_id, []).append(r)
            return [InterviewThreads(iv.id, _title(iv), iv.started_at or iv.created_at,
                                     tuple(_threads(by_interview[iv.id])))
                    for iv in interviews if iv.id in by_interview]  # fmt: skip

    def count_open(self, interview_id: int) -> int:
        with self.store.session() as s:
            return int(s.scalar(select(func.count(Comment.id)).where(
                Comment.interview_id == interview_id, Comment.parent_id.is_(None),
                Comment.resolved.is_(False))) or 0)  # fmt: skip

    def search(self, query: str, *, interview_id: int | None = None,
               interviewer_id: int | None = None, limit: int = 200) -> list[CommentHit]:  # fmt: skip
        """Comments containing every word of `query` (case-insensitive), newest first."""
        words = [w for w in query.lower().split() if w]
        if not words:
            return []
        stmt = select(Comment, Interview).join(Interview, Interview.id == Comment.interview_id)
        for word in words:
            # LIKE's own wildcards in the user's words are matched literally.
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(func.lower(Comment.text).like(f"%{escaped}%", escape="\\"))
        if interview_id is not None:
            stmt = stmt.where(Comment.interview_id == interview_id)
        if interviewer_id is not None:
            stmt = stmt.where(Interview.interviewer_id == interviewer_id)
        stmt = stmt.order_by(Comment.created_at.desc(), Comment.id.desc()).limit(limit)
        with self.store.session() as s:
            return [CommentHit(_to_stored(c), c.parent_id or c.id, iv.id, _title(iv))
                    for c, iv in s.execute(stmt)]  # fmt: skip


# --- export ---------------------------------------------------------------------------------


def _comment_dict(c: StoredComment) -> dict[str, Any]:
    return {
        "author": c.author,
        "text": c.text,
        "created_at": c.created_at.isoformat(timespec="seconds"),
        "edited_at": c.updated_at.isoformat(timespec="seconds") if c.updated_at else None,
    }


def comments_for_export(store: Store, interview_id: int) -> list[dict[str, Any]]:
    """The interview's comment threads as plain data for the JSON and Markdown exports:

    [{"t": seconds, "segment_id", "cue_id", "resolved", "author", "text", "created_at",
      "edited_at", "replies": [{"author", "text", "created_at", "edited_at"}, ...]}, ...]
    in order of the moment. Empty when there are none.
    """
    out: list[dict[str, Any]] = []
    for th in CommentRepository(store).threads(interview_id):
        out.append({"t": round(th.t, 3), "segment_id": th.root.segment_id,
                    "cue_id": th.root.cue_id, "resolved": th.resolved}
                   | _comment_dict(th.root)
                   | {"replies": [_comment_dict(r) for r in th.replies]})  # fmt: skip
    return out


def comments_markdown(threads: list[dict[str, Any]], clock: Callable[[float], str] | None = None,
                      escape: Callable[[str], str] | None = None) -> list[str]:  # fmt: skip
    """Markdown lines of a "Comments" section from `comments_for_export`'s threads ([] when
    none). `clock` formats seconds (the exporter's app.export.timefmt.clock; m:ss if omitted);
    `escape` escapes user text for Markdown (the exporter's own; as is if omitted)."""
    esc = escape or (lambda text: text)

    def fmt(t: float) -> str:
        if clock is not None:
            return str(clock(t))
        return f"{int(t) // 60}:{int(t) % 60:02d}"

    if not threads:
        return []
    lines = ["## Comments", ""]
    for th in threads:
        state = " (resolved)" if th["resolved"] else ""
        who = esc(th["author"] or "Someone")
        # A comment's own line breaks stay inside its list item (indented), not new items.
        text = esc(th["text"]).replace("\n", "\n  ")
        lines.append(f"- **{fmt(th['t'])}**{state} {who}: {text}")
        for r in th["replies"]:
            reply = esc(r["text"]).replace("\n", "\n    ")
            lines.append(f"  - {esc(r['author'] or 'Someone')}: {reply}")
    lines.append("")
    return lines
