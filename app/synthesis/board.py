"""The board as the user sees it: piles of cards with one participant's cards folded together,
loose cards, each pile's place on the three arrangements, and what each interview added."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.store.cards import CardWithInterview
from app.store.studies import Scale, StoredPile
from app.synthesis.arrange import Ends, Placement, biggest_at_ends, place
from app.synthesis.sources import participant_label


@dataclass(frozen=True)
class BoardCard:
    id: int
    interview_id: int
    segment_id: int | None
    participant: str
    interview_title: str
    quote: str
    tag: str
    tag_label: str
    start: float
    end: float


@dataclass(frozen=True)
class Fold:
    """One participant's cards in one pile: counted once (the guide's "eliminate duplicates")."""

    participant: str
    cards: tuple[BoardCard, ...]

    @property
    def count(self) -> int:
        return len(self.cards)


@dataclass(frozen=True)
class BoardPile:
    id: int
    name: str
    folds: tuple[Fold, ...]
    hand_places: dict[Scale, float | None]

    @property
    def cards(self) -> list[BoardCard]:
        return [c for f in self.folds for c in f.cards]

    @property
    def participants(self) -> int:
        """The pile's size as the guide counts it: one per participant."""
        return len(self.folds)

    def placement(self, scale: Scale) -> Placement:
        return place(scale, [c.quote for c in self.cards], self.hand_places.get(scale))


def board_card(item: CardWithInterview) -> BoardCard:
    c = item.card
    who = participant_label(item.participant_name, c.interview_id)
    return BoardCard(c.id, c.interview_id, c.segment_id, who,
                     item.interview_title or who, c.quote, c.tag, c.tag_label, c.start, c.end)  # fmt: skip


def fold(cards: Sequence[BoardCard]) -> tuple[Fold, ...]:
    """Groups a pile's cards by participant, in the order each participant first appears."""
    by: dict[str, list[BoardCard]] = {}
    for card in cards:
        by.setdefault(card.participant, []).append(card)
    return tuple(Fold(who, tuple(cs)) for who, cs in by.items())


@dataclass(frozen=True)
class Board:
    piles: tuple[BoardPile, ...]
    loose: tuple[BoardCard, ...]
    cards: dict[int, BoardCard]

    @staticmethod
    def build(cards: Sequence[CardWithInterview], piles: Sequence[StoredPile]) -> Board:
        by_id = {c.card.id: board_card(c) for c in cards}
        used: set[int] = set()
        built = []
        for pile in piles:
            members = [by_id[i] for i in pile.card_ids if i in by_id]
            if not members:
                continue
            used.update(c.id for c in members)
            hand = {Scale.CHARGE: pile.charge, Scale.STRENGTH: pile.strength,
                    Scale.WEIGHT: pile.weight}  # fmt: skip
            built.append(BoardPile(pile.id, pile.name, fold(members), hand))
        loose = tuple(c for i, c in by_id.items() if i not in used)
        return Board(tuple(built), loose, by_id)

    def pile(self, pile_id: int) -> BoardPile:
        return next(p for p in self.piles if p.id == pile_id)

    def placements(self, scale: Scale) -> dict[int, Placement]:
        return {p.id: p.placement(scale) for p in self.piles}

    def ends(self, scale: Scale) -> Ends:
        places = {pid: pl.value for pid, pl in self.placements(scale).items()}
        return biggest_at_ends(places, {p.id: p.participants for p in self.piles})


@dataclass(frozen=True)
class Novelty:
    """What one interview added: piles and tags no earlier interview of the study had."""

    interview_id: int
    new_piles: int
    new_tags: int


def new_per_interview(board: Board, interview_order: Sequence[int]) -> list[Novelty]:
    """The "are we still learning?" curve: for each interview in study order, how many piles
    it opened (its card is the pile's earliest by study order) and how many tags it first used.
    When both stay near zero, more interviews teach little."""
    rank = {iid: i for i, iid in enumerate(interview_order)}
    opened = dict.fromkeys(interview_order, 0)
    for pile in board.piles:
        first = min((rank[c.interview_id] for c in pile.cards if c.interview_id in rank),
                    default=None)  # fmt: skip
        if first is not None:
            opened[interview_order[first]] += 1
    seen_tags: set[str] = set()
    out = []
    for iid in interview_order:
        tags = {c.tag for c in board.cards.values() if c.interview_id == iid}
        out.append(Novelty(iid, opened[iid], len(tags - seen_tags)))
        seen_tags |= tags
    return out
