"""Transcript segments: saved as they are finalised, edited with the original kept, searched."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from app.session.segments import Segment, Speaker, Word
from app.store.authors import author_id, author_names
from app.store.db import Store
from app.store.models import Card, CueRow, Interview, SegmentRow
from app.store.search_postgres import search_segments
from app.store.search_sqlite import fts_match
from app.store.search_sqlite import search_segments as search_sqlite


@dataclass(frozen=True)
class StoredSegment:
    id: int
    interview_id: int
    segment: Segment
    original_text: str | None
    version: int = 1  # what an edit of this line names (SegmentRepository.edit_text)
    edited_by: str = ""  # who made the last correction (a person's name), "" if unknown

    @property
    def edited(self) -> bool:
        return self.original_text is not None and self.original_text != self.segment.text


class EditConflict(Exception):
    """The line was changed by someone else since it was read: their text stays, the edit was
    not saved. Carries what the line says now, and the text that was not saved."""

    def __init__(self, segment_id: int, current_text: str, current_version: int,
                 unsaved_text: str) -> None:  # fmt: skip
        super().__init__(f"segment {segment_id} was changed by someone else (now version "
                         f"{current_version})")  # fmt: skip
        self.segment_id = segment_id
        self.current_text = current_text
        self.current_version = current_version
        self.unsaved_text = unsaved_text

    def message(self) -> str:
        """What the reviewer is told; their own text is in it, so nothing typed is lost."""
        return (f"Someone else changed this line while you were correcting it; it now reads "
                f"\u201c{self.current_text}\u201d. Your correction was not saved: "
                f"\u201c{self.unsaved_text}\u201d. Correct the line again to apply it.")  # fmt: skip


@dataclass(frozen=True)
class SearchHit:
    interview_id: int
    segment_id: int
    start: float
    speaker: str
    snippet: str  # the matching words in context, matches wrapped in [ ]
    interview_title: str


def _row_to_segment(row: SegmentRow) -> Segment:
    return Segment(
        speaker=Speaker(row.speaker),
        start=row.start,
        end=row.end,
        text=row.text,
        words=tuple(
            Word(w["word"], w["start"], w["end"], w.get("probability", 1.0))
            for w in row.words or ()
        ),  # fmt: skip
        speaker_name=row.speaker_name,
    )


def _words_json(segment: Segment) -> list[dict[str, float | str]]:
    return [
        {"word": w.word, "start": w.start, "end": w.end, "probability": w.probability}
        for w in segment.words
    ]


def segment_row(interview_id: int, segment: Segment, source: str) -> SegmentRow:
    """The one way a transcript line becomes a database row (live, import, journal, improve)."""
    return SegmentRow(
        interview_id=interview_id,
        speaker=Speaker(segment.speaker).value,
        speaker_name=segment.speaker_name,
        start=segment.start,
        end=segment.end,
        text=segment.text,
        words=_words_json(segment),
        source=source,
    )


MAX_SEARCH_TERMS = 12
MAX_TERM_LENGTH = 60


def search_terms(user_query: str) -> list[str]:
    """The words a person typed, lower-cased, each once, at most MAX_SEARCH_TERMS of them:
    FTS5's cost grows faster than linearly with the number of prefix terms (1,000 repeated
    words took a minute). Both engines' searches are built from these."""
    terms: list[str] = []
    for term in re.findall(r"[\w']+", user_query[:100_000].lower()):
        term = term[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_SEARCH_TERMS:
            break
    return terms


def _fts_query(user_query: str) -> str:
    """Turns what a person types into a safe FTS5 query: every word must appear, as a prefix
    (a one-letter word whole: app.store.search_sqlite)."""
    return fts_match(search_terms(user_query))


class SegmentRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, interview_id: int, segment: Segment, source: str = "live") -> int:
        with self.store.session() as s:
            row = segment_row(interview_id, segment, source)
            s.add(row)
            s.flush()
            return row.id

    def merge(self, row_ids: list[int], segment: Segment) -> int:
        """Replaces saved fragments by the utterance they make, in one transaction; returns its
        row id. Fragments are saved as they come (a crash keeps them); this tidies them up."""
        ids = [i for i in row_ids if i >= 0]
        if not ids:
            raise ValueError("no stored fragments to merge")
        with self.store.session() as s:
            rows = [s.get(SegmentRow, i) for i in ids]
            keep = next((r for r in rows if r is not None), None)
            if keep is None:
                raise KeyError(f"none of the segments {ids} exist")
            keep.start, keep.end, keep.text = segment.start, segment.end, segment.text
            keep.words = _words_json(segment)
            for row in rows:
                if row is not None and row is not keep:
                    s.delete(row)
            return keep.id

    def add_many(self, interview_id: int, segments: list[Segment], source: str) -> None:
        for segment in segments:
            self.add(interview_id, segment, source)

    def list(self, interview_id: int) -> list[StoredSegment]:
        with self.store.session() as s:
            rows = s.scalars(
                select(SegmentRow)
                .where(SegmentRow.interview_id == interview_id)
                .order_by(SegmentRow.start, SegmentRow.id)
            ).all()
            editors = author_names(s, (r.edited_by_id for r in rows))
            return [StoredSegment(r.id, r.interview_id, _row_to_segment(r), r.original_text,
                                  r.version, editors.get(r.edited_by_id or 0, ""))
                    for r in rows]  # fmt: skip

    def edit_text(self, segment_id: int, new_text: str, expected_version: int | None = None,
                  editor: str = "") -> int:  # fmt: skip
        """Corrects a segment's text; the first original is kept for reference. Returns the
        line's new version. `editor`: who corrects it (the person named in Settings).

        With expected_version (the version the editor read), the edit is saved only if nobody
        changed the line since, else EditConflict: one conditional UPDATE, so two reviewers
        saving at the same moment cannot both win, on SQLite or on a team's PostgreSQL."""
        with self.store.session() as s:
            where = [SegmentRow.id == segment_id]
            if expected_version is not None:
                where.append(SegmentRow.version == expected_version)
            changed = s.execute(
                update(SegmentRow).where(*where).values(
                    # In SET, columns read the row as it was: the text before this edit.
                    original_text=func.coalesce(SegmentRow.original_text, SegmentRow.text),
                    text=new_text,
                    version=SegmentRow.version + 1,
                    edited_by_id=author_id(s, editor),
                ).execution_options(synchronize_session=False)
            ).rowcount
            current = s.execute(
                select(SegmentRow.text, SegmentRow.version).where(SegmentRow.id == segment_id)
            ).one_or_none()
        if current is None:
            raise KeyError(f"no segment {segment_id}")
        if not changed:
            raise EditConflict(segment_id, current.text, current.version, new_text)
        return int(current.version)

    def forget(self, interview_id: int, speaker: Speaker | None = None) -> int:
        """Deletes the transcript lines of one speaker (all lines with None), their search
        entries (the FTS triggers follow the rows; on PostgreSQL the tsvector is a column of
        the row), the cards quoting them and the cues made of their words; notes, marks and
        the other side stay. Then empties the WAL so the words are gone from the disk, not
        only from the tables (SQLite). Returns the lines deleted."""
        with self.store.session() as s:
            lines = select(SegmentRow.id).where(SegmentRow.interview_id == interview_id)
            if speaker is not None:
                lines = lines.where(SegmentRow.speaker == speaker.value)
            ids = list(s.scalars(lines))
            if ids:
                s.execute(delete(Card).where(Card.segment_id.in_(ids)))
            if speaker is None:
                s.execute(delete(Card).where(Card.interview_id == interview_id))
                s.execute(update(CueRow).where(CueRow.interview_id == interview_id)
                          .values(text=""))  # fmt: skip
            elif speaker is Speaker.PARTICIPANT:
                # Cues on the participant's own words (generality) quote them.
                s.execute(delete(CueRow).where(CueRow.interview_id == interview_id,
                                               CueRow.kind == "generality"))  # fmt: skip
                names = select(SegmentRow.speaker_name).where(
                    SegmentRow.id.in_(ids), SegmentRow.speaker_name.is_not(None)
                )
                s.execute(delete(Card).where(Card.interview_id == interview_id,
                                             Card.speaker_name.in_(names)))  # fmt: skip
            if ids:
                s.execute(delete(SegmentRow).where(SegmentRow.id.in_(ids)))
        self.store.forget_deleted()
        return len(ids)

    def rename_speaker(self, interview_id: int, speaker: Speaker, name: str) -> None:
        with self.store.session() as s:
            s.execute(
                update(SegmentRow)
                .where(SegmentRow.interview_id == interview_id, SegmentRow.speaker == speaker.value)
                .values(speaker_name=name)
            )

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        match = _fts_query(query)
        if not match:
            return []
        with self.store.session() as s:
            if s.bind.dialect.name == "sqlite":
                rows = search_sqlite(s, search_terms(query), limit)
            elif s.bind.dialect.name == "postgresql":
                rows = search_segments(s, search_terms(query), limit)
            else:
                like = f"%{query}%"
                rows = s.execute(
                    select(SegmentRow.id, SegmentRow.interview_id, SegmentRow.start,
                           SegmentRow.speaker, SegmentRow.text, Interview.title,
                           Interview.participant_name)
                    .join(Interview, Interview.id == SegmentRow.interview_id)
                    .where(SegmentRow.text.ilike(like)).limit(limit)
                ).all()  # fmt: skip
            return [
                SearchHit(r[1], r[0], r[2], r[3], r[4], r[5] or r[6] or f"Interview {r[1]}")
                for r in rows
            ]
