from app.store.studies import Scale
from app.synthesis.arrange import (
    biggest_at_ends,
    place,
    suggest_charge,
    suggest_strength,
    suggest_weight,
)


def test_charge_runs_from_negative_to_positive_with_the_words_that_decided() -> None:
    bad = suggest_charge(["I hate this form, it is awful.", "Terrible experience."])
    good = suggest_charge(["I love how easy it was.", "Great, really helpful."])
    flat = suggest_charge(["The form has four pages."])
    assert bad.value < -0.5 < flat.value < 0.5 < good.value
    assert "hate" in bad.why and "love" in good.why


def test_strength_is_distance_from_indifferent_whatever_the_sign() -> None:
    strong = suggest_strength(["I absolutely hate it!!", "I LOVE it, amazing!"])
    weak = suggest_strength(["It has a blue button.", "The page loads."])
    assert strong.value > 0.5 > -0.5 > weak.value


def test_weight_places_challenge_chore_and_wish() -> None:
    assert suggest_weight(["It was too complicated, I gave up."]).value == -1.0
    assert suggest_weight(["All that paperwork, I have to fill out the same thing."]).value == 0.0
    assert suggest_weight(["I wish I could just see it on my phone."]).value == 1.0
    assert "no words" in suggest_weight(["The page loads."]).why


def test_a_hand_set_place_wins_and_keeps_the_suggestion_in_its_reason() -> None:
    placement = place(Scale.CHARGE, ["I hate it"], 0.8)
    assert placement.value == 0.8 and placement.hand_set
    assert "suggested -" in placement.why


def test_the_biggest_pile_at_each_end_by_participants() -> None:
    places = {1: -0.9, 2: -0.5, 3: 0.0, 4: 0.6, 5: 0.9}
    sizes = {1: 2, 2: 5, 3: 9, 4: 1, 5: 1}
    ends = biggest_at_ends(places, sizes)
    assert (ends.left, ends.right) == (2, 4)  # a tie goes to the older pile
    assert biggest_at_ends({3: 0.0}, {3: 9}) == type(ends)(None, None)
