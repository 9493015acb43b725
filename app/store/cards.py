"""Insight cards: a quote from the transcript with its moment, a tag and a note, kept for synthesis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.authors import author_id, author_names
from app.store.db import Store
from app.store.models import Card, Interview

# The guide's list of what to listen for, plus two that reviewers asked for. Key -> label.
CARD_TAGS: dict[str, str] = {
    "focus": "Related to the focus",
    "repeated": "Repeated word or phrase",
    "emotion": "Strong emotional statement",
    "pain_point": "Pain point",
    "product_feedback": "Product feedback",
    "question": "Question they asked",
    "workaround": "Workaround",
    "feature_request": "Feature request",
}


def tag_label(tag: str) -> str:
    return CARD_TAGS.get(tag, tag.replace("_", " ").capitalize())


@dataclass(frozen=True)
class StoredCard:
    id: int
    interview_id: int
    segment_id: int | None
    start: float
    end: float
    quote: str
    speaker_name: str
    tag: str
    note: str
    created_at: datetime
    author: str = ""  # who made it (a person's name), "" when nobody was named in Settings

    @property
    def tag_label(self) -> str:
        return tag_label(self.tag)


@dataclass(frozen=True)
class CardWithInterview:
    """A card and the interview it came from, for synthesis across interviews."""

    card: StoredCard
    participant_name: str
    participant_company: str
    interview_title: str


def _to_stored(row: Card, author: str = "") -> StoredCard:
    return StoredCard(row.id, row.interview_id, row.segment_id, row.start, row.end, row.quote,
                      row.speaker_name, row.tag, row.note, row.created_at, author)  # fmt: skip


def _with_authors(s: Session, rows: list[Card]) -> list[StoredCard]:
    names = author_names(s, (r.author_id for r in rows))
    return [_to_stored(r, names.get(r.author_id or 0, "")) for r in rows]


def _check(tag: str, quote: str, start: float, end: float) -> None:
    if tag not in CARD_TAGS:
        raise ValueError(f"unknown card tag {tag!r}; choose one of {', '.join(CARD_TAGS)}")
    if not quote.strip():
        raise ValueError("a card needs a quote")
    if end < start:
        raise ValueError("a card cannot end before it starts")


class CardRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, interview_id: int, *, start: float, end: float, quote: str, tag: str,
            speaker_name: str = "", note: str = "", segment_id: int | None = None,
            author: str = "") -> int:  # fmt: skip
        """`author`: the name of who makes the card (the person named in Settings)."""
        _check(tag, quote, start, end)
        with self.store.session() as s:
            row = Card(interview_id=interview_id, segment_id=segment_id, start=start, end=end,
                       quote=quote.strip(), speaker_name=speaker_name, tag=tag, note=note,
                       author_id=author_id(s, author))  # fmt: skip
            s.add(row)
            s.flush()
            return row.id

    def update(self, card_id: int, *, tag: str | None = None, note: str | None = None,
               quote: str | None = None) -> None:  # fmt: skip
        with self.store.session() as s:
            row = s.get(Card, card_id)
            if row is None:
                raise KeyError(f"no card {card_id}")
            _check(tag or row.tag, quote if quote is not None else row.quote, row.start, row.end)
            if tag is not None:
                row.tag = tag
            if note is not None:
                row.note = note
            if quote is not None:
                row.quote = quote.strip()

    def delete(self, card_id: int) -> None:
        with self.store.session() as s:
            row = s.get(Card, card_id)
            if row is not None:
                s.delete(row)

    def get(self, card_id: int) -> StoredCard:
        with self.store.session() as s:
            row = s.get(Card, card_id)
            if row is None:
                raise KeyError(f"no card {card_id}")
            return _with_authors(s, [row])[0]

    def list(self, interview_id: int) -> list[StoredCard]:
        with self.store.session() as s:
            rows = s.scalars(
                select(Card).where(Card.interview_id == interview_id).order_by(Card.start, Card.id)
            ).all()
            return _with_authors(s, list(rows))

    def list_all(self, tag: str | None = None) -> list[CardWithInterview]:
        """Every card of every interview (optionally of one tag), oldest interview first."""
        query = (
            select(Card, Interview.participant_name, Interview.participant_company,
                   Interview.title)
            .join(Interview, Interview.id == Card.interview_id)
            .order_by(Interview.created_at, Card.interview_id, Card.start)
        )  # fmt: skip
        if tag is not None:
            query = query.where(Card.tag == tag)
        with self.store.session() as s:
            rows = s.execute(query).all()
            names = author_names(s, (c.author_id for c, *_ in rows))
            return [CardWithInterview(_to_stored(c, names.get(c.author_id or 0, "")), name,
                                      company, title)
                    for c, name, company, title in rows]  # fmt: skip
