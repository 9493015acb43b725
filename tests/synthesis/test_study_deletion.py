from app.store.cards import CardRepository
from app.store.db import Store
from app.store.hypotheses import HypothesisRepository, Verdict
from app.store.interviews import InterviewRepository
from app.store.studies import Scale, StudyRepository
from app.synthesis.study_deletion import confirmation_text, study_loss
from tests.synthesis.helpers import make_cards


def _study(store: Store) -> tuple[int, list[int], list[int]]:
    ana, ana_cards = make_cards(store, "Ana", ["The reset email came a day late",
                                               "I keep my passwords on paper"])  # fmt: skip
    ben, ben_cards = make_cards(store, "Ben", ["My password expired twice"])
    studies = StudyRepository(store)
    study_id = studies.create("Sign-in, round 1", [ana, ben])
    pile = studies.add_pile(study_id, [ana_cards[0], ben_cards[0]], "Password pain")
    studies.add_pile(study_id, [ana_cards[1]], "Paper")
    studies.place_pile(pile, Scale.CHARGE, -0.8)
    hypotheses = HypothesisRepository(store)
    h = hypotheses.add(study_id, "People reset their password monthly")
    hypotheses.mark(h, ana, Verdict.SUPPORTED)
    hypotheses.mark(h, ben, Verdict.CONTRADICTED)
    return study_id, [ana, ben], ana_cards + ben_cards


def test_the_confirmation_counts_what_goes_and_says_what_stays(store: Store) -> None:
    study_id, _, _ = _study(store)
    loss = study_loss(store, study_id)
    assert (loss.interviews, loss.piles, loss.cards_in_piles, loss.placed_piles, loss.hypotheses,
            loss.marks) == (2, 2, 3, 1, 1, 2)  # fmt: skip
    text = confirmation_text(loss)
    assert "\u201cSign-in, round 1\u201d" in text
    assert "2 piles holding 3 cards" in text
    assert "hand-set places of 1 pile" in text
    assert "1 hypothesis and 2 marks" in text
    assert "The 2 interviews, their transcripts and their cards stay" in text


def test_an_empty_study_says_there_is_nothing_but_the_choice_to_lose(store: Store) -> None:
    iid, _ = make_cards(store, "Cy", ["Calendar sync is fine I guess"])
    study_id = StudyRepository(store).create("Empty", [iid])
    loss = study_loss(store, study_id)
    assert loss.empty
    assert "no piles, arrangements or hypotheses yet" in confirmation_text(loss)


def test_deleting_the_study_keeps_interviews_and_cards(store: Store) -> None:
    study_id, interviews, cards = _study(store)
    StudyRepository(store).delete(study_id)
    assert StudyRepository(store).list() == []
    assert HypothesisRepository(store).marks(study_id) == {}
    assert sorted(i.id for i in InterviewRepository(store).list_all()) == sorted(interviews)
    kept = [c.id for iid in interviews for c in CardRepository(store).list(iid)]
    assert sorted(kept) == sorted(cards)
