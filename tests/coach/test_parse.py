"""One parse per utterance: questions found with or without a question mark."""

from __future__ import annotations

import pytest

from app.coach.parse import (
    distinct_questions,
    looks_like_question,
    parse,
    question_unit,
    split_sentences,
)
from app.coach.rules import question_clauses, question_count


@pytest.mark.parametrize(
    "sentence",
    [
        "why did you choose that one",
        "would you pay for this",
        "do you use it every day",
        "how come you stopped",
        "what's the hardest part",
        "is there anything you'd change",
        "Okay so how do you track that",
        # Real interviewer lines as a transcriber gives them (coach corpus, VA and PSF sessions)
        "okay overall did the answer make sense to you",
        "anything else i should watch out for",
        "any other immediate thoughts on the rewrite",
        "in what order would you put the sections on this page",
    ],
)
def test_questions_without_a_question_mark(sentence: str) -> None:
    assert looks_like_question(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "what I did was call them",
        "how we do it is pretty manual",
        "I think that's fine",
        "we export it every week",
        "Wow!",
        "anything else is fine by me.",
        "overall we export it every week",
        "next is the billing page",
        "in what we do there is a lot of paperwork",
    ],
)
def test_statements_are_not_questions(sentence: str) -> None:
    assert not looks_like_question(sentence)


def test_unpunctuated_speech_is_cut_where_a_new_question_starts() -> None:
    turn = parse(
        "okay great thanks so much for joining today I wanted to talk about how you file "
        "your taxes do you use software for that"
    )
    assert [s.text for s in turn.questions] == ["do you use software for that?"]
    assert not turn.punctuated


def test_a_how_long_question_is_cut_from_the_clause_before_it() -> None:
    turn = parse("until you lost your sight and how long ago was that")
    assert [s.text for s in turn.questions] == ["and how long ago was that?"]


def test_a_how_long_question_about_any_noun_is_cut_from_the_question_before_it() -> None:
    # PostHog handbook discovery question, as a transcriber writes it
    turn = parse(
        "when you see an error how do you reproduce it how long does reproduction typically take"
    )
    assert [s.text for s in turn.questions] == [
        "how do you reproduce it?",
        "how long does reproduction typically take?",
    ]


@pytest.mark.parametrize(
    ("text", "questions"),
    [
        # VA and thoughtbot guides as a transcriber writes them: "…? Why?" without its marks
        ("which option do you prefer why", ["which option do you prefer?", "why?"]),
        (
            "is this something that you can see yourself using why or why not",
            ["is this something that you can see yourself using?", "why or why not?"],
        ),
        ("do you use it and why", ["do you use it?", "why?"]),
    ],
)
def test_a_reason_asked_at_the_end_of_unpunctuated_speech_is_its_own_question(
    text: str, questions: list[str]
) -> None:
    assert [s.text for s in parse(text).questions] == questions


@pytest.mark.parametrize(
    "text",
    [
        "and that is exactly the reason why",
        "i have no idea why",
        "you know what users do and can ask them why",
        "so this is what he said about why",
        # a statement or a yes/no question about a reason, not a question and then "why?"
        "we switched last year and nobody knew why",
        "and i'll tell you why",
        "so is that why",
        "Is it useful, and why?",  # written: its own marks say where it is cut
    ],
)
def test_a_why_that_ends_a_statement_or_a_written_question_is_not_cut_off(text: str) -> None:
    assert all(s.text.lower() not in ("why?", "why") for s in parse(text).sentences)


def test_a_question_mark_is_added_to_a_question_said_without_one() -> None:
    turn = parse("Why did you pick the annual plan")
    assert turn.sentences[0].text == "Why did you pick the annual plan?"
    assert turn.sentences[0].is_question


def test_fillers_are_not_questions() -> None:
    turn = parse("We have about thirty minutes. Okay? You know? Right?")
    assert turn.questions == ()


def test_two_questions_in_one_sentence_count_two() -> None:
    assert question_count(parse("What do you use, and how did you pick it?")) == 2
    assert question_count(parse("Did you pick it or did your boss?")) == 1


def test_parse_is_done_once_per_utterance() -> None:
    assert parse("Do you use it?") is parse("Do you use it?")
    assert parse("Do you use it?", phase=1) is not parse("Do you use it?", phase=2)


