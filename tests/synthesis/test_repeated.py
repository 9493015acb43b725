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
