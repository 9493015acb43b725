import csv
import io

from sqlalchemy import func, select

from app.session.segments import Speaker
from app.store.db import Store
from app.store.highlights import Decision, HighlightDecisionRepository, HighlightReason
from app.store.hypotheses import HypothesisRepository, Verdict
from app.store.interviews import InterviewRepository
from app.store.models import HighlightDecision, HypothesisQuote, PileCard, StudyInterview
from app.store.studies import Scale, StudyRepository
from app.store.transcript import SegmentRepository
from app.synthesis.board import Board, new_per_interview
from app.synthesis.exports import board_csv, board_markdown, study_summary
from tests.synthesis.helpers import make_cards


def _count(store: Store, model: type) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _study(store: Store) -> tuple[int, list[int], list[int], list[int]]:
    a, a_cards = make_cards(store, "Ana", ["I hate the password rules", "Password reset broke"])
    b, b_cards = make_cards(store, "Ben", ["My password expired twice", "I love the invoice page"])
    study = StudyRepository(store).create("Round 1", [a, b], "sign-in")
    return study, [a, b], a_cards, b_cards


def test_piles_hold_cards_once_and_an_emptied_pile_goes(store: Store) -> None:
    study, _, a_cards, b_cards = _study(store)
    repo = StudyRepository(store)
    pile = repo.add_pile(study, [a_cards[0], b_cards[0]], "passwords")
    other = repo.add_pile(study, [a_cards[1]])
    repo.move_cards(study, [a_cards[1]], pile)  # the other pile is now empty
    assert [(p.id, p.card_ids) for p in repo.piles(study)] == [
        (pile, (a_cards[0], b_cards[0], a_cards[1]))]  # fmt: skip
    assert other not in [p.id for p in repo.piles(study)]
    repo.move_cards(study, [b_cards[0]], None)
    board = Board.build(repo.cards(study), repo.piles(study))
    assert {c.id for c in board.loose} == {b_cards[0], b_cards[1]}
    # Ana's two cards in one pile fold into one, counted once.
    assert [(f.participant, f.count) for f in board.piles[0].folds] == [("Ana", 2)]
    assert board.piles[0].participants == 1


def test_deleting_an_interview_deletes_its_study_rows(store: Store) -> None:
    study, (a, b), a_cards, b_cards = _study(store)
    repo = StudyRepository(store)
    repo.add_pile(study, [a_cards[0], b_cards[0]])
    hyps = HypothesisRepository(store)
    h = hyps.add(study, "Passwords annoy people")
    seg = SegmentRepository(store).list(a)[1].id
    hyps.mark(h, a, Verdict.SUPPORTED, [seg])
    HighlightDecisionRepository(store).decide(a, seg, HighlightReason.PAIN_POINT,
                                              Decision.DISMISSED)  # fmt: skip
    InterviewRepository(store).delete(a)
    assert repo.get(study).interview_ids == (b,)
    assert [p.card_ids for p in repo.piles(study)] == [(b_cards[0],)]
    assert hyps.marks(study) == {}
    assert _count(store, HypothesisQuote) == _count(store, HighlightDecision) == 0
    assert _count(store, StudyInterview) == 1


def test_forgetting_a_participant_leaves_no_quote_of_them_on_a_board(store: Store) -> None:
    study, (a, _b), a_cards, b_cards = _study(store)
    repo = StudyRepository(store)
    repo.add_pile(study, [a_cards[0], b_cards[0]])
    hyps = HypothesisRepository(store)
    h = hyps.add(study, "Passwords annoy people")
    seg = SegmentRepository(store).list(a)[1].id
    hyps.mark(h, a, Verdict.SUPPORTED, [seg])
    SegmentRepository(store).forget(a, Speaker.PARTICIPANT)
    board = Board.build(repo.cards(study), repo.piles(study))
    quotes = [c.quote for c in board.cards.values()]
    assert not any("hate the password" in q or "reset broke" in q for q in quotes)
    assert _count(store, PileCard) == 1
    assert hyps.marks(study)[(h, a)].quotes == ()  # the verdict stays, the quote does not