def test_a_why_question_misheard_as_i_did_you_is_read_as_why() -> None:
    # tiny.en on a live microphone: "Why did you choose…" came out as "I did you choose…"
    assert parse("I did you choose the annual plan").questions[0].text.startswith("Why did you")
    # espeak-ng's "Why" through the live pipeline (a make test run): "by did you choose…"
    assert parse("by did you choose the annual plan").questions[0].text.startswith("Why did you")
    assert parse("By the way, did you choose the annual plan?").questions[0].text.startswith("By")
    assert parse("i do you still use it").questions[0].text.startswith("Why do you")
    assert parse("I did you a favour there.").questions == ()  # English as it stands


# -- where a question starts, and where it does not (lines from the corpus) -------------------
@pytest.mark.parametrize(
    "text",
    [
        # Practical AI, the host's introduction: "who is…" opens a relative clause
        "I'm joined as always by my co-host Chris Benson who is a tech strategist at Lockheed "
        "Martin and we are talking about federated learning today",
        # Bitcoin Magazine: "the idea is that…" is a copula before a that-clause
        "The idea is that basically you use the old fashioned BIP 9 upgrade process for a year "
        "and then developers reconsider",
        # Founders Talk: after "we"/"i" an auxiliary is the statement's own verb
        "So you had this margin to play with and we had that talk at Strange Loop about "
        "observability superpowers last year",
    ],
)
def test_relative_clauses_and_that_clauses_are_not_questions(text: str) -> None:
    assert parse(text).questions == ()
    assert parse(text.lower()).questions == ()


def test_a_clause_set_before_the_question_is_not_a_question_of_its_own() -> None:
    # Founders Talk: "when you share your story" sets the scene for the question after it
    turn = parse("when you share your story with people do you go all the way back to ebay")
    assert [s.text for s in turn.questions] == ["do you go all the way back to ebay?"]
    assert not looks_like_question("When you tell your story")


@pytest.mark.parametrize(
    "sentence",
    [
        "eric do you see any merit in this argument",  # Bitcoin Magazine: a name, then the ask
        "okay does anything on this page stand out to you as being confusing",  # VA caregivers
        "and is there anything so far that makes you think differently",
    ],
)
def test_questions_after_a_name_or_about_anything_are_questions(sentence: str) -> None:
    assert looks_like_question(sentence)


def test_a_check_of_what_was_said_starts_a_question_in_unpunctuated_speech() -> None:
    # Changelog: "…according to our notes is that accurate", as a transcriber writes it
    turn = parse(
        "yeah so chef sold for 220 million in cash according to our notes is that accurate"
    )
    assert [s.text for s in turn.questions] == ["is that accurate?"]


# -- stacked: which questions of a turn ask different things ---------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # GUIDE.md's example of stacked questions, written and as a transcriber gives it
        "How do you track it, and who sees the report?",
        "how do you track it and who sees the report",
        # 18F interview guide: two different asks in one sentence
        "What is your role and how do you use natural resources data in that role?",
        # Bitcoin Magazine: a question and then "why?" (label audit: stacked)
        "At some point you did start supporting BIP 148? Why was that?",
        # OpenTelemetry end-user survey and PostHog handbook: a second question joined on with
        # "and" and its own wh-word, though it refers back with "it"
        "What telemetry are you capturing, and where are you sending it?",
        "What are you using for analytics today and how's it working?",
        # GUIDE.md's form with a short second question, and "And…?" said as its own sentence
        "How do you track expenses and who approves them?",
        "What was the hardest part? And how did you fix it?",
        # Ship It: four different questions
        "What does a good home connection look like? And I think about remote workers - what "
        "should they care about? How would they go about setting it up?",
        # PostHog handbook, written and as a transcriber gives it: two full yes/no questions
        # about different things
        "Can you tell which users were affected by a specific error? Do you know the business "
        "impact?",
        "can you tell which users were affected by a specific error do you know the business "
        "impact",
    ],
)
def test_different_questions_are_counted_apart(text: str) -> None:
    from app.coach.rules import stacked_questions

    assert len(distinct_questions(question_clauses(parse(text)))) >= 2
    assert stacked_questions(parse(text))


