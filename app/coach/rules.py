"""Text rules for one interviewer (or participant) utterance: which cue kinds its words show.

Every rule reads the words only; the engine adds role, phase and time. `selling` also asks the
trained classifier (app.coach.selling) because pitches need not use any fixed phrase.
"""

from __future__ import annotations

import re

from app.coach.parse import ParsedTurn
from app.coach.text import AUXILIARIES, WH_WORDS, first_word, normalise, strip_openers, words

_I = re.IGNORECASE

# -- why -------------------------------------------------------------------------------------
_WHY_HEAD = re.compile(r"^(?:why|how come)\b", _I)
_WHY_AUX = re.compile(
    r"\bwhy\s+(?:not\b|do|does|did|is|are|was|were|would|will|should|can|could|have|has|had|"
    r"don't|didn't|doesn't|isn't|aren't|wasn't|wouldn't|won't|haven't|that|this|'s|'d)\b"
    r"|\bwhy\s*\?|(?:\b(?:and|but|so|or)\s+|[,;:]\s*)why\b(?!\s+(?:you|they|he|she|we|i|it)\b)",
    _I,
)


# "Why don't we move on", "why don't you show me": a proposal or an invitation, not a reason.
_WHY_PROPOSAL = re.compile(
    r"\bwhy (?:don't|dont|not) (?:we|i|you)\b|^why (?:don't|dont)\W*$"
    # musing and explaining, not asking: "I wonder why?", "the reason why is…"
    r"|\b(?:wonder|reason|that's|that is|which is) why\b",
    _I,
)
# "Sure, why not." agrees; a bare "Why not?" after a refusal still asks.
_WHY_AGREE = re.compile(r"^(?:sure|yeah|yes|okay|ok|well|fine|i mean)\b[\s,]*why not\W*$", _I)


# "Why it muted you I don't know", "why you would choose, I'm not sure": a clause about a
# reason (no inversion), not a question; "Why you?" alone still asks.
_WHY_CLAUSE = re.compile(r"^why\s+(?:i|you|we|they|he|she|it|people|there)\s+\w", _I)
# Asking for a reason through a request or a probe (GUIDE.md: "Could you tell me why you…?",
# "Do you have any thoughts on why…?" are why); "tell me more about why" stays an invitation.
_WHY_INDIRECT = re.compile(
    r"\b(?:can|could|would) you (?:tell|explain(?: to)?|say) (?:me |us )?why\b"
    r"|\bany (?:thoughts|idea|ideas|sense|guesses) (?:on|about|of|as to) why\b|\bdo you know why\b",
    _I,
)
_BECAUSE = re.compile(r"^(?:well,?\s+)?(?:because|cause|'cause)\b", _I)


def why_question(turn: ParsedTurn) -> str | None:
    """The why-question in the turn, or None. "Tell me more about why you..." is not one, nor
    is a rhetorical one the speaker answers at once ("Why do we need it? Because…")."""
    sentences = turn.sentences
    for i, sentence in enumerate(sentences):
        core = sentence.core
        if _WHY_PROPOSAL.search(core) or _WHY_AGREE.match(sentence.text):
            continue
        if _WHY_CLAUSE.match(core):
            continue
        if i + 1 < len(sentences) and _BECAUSE.match(sentences[i + 1].core):
            continue
        if sentence.is_question and _WHY_INDIRECT.search(core):
            return sentence.text
        head = _WHY_HEAD.match(core)
        if head and (sentence.is_question or _WHY_AUX.search(core)):
            return sentence.text
        if sentence.is_question and _WHY_AUX.search(core):
            return sentence.text
    return None


