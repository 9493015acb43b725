"""Transcript segments: saved as they are finalised, edited with the original kept, searched."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, select, text, update

from app.session.segments import Segment, Speaker, Word
from app.store.db import Store
from app.store.models import Card, CueRow, Interview, SegmentRow


@dataclass(frozen=True)
class StoredSegment:
    id: int
    interview_id: int
    segment: Segment
    original_text: str | None

    @property
    def edited(self) -> bool:
        return self.original_text is not None and self.original_text != self.segment.text


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


MAX_SEARCH_TERMS = 12
MAX_TERM_LENGTH = 60


def _fts_query(user_query: str) -> str:
    """Turns what a person types into a safe FTS5 query: every word must appear, as a prefix.

    Repeated words count once and at most MAX_SEARCH_TERMS words are used: FTS5's cost grows
    faster than linearly with the number of prefix terms (1,000 repeated words took a minute)."""
    terms: list[str] = []
    for term in re.findall(r"[\w']+", user_query[:100_000].lower()):
        term = term[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_SEARCH_TERMS:
            break
    return " ".join(f'"{t}"*' for t in terms)


class SegmentRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, interview_id: int, segment: Segment, source: str = "live") -> int:
        with self.store.session() as s:
            row = SegmentRow(
                interview_id=interview_id,
                speaker=segment.speaker.value,
                speaker_name=segment.speaker_name,
                start=segment.start,
                end=segment.end,
                text=segment.text,
                words=[
                    {"word": w.word, "start": w.start, "end": w.end, "probability": w.probability}
                    for w in segment.words
                ],  # fmt: skip
                source=source,
            )
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
            return [StoredSegment(r.id, r.interview_id, _row_to_segment(r), r.original_text)
                    for r in rows]  # fmt: skip

    def edit_text(self, segment_id: int, new_text: str) -> None:
        """Corrects a segment's text; the first original is kept for reference."""
        with self.store.session() as s:
            row = s.get(SegmentRow, segment_id)
            if row is None:
                raise KeyError(f"no segment {segment_id}")
            if row.original_text is None:
                row.original_text = row.text
            row.text = new_text

    def forget(self, interview_id: int, speaker: Speaker | None = None) -> int:
        """Deletes the transcript lines of one speaker (all lines with None), their search
        entries (the FTS triggers follow the rows), the cards quoting them and the cues made
        of their words; notes, marks and the other side stay. Then empties the WAL so the
        words are gone from the disk, not only from the tables. Returns the lines deleted."""
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
                rows = s.execute(
                    text(
                        "SELECT segments.id, segments.interview_id, segments.start, "
                        "segments.speaker, "
                        "snippet(segments_fts, 0, '[', ']', '\u2026', 12) AS snip, "
                        "interviews.title, interviews.participant_name "
                        "FROM segments_fts JOIN segments ON segments.id = segments_fts.rowid "
                        "JOIN interviews ON interviews.id = segments.interview_id "
                        "WHERE segments_fts MATCH :q ORDER BY rank LIMIT :limit"
                    ),
                    {"q": match, "limit": limit},
                ).all()
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
