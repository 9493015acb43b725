"""Studies: chosen interviews, their cards laid out in piles, and each pile's place on the
three arrangements. A card is in at most one pile of a study; a card in no pile is loose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, func, select

from app.store.cards import CardWithInterview, StoredCard
from app.store.db import Store
from app.store.models import Card, Interview, Pile, PileCard, Study, StudyInterview


@dataclass(frozen=True)
class StoredStudy:
    id: int
    name: str
    focus: str
    created_at: datetime
    interview_ids: tuple[int, ...]  # in the order they were added (the "new per interview" order)


@dataclass(frozen=True)
class StoredPile:
    id: int
    name: str
    card_ids: tuple[int, ...]
    # Hand-set places on the three scales, each in [-1, 1]; None: use the suggested place.
    charge: float | None
    strength: float | None
    weight: float | None


class Scale(StrEnum):
    """The guide's three arrangements; each value is the piles column holding the hand-set place."""

    CHARGE = "charge"  # negative ... indifferent ... positive
    STRENGTH = "strength"  # weak ... strong
    WEIGHT = "weight"  # too challenging ... busy work ... really want to do that


def _clamp(value: float) -> float:
    return max(-1.0, min(1.0, float(value)))


class StudyRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- studies ------------------------------------------------------------------------
    def create(self, name: str, interview_ids: list[int], focus: str = "") -> int:
        name = " ".join(name.split())
        if not name:
            raise ValueError("a study needs a name")
        with self.store.session() as s:
            study = Study(name=name[:200], focus=focus.strip()[:500])
            s.add(study)
            s.flush()
            study_id = study.id
        self.set_interviews(study_id, interview_ids)
        return study_id

    def set_interviews(self, study_id: int, interview_ids: list[int]) -> None:
        """The study's interviews, in this order; cards of removed interviews leave its piles."""
        with self.store.session() as s:
            known = set(s.scalars(select(Interview.id).where(Interview.id.in_(interview_ids))))
            missing = [i for i in interview_ids if i not in known]
            if missing:
                raise KeyError(f"no interview {missing[0]}")
            s.execute(delete(StudyInterview).where(StudyInterview.study_id == study_id))
            for position, interview_id in enumerate(dict.fromkeys(interview_ids)):
                s.add(StudyInterview(study_id=study_id, interview_id=interview_id,
                                     position=position))  # fmt: skip
            gone = select(Card.id).where(Card.interview_id.not_in(interview_ids))
            s.execute(delete(PileCard).where(PileCard.study_id == study_id,
                                             PileCard.card_id.in_(gone)))  # fmt: skip

    def rename(self, study_id: int, name: str, focus: str | None = None) -> None:
        with self.store.session() as s:
            study = s.get(Study, study_id)
            if study is None:
                raise KeyError(f"no study {study_id}")
            if name.strip():
                study.name = " ".join(name.split())[:200]
            if focus is not None:
                study.focus = focus.strip()[:500]

    def delete(self, study_id: int) -> None:
        with self.store.session() as s:
            s.execute(delete(Study).where(Study.id == study_id))

    def get(self, study_id: int) -> StoredStudy:
        with self.store.session() as s:
            study = s.get(Study, study_id)
            if study is None:
                raise KeyError(f"no study {study_id}")
            ids = tuple(s.scalars(select(StudyInterview.interview_id)
                                  .where(StudyInterview.study_id == study_id)
                                  .order_by(StudyInterview.position)))  # fmt: skip
            return StoredStudy(study.id, study.name, study.focus, study.created_at, ids)

    def list(self) -> list[StoredStudy]:
        with self.store.session() as s:
            ids = list(s.scalars(select(Study.id).order_by(Study.created_at.desc(), Study.id)))
        return [self.get(i) for i in ids]

    def cards(self, study_id: int) -> list[CardWithInterview]:
        """Every card of the study's interviews, interview by interview, in time order."""
        # Columns, not ORM objects: a study's 2,000 cards load in a few milliseconds.
        query = (
            select(Card.id, Card.interview_id, Card.segment_id, Card.start, Card.end, Card.quote,
                   Card.speaker_name, Card.tag, Card.note, Card.created_at,
                   Interview.participant_name, Interview.participant_company, Interview.title)
            .join(Interview, Interview.id == Card.interview_id)
            .join(StudyInterview, StudyInterview.interview_id == Card.interview_id)
            .where(StudyInterview.study_id == study_id)
            .order_by(StudyInterview.position, Card.start, Card.id)
        )  # fmt: skip
        with self.store.session() as s:
            return [CardWithInterview(StoredCard(*row[:10]), *row[10:])
                    for row in s.execute(query)]  # fmt: skip

    # --- piles --------------------------------------------------------------------------
    def piles(self, study_id: int) -> list[StoredPile]:
        with self.store.session() as s:
            piles = s.scalars(select(Pile).where(Pile.study_id == study_id).order_by(Pile.id)).all()
            members: dict[int, list[int]] = {p.id: [] for p in piles}
            for pile_id, card_id in s.execute(
                select(PileCard.pile_id, PileCard.card_id)
                .where(PileCard.study_id == study_id)
                .order_by(PileCard.pile_id, PileCard.position, PileCard.id)
            ):  # fmt: skip
                members[pile_id].append(card_id)
            return [StoredPile(p.id, p.name, tuple(members[p.id]), p.charge, p.strength,
                               p.weight) for p in piles]  # fmt: skip

    def add_pile(self, study_id: int, card_ids: list[int], name: str = "") -> int:
        """A new pile holding these cards (taken out of whatever pile they were in)."""
        with self.store.session() as s:
            pile = Pile(study_id=study_id, name=" ".join(name.split())[:200])
            s.add(pile)
            s.flush()
            pile_id = pile.id
        self.move_cards(study_id, card_ids, pile_id)
        return pile_id

    def add_piles(self, study_id: int, groups: list[tuple[str, list[int]]]) -> list[int]:
        """Many piles in one transaction (accepting a whole suggestion)."""
        with self.store.session() as s:
            piles = [Pile(study_id=study_id, name=" ".join(name.split())[:200]) for name, _ in groups]
            s.add_all(piles)
            s.flush()  # one flush for all their ids
            every = [c for _, card_ids in groups for c in card_ids]
            s.execute(delete(PileCard).where(PileCard.study_id == study_id,
                                             PileCard.card_id.in_(every)))  # fmt: skip
            s.add_all(PileCard(study_id=study_id, pile_id=pile.id, card_id=c, position=i)
                      for pile, (_, card_ids) in zip(piles, groups, strict=True)
                      for i, c in enumerate(card_ids))  # fmt: skip
            return [pile.id for pile in piles]

    def move_cards(self, study_id: int, card_ids: list[int], pile_id: int | None) -> None:
        """Puts cards into a pile (at its end), or lays them loose with None. A pile left
        empty is removed."""
        with self.store.session() as s:
            if pile_id is not None:
                pile = s.get(Pile, pile_id)
                if pile is None or pile.study_id != study_id:
                    raise KeyError(f"no pile {pile_id} in study {study_id}")
            old = set(s.scalars(select(PileCard.pile_id).where(
                PileCard.study_id == study_id, PileCard.card_id.in_(card_ids))))  # fmt: skip
            s.execute(delete(PileCard).where(PileCard.study_id == study_id,
                                             PileCard.card_id.in_(card_ids)))  # fmt: skip
            if pile_id is not None:
                end = s.scalar(select(func.max(PileCard.position))
                               .where(PileCard.pile_id == pile_id))  # fmt: skip
                start = (end if end is not None else -1) + 1
                s.add_all(PileCard(study_id=study_id, pile_id=pile_id, card_id=c,
                                   position=start + i) for i, c in enumerate(card_ids))  # fmt: skip
            s.flush()
            for emptied in old - {pile_id}:
                left = s.scalar(select(func.count()).select_from(PileCard)
                                .where(PileCard.pile_id == emptied))  # fmt: skip
                if not left:
                    s.execute(delete(Pile).where(Pile.id == emptied))

    def rename_pile(self, pile_id: int, name: str) -> None:
        with self.store.session() as s:
            pile = s.get(Pile, pile_id)
            if pile is None:
                raise KeyError(f"no pile {pile_id}")
            pile.name = " ".join(name.split())[:200]

    def break_up(self, pile_id: int) -> None:
        """Removes the pile; its cards lie loose again."""
        with self.store.session() as s:
            s.execute(delete(Pile).where(Pile.id == pile_id))

    def place_pile(self, pile_id: int, scale: Scale, value: float | None) -> None:
        """Sets (or with None clears) the hand-set place of a pile on one scale."""
        with self.store.session() as s:
            pile = s.get(Pile, pile_id)
            if pile is None:
                raise KeyError(f"no pile {pile_id}")
            setattr(pile, Scale(scale).value, None if value is None else _clamp(value))
