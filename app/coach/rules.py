"""Text rules for one interviewer (or participant) utterance: which cue kinds its words show.

Every rule reads the words only; the engine adds role, phase and time. `selling` also asks the
trained classifier (app.coach.selling) because pitches need not use any fixed phrase.
"""

from __future__ import annotations

import re

from app.coach.text import (
    AUXILIARIES,
    WH_WORDS,
    first_word,
    is_question,
    normalise,
    question_sentences,
    sentences,
    strip_openers,
    strip_quotes,
    words,
)

_I = re.IGNORECASE

# -- why -------------------------------------------------------------------------------------
_WHY_HEAD = re.compile(r"^(?:why|how come)\b", _I)
_WHY_AUX = re.compile(
    r"\bwhy\s+(?:not\b|do|does|did|is|are|was|were|would|will|should|can|could|have|has|had|"
    r"don't|didn't|doesn't|isn't|aren't|wasn't|wouldn't|won't|haven't|that|this|'s|'d)\b"
    r"|\bwhy\s*\?|(?:\b(?:and|but|so|or)\s+|[,;:]\s*)why\b(?!\s+(?:you|they|he|she|we|i|it)\b)",
    _I,
)


# "Why don't we move on" proposes; it asks for no reason.
_WHY_PROPOSAL = re.compile(r"\bwhy (?:don't|dont) (?:we|i)\b", _I)


def why_question(text: str) -> str | None:
    """The why-question in the text, or None. "Tell me more about why you..." is not one."""
    for sentence in sentences(strip_quotes(text)):
        core = strip_openers(sentence)
        if _WHY_PROPOSAL.search(core):
            continue
        head = _WHY_HEAD.match(core)
        if head and (is_question(sentence) or _WHY_AUX.search(core)):
            return sentence
        if is_question(sentence) and _WHY_AUX.search(core):
            return sentence
    return None


# -- closed ----------------------------------------------------------------------------------
_REQUEST = re.compile(
    r"^(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|walk|describe|share|talk|explain|"
    r"give|show me|help me|say more|elaborate|expand|go through|take me|paint|run me|mind|"
    r"remind|think of a time|recall a time|go back)\b",
    _I,
)
_TAG = re.compile(
    r",\s*(?:right|yeah|correct|no|huh|yes|true|isn't it|don't you|wouldn't you|didn't you|"
    r"aren't you|doesn't it|wasn't it|didn't it|isn't that|don't they|am i right|agreed|ok|okay|"
    r"did they|did you|do they|do you|does it|is it|was it|were they|have you|didn't they)"
    r"\s*\?\s*$",
    _I,
)


_WH_CLAUSE = re.compile(
    r"(?:^|[,;:—–]\s*|\s-\s|\b(?:and|but|so|or)\s+)(?:what|how|why|when|where|who|which|whose)\b",
    _I,
)
_AUX_CLAUSE = re.compile(
    r",?\s+(?:and|but)\s+(?:is|are|was|were|do|does|did|have|has|can|could)\s+"
    r"(?:that|it|this|there|you|they|he|she|we)\b",
    _I,
)


def _is_closed_question(sentence: str) -> bool:
    core = strip_openers(sentence)
    if _REQUEST.match(core) or _TAG.search(core):
        return False
    first = first_word(core)
    if first in AUXILIARIES or _AUX_CLAUSE.search(core):
        return True
    # "You export it every week?": a statement asked as a question, no wh-word opening a
    # clause ("it's you who does it?" is still yes/no; "you said X, what then?" is not).
    found = words(core)
    return (
        bool(found)
        and first not in WH_WORDS
        and not _WH_CLAUSE.search(core)
        and not core.lower().startswith(
            ("tell me", "walk me", "talk me", "help me", "describe", "say more", "give me")
        )
    )


def closed_question(text: str) -> str | None:
    """A yes/no question by its form (the engine cues it only during Go deeper)."""
    for sentence in question_sentences(text):
        if _is_closed_question(sentence):
            return sentence
    return None


