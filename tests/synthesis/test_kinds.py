"""The question, emotion and workaround recognisers, on lines from the coach corpus's
development interviews (VA.gov research sessions, public domain; RIT Mismatches, CC BY 3.0;
podcast transcripts, see resources/coach_corpus/MANIFEST.md)."""

import pytest

from app.synthesis.highlights import _sentences
from app.synthesis.kinds import emotional_statement, question_asked, workaround


def _asked(line: str, prompt: str = "") -> list[str]:
    sentences = _sentences(line)
    return [s for i, s in enumerate(sentences) if question_asked(sentences, i, prompt)]


@pytest.mark.parametrize("line", [
    "But your question will be tied to your account. Where would the answer go? It would just go "
    "in the ethos, I guess.",
    "No, we don't. No, we don't have the mobile app. How do we fly it into my healthy bit? "
    "That's not a mobile app.",
])  # fmt: skip
def test_a_question_put_to_the_interviewer_counts(line: str) -> None:
    assert len(_asked(line)) == 1


@pytest.mark.parametrize(("line", "kind"), [
    ("What do you mean, like, open API?", "clarifying the interviewer's question"),
    ("Now what do I do?", "session mechanics"),
    ("Even though it's still counting down?", "a declarative check"),
    ("Um… I can't remember. It must have been two PyCons ago? I forget when it came up.",
     "a guess"),
    ("I think, that you know those 3 main things are the 3 main things you probably want to "
     "know about, hey? I got appointments coming up.", "a tag question"),
    ("I bump into them every once in a while, and I says, oh, I remember you, yeah, he says, "
     "how are you doing? Did you get any place with them? I said, not yet.", "retold"),
    ("So when we look at things being well maintained, we almost always mean: If someone finds "
     "a bug that has a security impact, is anyone upstream going to be able to fix it? So that "
     "could mean… Is anyone paying attention? Does anyone know the software well enough to do "
     "the fixes?", "rhetorical, answered by the speaker"),
    ("Would you like to apply for benefits for a primary caregiver? Okay, so that would be me. "
     "Okay. And I guess I would like to apply or benefits, and I would think I don't know.",
     "the form's question read aloud, then answered"),
])  # fmt: skip
def test_talk_that_only_looks_like_a_question_does_not_count(line: str, kind: str) -> None:
    assert _asked(line) == [], kind


def test_repeating_the_interviewers_question_back_is_no_question() -> None:
    prompt = "What would you do if you couldn't find an option that fits your needs?"
    assert _asked("What would I do if I couldn't find an option?", prompt) == []
    assert _asked("What would I do if I couldn't find an option?") != []


@pytest.mark.parametrize("sentence", [
    "So I think this is great, this, this this is good.",
    "And so I'm I'm tired of sitting in front of a computer screen.",
    "Honestly I was so frustrated, I hated that whole portal experience.",
    "So if you're a veteran in crisis, it's in red, which is amazing, because they know.",
])  # fmt: skip
def test_a_strong_feeling_of_the_speaker_is_an_emotional_statement(sentence: str) -> None:
    assert emotional_statement(sentence)


@pytest.mark.parametrize("sentence", [
    "But we of course would love to a lot of that stuff happen inside Linear.",  # a wish
    "It's still innovation equals win and we're just trying to play the game.",  # no feeling
    "So Silicon Valley is really obsessed with this idea of innovation, it's generous.",
    "No, it's pretty quite easy.",  # mild, however it is hedged
    "I'm a computer science student and I can't stand by and see the world's freedom go.",
    "I love that question, let me think.",
    "I wasn't upset about it at all.",
])  # fmt: skip
def test_words_with_sentiment_are_not_enough(sentence: str) -> None:
    assert emotional_statement(sentence) is None


@pytest.mark.parametrize("sentence", [
    "I took it down to our the Bso.",
    "I had to send… I had to, make paper copies and fill it out and send it to Janesville.",
    "So now I keep a spreadsheet of every claim by myself at home.",
    "I ended up calling them every single day instead.",
])  # fmt: skip
def test_a_way_around_a_problem_is_a_workaround(sentence: str) -> None:
    assert workaround(sentence)


@pytest.mark.parametrize("sentence", [
    "The biggest thing that I do now is the Google Summer of Code effort.",
    "A lot of people use Google Sheets, and spreadsheets, managing their projects.",
    "Just that my nephew said he did, so I said, well, I'm gonna try.",
    "I had to go to Wausau, and they paid me to go to have the physical.",
    "I never had to print anything out.",
])  # fmt: skip
def test_mentions_of_tools_and_trips_are_not_workarounds(sentence: str) -> None:
    assert workaround(sentence) is None
