"""What deleting a study loses, counted before the user confirms, in words they can weigh.

A study is the synthesis laid over interviews: its piles, their places on the arrangements,
its hypotheses and the marks each interview got. Deleting it removes those rows (ON DELETE
CASCADE from `studies`); the interviews, their transcripts and their cards are not the study's
and stay."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from app.store.db import Store
from app.store.models import (
    Hypothesis,
    HypothesisMark,
    Pile,
    PileCard,
    Study,
    StudyInterview,
    StudyMember,
)


@dataclass(frozen=True)
class StudyLoss:
    name: str
    interviews: int  # kept, said so
    piles: int
    cards_in_piles: int  # the cards stay, their grouping goes
    placed_piles: int  # piles moved by hand on at least one arrangement
    hypotheses: int
    marks: int  # supported / contradicted / not discussed, per interview
    members: int  # people it is shared with on a team library

    @property
    def empty(self) -> bool:
        return not (self.piles or self.hypotheses or self.marks)


def study_loss(store: Store, study_id: int) -> StudyLoss:
    def count(query: object) -> int:
        return int(s.scalar(query) or 0)  # type: ignore[call-overload]

    with store.session() as s:
        study = s.get(Study, study_id)
        if study is None:
            raise KeyError(f"no study {study_id}")
        placed = or_(Pile.charge.is_not(None), Pile.strength.is_not(None),
                     Pile.weight.is_not(None))  # fmt: skip
        return StudyLoss(
            name=study.name,
            interviews=count(select(func.count()).where(StudyInterview.study_id == study_id)),
            piles=count(select(func.count()).where(Pile.study_id == study_id)),
            cards_in_piles=count(select(func.count()).where(PileCard.study_id == study_id)),
            placed_piles=count(select(func.count()).where(Pile.study_id == study_id, placed)),
            hypotheses=count(select(func.count()).where(Hypothesis.study_id == study_id)),
            marks=count(select(func.count()).select_from(HypothesisMark)
                        .join(Hypothesis, Hypothesis.id == HypothesisMark.hypothesis_id)
                        .where(Hypothesis.study_id == study_id)),
            members=count(select(func.count()).where(StudyMember.study_id == study_id)),
        )  # fmt: skip


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def confirmation_text(loss: StudyLoss) -> str:
    """The question the user answers before the study goes: what is lost, what stays."""
    lost: list[str] = []
    if loss.piles:
        lost.append(f"{_n(loss.piles, 'pile')} holding {_n(loss.cards_in_piles, 'card')} "
                    f"(their names and grouping)")  # fmt: skip
    if loss.placed_piles:
        lost.append(f"the hand-set places of {_n(loss.placed_piles, 'pile')} on the "
                    f"arrangements")  # fmt: skip
    if loss.hypotheses:
        lost.append(f"{_n(loss.hypotheses, 'hypothesis', 'hypotheses')} and "
                    f"{_n(loss.marks, 'mark')} (supported / contradicted / not discussed, "
                    f"with their quotes)")  # fmt: skip
    if loss.members:
        lost.append(f"its sharing with {_n(loss.members, 'person', 'people')}")
    what = ("This deletes " + "; ".join(lost) + ".") if lost else \
        "The study has no piles, arrangements or hypotheses yet."  # fmt: skip
    kept = (f"The {_n(loss.interviews, 'interview')}, their transcripts and their cards stay; "
            f"only the study's synthesis goes. This cannot be undone.")  # fmt: skip
    return f"Delete the study \u201c{loss.name}\u201d?\n\n{what}\n\n{kept}"