@pytest.mark.parametrize(
    "text",
    [
        # an "...or..." alternative (GUIDE.md)
        "Did you pick it, or did your boss?",
        # a clarifying example (GUIDE.md)
        "What tools do you use? Like, spreadsheets, apps?",
        # an open question and one candidate answer (label audit)
        "Who owns that stack? Do you have a data team?",
        # a yes/no question narrowed by a follow-up that assumes its answer (label audit)
        "Do you use a tracker for that? If so, which one?",
        # Mismatches: a restart that shares its opening words and its topic
        "How did you deal with that? How did you deal with the tension that you always had?",
        # Mismatches: a narrowing of the same question
        "The latest effort getting started, about when would you say that was? About what year?",
        # a check and a filler after the question (GUIDE.md)
        "So you export it every week? Is that right? Does that make sense?",
        # a question and a logistics question (GUIDE.md)
        "Is it OK if I record the session? How long have you been a Veteran?",
        # VA Ask VA: a short follow-up about "that" continues the question
        "What is that? What is that gray box describing?",
        # PostHog handbook as a transcriber writes it: yes/no guesses at one open question
        "what stage is their company at do they have users are they about to launch are they "
        "trying to expand",
    ],
)
def test_one_question_asked_in_several_ways_is_one(text: str) -> None:
    from app.coach.rules import stacked_questions

    assert len(distinct_questions(question_clauses(parse(text)))) == 1
    assert stacked_questions(parse(text)) is None


def test_question_units_know_their_head() -> None:
    assert question_unit("So, why did you pick it?").head == "why"
    assert question_unit("how come you stopped").head == "why"
    assert question_unit("Do you use it?").head == "aux"
    assert question_unit("You export it every week?").head == ""
    assert question_unit("What's the hardest part?").head == "what"


def test_a_trailing_filler_is_a_whole_word() -> None:
    # "look" ends in "ok": the question keeps its last word (found by a helper's audit).
    texts = [s.text for s in split_sentences("if you wanted to learn more where would you look")]
    assert texts[-1].rstrip("?").endswith("would you look"), texts


def test_a_clause_that_is_the_subject_of_is_is_not_cut_as_a_question() -> None:
    # "what our app does is it…": without marks, "is it" would start a second question
    turn = parse("so what our app does is it connects you with local farmers")
    assert len(turn.sentences) == 1
    # "what is it…" asks, and "is it hard" after it is a second question; so does a "what"
    # with a noun after it
    assert len(parse("what is it that you do is it hard").sentences) == 2
    assert len(parse("what tools does your team use is it mostly spreadsheets").sentences) == 2


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # a question asked inside its condition, as a transcriber writes it (DESIGN.md §3)
        ("if this existed would you use it", True),
        ("say we had a tool that did that would you try it", True),
        ("if it breaks do you call someone", True),
        # the auxiliary closes the condition's own clause, or there is no question at all
        ("if you do you get a notification", False),
        ("if you want you can share your screen", False),
    ],
)
def test_a_question_after_its_condition_is_found_without_a_mark(text: str, asks: bool) -> None:
    assert bool(parse(text).questions) is asks


def test_the_question_after_a_condition_decides_whether_it_is_closed() -> None:
    from app.coach.features import rule_hits

    assert not rule_hits(parse("If so, can you describe your last visit to the office?"))[
        "rule_closed"
    ]
    assert rule_hits(parse("if it breaks do you call someone"))["rule_closed"]


def test_what_else_opens_one_question_in_a_transcribers_run() -> None:
    # VA.gov session as a transcriber writes it: the cut comes before "what else", not inside
    turn = parse("okay cool that makes sense what else did you find while you were on this page")
    asked = [s.text for s in turn.questions]
    assert asked == ["what else did you find while you were on this page?"]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # VA.gov sessions as a transcriber writes them: "do" after "how do you" is the
        # question's own verb, not a second question "do that like…?"
        (
            "yeah how do you do that like can you describe to me exactly how you're putting it in "
            "that file",
            1,
        ),
        ("how do you do it i mean what's your process", 1),
        # a new question after the verb still starts one
        ("how do you do that today do you use excel", 2),
        ("what did you do there and how long did it take", 2),
    ],
)
def test_the_main_verb_after_how_do_you_is_not_a_new_question(text: str, asked: int) -> None:
    assert len(parse(text).questions) == asked


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # MLH guide and GitLab / VA.gov sessions as a transcriber writes them: an auxiliary
        # before a plural noun or a possessive opens a question
        ("can hackers in need of physical accommodation conveniently access the building", True),
        ("are other groups using git", True),
        ("could most teams do this themselves", True),
        # not an adverb or an adjective after the verb
        ("was always a pain for us", False),
        ("is perhaps the best option we have", False),
        ("was ridiculous how long it took", False),
    ],
)
def test_an_auxiliary_before_a_plural_subject_asks(text: str, asks: bool) -> None:
    assert [s.is_question for s in parse(text).sentences] == [asks]


