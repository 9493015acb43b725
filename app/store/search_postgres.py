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

from app.store import search_limits
from app.store.access import visible_interviews_sql

SEARCH_CONFIG = "tellmemore_search"
ELLIPSIS = "\u2026"
SNIPPET_WORDS = 12  # FTS5's snippet() in transcript.py shows 12 tokens
_HEADLINE_OPTIONS = (
    f"StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, "
    "ShortWord=0, MaxFragments=1, FragmentDelimiter=\" \""
)

# The candidates are the newest matches the login may see (app.store.access), at most
# search_limits.RANKED_CANDIDATES: for a common word the planner walks the primary key
# backwards and stops there, for a rare one it takes the index's matches; either way no more
# are ranked. The headline (costly: it re-parses the text) only on the rows shown.
_SEARCH_SQL = text(f"""
    WITH candidates AS (
        SELECT segments.id, segments.search_vector
        FROM segments
        WHERE segments.search_vector @@ to_tsquery('{SEARCH_CONFIG}', :q)
          AND {visible_interviews_sql("segments.interview_id")}
        ORDER BY segments.id DESC
        LIMIT :candidates
    ), hits AS (
        SELECT candidates.id, ts_rank(candidates.search_vector, query) AS score
        FROM candidates, to_tsquery('{SEARCH_CONFIG}', :q) AS query
        ORDER BY score DESC, candidates.id
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
    """Every term as a quoted prefix, all required: `'onboarding':* & 'confus':*` (a
    one-letter term whole, as on SQLite: "t" as a prefix matches nearly every line). Terms are
    words ([\\w']+), so quoting (a ' doubled) is all the escaping to_tsquery needs."""
    return " & ".join("'" + term.replace("'", "''") + ("':*" if len(term) > 1 else "'")
                      for term in terms)  # fmt: skip


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
    # psycopg prepares a statement run five times, and the server may then keep one generic
    # plan for every word: the rare word's plan (the index's matches) cost 150 ms for a common
    # one. Planned per query, with the word's own statistics.
    session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    candidates = max(limit, search_limits.RANKED_CANDIDATES)
    params = {"q": tsquery(terms), "limit": limit, "candidates": candidates}
    rows = session.execute(_SEARCH_SQL, params).all()
    return [(*row[:4], with_ellipses(row[4], row[7]), row[5], row[6]) for row in rows]
