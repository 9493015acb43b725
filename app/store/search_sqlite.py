"""Transcript search on the SQLite library (FTS5), bounded like the PostgreSQL one.

Every word typed must appear as a prefix ("word"*), except a one-letter word, which must appear
whole: "t"* matches nearly every line (every "the", "to", "that"), and a person pausing after
the first letter held the window for 1.5 s at 600,000 lines. Hits are ranked by bm25 among the
most recent matching lines (app.store.search_limits): one rowid bound taken from the newest
matches, which FTS5 applies inside its index, so a common word ("time" in 30,000 lines) ranks
1,000 lines, not all of them. snippet() runs on the rows shown only (FTS5 sorts on rank first).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.store import search_limits

_SEARCH_SQL = text(
    "SELECT segments.id, segments.interview_id, segments.start, segments.speaker, "
    "snippet(segments_fts, 0, '[', ']', '\u2026', 12) AS snip, "
    "interviews.title, interviews.participant_name "
    "FROM segments_fts JOIN segments ON segments.id = segments_fts.rowid "
    "JOIN interviews ON interviews.id = segments.interview_id "
    "WHERE segments_fts MATCH :q AND segments_fts.rowid >= coalesce(("
    "  SELECT rowid FROM segments_fts WHERE segments_fts MATCH :q "
    "  ORDER BY rowid DESC LIMIT 1 OFFSET :candidates - 1), 0) "
    "ORDER BY rank LIMIT :limit"
)


def fts_match(terms: Sequence[str]) -> str:
    """A safe FTS5 query: every term required, quoted (a " doubled), as a prefix when it has
    two letters or more."""
    return " ".join('"' + term.replace('"', '""') + ('"*' if len(term) > 1 else '"')
                    for term in terms)  # fmt: skip


def search_segments(session: Session, terms: Sequence[str], limit: int) -> list[tuple[Any, ...]]:
    """(segment id, interview id, start, speaker, snippet, title, participant) best first."""
    if not terms:
        return []
    params = {"q": fts_match(terms), "limit": limit,
              "candidates": max(limit, search_limits.RANKED_CANDIDATES)}  # fmt: skip
    return [tuple(row) for row in session.execute(_SEARCH_SQL, params)]
