import pytest

from app.store.cards import CardRepository
from app.store.db import Store
from app.store.highlights import HighlightReason
from app.synthesis.highlights import ParticipantLine, suggest
from app.synthesis.repeated import Line, find_repeated
from app.synthesis.sources import accept, dismiss, suggestions_for
from tests.synthesis.helpers import make_interview


def _one(text: str, focus: str = "", **kwargs: object) -> HighlightReason | None:
    found = suggest(1, [ParticipantLine(7, 1.0, 4.0, text)], focus, **kwargs)  # type: ignore[arg-type]
    return found[0].reason if found else None


@pytest.mark.parametrize(("text", "reason"), [
    ("Honestly I was so frustrated, I hated that whole portal experience.", HighlightReason.EMOTION),
    ("It took forever to find where the upload goes on that site.", HighlightReason.PAIN_POINT),
    ("So now I keep a spreadsheet of every claim by myself at home.", HighlightReason.WORKAROUND),
    ("The upload button on the form is hard to see at the bottom.", HighlightReason.PAIN_POINT),
    ("I think the new dashboard layout is clear to me now.", HighlightReason.PRODUCT_FEEDBACK),
    ("How do I know if the claim went through to them?", HighlightReason.QUESTION),
])  # fmt: skip
def test_each_kind_of_passage_is_suggested_with_its_reason(text: str,
                                                           reason: HighlightReason) -> None:  # fmt: skip
    assert _one(text) is reason


def test_a_line_on_the_focus_is_suggested_and_says_which_word() -> None:
    found = suggest(1, [ParticipantLine(7, 1.0, 4.0, "We applied for the stipend in March, "
                                                     "my daughter and me.")],
                    focus="Applying for the caregiver stipend")  # fmt: skip
    assert found[0].reason is HighlightReason.FOCUS
    assert "stipend" in found[0].why


def test_a_phrase_others_said_too_is_a_reason() -> None:
    repeated = find_repeated([Line(1, "Ana", 7, 1.0, "the respite hours ran out in May"),
                              Line(2, "Ben", 8, 1.0, "we never got respite hours at all")])  # fmt: skip
    found = suggest(1, [ParticipantLine(7, 1.0, 4.0, "the respite hours ran out in May")],
                    repeated=repeated)  # fmt: skip
    assert found[0].reason is HighlightReason.REPEATED
    assert "respite hours" in found[0].why


def test_small_talk_denied_pains_and_tag_questions_are_not_suggested() -> None:
    assert _one("Yeah okay.") is None
    assert _one("Nothing looks confusing here because they list phone numbers.") is None
    assert _one("It was a long week for us at home, you know?") is None


def test_a_long_answer_is_quoted_from_the_sentence_that_matters() -> None:
    filler = "We talked about the weather and the dog and the neighbours for a while. " * 6
    found = suggest(1, [ParticipantLine(7, 0.0, 60.0, filler + "I ended up calling them "
                                                      "every single day instead.")])  # fmt: skip
    assert found[0].quote.startswith("I ended up calling them")


def test_accepted_become_cards_and_dismissed_stay_dismissed(store: Store) -> None:
    iid, segs = make_interview(store, "Ana", [
        "I was so frustrated, I hated the whole portal honestly.",
        "So I keep a spreadsheet of every claim by myself now.",
        "Fine.",
    ])  # fmt: skip
    first = suggestions_for(store, iid, repeated=[])
    assert [s.segment_id for s in first] == [segs[1], segs[0]]  # the less sure reason last
    card_id = accept(store, first[1], quote="I hated the whole portal")
    dismiss(store, first[0])
    card = CardRepository(store).get(card_id)
    assert (card.quote, card.tag, card.segment_id) == ("I hated the whole portal", "emotion", segs[0])
    assert suggestions_for(store, iid, repeated=[]) == []  # neither comes back


def test_less_sure_reasons_come_last_and_say_so() -> None:
    lines = [ParticipantLine(1, 0.0, 4.0, "Where would the answer to my question go after that?"),
             ParticipantLine(2, 5.0, 9.0, "It took forever to find where the upload goes on that site."),
             ParticipantLine(3, 10.0, 14.0, "Honestly I was so frustrated, I hated that portal.")]  # fmt: skip
    found = suggest(1, lines)
    assert [(s.segment_id, s.less_sure) for s in found] == [(2, False), (1, True), (3, True)]