# -- leading ---------------------------------------------------------------------------------
_LEADING = re.compile(
    r"^(?:wouldn't|won't|doesn't|don't|isn't|aren't|wasn't|weren't|didn't|haven't|hasn't|"
    r"can't|couldn't|shouldn't)\b"
    r"|\b(?:do you not|would you not|you'd agree|would you agree|do you agree|wouldn't you agree|"
    r"would you say (?:that|the|it|it's|its|this|your|you're)|surely|i bet|i'm guessing you|i guess you|i assume you|"
    r"i imagine you|i'd imagine|i'm sure you|you must (?:have|be|find|hate|love)|"
    r"that must (?:have been|be)|must have been (?:so|really|pretty)|you probably|"
    r"don't you think|wouldn't it be)\b"
    r"|^how (?:frustrating|annoying|painful|great|awful|amazing|terrible|cool|helpful|"
    r"useful|awesome|nice|bad|stressful|exciting|convenient|tedious|fun|irritating)\b",
    _I,
)
_LOVE_HATE = re.compile(r"^how much do (?:you|they|people) (?:love|hate|like|enjoy|dislike)\b", _I)
_OPINION = re.compile(
    r"\b(?:i think|i feel|i believe|personally|in my opinion|i love|i hate|i find|honestly,? i|"
    r"to me|we think|we believe|we feel|everyone (?:hates|loves|says|tells)|most people|"
    r"a lot of people (?:tell|say|hate|love|find)|everybody|i've always (?:thought|felt|found)|"
    r"the best part|the worst part|obviously|clearly|it's (?:so|really) (?:annoying|painful|"
    r"frustrating|great|hard)|(?:is|are|was) (?:so|really|super) (?:annoying|painful|"
    r"frustrating|clunky|broken|slow|confusing|great|useful))\b",
    _I,
)


def leading_question(text: str) -> str | None:
    questions = question_sentences(text)
    if not questions:
        return None
    for sentence in questions:
        core = strip_openers(normalise(sentence))
        if _LEADING.search(core) or _LOVE_HATE.search(core) or _TAG.search(core):
            return sentence
    # An opinion said before the question steers the answer.
    parts = sentences(strip_quotes(text))
    seen_opinion = False
    for sentence in parts:
        if is_question(sentence):
            if seen_opinion:
                return sentence
        elif _OPINION.search(sentence):
            seen_opinion = True
    return None


# -- hypothetical ----------------------------------------------------------------------------
_HYPOTHETICAL = re.compile(
    r"(?:\b(?:would|will|wouldn't)|(?<!why)(?<!how)(?<!what)(?<!who)(?<!when)(?<!where)'d)"
    r"\s+(?:you|your team|they|people|anyone|your company|your boss|"
    r"your manager|customers|users|folks)\s+(?:ever\s+|still\s+|actually\s+|really\s+|then\s+)?"
    r"(?:use|buy|pay|switch|try|want|consider|recommend|sign|be willing|be interested|prefer|"
    r"need|choose|replace|adopt|upgrade|purchase|subscribe|spend|value|miss|care|download|"
    r"install|move|go for|keep|stop|drop|find (?:it|that|this)|like it if|like a|"
    r"like an|like something|love (?:it|a|that)|trust|expect|be excited|get|look at)\b"
    r"|\bhow much would\b|\bwhat would you (?:pay|spend|expect|be willing)\b"
    r"|\bdo you think (?:it|this|that|we|people|you|customers|a|an|your|there)\b.*\b(?:good "
    r"idea|useful|would|will|valuable|worth|make sense|work for|help|sell|catch on|take off)\b"
    r"|\b(?:imagine|picture this|suppose|supposing|let's say|say we|what if|if we (?:built|"
    r"added|made|offered|launched|had|could|gave|were to|did|shipped|released|lowered|"
    r"changed)|if you (?:had|could|were|got) |if there (?:was|were) (?:a|an|some)|in an ideal "
    r"world|magic wand)\b"
    r"|\b(?:will you|are you going to|are you planning to|do you plan to)\s+(?:use|buy|pay|"
    r"switch|try|sign up|upgrade|renew|recommend|keep)\b"
    r"|\b(?:would|will) (?:it|that|this|something like that|a feature like that) (?:help|be "
    r"useful|be valuable|make|change|be worth|solve|work|save|be helpful|be something|fix|"
    r"matter|appeal)\b"
    r"|\b(?:could|can) you see yourself\b|\bis (?:this|that|it) something (?:you'd|you would|"
    r"your team would|you might)\b",
    _I,
)
_NOT_HYPOTHETICAL = re.compile(
    r"\bwould you (?:say|mind|walk|tell|describe|explain|share|like to (?:see|join|book|hear|"
    r"schedule|try|add|start|talk|go|take|share|tell))\b",
    _I,
)