def test_a_clause_asked_about_ends_before_the_next_question() -> None:
    # VA.gov session as a transcriber writes it: "…what my va is | do you use my va"
    asked = [s.text for s in parse("do you know what my va is do you use my va").questions]
    assert asked == ["do you know what my va is?", "do you use my va?"]
    # but the "is" of "what I want to know is…" leads on to the question
    assert len(parse("what i want to know is do you use it every day").sentences) == 1


def test_a_guide_template_slot_is_read_as_its_choices() -> None:
    from app.coach.text import normalise

    assert normalise("the most [inefficient, frustrating] part of [task/process]") == (
        "the most inefficient/frustrating part of task/process"
    )


def test_rule_hits_are_memoised_per_line_without_sharing_what_callers_change() -> None:
    from app.coach.features import clear_caches, rule_hits

    turn = parse("Why did you switch tools last year?")
    first = rule_hits(turn)
    assert first["rule_why"]
    first["rule_why"] = None  # a caller's own copy
    assert rule_hits(turn)["rule_why"]
    clear_caches()  # a benchmark's fresh start: the same words give the same hits again
    assert rule_hits(parse("Why did you switch tools last year?")) == rule_hits(turn)


@pytest.mark.parametrize(
    ("text", "questions"),
    [
        # the auxiliary after a wh-phrase is the wh-question's own (thoughtbot guide, GitLab
        # handbook, VA.gov session as a transcriber gives them)
        ("What kinds of products do you order on your mobile device if any?",
         ["What kinds of products do you order on your mobile device if any?"]),
        ("In terms of development, where are you at on the continuous delivery spectrum?",
         ["where are you at on the continuous delivery spectrum?"]),
        ("where on this page do you think you'd want to click",
         ["where on this page do you think you'd want to click?"]),
        ("imagine that you had to renew your benefits where would you start",
         ["where would you start?"]),
        ("we use slack for most things what tools do you use for planning",
         ["what tools do you use for planning?"]),
        # a verb or a subject after the wh-word: the auxiliary opens a question of its own
        ("who owns that stack do you have a data team",
         ["who owns that stack?", "do you have a data team?"]),
        ("describe to me what that means were you filling out forms",
         ["were you filling out forms?"]),
        # PostHog handbook: "how many" takes a longer phrase
        ("how many products or apps does your company maintain",
         ["how many products or apps does your company maintain?"]),
        # VA.gov session: "where to…" is a clause, the question after it its own
        ("they're trying to figure out where to send your question does this feel like the "
         "right moment for them to ask you that",
         ["does this feel like the right moment for them to ask you that?"]),
        # GitLab handbook as a transcriber gives it: a subject, its adverb, then its verb
        ("what could be better about how you currently do this task or process",
         ["what could be better about how you currently do this task or process?"]),
    ],
)  # fmt: skip
def test_an_auxiliary_after_a_wh_phrase_belongs_to_its_question(
    text: str, questions: list[str]
) -> None:
    assert [s.text for s in parse(text).questions] == questions


def test_a_wh_question_is_not_closed_for_its_auxiliary() -> None:
    from app.coach.features import rule_hits

    for text in (
        "what type of notifications do you expect to see",
        "where on this page do you think you'd want to click",
        "if you wanted to learn more where would you look",
    ):
        assert not rule_hits(parse(text))["rule_closed"], text
    assert rule_hits(parse("who owns that stack do you have a data team"))["rule_closed"]


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # 18F guide: a task set with "do" and an article, written and as a transcriber gives it
        ("Now do the same for being a veteran.", False),
        ("have a look at the menu and tell me what you see", False),
        # VA sessions: "do that" set as a task
        (
            "okay cool i'll give you a minute to go ahead and do that and just give me a shout if "
            "you need it",
            False,
        ),
        ("Do that same thing.", False),
        # the same opening words asking about a subject
        ("Do the forms ask for your address", True),
        ("have you had a look at it", True),
    ],
)
def test_a_task_set_with_do_or_have_is_no_question(text: str, asks: bool) -> None:
    assert bool(parse(text).questions) is asks