# -- closed ----------------------------------------------------------------------------------
_REQUEST = re.compile(
    r"^(?:can|could|would|will)\s+you\s+(?:please\s+|just\s+|maybe\s+)?(?:tell|walk|describe|share|"
    r"talk|explain|give|show me|help me|say|repeat|speak|elaborate|expand|unpack|clarify|go|"
    r"take me|paint|run me|mind|remind|think of a time|recall a time|keep|scroll|click|swipe|"
    r"try|read|open|find|navigate|pull up|type|select)\b",
    _I,
)
# "Do you remember how you heard about it?": an indirect wh-question asks for the how.
_INDIRECT = re.compile(
    r"^(?:do|did|can|could)\s+you\s+(?:still\s+)?(?:remember|recall|know|think of|describe|"
    r"say|tell me|explain|imagine)\b.*\b(?:what|how|when|where|who|which|why|whether|if)\b",
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


_NOT_CLOSED = re.compile(
    r"^(?:(?:is there )?anything else|(?:does )?(?:that|this) make sense|can you (?:hear|see) me|"
    r"(?:are you )?ready|(?:is it|is that|would it be) (?:ok|okay|alright|all right|fine) (?:if|to|"
    r"with)|do you mind|can (?:you|i) (?:share|record|start)|(?:do you )?have (?:any )?questions|"
    r"any questions|you know|sound good|sounds good|(?:does that|that) sound|"
    # proposals about the conversation itself, and bare "any…?" probes
    r"(?:do you want to|would you like to|can we|could we|shall we|should we|can i|could i|"
    r"may i|let's)\b|(?:any|anything)\b)",
    _I,
)


# Reactions and echoes said with a rising voice: "Is it really?", "Did you?", "Is that right?"
_REACTION = re.compile(
    r"^(?:(?:is|was|did|do|does|are|were|have|has)\s+(?:it|that|you|they|he|she|we)"
    r"(?:\s+(?:really|now|so|right|true))?|really|seriously|oh yeah|no way)[?!.\s]*$",
    _I,
)


def closed_question(turn: ParsedTurn) -> str | None:
    """A yes/no question by its form (the engine cues it only during Go deeper)."""
    for sentence in turn.questions:
        core = sentence.core
        if (
            _NOT_CLOSED.match(core)
            or _ALTERNATIVES.search(core)
            or _REACTION.match(core)
            or _INDIRECT.match(core)
        ):
            continue
        if turn.punctuated and core[:1].islower():
            continue  # a fragment cut out of a longer sentence ("-- do it?"), not a question
        if len(sentence.words) <= 2:
            continue  # an echo or a clarification ("Co-students?", "10 years?")
        if _is_closed_question(sentence.text):
            return sentence.text
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
# An evaluative opinion of the interviewer's, said right before the question it colours.
_OPINION = re.compile(
    r"\b(?:i (?:think|feel|believe|find|bet|guess)|personally|in my opinion|honestly|to me|"
    r"we (?:think|believe|feel)|everyone|everybody|most people|obviously|clearly|"
    r"i (?:really )?(?:love|hate|like|loved|hated|liked))\b"
    r"(?=[^.?!]*\b(?:great|better|best|easier|easy|harder|hard|worse|worst|frustrating|annoying|"
    r"painful|amazing|awesome|cool|love|hate|terrible|awful|broken|clunky|confusing|slow|fast|"
    r"simple|beautiful|brilliant|genius|useful|valuable|helpful|important|problem|pain)\b)",
    _I,
)


def leading_form(turn: ParsedTurn) -> str | None:
    """A question leading by its very form ("Wouldn't it be great…", "Don't you think…", "How
    frustrating was…"): the crisp part of `leading`, without the opinion before it."""
    for sentence in turn.questions:
        if _LEADING.search(sentence.core) or _LOVE_HATE.search(sentence.core):
            return sentence.text
    return None


def leading_question(turn: ParsedTurn) -> str | None:
    questions = turn.questions
    if not questions:
        return None
    for sentence in questions:
        core = sentence.core
        if _LEADING.search(core) or _LOVE_HATE.search(core):
            return sentence.text
    # An evaluative opinion said right before the question steers the answer. ("…, right?"
    # alone is no evidence: after a fact it only checks it; the model weighs it as a feature.)
    previous: str | None = None
    for sentence in turn.sentences:
        if sentence.is_question and previous is not None and _OPINION.search(previous):
            return sentence.text
        previous = None if sentence.is_question else sentence.text
    return None


def tag_question(turn: ParsedTurn) -> str | None:
    """A claim followed by "…, right?" / "…, isn't it?": leading after an opinion, a fact
    check after a fact."""
    for sentence in turn.questions:
        if _TAG.search(sentence.core):
            return sentence.text
    return None


# -- hypothetical ----------------------------------------------------------------------------
# Asking the participant to predict their own (or others') future choices, or to judge a
# product idea. "Would" alone is not enough: "what would you say was…" is politeness and "what
# would you do next on this page?" is a usability task.
_HYPOTHETICAL = re.compile(
    r"\b(?:would|will|'d|wouldn't)\s+(?:you|your (?:team|company|boss|manager|users|customers)|they|"
    r"people|anyone|others|customers|users|teams?|folks)\s+(?:ever\s+|still\s+|actually\s+|"
    r"really\s+|then\s+|personally\s+)?(?:use|buy|pay|switch|try|consider|adopt|purchase|"
    r"subscribe|sign up|upgrade|replace|move to|miss|benefit|"
    r"consider (?:using|buying|paying|switching|it|this|that)|recommend (?:it|this|us|them|\\w+ to)|choose (?:it|this|that|us)|want (?:it|this|that|something|"
    r"a |an |to (?:use|buy|pay|switch|try))|find (?:it|this|that) (?:useful|valuable|helpful)|"
    r"be (?:willing|interested|open to (?:using|paying|trying|switching)|excited|likely))\b"
    r"|\b(?:would|will|could|might)\s+(?:it|that|this|something like (?:this|that)|a (?:\w+ )?"
    r"(?:feature|tool|product|app|service) like (?:this|that)|\w+)\s+be\s+(?:useful|valuable|"
    r"helpful|worth|enough|a good idea|something (?:you|your))\b"
    r"|\bwhat would (?:make|get|convince|push|need to happen|help) (?:you|them|your|it)?"
    r"|\bwhat would need to happen\b|\bwhat would it take\b"
    r"|\bhow (?:likely|much|often) would (?:you|they|people|your team) (?:be|pay|spend|use)\b"
    r"|\b(?:do|would|can|could) you (?:think|see|imagine|expect) (?:yourself|you'?d|you would|you will|"
    r"people|your team|others|customers|they|it) (?:would |will |ever |might )?(?:use|using|buy|"
    r"buying|pay|paying|switch|adopt|want|benefit|be useful|help)\b"
    r"|\bis (?:this|that|it) something (?:you|your team|people|they)(?:'d| would| might| could)\b"
    r"|\bif (?:we|you|they|someone) (?:built|had|could|offered|made|added|launched|released|"
    r"were to|gave|started)\b[^?]*\b(?:would|will|'d)\b"
    r"|\bwho else would (?:find|benefit|use|want|be)\b"
    r"|\b(?:other|which|any) (?:teams|groups|people|departments) (?:that )?(?:would|might) "
    r"(?:find|benefit|use|want)\b"
    r"|\bdo you (?:plan|intend|expect|anticipate)\b"
    # Future plans and forecasts, and forward-looking wishes (GUIDE.md, audit of 2026-11-27).
    r"|\b(?:are|is) (?:you|your (?:team|company|org|organization)|they) (?:planning|hoping|"
    r"thinking of|considering) (?:to |on )?\w+"
    r"|\bin the (?:next|coming) (?:few )?(?:weeks|months|year|years|six months|quarter)\b"
    r"|\bwhere (?:is|do you see) (?:this|it|that) (?:headed|going)\b"
    r"|\b(?:what|anything|something|anywhere|which \w+|any \w+)(?: else)? (?:would you|you'd|"
    r"you would)(?: ideally| really)? (?:like|want|love) (?:to )?(?:see|have|add|change|get|"
    r"improve|send|connect|do)\b"
    r"|\b(?:magic wand|ideal world|perfect world|ideal state|dream (?:tool|solution))\b",
    _I,
)
# Politeness and usability tasks that look like predictions.
_NOT_HYPOTHETICAL = re.compile(
    r"\bwould you (?:say|mind|walk|tell|describe|explain|share|like to (?:see|join|book|hear|"
    r"schedule|add|start|talk|go|take|share|tell))\b"
    r"|\b(?:what|where|which|how) would you (?:do|choose|click|select|expect|look|type|pick|go|"
    r"start|find|navigate|change|fill|search)\b(?=[^?]*\b(?:here|next|first|now|on (?:this|the)|"
    r"in (?:this|the)|page|screen|list|form|button|scenario|task)\b)",
    _I,
)


# Asking for permission is a real request about now, not a hypothetical.
_PERMISSION = re.compile(
    r"\b(?:follow up|follow-up|email you|e-mail you|record|recording|reach out|contact you|"
    r"another call|chat again|talk again|quote you|share your name|share your screen)\b",
    _I,
)


def hypothetical_question(turn: ParsedTurn) -> str | None:
    for sentence in turn.questions:
        core = normalise(sentence.text)
        if _PERMISSION.search(core):
            continue
        cleaned = _NOT_HYPOTHETICAL.sub(" ", core)
        if _HYPOTHETICAL.search(cleaned):
            return sentence.text
    return None


# A broader frame than `_HYPOTHETICAL`, as a feature the models weigh (not a verdict): a
# question set in an imagined situation ("If you wanted to…, where would you look?", "Let's say
# you couldn't…, what would you do?") or asking what someone would want, prefer or expect.
# Real interviews label these hypothetical far more often than the narrow product-prediction
# form above catches (bench/cues.py: hypothetical recall 0.22 with the narrow rule alone).
_CONDITIONAL = re.compile(
    r"\b(?:if|suppose|supposing|imagine|let'?s say|say that|what if|hypothetically|in a world "
    r"where|pretend|assuming)\b[^?]*\b(?:would|'d|might|could)\b"
    r"|\b(?:would|'d|might)\s+(?:you|they|people|your \w+|it|that|this|there)\b[^?]*\b(?:if|in "
    r"the future|someday|one day|eventually|ever again|next time)\b"
    r"|\bwould (?:you|they|people|your \w+) (?:like|want|prefer|expect|envision|imagine|need|"
    r"choose|consider|find|feel|be|ever)\b"
    r"|\bwhat (?:would|might) (?:you|they|people|your \w+|it|that|happen|make)\b(?!\s+say)"
    r"|\b(?:who|which|what) (?:else |other \w+ )?(?:would|might) (?:benefit|find|want|be)\b",
    _I,
)


def conditional_question(turn: ParsedTurn) -> str | None:
    """A question asked in an imagined situation; the situation is often its own clause
    ("If you wanted to learn more, | where would you look?"), so the sentence before counts."""
    before = ""
    for sentence in turn.sentences:
        if sentence.is_question and sentence in turn.questions:
            core = normalise(sentence.text)
            if not _PERMISSION.search(core):
                context = f"{before} {_NOT_HYPOTHETICAL.sub(' ', core)}".strip()
                if _CONDITIONAL.search(context):
                    return sentence.text
        before = normalise(sentence.text)
    return None


# -- stacked ---------------------------------------------------------------------------------
_SECOND_CLAUSE = re.compile(
    r"(?:,\s*|\s)(?:and|also|plus|or|but)\s+(?:then\s+|also\s+)?(?:what|how|why|when|where|who|"
    r"which|did you|do you|does it|is it|is that|is this|are you|are they|was it|was that|"
    r"were you|have you|can you|could you)\b",
    _I,
)
_ALTERNATIVES = re.compile(r"\bor\b(?!\s+(?:not|something|anything|so)\b)", _I)
_ALTERNATIVE = re.compile(r"\bor\s+(?:did|do|does|is|are|was|were|have|has|can|could)\b", _I)


def question_clauses(turn: ParsedTurn) -> list[str]:
    """The questions of a turn, a sentence with "...and how did you..." giving two."""
    clauses: list[str] = []
    for sentence in turn.questions:
        core = sentence.core
        last = 0
        for match in _SECOND_CLAUSE.finditer(core):
            if _ALTERNATIVE.match(match.group(0).strip(" ,")):
                continue
            clauses.append(core[last : match.start()])
            last = match.start()
        clauses.append(core[last:])
    return [c.strip(" ,") for c in clauses if c.strip(" ,")]


def question_count(turn: ParsedTurn) -> int:
    """Questions asked; "What do you use and how did you pick it?" counts two."""
    return len(question_clauses(turn))


# -- self focus (text) -----------------------------------------------------------------------
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_ABOUT_ME = re.compile(
    r"\b(?:my name is|i'm a\b|i'm the\b|i've been (?:at|working|doing|in)|a bit about (?:me|"
    r"myself)|my background|i used to|before (?:that|this) i|i started (?:at|my|out)|"
    r"i joined|my role|my job|my team and i|i studied|i grew up|i'm based|i live in|"
    r"i spent|i moved)\b",
    _I,
)


def self_talk(turn: ParsedTurn) -> bool:
    """The interviewer talking about themselves rather than asking (a statement, I-heavy)."""
    statements = [s.text for s in turn.statements]
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


_IDIOM = re.compile(
    r"\b(?:as always|always (?:a pleasure|happy|nice|good to|great to)|you can always|"
    r"(?:i've|i have|we've|have) always (?:wanted|been|thought|felt|loved|liked)|not always|"
    r"always been|almost always|like always|same as always)\b",
    _I,
)


def generality(turn: ParsedTurn) -> str | None:
    """The general statement in a participant's answer ("we usually..."), or None."""
    if any(_SPECIFIC.search(s.text) for s in turn.sentences):
        return None  # a specific instance follows: the general remark is context
    for sentence in turn.statements:
        match = _GENERAL.search(_IDIOM.sub(" ", sentence.text))
        if match:
            return sentence.text
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


# What a pitch sounds like without any fixed offer: a product's capabilities and benefits told
# to the listener, and asks for their time. A feature for the model, which learns when a
# neutral description of a prototype in a usability test is not a pitch.
_SELL_BENEFIT = re.compile(
    r"\b(?:(?:lets|allows|helps|enables|empowers) (?:you|your|teams?|developers|users|customers)|"
    r"you can (?:easily|quickly|simply|now|also|just)|(?:easiest|fastest|simplest|best) way|"
    r"automatically|built-in|out of the box|in one place|we(?:'ve)? got you covered|"
    r"we help|helping (?:teams|companies|customers)|our customers|customers (?:like you|use)|"
    r"(?:saves?|saving) (?:you |teams? )?(?:time|money|hours)|no extra|for free|free (?:trial|tier|"
    r"plan)|pricing|discount|per (?:seat|user|month)|(?:\d+|fifteen|thirty) minutes on your calendar|"
    r"(?:do you|would you) have (?:\d+|fifteen|thirty|a few) minutes|how can (?:we|i) help you|"
    r"can i help (?:you|by)|(?:schedule|book|set up) (?:a |some )?(?:time|call|demo|meeting)|"
    r"we (?:also )?(?:integrate|support|offer|provide)|pretty awesome|how nice)\b",
    _I,
)


def selling_benefit(turn: ParsedTurn) -> str | None:
    for sentence in turn.sentences:
        if _SELL_BENEFIT.search(sentence.text):
            return sentence.text
    return None


def selling_phrase(turn: ParsedTurn) -> str | None:
    for sentence in turn.sentences:
        if sentence.is_question:
            if _SELL_OFFER.search(sentence.text):
                return sentence.text
        elif _SELL_STATEMENT.search(sentence.text) or _SELL_OFFER.search(sentence.text):
            return sentence.text
    return None