# Asking for permission is a real request about now, not a hypothetical.
_PERMISSION = re.compile(
    r"\b(?:follow up|follow-up|email you|e-mail you|record|recording|reach out|contact you|"
    r"another call|chat again|talk again|quote you|share your name)\b",
    _I,
)


def hypothetical_question(text: str) -> str | None:
    for sentence in sentences(strip_quotes(text)):
        core = normalise(sentence)
        if _PERMISSION.search(core):
            continue
        if not is_question(sentence) and not re.search(
            r"\b(?:imagine|suppose|picture)\b", core, _I
        ):
            continue
        cleaned = _NOT_HYPOTHETICAL.sub(" ", core)
        if _HYPOTHETICAL.search(cleaned):
            return sentence
    return None


# -- stacked ---------------------------------------------------------------------------------
_SECOND_CLAUSE = re.compile(
    r"(?:,\s*|\s)(?:and|also|plus|or|but)\s+(?:then\s+|also\s+)?(?:what|how|why|when|where|who|"
    r"which|did you|do you|does it|is it|is that|is this|are you|are they|was it|was that|"
    r"were you|have you|can you|could you)\b",
    _I,
)
_ALTERNATIVE = re.compile(r"\bor\s+(?:did|do|does|is|are|was|were|have|has|can|could)\b", _I)


def question_count(text: str) -> int:
    """Questions asked in the text; "What do you use and how did you pick it?" counts two."""
    count = 0
    for sentence in question_sentences(text):
        count += 1
        for match in _SECOND_CLAUSE.finditer(strip_openers(sentence)):
            if not _ALTERNATIVE.match(match.group(0).strip(" ,")):
                count += 1
    return count


def stacked_questions(text: str) -> bool:
    return question_count(text) >= 2


# -- self focus (text) -----------------------------------------------------------------------
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_ABOUT_ME = re.compile(
    r"\b(?:my name is|i'm a\b|i'm the\b|i've been (?:at|working|doing|in)|a bit about (?:me|"
    r"myself)|my background|i used to|before (?:that|this) i|i started (?:at|my|out)|"
    r"i joined|my role|my job|my team and i|i studied|i grew up|i'm based|i live in|"
    r"i spent|i moved)\b",
    _I,
)


def self_talk(text: str) -> bool:
    """The interviewer talking about themselves rather than asking (a statement, I-heavy)."""
    statements = [s for s in sentences(strip_quotes(text)) if not is_question(s)]
    if not statements:
        return False
    body = " ".join(statements)
    found = words(body)
    if len(found) < 6:
        return False
    first = sum(1 for w in found if w in _FIRST_PERSON)
    return bool(_ABOUT_ME.search(body)) and first >= 2 or first >= 4 and first / len(found) >= 0.1


# -- generality (participant) ----------------------------------------------------------------
_GENERAL = re.compile(
    r"\b(?:usually|typically|generally|normally|always|tend to|tends to|most of the time|"
    r"in general|every time|ordinarily|as a rule|more often than not|by and large|"
    r"on a typical|nine times out of ten|most days|any time we|whenever (?:we|i|they))\b",
    _I,
)
_SPECIFIC = re.compile(
    r"\b(?:last (?:time|week|month|year|tuesday|monday|wednesday|thursday|friday|quarter|"
    r"sprint|night)|yesterday|this morning|the other day|two weeks ago|a week ago|"
    r"a few days ago|once,|one time)\b",
    _I,
)


