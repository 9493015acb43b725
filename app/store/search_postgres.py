"""Transcript search on a PostgreSQL team library, shaped like the SQLite FTS5 search.

Migration 0001 gives `segments` a generated `search_vector` (tsvector, configuration
`tellmemore_search`: English stemming, no stop words) with a GIN index. Here every word typed
must appear as a prefix (FTS5's `"word"*`), hits are ranked by ts_rank (FTS5: bm25) and the
snippet is ts_headline's best fragment of about 12 words with the matches in [ ] and an
ellipsis where the line was cut, as FTS5's snippet() shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

SEARCH_CONFIG = "tellmemore_search"
ELLIPSIS = "\u2026"
SNIPPET_WORDS = 12  # FTS5's snippet() in transcript.py shows 12 tokens
_HEADLINE_OPTIONS = (
    f"StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, "
    "ShortWord=0, MaxFragments=1, FragmentDelimiter=\" \""
)

# The ranking runs on the index's matches; the headline (costly: it re-parses the text) only
# on the rows shown.
_SEARCH_SQL = text(f"""
    WITH hits AS (
        SELECT segments.id, ts_rank(segments.search_vector, query) AS score
        FROM segments, to_tsquery('{SEARCH_CONFIG}', :q) AS query
        WHERE segments.search_vector @@ query
        ORDER BY score DESC, segments.id
        LIMIT :limit
    )
    SELECT segments.id, segments.interview_id, segments.start, segments.speaker,
           ts_headline('{SEARCH_CONFIG}', segments.text, to_tsquery('{SEARCH_CONFIG}', :q),
                       '{_HEADLINE_OPTIONS}') AS snip,
           interviews.title, interviews.participant_name, segments.text
    FROM hits JOIN segments ON segments.id = hits.id
    JOIN interviews ON interviews.id = segments.interview_id
    ORDER BY hits.score DESC, segments.id
""")


def tsquery(terms: Sequence[str]) -> str:
    """Every term as a quoted prefix, all required: `'onboarding':* & 'confus':*`. Terms are
    words ([\\w']+), so quoting (a ' doubled) is all the escaping to_tsquery needs."""
    return " & ".join("'" + term.replace("'", "''") + "':*" for term in terms)


def with_ellipses(snippet: str, line: str) -> str:
    """An ellipsis where the fragment was cut from the line, as FTS5's snippet() marks it."""
    plain = snippet.replace("[", "").replace("]", "").strip()
    whole = line.strip()
    at = whole.find(plain) if plain else -1
    if at < 0:
        return snippet
    before = ELLIPSIS if at > 0 else ""
    after = ELLIPSIS if at + len(plain) < len(whole) else ""
    return f"{before}{snippet.strip()}{after}"


def search_segments(session: Session, terms: Sequence[str], limit: int) -> list[tuple[Any, ...]]:
    """(segment id, interview id, start, speaker, snippet, title, participant) best first."""
    if not terms:
        return []
    rows = session.execute(_SEARCH_SQL, {"q": tsquery(terms), "limit": limit}).all()
    return [(*row[:4], with_ellipses(row[4], row[7]), row[5], row[6]) for row in rows]
