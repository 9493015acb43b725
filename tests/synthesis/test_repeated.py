from app.synthesis.repeated import Line, find_repeated


def _lines(*items: tuple[int, str, str]) -> list[Line]:
    return [Line(iid, who, n, float(n), text) for n, (iid, who, text) in enumerate(items)]


def test_an_uncommon_word_two_participants_used_is_found_with_every_occurrence() -> None:
    found = find_repeated(_lines(
        (1, "Ana", "I keep everything in a spreadsheet for the caregiver stipend."),
        (2, "Ben", "The caregiver stipend came late again."),
        (2, "Ben", "My wife is the caregiver, really."),
        (3, "Cy", "I have a good day most days."),
    ))  # fmt: skip
    by = {p.phrase: p for p in found}
    assert "caregiver stipend" in by
    assert by["caregiver stipend"].participants == 2
    assert [o.segment_id for o in by["caregiver"].occurrences] == [0, 1, 2]
    assert "good day" not in by  # common English, however often it is said


def test_one_participant_repeating_themself_is_not_a_pattern() -> None:
    found = find_repeated(_lines((1, "Ana", "the spreadsheet"), (1, "Ana", "my spreadsheet"),
                                 (2, "Ben", "nothing alike")))  # fmt: skip
    assert found == []


def test_a_word_inside_a_longer_phrase_with_the_same_speakers_is_dropped() -> None:
    found = find_repeated(_lines((1, "Ana", "the caregiver stipend"),
                                 (2, "Ben", "a caregiver stipend")))  # fmt: skip
    assert [p.phrase for p in found] == ["caregiver stipend"]


# Real participant lines from the coach corpus (VA.gov research sessions, public domain).
EVERYDAY_AND_DOMAIN = _lines(
    (1, "P8", "So I kinda go back and forth. I have needs that need to be fill in."),
    (2, "P07", "Because I was just gonna quit, because I had enough of this back and forth."),
    (3, "P12", "So I typed in his middle name. He's legally blind."),
    (4, "P2", "I typed it in and it's pretty straightforward, the VA because they know."),
    (1, "P8", "And also ways to, refill my prescriptions as well, a little bit."),
    (2, "P07", "I checked out the disability rating first, at the end of the day."),
    (4, "P2", "I think they say this a disability rating, you know, a little bit."),
    (3, "P12", "He gets his prescriptions, and he's legally blind, I checked out the VA because."),
    (4, "P2", "It was pretty straightforward at the end of the day."),
    (5, "P16", "This is good for me because he's legally blind, and I usually do most of this stuff."),
)  # fmt: skip


def test_everyday_phrases_are_not_listed_however_often_they_recur() -> None:
    found = {p.phrase for p in find_repeated(EVERYDAY_AND_DOMAIN)}
    for everyday in ("back and forth", "a little bit", "little bit", "end of the day",
                     "checked out", "pretty straightforward", "va because", "typed"):  # fmt: skip
        assert everyday not in found, everyday


def test_domain_words_and_phrases_recurring_across_participants_stay() -> None:
    found = {p.phrase for p in find_repeated(EVERYDAY_AND_DOMAIN)}
    assert {"disability rating", "legally blind", "prescriptions"} <= found


def test_an_everyday_phrase_is_judged_by_its_words_together() -> None:
    from app.synthesis.repeated import everyday_phrase

    assert everyday_phrase("back and forth")  # "forth" alone is 4.4, but "back" is 6.0
    assert everyday_phrase("clicked")  # "click" is common; the past tense is not rarer
    assert everyday_phrase("someone else's")
    assert not everyday_phrase("ask va")  # "ask" is everyday, the pair is the service
    assert not everyday_phrase("veterans crisis line")
    assert not everyday_phrase("dependents")  # a plural of the domain stays its own word


def test_one_person_interviewed_twice_is_one_voice() -> None:
    found = find_repeated(_lines((1, "Ana", "the respite hours ran out"),
                                 (2, "Ana", "respite hours again"),
                                 (3, "Ben", "nothing alike here")))  # fmt: skip
    assert found == []