def generality(text: str) -> str | None:
    """The general statement in a participant's answer ("we usually..."), or None."""
    for sentence in sentences(strip_quotes(text)):
        if is_question(sentence) or _SPECIFIC.search(sentence):
            continue
        match = _GENERAL.search(sentence)
        if match:
            return sentence
    return None


# -- selling (rules part; the classifier covers pitches without these phrases) ---------------
_SELL_STATEMENT = re.compile(
    r"\b(?:(?:our|my) (?:new |latest )?(?:product|app|tool|platform|software|solution|service|"
    r"feature|dashboard|integration|api|plugin|extension|pro plan|premium plan|enterprise plan)s?"
    r" (?:can|will|does|lets|helps|makes|gives|has|offers|solves|handles|automates|supports|"
    r"would|could|actually|already|now|really)|"
    r"we(?:'ve| have)? (?:just |recently )(?:launched|released|shipped|rolled out|added)|"
    r"we (?:launched|released|shipped|rolled out|added) (?:a|an) (?:new )?(?:feature|version|"
    r"integration|plan|tier|module)|"
    r"we (?:can|could) (?:set you up|get you|give you|offer you|throw in|extend your|upgrade you)|"
    r"(?:give|offer|get|send|extend) you (?:a |an |the |your )?(?:\w+ )?(?:discount|free trial|"
    r"trial|coupon|promo code|deal|early access|quote)|(?:discount|trial|deal|offer) (?:for you|"
    r"if you)|we have (?:a|an) (?:free trial|discount|special offer|promotion)|"
    r"we(?:'re| are) running|\d+ ?%|percent off|at no extra (?:cost|charge)|free of charge|"
    r"on the house|we now (?:integrate|support|offer|have|do)|(?:move|switch|come) (?:over )?to "
    r"us|(?:suggest|recommend) (?:giving|trying|checking out|using) (?:our|the) \w+(?: \w+)? "
    r"(?:a go|plan|tier|add-on|feature|version)|"
    r"(?:book|schedule|set up|get) (?:a|you a) (?:quick )?demo|let me show you|"
    r"i can show you|happy to show you|i'd love to show you|i'll send you (?:a|the) (?:link|"
    r"quote|contract|pricing)|sign up today|sign the contract|upgrade (?:today|now)|"
    r"you should (?:really )?(?:try|switch|upgrade|check out|sign up)|"
    r"that's exactly what (?:we|our)|does exactly (?:that|this|what you)|"
    r"exactly what you(?:'re| are) (?:describing|looking for|after)|we solve (?:that|this|exactly)|"
    r"we have a (?:plan|tier|package|feature|module) (?:for|that))\b",
    _I,
)
_SELL_OFFER = re.compile(
    r"\b(?:(?:give|gave|get|offer|offered|throw in)\s+you\s+(?:\w+\s+){0,4}(?:free|off|"
    r"discount|on the house|trial)|have you seen our (?:new|latest)|would you like to (?:see|try|book|schedule|sign|start|upgrade|hop on|set up|get)|"
    r"want me to (?:show|send|set|sign|walk you through)|can i (?:set you up|send you|show you|"
    r"book|get you)|should i (?:send you|set you up|book)|interested in (?:a|an|our) (?:demo|"
    r"trial|upgrade|discount|annual plan|pro plan|premium)|shall we (?:book|schedule|set up)|"
    r"are you free (?:for|to) (?:a )?(?:demo|call with sales)|ready to (?:sign|upgrade|buy))\b",
    _I,
)


def selling_phrase(text: str) -> str | None:
    for sentence in sentences(text):
        if is_question(sentence):
            if _SELL_OFFER.search(sentence):
                return sentence
        elif _SELL_STATEMENT.search(sentence) or _SELL_OFFER.search(sentence):
            return sentence
    return None