def test_hand_places_and_hypothesis_marks_round_trip(store: Store) -> None:
    study, (a, b), a_cards, _ = _study(store)
    repo = StudyRepository(store)
    pile = repo.add_pile(study, a_cards)
    repo.place_pile(pile, Scale.WEIGHT, 3.0)
    assert repo.piles(study)[0].weight == 1.0  # clamped to the line
    repo.place_pile(pile, Scale.WEIGHT, None)
    assert repo.piles(study)[0].weight is None
    hyps = HypothesisRepository(store)
    h = hyps.add(study, "  Passwords   annoy people ")
    hyps.mark(h, b, Verdict.CONTRADICTED, note="loves invoices")
    hyps.mark(h, b, Verdict.NOT_DISCUSSED)
    assert [x.text for x in hyps.list(study)] == ["Passwords annoy people"]
    assert hyps.marks(study)[(h, b)].verdict is Verdict.NOT_DISCUSSED


def test_new_per_interview_counts_piles_each_interview_opened(store: Store) -> None:
    study, (a, b), a_cards, b_cards = _study(store)
    repo = StudyRepository(store)
    repo.add_pile(study, [a_cards[0], b_cards[0]])  # opened by Ana's interview
    repo.add_pile(study, [b_cards[1]])  # opened by Ben's
    board = Board.build(repo.cards(study), repo.piles(study))
    curve = new_per_interview(board, [a, b])
    assert [(n.interview_id, n.new_piles, n.new_tags) for n in curve] == [(a, 1, 1), (b, 1, 0)]


def test_exports_list_piles_with_quotes_participants_and_times(store: Store) -> None:
    study_id, (a, b), a_cards, b_cards = _study(store)
    repo = StudyRepository(store)
    pile = repo.add_pile(study_id, [a_cards[0], b_cards[0]], "Passwords")
    repo.place_pile(pile, Scale.CHARGE, -0.9)  # moved by hand to the negative end
    study = repo.get(study_id)
    board = Board.build(repo.cards(study_id), repo.piles(study_id))
    md = board_markdown(study, board)
    assert "## Passwords (2 participants, 2 cards)" in md
    assert "\u201cI hate the password rules\u201d \u2014 Ana, Call with Ana, 0:02" in md
    assert "## Lonely cards" in md
    rows = list(csv.DictReader(io.StringIO(board_csv(board))))
    assert [(r["pile"], r["participant"]) for r in rows[:2]] == [("Passwords", "Ana"),
                                                                  ("Passwords", "Ben")]  # fmt: skip
    assert float(rows[0]["charge"]) < 0
    hyps = HypothesisRepository(store)
    h = hyps.add(study_id, "Passwords annoy people")
    seg = SegmentRepository(store).list(a)[1].id
    hyps.mark(h, a, Verdict.SUPPORTED, [seg])
    summary = study_summary(study, board, hyps.list(study_id), hyps.marks(study_id),
                            {a: "Ana", b: "Ben"})  # fmt: skip
    assert "| Passwords annoy people | Supported | ? |" in summary
    assert "Focus: sign-in" in summary
    assert "### Negative: Passwords (2 participants)" in summary
    assert "placed by hand" in summary


def test_migration_0004_goes_down_and_up_again(tmp_path) -> None:  # noqa: ANN001
    from alembic import command
    from sqlalchemy import create_engine, inspect

    from app.store.db import alembic_config

    url = f"sqlite:///{tmp_path / 'm.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0004")
    tables = {"studies", "study_interviews", "piles", "pile_cards", "hypotheses",
              "hypothesis_marks", "hypothesis_quotes", "highlight_decisions"}  # fmt: skip
    assert tables <= set(inspect(create_engine(url)).get_table_names())
    command.downgrade(config, "0003")
    assert not tables & set(inspect(create_engine(url)).get_table_names())
    command.upgrade(config, "0004")
    assert tables <= set(inspect(create_engine(url)).get_table_names())
