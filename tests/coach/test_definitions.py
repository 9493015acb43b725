"""Each sharpened cue definition, checked on lines said in real interviews (the corpus in
resources/coach_corpus; sources in its MANIFEST). These pin the rules the models read; the
corpus test measures the models themselves."""

from __future__ import annotations

import pytest

from app.coach.features import rule_hits
from app.coach.parse import parse


def hits(text: str, previous: str = "") -> dict[str, str | None]:
    return rule_hits(parse(text, previous=previous))


# -- why ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # Mismatches (RIT), Mel Chua to a PyPI maintainer
        "How would you describe your position in the Python community? Why were you able to "
        "step in and make these connections and help things happen?",
        # the same question as a live transcriber gives it: no capitals, no question mark
        "why were you able to step in and make these connections",
        # VA caregivers usability session: a request for a reason (GUIDE.md: why)
        "Could you tell me why you're pausing on this one.",
    ],
)
def test_a_question_built_on_why_is_why(text: str) -> None:
    assert hits(text)["rule_why"]


@pytest.mark.parametrize(
    "text",
    [
        # VA Ask VA usability session: an invitation, not a request for reasons
        "So why don't you show me what you would do on this page if you had your question "
        "about education benefits?",
        # PostHog sales guide: "why" inside a clause, not a question about reasons
        "You'll move from guessing why users drop off to seeing exactly what frustrated them",
        "Sure, why not.",
        # VA Virtual Agent usability session: a clause about a reason, no inversion
        "Why it muted you I don't know, either. Oh, you're muted again.",
        # Mismatches (RIT): a rhetorical why the interviewer answers at once
        "But why do we need the features, right? Because we have more users now.",
    ],
)
def test_why_that_asks_for_no_reason_is_not_why(text: str) -> None:
    assert not hits(text)["rule_why"]


# -- closed -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Okay. Do you remember how you heard about it?",  # VA mobile app: indirect wh-question
        "Can you say that last bit one more time?",  # Mismatches: a request
        "Is it really?",  # Founders Talk: a reaction
        "Awesome. Anything else you have run into?",  # Chaincode podcast: an "anything else" probe
        "When you were applying for VA healthcare, did you do it in person or online?",  # a choice
    ],
)
def test_what_sounds_yes_no_but_is_not_closed(text: str) -> None:
    assert not hits(text)["rule_closed"]


@pytest.mark.parametrize(
    "text",
    ["Okay, yeah, that makes sense. Have you contacted the VA before?", "do you use it"],
)
def test_yes_no_questions_asking_for_information_are_closed(text: str) -> None:
    assert hits(text)["rule_closed"]


# -- generality ---------------------------------------------------------------------------------
# -- hypothetical (sharpened by the label audit of 2026-11-27, GUIDE.md) ---------------------
@pytest.mark.parametrize(
    "text",
    [
        # PostHog handbook discovery questions: a forward-looking wish
        "Is there anywhere you'd ideally like to send data back out to?",
        # Ship It!, to the Polar Signals founder: a forecast of their own plans
        "Is there anything interesting happening in the next six months for Parca that you "
        "want to share?",
        # the same as a live transcriber gives it
        "is there anything interesting happening in the next six months for parca",
    ],
)
def test_future_plans_and_wishes_are_hypothetical(text: str) -> None:
    assert hits(text)["rule_hypothetical"]


@pytest.mark.parametrize(
    "text",
    [
        "What would have made it easier for you?",  # DOI ONRR guide: about a past experience
        "Would you share your name?",  # 18F sign-in script: a polite request in a task
    ],
)
def test_the_past_and_polite_requests_are_not_hypothetical(text: str) -> None:
    assert not hits(text)["rule_hypothetical"]


def test_an_idiom_with_always_is_not_a_generality() -> None:
    # Founders Talk, Fly.io's founder
    assert not hits("And it's always been the promise of the internet.")["rule_generality"]


def test_a_general_habit_followed_by_an_instance_is_not_a_generality() -> None:
    text = "We usually file it online. Last week, for example, the form timed out twice."
    assert not hits(text)["rule_generality"]


def test_a_general_habit_is_a_generality() -> None:
    assert hits("We usually just call the help line and wait.")["rule_generality"]


# -- stacked ------------------------------------------------------------------------------------
def test_a_rephrased_question_reads_as_one_question() -> None:
    from app.coach.features import FEATURE_NAMES, feature_vector

    # Mismatches: the second sentence restates the first
    turn = parse(
        "To start out, I'm asking everyone this. How would you like to be identified in the "
        "project? What name do you like to go by?"
    )
    x = dict(zip(FEATURE_NAMES, feature_vector(turn), strict=True))
    distinct = parse("What tools do you use for billing? Who on your team approves refunds?")
    y = dict(zip(FEATURE_NAMES, feature_vector(distinct), strict=True))
    assert x["questions_2"] == y["questions_2"] == 1.0
    assert x["rephrase_similarity"] > y["rephrase_similarity"]


# -- context ------------------------------------------------------------------------------------
def test_the_participant_bringing_up_their_own_product_is_known() -> None:
    from app.coach.features import FEATURE_NAMES, feature_vector

    turn = parse("So what does the app do for teams?", previous="We built our own app for it.")
    x = dict(zip(FEATURE_NAMES, feature_vector(turn), strict=True))
    assert x["previous_own_product"] == 1.0 and x["previous_is_question"] == 0.0
