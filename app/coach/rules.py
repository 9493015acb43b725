"""Text rules for one interviewer (or participant) utterance: which cue kinds its words show.

Every rule reads the words only; the engine adds role, phase and time. `selling` also asks the
trained classifier (app.coach.selling) because pitches need not use any fixed phrase.
"""

from __future__ import annotations

import re

from app.coach.parse import ParsedTurn, Sentence, asked_after_condition, distinct_questions
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
    # ("why don't you think so?", "why don't you like it?" ask for a reason after all; "why
    # don't you think aloud / feel free / like walk me through it" still invite)
    r"\bwhy (?:don't|dont|not) (?:we|i)\b|^why (?:don't|dont)\W*$"
    r"|\bwhy (?:don't|dont|not) you\b(?! (?:think|feel|like|believe|trust|agree|care|want)\b"
    r"(?! (?:out loud|aloud|free|to (?:start|go|try|take|walk|show|click|do)|walk|show|go|take|"
    r"try|click)\b))"
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
    r"|\bany (?:thoughts|idea|ideas|sense|guesses) (?:on|about|of|as to) why\b|\bdo you know why\b"
    r"|\b(?:can|could|would) you (?:give|tell|share) (?:me |us )?(?:your |the |some )?reasons? "
    r"why\b",
    _I,
)
_BECAUSE = re.compile(r"^(?:well,?\s+)?(?:because|cause|'cause)\b", _I)


def why_question(turn: ParsedTurn) -> str | None:
    """The why-question in the turn, or None. "Tell me more about why you..." is not one, nor
    is a rhetorical one the speaker answers at once ("Why do we need it? Because…")."""
    sentences = turn.sentences
    for i, sentence in enumerate(sentences):
        core = sentence.core
        if i + 1 < len(sentences) and _BECAUSE.match(sentences[i + 1].core):
            continue
        # (before the musing forms: "could you give me the reason why?" asks, "the reason why
        # is…" does not)
        if sentence.is_question and _WHY_INDIRECT.search(core):
            return sentence.text
        if _WHY_PROPOSAL.search(core) or _WHY_AGREE.match(sentence.text):
            continue
        if _WHY_CLAUSE.match(core):
            continue
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
    r"try|read|open|find|navigate|pull up|type|select|let (?:me|us) know|summari[sz]e|sum up|"
    r"outline|break (?:it|that|this) down)\b"
    # (after "can/could" only: "would you wait for the next version?" asks about them, "would
    # you rate it higher?" and "can you list your products from the app?" ask what they do)
    r"|^(?:can|could)\s+you\s+(?:please\s+|just\s+)?(?:stop|wait|pause|hold|list (?:the|all|some|"
    r"a few|them|those|these|three|two|five)|tap(?! into)|press|rate (?:it|this|that|the|each|"
    r"them|how)|rank (?:them|these|those|the)|point (?:to|at|me|out)|introduce (?:me|yourself|"
    r"yourselves|us))\b",
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


# A claim that ends in a filler asked with a rising voice ("It's like Tinder for book lovers, you
# know?"): GUIDE.md, a back-channel, not a yes/no question.
_FILLER_TAIL = re.compile(r",\s*(?:you know|you see|know what i mean)\W*$", _I)


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
        and not _FILLER_TAIL.search(core)
        and first not in WH_WORDS
        and not _WH_CLAUSE.search(core)
        and not core.lower().startswith(
            ("tell me", "walk me", "talk me", "help me", "describe", "say more", "give me")
        )
    )


_NOT_CLOSED = re.compile(
    r"^(?:(?:is there )?anything else|(?:does )?(?:that|this) make sense|"
    # the call itself: hearing, seeing the screen, consent, a break, time for it (GUIDE.md)
    r"(?:can|could) you (?:still )?(?:hear|see) (?:me|us|my screen)\b|are you able to (?:hear|"
    r"see) (?:me|us|my screen)\b|can you confirm (?:if|that|whether) you can (?:hear|see)\b|"
    r"(?:are you|you're|you are) (?:still )?(?:comfortable|ok|okay|fine|alright|all right|good) "
    r"(?:if (?:i|we)\b|with (?:us |me )?(?:recording|being recorded|the recording|observers|"
    r"(?:a couple|some|two|a few) (?:of )?(?:my |our )?(?:additional )?(?:observers|teammates|"
    r"colleagues)|continuing)\b)|"
    r"(?:are you|do you feel) up (?:for|to) (?:continuing|keep going|carry on)\b|"
    # (time for the call, not "a second monitor")
    r"do you have (?:just )?(?:a|an|\d+|fifteen|thirty|twenty|five|ten|a few) (?:quick )?"
    r"(?:moment|minute|minutes|second|sec)(?=\s*(?:\W*$|to\b|for\b|before\b|now\b|on\b))|"
    r"(?:would you be|are you) (?:open|willing|interested|available) (?:to|in) (?:speaking|talking|"
    r"participating|meeting|chatting|joining|being contacted) (?:with us|with me|to us|again|in "
    r"(?:a |another |future )|for (?:a|another))|"
    # a referral ("anyone else we should talk to?"), not "anyone else who could approve it?"
    r"is there any(?:one|body) else (?:(?:that |who )?you(?:'d| would)? recommend|(?:that |who )?"
    r"(?:we|i) should (?:talk|speak|reach|contact|interview)|(?:that |who )?should be (?:part of|"
    r"involved in|in) (?:these|this|our) (?:conversations?|calls?|discussions?))\b|"
    # an open invitation put as "do you have any…" ("Do you have any thoughts on X?")
    r"(?:do you have|have you got) (?:any|some) (?:other |additional |more |final |further |"
    r"initial |first |quick |last )?(?:thoughts?|ideas?|advice|reactions?|feedback|insights?|"
    r"comments?|suggestions?|recommendations?|opinions?|questions?)\b(?! (?:stored|saved|logged|"
    r"collected|from (?:your|the) (?:customers|users)))|"
    r"do you have (?:a|any|some) sense (?:of|for)\b|"
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


# A check of what was just said ("So you file it yourself. Is that right?") asks for a yes or a
# no (GUIDE.md, label audit: closed); said alone it is a reaction ("Is that right?").
_CHECK_QUESTION = re.compile(
    r"^(?:is|was) (?:that|this|it) (?:right|correct|true|accurate|fair to say|the case)\W*$"
    r"|^(?:am i|did i get (?:that|it)|do i have (?:that|it)) (?:right|correct)\b",
    _I,
)
# "Was there anything surprising or unexpected?": "or" inside "any…" widens one yes/no
# question; it offers no choice between answers.
_ANY_OR = re.compile(
    r"\b(?:any|anything|anyone|anybody)\b[^?]*?\bor\b"
    r"(?!\s+(?:did|do|does|is|are|was|were|have|has|can|could|would)\b)",
    _I,
)


def _checks_a_statement(turn: ParsedTurn, index: int) -> bool:
    before = turn.sentences[index - 1] if index > 0 else None
    return before is not None and not before.is_question and len(before.words) >= 4


def closed_question(turn: ParsedTurn) -> str | None:
    """A yes/no question by its form (the engine cues it only during Go deeper)."""
    questions = turn.questions
    for index, sentence in enumerate(turn.sentences):
        if sentence not in questions:
            continue
        # ("If so, can you describe…?", "if so do you remember when…": the ask decides)
        core = asked_after_condition(sentence.core) or sentence.core
        if _CHECK_QUESTION.match(core) and _checks_a_statement(turn, index):
            return sentence.text
        if (
            _NOT_CLOSED.match(core)
            or (_ALTERNATIVES.search(core) and not _ANY_OR.search(core))
            or _REACTION.match(core)
            or _INDIRECT.match(core)
        ):
            continue
        if turn.punctuated and sentence.text[:1].islower():
            continue  # a fragment cut out of a longer sentence ("-- do it?"), not a question
        if len(sentence.words) <= 2:
            continue  # an echo or a clarification ("Co-students?", "10 years?")
        if _is_closed_question(core):
            return sentence.text
    return None


# -- leading ---------------------------------------------------------------------------------
# Forms that suggest their answer whatever the words around them (GUIDE.md, DESIGN.md §3).
_NEG_AUX = (
    r"(?:isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|wouldn'?t|won'?t|shouldn'?t|"
    r"couldn'?t|can'?t|haven'?t|hasn'?t|ain'?t)"
)
_NEG_SUBJECT = (
    r"(?:it|that|this|there|you|they|we|he|she|people|everyone|everybody|the|a|an|your|our|"
    r"those|these)"
)
# Where a clause (and so a question) starts inside a sentence.
_CLAUSE_START = r"(?:^|[,;:]\s*|\b(?:and|but|so|or|then|well)\s+)"
# The participant's words told back ("you said", "you've mentioned", "as you told me"): one
# stem for the guards that keep a told-back claim from counting as the interviewer's own.
_YOU_SAID = r"you(?:'ve| have)? (?:said|mentioned|told)"
# One vocabulary of praise for the product, read by the leading question (praise inside it), the
# praise said before a question, and the praise asked about in the same breath.
_PRODUCT_NOUN = (
    r"(?:feature|design|dashboard|app|tool|product|version|update|interface|layout|flow|search|"
    r"page|site|website|release|screen|prototype|button|option|part|idea|concept)"
)
_PRODUCT_PRAISED = (
    rf"\b(?:our|the|this) (?:new |latest |redesigned )?(?:\w+ )?{_PRODUCT_NOUN}s? (?:is|are|was|"
    r"looks|seems|feels) (?:so |really |much |way |a lot )?(?:great|better|clearer|easier|faster|"
    r"cleaner|simpler|nicer|awesome|amazing|intuitive|beautiful|helpful|useful|improved)\b"
)
_PROUD = (
    r"\b(?:we're|we are|our team is) (?:really |so |very )?"
    r"(?:proud of|excited about|thrilled with)"
)
_NEGATIVE_QUESTION = re.compile(rf"^{_NEG_AUX}\s+(?:{_NEG_SUBJECT}\b|(?-i:[A-Z]))", _I)
_LEADING = re.compile(
    # A negative question expects "yes": "Isn't it…", "Don't you think…", "Shouldn't X…", and
    # "is this not…". A proper noun after the auxiliary counts ("Shouldn't Bitcoin Core…");
    # an imperative does not ("Don't worry.").
    rf"^{_NEG_AUX}\s+(?:{_NEG_SUBJECT}\b|(?-i:[A-Z]))"
    # (not after "or": "do you use it or don't you?" offers both sides)
    rf"|(?:[,;:]\s*|\b(?:and|but|so|then|well)\s+){_NEG_AUX}\s+{_NEG_SUBJECT}\b"
    rf"|{_CLAUSE_START}(?:is|was|are|were|do|does|did|would|could|should|will|can|has|have) "
    r"(?:it|that|this|there|you|they|we|he|she) not\b"
    r"|\bwhy (?:don'?t|wouldn'?t|not) (?:you|they|we) just\b"
    # Asking for agreement rather than an opinion.
    r"|\b(?:would|wouldn'?t|don'?t) you agree\b(?! or)|\bdo you agree that\b"
    r"|\byou(?:'d| would) agree\b|\bam i right\b"
    # Loaded degrees: the question supplies the judgement and asks only how much of it.
    rf"|{_CLAUSE_START}how (?:much |far |many times )?(?:easier|better|faster|simpler|smoother|"
    r"cheaper|quicker|worse|harder|happier|more \w+|less \w+)\b"
    rf"|{_CLAUSE_START}how (?:easy|simple|seamless|painless|painful|frustrating|annoying|great|"
    r"awesome|amazing|cool|helpful|useful|valuable|fun|exciting|nice|bad|terrible|awful|stressful|"
    r"tedious|confusing|intuitive|smooth|convenient|upset|frustrated|angry|annoyed|happy|excited|"
    r"relieved|stressed|worried|disappointed|pleased|satisfied|delighted|impressed|irritating|"
    r"cutthroat|crazy|wonderful|fantastic|beautiful|scary|hard|difficult|tough|powerful|good)\b"
    r"|\bhow much (?:time|money|effort) (?:do|did|does) (?:you|they|your \w+) (?:waste|lose)\b"
    r"|\bhow much (?:do|did|does|would) (?:you|they|people|your \w+) (?:love|hate|like|enjoy|"
    r"dislike|appreciate|value)\b"
    r"|\bthe (?:most|biggest) (?:frustrating|annoying|painful|inefficient|irritating|infuriating|"
    r"tedious)\b|\bthe worst (?:part|thing|bit)\b"
    # The interviewer supplies the feeling or presumes the answer.
    r"|\b(?:it|that|this|you|they) must (?:have been|be|have (?:felt|found|loved|hated)|feel|"
    r"find|hate|love)\b|\bmust have been (?:so|really|pretty|very)\b"
    r"|\b(?:i'?m|i am) (?:sure|certain|guessing) (?:you|it|that|there|they|this|the|your)\b"
    r"|\bi (?:bet|assume|imagine) (?:you|that|it|there|they|this)\b"
    r"|\bi(?:'d| would|'ve got to|'ve gotta| gotta| have to) imagine\b|\bsurely\b|\byou probably\b"
    # A benefit presupposed: "How has the new dashboard helped your team?"
    r"|\bhow (?:much )?(?:has|have|did|does|will) (?:\w+ ){1,3}?(?:helped|improved|simplified|"
    r"saved|help|improve|simplify|save|made (?:\w+ )?(?:easier|better|simpler|faster)|make "
    r"(?:\w+ )?(?:easier|better|simpler|faster))\b"
    # Praise of the product inside the question ("Our new dashboard is much clearer — what do
    # you think?", "What do you love about the new search?").
    rf"|{_PRODUCT_PRAISED}"
    r"|\bwhat (?:do|did) you (?:love(?: most| best)?|like most|like best) about (?:our|the new|"
    r"this new)\b"
    rf"|\b(?:our|the new|this new) (?:new )?(?:amazing|awesome|beautiful|fantastic|brilliant|"
    rf"powerful|intuitive|sleek|slick|elegant|revolutionary|innovative|gorgeous|stunning|"
    rf"improved|better) (?:new )?(?:\w+ )?{_PRODUCT_NOUN}s?\b"
    r"|\b(?:do|did) you (?:like|love|enjoy|appreciate) how (?:easy|simple|fast|clean|quick|"
    r"smooth|intuitive|nice|beautiful|great|seamless)\b"
    # a saving presupposed by the product ("How much time did our tool save you?")
    r"|\bhow much (?:time|money|effort|work|hassle) (?:has|have|did|does|will) (?:our|the new|"
    r"this new) (?:\w+ ){0,2}?(?:save|saved)\b"
    # "Would you say it was easier?" offers one side only ("easier or harder?" offers both).
    r"|\bwould you say (?:that )?(?:\w+ ){0,4}?(?:was|is|were|are|has been) (?:\w+ )?(?:easier|"
    r"better|great|best|worse|harder|amazing|awesome|hidden|confusing|clearer|simpler|silly|bad|"
    r"easy|simple|intuitive|helpful|useful|smooth|painful|frustrating)"
    r"\b(?![^?]* or )",
    _I,
)
# Balanced scales and checks are neutral: "how easy or hard…", "on a scale of…", "is that right?"
_BALANCED = re.compile(
    # (first: a scale said before its rating is neutral with it, "on a scale of 1 to 10, how
    # useful was it?")
    r"\b(?:on a scale|(?:from|between) (?:one|1|zero|0) (?:to|and) (?:five|ten|seven|5|10|7))\b"
    r"[^?]*?\bhow (?:easy|useful|helpful|valuable|important|satisfied|happy|good|difficult|hard|"
    r"confident|comfortable)\b"
    r"|\bhow (?:easy|hard|difficult|simple)(?: or| and|/)(?: \w+)? (?:hard|difficult|easy|simple)\b"
    r"|\bon a scale\b|\bhow (?:easy|hard|difficult)\b[^?]*\bor (?:not|difficult|hard|easy)\b"
    # a rating asks for any point of the scale: "how useful would this be on a scale of one to
    # five?" (not a comparative: "how much easier was it, on a scale…" still presumes)
    r"|\bhow (?:easy|useful|helpful|valuable|important|satisfied|happy|good|difficult|hard|"
    r"confident|comfortable)\b(?=[^?]*\b(?:on a scale|(?:from|between) (?:one|1|"
    r"zero|0) (?:to|and) (?:five|ten|seven|5|10|7))\b)"
    r"|\b(?:is|was) (?:that|it) right\b"
    r"|\beasier\b[^?]*\b(?:difficult|harder)\b|\b(?:difficult|harder)\b[^?]*\beasier\b",
    _I,
)
# A claim put with a tag for agreement ("So it must have been easy, right?"): leading when the
# claim judges; after a plain fact it is a check (closed), so the claim must carry a judgement.
_LEADING_TAG = re.compile(
    r"(?:,\s*|\s)(right|would you say|don'?t you think|wouldn'?t you say|wouldn'?t you agree|"
    r"don'?t you agree|no|correct|yeah|huh"
    # any negative tag ("isn't it", "weren't you"); not an alternative, "…or don't you?"
    rf"|(?<!\bor ){_NEG_AUX} (?:you|it|that|they|we|he|she|there))\s*\?*\s*$",
    _I,
)
_NEGATIVE_TAG = re.compile(rf"{_NEG_AUX}\s", _I)
_JUDGEMENT = re.compile(
    r"\b(?:great|easy|easier|simple|simpler|seamless|smooth|hard|harder|difficult|better|best|"
    r"worse|worst|amazing|awesome|cool|crazy|love|loved|hate|hated|must|surely|huge|key|"
    r"interesting|beautiful|fun|painful|frustrating|annoying|exciting|excited|fantastic|incredible|"
    r"impressive|admirable|powerful|perfect|ideal|smart|brilliant|genius|wonderful|terrible|awful|"
    r"nightmare|magic|insane|wild|stressful|scary|tough|silly|obvious|helpful|useful|valuable|"
    r"important|critical|essential|necessary|inevitable|only (?:way|thing)|no (?:one|way|brainer)|"
    r"nobody|right (?:direction|way|call|choice))\b",
    _I,
)
_LONG_RUN = 40  # words: a transcriber's run without punctuation, not one question
_LOVE_HATE = re.compile(r"^how much do (?:you|they|people) (?:love|hate|like|enjoy|dislike)\b", _I)
# An evaluative opinion of the interviewer's, said right before the question it colours.
_OPINION = re.compile(
    # (not "I think you mentioned…": the participant's words told back)
    r"\b(?:i (?:think|feel|believe|find|bet|guess)(?! you (?:said|mentioned|told|were saying|"
    r"talked))|personally|in my opinion|honestly|to me(?=,)|"
    r"we (?:think|believe|feel)|everyone|everybody|most people|obviously|clearly|"
    r"i (?:really )?(?:love|hate|like|loved|hated|liked))\b"
    r"(?=[^.?!]*\b(?:great|better|best|easier|easy|harder|hard|worse|worst|frustrating|annoying|"
    r"painful|amazing|awesome|cool|love|hate|terrible|awful|broken|clunky|confusing|slow|fast|"
    r"simple|beautiful|brilliant|genius|useful|valuable|helpful|important|problem|pain|headache|"
    r"nightmare|hassle)\b)",
    _I,
)
# Praise said earlier in the turn ("I love this story.", "That was amazing.", "Our new search is
# much clearer."): a feature for the model, which weighs whether it is about what is asked.
_PRAISE = re.compile(
    r"\bi (?:really |just |also |absolutely )?(?:love|loved|adore|enjoyed)\b(?! to\b)"
    r"|\bi(?:'m| am) (?:a |such a )?(?:real |really |huge |big )*(?:fan|impressed|blown away)\b"
    r"|^(?:that|this|it)(?:'s| is| was) (?:so |really |very |pretty |just )?(?:amazing|awesome|"
    r"brilliant|beautiful|fantastic|incredible|impressive|admirable|wonderful|genius|perfect)\b"
    rf"|{_PRODUCT_PRAISED}|{_PROUD}",
    _I,
)


# Praise of the thing shown, then the opinion asked for in the same breath ("This is a great
# feature, what do you think of it?"); not praise of the participant's answer ("That's a
# great point, what do you think…").
_GOOD = (
    r"(?:really |so |very |super |pretty )?(?:great|amazing|awesome|cool|powerful|beautiful|"
    r"brilliant|fantastic|simple|easy|intuitive|slick|elegant|clean|neat)"
)
# (a reaction to what they said is no praise of the thing: "This is great.", "It's cool in that
# way.", "Our goal today is simple.")
_PRAISED_THING = (
    rf"(?:(?:our|the new) (?:\w+ ){{0,2}}{_PRODUCT_NOUN}s? (?:is|are|looks) {_GOOD}\b"
    # (not their idea or option: "That's a great idea, what do you think it would take…?")
    rf"|(?:this|it)(?:'s| is) (?:a|an|our) (?:new )?{_GOOD} (?:\w+ )?{_PRODUCT_NOUN}\b"
    r"(?<!idea)(?<!option)(?<!concept)"
    rf"|(?:this|it)(?:'s| is) {_GOOD} to (?:use|set up|learn)\b(?! (?:the|your|a)\b)"
    rf"|i (?:really |just )?love (?:this|the|our) (?:\w+ )?{_PRODUCT_NOUN}\b"
    r"|we (?:worked|spent) (?:\w+ ){0,3}(?:hard|long|months|weeks) on (?:this|it|the \w+)"
    rf"|{_PROUD} (?:this|it|the \w+))"
)
_PRAISE_ASK = re.compile(
    rf"(?:^|,\s*){_PRAISED_THING}(?: (?!what\b|how\b)\w+){{0,3}}[,\s]+(?:so )?"
    r"(?:what do you think|how do you like|how does (?:it|this) (?:look|feel|seem)|do you like|"
    r"what's your (?:take|impression|opinion)|what are your (?:thoughts|impressions))\b",
    _I,
)
_PRAISE_SAID = re.compile(rf"^{_PRAISED_THING}(?: \w+){{0,3}}\W*$", _I)


# The answer presumed in a statement, as a transcriber gives a question without its "?"
# ("surely that takes too long", "you must find that frustrating"; not "you must be Anna", "you
# must find the settings page…" (a task) or "surely you've got a busy day", nor "I assume that
# you are aware of that", which only checks what they know).
_PRESUMED = re.compile(
    r"^(?:surely (?:that|this|it)\b|you must (?:(?:find|have found) (?:it|that|this|them)\b|"
    r"(?:hate|feel|have (?:hated|felt))\b))",
    _I,
)
# The participant's praise said back to them: "It's a great app, you said."
_PRAISE_TOLD_BACK = re.compile(
    rf"(?:^|,\s*)(?:as )?{_YOU_SAID}(?: me)?\b"
    rf"|(?<!that )(?<!which )\b{_YOU_SAID}\W*$",
    _I,
)
_ACKNOWLEDGED = re.compile(r"^\W*(?:okay|ok|so|right|yeah|oh|got it|gotcha)\b", _I)
# A short ask for agreement after a claim: "…, do you?", "…, don't they?", "…, how about you?"
# (not "…, can you say more?", "…, ready?").
_AGREE_TAIL = re.compile(
    r"\s*(?:and |so |but )?(?:(?:do|does|did|don't|are|aren't|is|isn't|would|have|haven't) "
    r"(?:you|yours|they|it)(?: too| as well| also)?|(?:what|how) about you)\W*",
    _I,
)
_SCALE_FIRST = re.compile(r"\bon a scale\b|\b(?:from|between) (?:one|1|zero|0) (?:to|and)\b", _I)


def _leads(sentence: Sentence, lead_in: str = "") -> bool:
    core = _BALANCED.sub(" ", normalise(f"{lead_in} {sentence.core}".strip()))
    if len(sentence.words) > _LONG_RUN:  # judge the words that ask, at the end of the run
        core = " ".join(core.split()[-25:])
    return bool(_LEADING.search(core) or _LOVE_HATE.search(core))


def leading_form(turn: ParsedTurn) -> str | None:
    """A question leading by its very form ("Wouldn't it be great…", "Don't you think…", "How
    much easier was…", "So it must have been easy, right?"): the crisp part of `leading`."""
    lead_in = ""
    questions = turn.questions
    for sentence in turn.sentences:
        if sentence in questions and _leads(sentence, lead_in):
            return sentence.text
        # A scale said first belongs to the question after it ("on a scale of 1 to 10 | how
        # useful was it?"): the scale onwards only, the rest of the statement is not asked.
        scale = None if sentence.is_question else _SCALE_FIRST.search(sentence.core)
        lead_in = normalise(sentence.core[scale.start() :]) if scale else ""
    for sentence in turn.statements:
        core = normalise(sentence.core)
        if _NEGATIVE_QUESTION.match(core) or _PRESUMED.match(core):
            return sentence.text  # "Shouldn't it at least include…." asked without a "?"
    for sentence in turn.sentences:
        core = normalise(sentence.core)
        tag = _LEADING_TAG.search(core)
        if (
            tag
            and len(sentence.words) >= 4
            and not _BALANCED.search(core)
            # (a negative tag asks for a "yes" whatever the claim, as ", isn't it?" does in
            # written text: the same words without their comma)
            and (_JUDGEMENT.search(core[: tag.start()]) or _NEGATIVE_TAG.match(tag.group(1)))
        ):
            return sentence.text
    return None


def leading_question(turn: ParsedTurn) -> str | None:
    found = leading_form(turn)
    if found or not turn.questions:
        return found
    # An evaluative opinion or praise said before the question steers the answer. ("…, right?"
    # alone is no evidence: after a fact it only checks it; the model weighs it as a feature.)
    previous: str | None = None
    praised = False
    for sentence in turn.sentences:
        if sentence.is_question and (praised or previous is not None and _OPINION.search(previous)):
            return sentence.text
        if _PRAISE_TOLD_BACK.search(sentence.text):
            previous = None  # their own praise told back ("It's a great app, you said.")
            continue
        core = normalise(sentence.core)
        if sentence.is_question and _PRAISE_ASK.search(core):
            return sentence.text
        head, _, tail = core.rpartition(",")
        if (
            sentence.is_question
            and head
            and len(sentence.words) <= 16  # (a short ask after one claim, not a long run)
            and _AGREE_TAIL.fullmatch(tail)
            and _OPINION.search(head)
        ):
            return sentence.text  # "Most people find this confusing, do you?"
        if not sentence.is_question and (
            _PRAISE.search(core)
            # (not their words acknowledged: "Okay, it's easy to use. What else…?")
            or (_PRAISE_SAID.match(core) and not _ACKNOWLEDGED.match(sentence.text))
        ):
            praised = True
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
# Asking the participant to predict their own (or others') future choices, to wish for
# something, to judge a concept, or to answer inside an imagined situation (GUIDE.md). "Would"
# alone is not enough: "what would you say was…" is politeness and "what would you do next on
# this page?" is a usability task.
_WHO = (
    r"(?:you|you guys|y'all|they|people|anyone|anybody|someone|somebody|others|customers|users|"
    r"folks|(?:your|the|other|those) (?:\w+ )?(?:team|teams|company|org|organization|boss|manager|"
    r"users|customers|colleagues|members|family|developers|engineers|clients|staff|people|"
    r"department)s?)"
)
# What someone would do about a product or a service: adopt it, pay for it, want it, trust it.
_CHOICE = (
    r"(?:use|using|buy|pay|switch|try|consider|adopt|purchase|subscribe|sign up|upgrade|replace|"
    r"move to|miss|benefit|recommend (?:it|this|that|us|them|\w+ to)|choose|pick|go with|want|"
    r"need|prefer|like (?:to (?:have|see|get|use|try)|more|a|an|some|any|something)|envision|"
    r"imagine|look for|care|value|trust|rely on|keep using|continue|stop using|start using|spend|"
    r"invest|budget|approve|sign off|ask (?:them |for )|tell them|expect (?:anyone|anybody|"
    r"someone|somebody|people|others|them|pushback|resistance|objections)|expect (?:\w+ ){0,4}?to "
    r"(?:cost|pay|spend|charge)|do (?:if|differently|instead|"
    r"with (?:it|this|"
    r"that)|in (?:that|this) (?:case|situation))|find (?:it|this|that|\w+) (?:useful|valuable|"
    r"helpful|worth)|feel (?:about|comfortable|safe|confident)|be (?:willing|interested|open to "
    r"(?:using|paying|trying|switching)|excited|likely|more likely|less likely|happy|comfortable|"
    r"keen|inclined|able to use|worried|concerned))"
)
_HEDGE = (
    r"(?:ever\s+|still\s+|actually\s+|really\s+|then\s+|personally\s+|also\s+|definitely\s+|"
    r"ideally\s+|realistically\s+)?"
)
_HYPOTHETICAL = re.compile(
    # Predicting a choice: "would you use/pay…", "would they be willing…", "do you think your
    # team would switch…", "can you see yourself using…".
    rf"\b(?:would|will|'d|wouldn't|might)\s+{_WHO}\s+{_HEDGE}{_CHOICE}\b"
    rf"|\b(?:think|feel|believe|reckon|guess) (?:that )?{_WHO}(?: would| will|'d|'ll| might| are "
    rf"going to| are gonna)\s+{_HEDGE}{_CHOICE}\b"
    r"|\b(?:could|can|do|would) you (?:see|imagine|envision|picture) (?:yourself|you|your \w+|"
    r"people|others|them|a (?:scenario|situation|time|world|use|need))\b"
    r"|\byou (?:can|could) see (?:yourself|you|your \w+)\b|\bcan you imagine\b"
    rf"|\b(?:would|will|might) {_WHO} have (?:any )?(?:concerns|objections|questions|hesitations|"
    r"reservations)\b"
    rf"|\b(?:concerns|objections|hesitations|reservations|pushback) (?:would|will|might) {_WHO} "
    r"have\b"
    # Wishes and improvements: "what would you like to change?", "anything that would make it
    # easier?", "can you think of a way to improve…?", "what would make you…?"
    r"|\b(?:what|anything|something|anywhere|which \w+|any \w+|more \w+)(?: else)?(?: that)? "
    r"(?:you|your \w+|you or your \w+)(?:'d| would)(?: ideally| really)? (?:like|want|love)\b"
    r"(?! (?:us |me )?to (?:add|share|say|mention|tell|ask|discuss|cover|talk|hear|know)\b)"
    r"|\b(?:(?:can|could) you think of (?:any|a|some|another|other|anything|something)|"
    r"(?<!did you )(?<!have you )think of (?:any|some|other|another) (?:ways?|ideas?|things?|"
    r"changes?|improvements?))\b[^?]*\b(?:improve|change|better|add|make|help|easier|different|"
    r"fix)\b"
    r"|\b(?:what|anything|something|any way|anyway|ways?|things?)(?: else| \w+)?(?: that)? "
    r"(?:you|we|they)(?:'d| would| could| might)(?: \w+)? (?:change|improve|add|suggest|do "
    r"differently|make (?:it|this|that) (?:better|easier))\b"
    r"|\b(?:anything|something|ways?|what|things?|kinds? of \w+)(?: else)?(?: that)? "
    r"(?:\w+ ){0,6}?(?:would|could|might) (?:make|improve|help|enable|change|benefit|be (?:more )?"
    r"(?:useful|helpful|valuable|better|easier))\b"
    r"|\b(?:you|they)(?:'d| would) (?:ask|want) (?:them|us|\w+) to (?:add|build|change|fix|"
    r"improve|make)\b"
    r"|\bwhat would (?:stop|prevent|keep) (?:you|them|your \w+) from\b"
    r"|\bhow would (?:you|they|your \w+) (?:change|improve|redesign|fix)\b"
    r"|\bwhat (?:would|will) (?:make|get|convince|push|need to happen|help|change|it (?:take|mean)|you "
    r"(?:change|improve|add|want|need))\b|\bwhat would (?:\w+ ){0,3}look like\b"
    r"|\bwhat might (?:you|they|your \w+) do\b"
    r"|\bhow would (?:you|they) (?:like|want)\b(?! to (?:\w+ ){0,2}(?:be|introduce)\b)"
    r"|\bwhat would (?:your|their) (?:\w+ )?(?:preference|choice|ideal \w+) be\b"
    # a change offered ("would it help if the report came every morning?"), not the call's own
    # ("would it help if I repeat that?", "…if we took a short break?")
    r"|\bwould (?:it|that|this) (?:really )?help (?:you |your \w+ )?(?:if (?:the|it|this|there|"
    r"we (?:added|built|made|offered|changed|had|could)|you (?:could|got|were able)|"
    r"(?:your|our) \w+)\b"
    r"|to have (?:a|an|some)\b(?! (?:break|minute|moment|second|look|copy)\b))"
    r"|\b(?:magic wand|wave a wand|ideal world|perfect world|ideal state|dream (?:tool|solution))\b"
    # Opinions on a concept: "what do you think of this idea?", "would X be useful?", "is it a
    # good idea?", "does that sound like it solves…?", "how likely would you be…?"
    r"|\b(?:think|thoughts?|opinions?|feel|feelings) (?:of|about|on) (?:this|that|the|these|"
    r"such an?|an?|our) (?:\w+ )?(?:idea|ideas|concept|proposal|suggestion|notion|approach|"
    r"option)\b"
    r"|\b(?:is|was|would be) (?:that|this|it) a (?:good|bad|great|smart) idea\b"
    # what they would expect of a concept ("what features would you expect in a tool like
    # this?"), not of the screen ("what would you expect to happen when you click…")
    r"|\bwould (?:you|they|your \w+) (?:expect|want|need|look for|like to see) (?:\w+ ){0,3}?"
    r"(?:in|from) (?:a|an|such an?) (?:\w+ )?(?:tool|app|product|service|platform|solution|"
    r"system|feature) like (?:this|that)\b"
    # ("how would you even do key management with something like that?")
    r"|\b(?:would|could|might) (?:you|they|people|your \w+) (?!(?:tell|talk|say|share|go|look|"
    r"search|turn|ask)\b)(?:\w+ ){1,4}?(?:with|about|for|on) something like (?:this|that)\b"
    # a change imagined to the thing shown ("what are your thoughts if the drawer was named…?")
    r"|\b(?:what are your thoughts|what do you think|how do you feel|what would you think)"
    r"[^?.]{0,30}\bif (?:the|this|that|it|we|they) (?:\w+ ){0,2}(?:was|were)\b"
    r"|\b(?:it's|it is|that's|that is|this is|it'd be|it would be) a (?:good|great|smart) idea\b"
    # a reaction asked to a concept ("what's your reaction to this concept?", "does this idea
    # appeal to you?")
    r"|\b(?:reactions?|first impressions?|gut (?:feeling|reaction)) (?:to|of) (?:this|that|the|"
    r"our|such an?) (?:\w+ )?(?:idea|concept|proposal|pitch)\b"
    r"|\b(?:does|would|do) (?:this|that|the|our|such an?) (?:\w+ )?(?:idea|concept|proposal)s? "
    r"(?:appeal|sound (?:good|useful|interesting|helpful|valuable|appealing))\b"
    r"|\bhow likely (?:are|is|would|will) (?:you|they|people|your \w+) (?:be )?to\b"
    r"|\bhow (?:much|many) (?:\w+ ){0,5}?(?:would |\w+'d )(?:\w+ )?(?:save|gain)\b"
    # a concept judged ("do you think this would solve your problem?", "…would that be too
    # much?")
    # (now, not back then: "did you think it would solve the issue when you bought it?"; a
    # summary checked is no price judged: "would it be fair to say…", "too much to ask")
    r"|\b(?:do|does|don't) (?:you|they|your \w+) (?:really )?(?:think|feel|believe) (?:that )?"
    r"(?:this|that|it|something like (?:this|that)) would (?:really )?(?:solve|fix|address) "
    r"(?:your|the|that|this)\b"
    r"|\bwould (?:that|it|this) be (?:too (?:much|expensive|pricey|high|steep)|worth it)\b"
    r"(?! to (?:say|ask)\b| of a\b)"
    r"|\bwould (?:that|it|this) be (?:a )?(?:fair|reasonable) (?:price|amount|cost)\b"
    r"|\bsee (?:any )?(?:merit|value|a (?:need|use|place|fit)) (?:in|for)\b"
    r"|\b(?:does|doesn't|would|will) (?:this|that|it|something like (?:this|that)) (?:sound|seem|look) "
    r"(?:useful|helpful|valuable|interesting|appealing|like (?:something|(?:\w+ ){1,3}(?:solves|"
    r"would|could|helps|fits)|a (?:good|useful)))"
    r"|\b(?:would|will|could|might)\s+(?:(?!you\b)\w+\s+){0,6}be\s+(?:more |less |really |"
    r"actually |at all )?(?:useful|valuable|helpful|worth|worthwhile|beneficial|appealing|"
    r"a good idea|enough|improved|a better \w+|something (?:you|your|they|people)|an improvement|"
    r"interesting to)\b"
    r"|\bhow (?:useful|valuable|helpful|likely|interested|willing|excited|important|much|often|"
    r"easy|hard|comfortable) would (?:it|that|this|you|they|people|your \w+|\w+) (?:be|pay|spend|"
    r"use|want|need)\b"
    r"|\bis (?:this|that|it) something (?:you|your \w+|people|they)(?:'d| would| might| could| "
    r"will)\b"
    r"|\b(?:would|will|could) (?:this|that|it|something like (?:this|that)) (?:really )?(?:solve|"
    r"fix|address) (?:your|the|that|this)\b"
    # Forecasts and plans: "when will…", "what's your timeline?", "will you be evaluating…",
    # "are you planning to…", "where do you see this going?", "in the next six months".
    r"|\bwhen (?:will|would you (?:expect|want)|are (?:you|they|we) (?:going to|gonna|planning)|"
    r"is (?:it|this|that) (?:going to|expected))\b"
    r"|\bwhat(?:'s| is| are) (?:the|your|their) (?:timeline|timing|roadmap|plans?)\b"
    r"|\bwill (?:you|they|we|your \w+|people) (?:be \w+ing|need|want|use|see|get|change|happen|"
    r"work|make|have to|be (?:able|available|ready))\b"
    r"|\b(?:are|is) (?:you|they|we|your \w+) (?:planning|hoping|thinking of|considering) "
    r"(?:to |on )?\w+"
    r"|\b(?:where|how) do you see (?:\w+ ){1,3}?(?:going|headed|heading|evolving|unfolding|"
    r"playing out|changing|in (?:the future|\w+ years))\b"
    r"|\bhow do you (?:envision|foresee|anticipate|imagine)\b"
    r"|\bdo you (?:plan|intend|anticipate|foresee)\b"
    # ("what do you expect to see?" on a page is a usability task; "what do you expect?" an idiom)
    r"|\bdo (?:you|they|your \w+) expect (?:\w+ ){0,3}?to (?:face|change|adopt|use|switch|buy|pay|"
    r"need|grow|hire|see more|keep|move|stop)\b"
    r"|\b(?:in|over|for) the (?:next|coming|near) (?:few |couple (?:of )?)?(?:days|weeks|months|"
    r"years?|quarters?|future|term|\w+ (?:days|weeks|months|years))\b"
    r"|\bgoing forward\b|\bthe future of\b|\bwhat(?:'s| is) next for\b"
    # Who else would want it: "who else would find this valuable?", "other teams that might…"
    r"|^(?:who|which|what) (?:else |other \w+ )?(?:\w+ )?(?:do you think |would you say )?"
    r"(?:would|might|could|should) (?:be "
    r"(?:most |more )?(?:interested|excited|using)|benefit|find|want|use|need|care)\b"
    r"|\b(?:other|any) (?:\w+ )?(?:teams|groups|people|departments|companies|users|sources|tools) "
    r"(?:that|who)?\s*(?:you think )?(?:would|might|could|should) (?:find|benefit|use|want|be)\b"
    # tiny.en hears "would you pay…" as "what you pay…" (issue 15, live).
    r"|^(?:what|wood|would) you (?:pay|buy|spend|switch|subscribe)\b",
    _I,
)
# Politeness, usability tasks, the past, advice and wrap-up probes that look like predictions.
_NOT_HYPOTHETICAL = re.compile(
    r"^(?:would|will|could) you (?:like to|want to|mind|be (?:willing|open|able) to) (?:see|join|"
    r"book|hear|schedule|add|start|talk|go|take|share|tell|speak|chat|meet|do another|"
    r"participate|hop)\b"
    r"|\bwould you (?:say|mind|walk|tell (?:me|us)|describe|explain|share|characteri[sz]e|call|"
    r"define|rate)\b"
    r"|\b(?:what|where|which|how)(?: \w+)? would you (?:do|choose|click|select|expect|look|type|"
    r"pick|go|start|find|navigate|change|fill|search|put|enter)\b(?=[^?]*\b(?:here|next|first|"
    r"now|on (?:this|the)|in (?:this|the)|page|screen|list|form|button|link|menu|scenario|task|"
    r"drawer|field)\b)"
    r"|\bwould have\b|\b'd have\b|\bwould've\b|\bthere(?:'d| would)\b"
    r"|\b(?:anything|something)(?: else)? (?:you'?d|you would|that you'?d|that you would) like "
    r"to (?:add|share|say|mention|tell|ask|discuss|cover|talk)\b"
    r"|\bif you were (?:me|in my shoes|to (?:explain|tell|describe|say|summari[sz]e|put))\b"
    r"|\b(?:what|how)(?: \w+)? would you recommend\b"
    r"|\bconsider (?:yourself|yourselves|themselves|it|this|that) (?:to be|a|an|as)\b"
    r"|\bhow would you prefer\b"
    r"|\bif (?:so|not)\b|\bif you (?:can|could|remember|recall|don't mind|have time|will|want)\b"
    r"|\bif you(?:'d| would) like\b"
    r"|\bimagine (?:that )?you(?:'d| would)? (?:like|want|need|are|have|'re)\b"
    r"|\bwhy\b[^?]*\b(?:might|would|could) be\b",
    _I,
)


# Asking for permission or arranging the session is a real request about now.
_PERMISSION = re.compile(
    r"\b(?:(?:i|we|us|someone) (?:to )?follow up|a follow-?up|email you|e-mail you|record|"
    r"recording|reach out|contact you|another call|chat again|talk again|quote you|"
    r"share your name|share your screen|prefer to (?:receive|be contacted|get)|(?:willing|open|"
    r"available) to (?:talk|speak|chat|meet|join|participate|hop on|do (?:a|another))|hear me|"
    r"see my screen|prefer (?:we|i|that we)|move (?:on )?to the next|(?:work|okay|ok|fine) for "
    r"you|(?:for|in) (?:this|the) session|for today)\b",
    _I,
)
# A task on the screen in front of them ("where would you click?"): only a prediction about
# adopting the thing counts ("would you use this feature?").
_SCREEN = re.compile(
    r"\b(?:click|clicked|clicking|tap|scroll|button|page|screen|link|menu|field|(?:choose|pick|"
    r"select|go|do) here|(?:the|this) form|show me|walk me through|try to find|log in|sign in|"
    r"signed in)\b",
    _I,
)
# Adopting or paying for the thing: said with "would you…" or after "do you think you'd…".
_TAKE_UP = r"(?:use|buy|pay|switch|adopt|purchase|subscribe|recommend)"
_ADOPT = re.compile(
    rf"\b(?:would|will|'d|might)\s+{_WHO}\s+(?:ever\s+|still\s+|actually\s+|really\s+)?"
    rf"(?:{_TAKE_UP}|want|miss|envision|imagine)\b"
    rf"|\b(?:think|feel|see) (?:that )?{_WHO}(?:'d| would| might| will)\s+{_HEDGE}{_TAKE_UP}\b",
    _I,
)
# A wish for the thing shown (GUIDE.md: "what would you like to change or add?", "anything you'd
# like to see in X?") is forward-looking, on a screen too.
# (Not a step of a task: "what would you like to change first?", "…to call this group?")
_WISH = re.compile(
    r"\b(?:what would you|(?:anything|something|things?)(?: \w+){0,4}?(?: that)? (?:you|your \w+)"
    r"(?:'d| would)(?: ideally| really)?) (?:like|want|love) to (?:see|change|improve|remove|fix|"
    r"name (?:this|the) (?:feature|section|page|tool|product|button|tab|menu))\b"
    r"(?! (?:first|next|now)\b)",
    _I,
)
# An imagined situation, often said in its own clause or sentence before the question ("If you
# wanted to learn more, | where would you look?"), so it is read over the sentence before too.
_IMAGINED = re.compile(
    r"\b(?:if|suppose|supposing|imagine|let'?s (?:say|imagine|assume|pretend)|what if|"
    r"hypothetically|in an? (?:ideal|perfect) world|ideally)\b[^?]{0,160}?\b(?:would|will|might)"
    r"\s+(?:you|they|people|your \w+|others)\b(?!\s+(?:have|think|feel|expect|know|say|describe|"
    r"explain)\b)",
    _I,
)
# A scene set in a sentence of its own ("Let's say the VA started using more automation."):
# the question after it is asked inside the scene.
_SCENE = re.compile(
    r"\b(?:let'?s (?:say|imagine|assume|pretend)|suppose|supposing|hypothetically|what if|"
    r"imagine (?:if|that|a|an|the|your|someone|somebody))\b",
    _I,
)
_ASKED_IN_SCENE = re.compile(r"\b(?:would|will|might|'d)\b|\bdo you have any\b", _I)
_DO_TASK = re.compile(
    r"\b(?:how|what) (?:would|will) you (?:do|go about)\b|\bwhat you would do\b", _I
)
# A usability task is set as a goal or a role ("Let's say you wanted to send your name. How
# would you do that?", "If you were completing this application today…"): the question asks
# them to act on the screen, not to predict their life (GUIDE.md).
_TASK_FRAME = re.compile(
    r"\b(?:if|let'?s say|say|imagine|suppose)(?: that| for (?:a minute|this one))?,? (?:you|they)"
    r"(?:'re| are| were)? (?:want|wanted|need|needed|had to|have to|were (?:completing|filling|"
    r"trying|going|gonna|asking|looking|on|using|doing|to)|are (?:completing|filling|trying|"
    r"looking|on)|someone|a \w+)\b"
    r"|\bif you (?:looked|look|click|clicked|did (?:that|this|click)|go|went)\b",
    _I,
)
# A question put inside a statement: "I'm curious if there's a way…", "I'd like to ask if…".
_ASKS_INSIDE = re.compile(
    r"\b(?:curious|wondering|wonder|like to (?:ask|know|hear)|want to (?:ask|know))\b"
    r"[^.?!]{0,20}?\b(?:if|whether|what|how|is there|are there)\b"
    r"|(?:^|,\s*)(?:is there|are there|do you|would you|can you|could you)\b",
    _I,
)


# An imagined world offered as a prompt ("If you had a magic wand…") asks even without a "?".
_WAND = re.compile(
    r"^\W*(?:and |so )?if you (?:had|have|could have|were given|got) a magic wand\b", _I
)
# A wish set as a condition ("If you could change one thing about…, what would it be?"), read
# before `_NOT_HYPOTHETICAL` clears "if you could" away as politeness.
_WISHED_CHANGE = re.compile(
    r"\bif you could wave a (?:magic )?wand\b"
    r"|\bif you could (?:change|add|fix|improve|build|design|redesign|have) (?:one|any|anything|"
    r"something)\b|\bif you could (?:build|design|redesign|have) (?:a|an|the) (?:\w+ )?(?:perfect|"
    r"ideal|dream)\b",
    _I,
)
# A concept to react to ("Imagine if you could do it in one click."), a prompt even without a
# "?"; not a task set as a role ("imagine that you had to renew…", `_TASK_FRAME`).
_IMAGINE_CONCEPT = re.compile(
    r"^\W*(?:and |so |now )?(?:just )?imagine (?:if|that) (?:you|your \w+|we|they|people) "
    r"(?:could (?!only\b)|had (?!to\b|just\b|already\b)|were able|didn't have to|never had to|"
    r"no longer)\b",
    _I,
)
# A task on the screen set with "imagine" ("Imagine that you could only use your phone… Show me
# how…"); not `_SCREEN`, whose "click" is also a concept's ("…in one click").
_ON_SCREEN_TASK = re.compile(
    r"\b(?:this|the) (?:screen|page|form)\b|\bshow me\b|\bwhat do you (?:see|notice)\b", _I
)


def _hypothetical(sentence: Sentence, before: str) -> bool:
    core = normalise(strip_openers(sentence.text))
    if _PERMISSION.search(core):
        return False
    cleaned = _NOT_HYPOTHETICAL.sub(" ", core)
    imagined = _IMAGINE_CONCEPT.search(core) and not (
        _TASK_FRAME.search(core) or _ON_SCREEN_TASK.search(core)
    )
    if _WISH.search(cleaned) or imagined or _WISHED_CHANGE.search(f"{before} {core}"):
        return True
    if _SCREEN.search(core):
        return bool(_ADOPT.search(cleaned))
    if _HYPOTHETICAL.search(cleaned):
        return True
    context = _NOT_HYPOTHETICAL.sub(" ", f"{before} {core}".strip())
    if _TASK_FRAME.search(context) or _SCREEN.search(context):
        return False
    if _IMAGINED.search(context):
        return True
    return (
        sentence.is_question
        and bool(_SCENE.search(before))
        and not _DO_TASK.search(core)
        and bool(_ASKED_IN_SCENE.search(core))
    )


def hypothetical_question(turn: ParsedTurn) -> str | None:
    before = ""
    questions = turn.questions
    for sentence in turn.sentences:
        asks = sentence in questions or (
            not sentence.is_question
            and bool(
                _ASKS_INSIDE.search(sentence.text)
                or _WAND.search(sentence.text)
                or _IMAGINE_CONCEPT.search(sentence.text)
            )
        )
        if asks and _hypothetical(sentence, before):
            return sentence.text
        before = "" if sentence.is_question else normalise(sentence.text)
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


_CONJUNCTION_OPENER = re.compile(r"^\W*(and|also|plus)\b", _I)


_SCENARIO_ASKED = re.compile(r"^\W*(?:(?:and|so|okay|ok|now)\s+)?what if\b", _I)


def question_clauses(turn: ParsedTurn) -> list[str]:
    """The questions of a turn, a sentence with "...and how did you..." giving two."""
    clauses: list[str] = []
    for sentence in turn.questions:
        core = sentence.core
        # "…? And how did you fix it?": the "and" that adds a question is kept with it
        added = _CONJUNCTION_OPENER.match(sentence.text)
        if added and not _CONJUNCTION_OPENER.match(core):
            core = f"{added.group(1)} {core}"
        last = 0
        for match in _SECOND_CLAUSE.finditer(core):
            if _ALTERNATIVE.match(match.group(0).strip(" ,")):
                continue
            clauses.append(core[last : match.start()])
            last = match.start()
        clauses.append(core[last:])
    kept = [c.strip(" ,") for c in clauses if c.strip(" ,")]
    # A scenario asked as "what if…" and the question put in it are one question ("What if the
    # deadline moved? What would you do?", as a transcriber's run cuts it too); not a question
    # about today after it ("What if you lost it? How do you back it up today?").
    joined: list[str] = []
    for clause in kept:
        if (
            joined
            and _SCENARIO_ASKED.match(joined[-1])
            and not _SCENARIO_ASKED.match(clause)
            and _ASKED_IN_SCENE.search(clause)
        ):
            joined[-1] = f"{joined[-1]} {clause}"
        else:
            joined.append(clause)
    return joined


def question_count(turn: ParsedTurn) -> int:
    """Questions asked; "What do you use and how did you pick it?" counts two."""
    return len(question_clauses(turn))


def distinct_question_groups(turn: ParsedTurn) -> list[list[str]]:
    """The questions of the turn grouped by what they ask (app.coach.parse.distinct_questions):
    a rephrasing, a restart, an alternative or a check joins the question it goes with."""
    return distinct_questions(question_clauses(turn))


def stacked_questions(turn: ParsedTurn) -> str | None:
    """Two or more different questions before the participant can answer: the first words of
    each, or None."""
    groups = distinct_question_groups(turn)
    if len(groups) < 2:
        return None
    return " … ".join(group[0] for group in groups)


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
    r"we (?:can|could) (?:set you up|offer you|throw in|extend your|upgrade you)|"
    r"(?:give|offer|get|send|extend) you (?:a |an |the |your )?(?:\w+ )?(?:discount|free trial|"
    r"trial|coupon|promo code|deal|early access|quote)|(?:discount|trial|deal|offer) (?:for you|"
    r"if you)|we have (?:a|an) (?:free trial|discount|special offer|promotion)|"
    r"we(?:'re| are) running (?:a|an) (?:\w+ )?(?:promotion|special|sale|offer|deal|discount)|"
    r"percent off|at no extra (?:cost|charge)|free of charge|"
    # ("20% off" offered: a "%" ends no word, so it is matched with what follows it; not "you
    # bought it when it was 20% off")
    r"(?:get|give|offer|offering|knock|take) (?:you )?(?:an? |an extra |another )?\d+ ?(?:%|"
    r"percent)? (?:off|discount)|"
    # more of the same offer: extras, a start date, a plan's contents, the problem claimed
    r"(?:i|we)(?:'ll| will| can| could) (?:also )?throw in|"
    r"we(?: can| could| will|'ll) (?:have|get) you (?:live|up and running|onboarded)|"
    r"our (?:\w+ )?(?:plan|tier|package|subscription|edition) (?:also )?(?:includes|comes with|"
    r"gives you)|(?:that's|that is|this is|it's) (?:exactly |precisely )?the (?:problem|pain|"
    r"thing|headache) (?:that )?(?:we|our \w+) (?:solve|solves|fix|fixes|address|addresses|"
    r"eliminate|eliminates)|"
    r"on the house|we now (?:integrate|support|offer)|(?:move|switch|come) (?:over )?to "
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
    r"discount|on the house|trial)|have you seen our (?:new|latest)|would you like to (?:see|try|"
    r"book|schedule|get|set up|hop on) (?:a |an |our |the )?(?:quick )?(?:demo|trial|call|meeting|"
    r"walkthrough|quote|discount|free|pro|premium)|would you like to (?:sign|upgrade|start (?:a|"
    r"your)|purchase|buy)|"
    r"want me to (?:show|send|set|sign|walk you through)|can i (?:set you up|send you|show you|"
    r"book|get you)|should i (?:send you|set you up|book)|interested in (?:a|an|our) (?:demo|"
    r"trial|upgrade|discount|annual plan|pro plan|premium)|shall we (?:book|schedule|set up)|"
    r"are you free (?:for|to) (?:a )?(?:demo|call with sales)|ready to (?:sign|upgrade|buy))\b"
    # the pitch's hook ("What if I told you there was a way to cut that time in half?"), not a
    # scenario set for them ("what if I told you the deadline moved, what would you do?")
    r"|\bwhat if i (?:told|showed) you (?:that )?(?:there(?:'s| is| was) a (?:way|tool|product|"
    r"solution)|(?:we|you) could|how (?:you|we) could)\b",
    _I,
)


# Who a product does things for, in a pitch.
_AUDIENCE = (
    r"(?:you|your|teams?|developers|devs|users|customers|engineers|companies|organi[sz]ations|"
    r"folks|people|managers|admins|administrators|pms|businesses|sellers|marketers|anyone)"
)
_PRODUCT_PARTS = (
    r"(?:features|tools|integrations|dashboards|plans|tiers|templates|workflows|boards|alerts|"
    r"branches|approvals|permissions|groups|pipelines)"
)
# A pitch by its form (DESIGN.md §3, GUIDE.md): what the product does for the listener, how it
# beats the others, what it costs and what is offered, when the offer ends.
_PITCH = re.compile(
    # a capability claimed for the listener ("GitLab lets you…", "it automatically links…")
    # ("it lets you…" alone also describes a prototype to react to, which is not a pitch)
    rf"(?:\b(?!(?:it|this|that|which|there|he|she|they|you)\b)(?-i:[A-Z])\w+|\b(?:feature|tool|app|platform|product|integration|"
    rf"dashboard|plan|tier|service|solution|we)) (?:also |really |even |now )?(?:lets|allows|"
    rf"enables|empowers|helps|saves) {_AUDIENCE}\b"
    # the same said of its parts ("Groups allow you to…", "protected branches help you…")
    # (a person is no product part: "caregivers help you…" is told of a programme; "so the
    # tools help you…" tells back the participant's own)
    # (the part named first: the look-behinds at every position cost a sixth of all pitch time)
    rf"|\b(?={_PRODUCT_PARTS} )(?<!\bthe )(?<!\byour )(?<!\btheir )(?<!\bthose )(?<!\bthese )"
    rf"(?<!\bmy ){_PRODUCT_PARTS} (?:also |really |even |now )?"
    rf"(?:let|allow|enable|empower|help|save) {_AUDIENCE}\b"
    # what it does by itself, in the present ("PostHog automatically tracks…", "each error is
    # automatically linked…"), not a manner ("so automatically, like…")
    r"|\b(?:automatically|seamlessly|instantly) (?:\w+s|\w+ed)\b|\bautomatically for (?:us|you)\b"
    r"|\b(?:will|can|which|that) (?:also )?(?:automatically|seamlessly|instantly) \w+"
    r"|\b(?:adds|creates|syncs|updates|runs|handles|tracks|sends|builds|deploys|merges) "
    r"(?:\w+ ){0,3}automatically\b"
    r"|\b(?:is|are|it's) the (?:easiest|fastest|best|simplest|quickest) way to\b"
    r"|\b(?:has|have|includes?|comes with) (?:a |an )?(?:built-in|integrated|native) \w+"
    r"|\b(?:out of the box|one-click|all in one (?:place|platform)|no code changes|"
    r"without (?:writing|any) code|with (?:just )?a (?:few|couple of) clicks)\b"
    r"|\b(?:it's|it is|that's|that is) (?:just |really )?that (?:easy|simple)\b"
    r"|\bas (?:easy|simple) as\b(?! that)"
    r"|\b(?:we(?:'ve| have)? got you covered|we help|helping (?:teams|companies|customers|"
    r"developers))\b"
    r"|\bwe(?:'ve| have)? helped (?:\w+ ){0,3}?(?:companies|teams|customers|businesses|clients|"
    r"organi[sz]ations|startups|people like you)\b"
    # (told of the listener or of other customers, not "so you were up and running in a day")
    r"|\b(?:you(?:'ll| will| can| could) be|(?<!your )(?<!their )(?:teams|customers|users|"
    r"companies|clients)(?: \w+){0,3} are|get you|have you) up and running in\b"
    r"|\bimagine (?:never|not) having to\b"
    r"|\bunlimited \w+ (?:with|on|in) our \w+ plan\b|\bpays? for itself\b"
    # a demo offered, a customer's story, the objection answered ("I'd love to walk you through a
    # quick demo of our platform", "a client of ours had the same problem", "think about the cost
    # of doing nothing", "we have flexible payment options")
    r"|\b(?:walk you through|show you|give you) (?:a |an )?(?:quick |short |brief |live )?"
    r"(?:demo|tour|walkthrough) of (?:our|my) \w+"
    r"|\b(?:a |one |another )?(?:client|customer)s? of (?:ours|mine)\b"
    r"|\bcost of (?:doing nothing|inaction|not (?:acting|switching|changing))\b"
    r"|\bflexible (?:payment|pricing|billing|financing) (?:options|plans|terms)\b"
    # the product's promise ("I think you'll love our new reporting feature.")
    r"|\b(?:you(?:'ll| will|'re going to| are going to|'re gonna)) (?:really |absolutely )?"
    r"(?:love|enjoy) (?:our|the new|this new)\b"
    r"|\b(?:it|this|that|we|our \w+)(?:'ll| will) save (?:you|your \w+)(?: \w+){0,2}? "
    r"(?:hours|time|money|days|weeks|thousands|\d+)\b"
    # social proof ("thousands of happy customers", "everyone who tries it loves it")
    # (not "…what makes happy customers come back", "how companies become the leader in…")
    r"|\b(?:our|\d[\d,]*|thousands of|hundreds of|millions of|thousand|hundred|million) (?:happy|"
    r"satisfied|delighted) (?:customers|clients|users)\b"
    r"|\b(?:thousands|hundreds|millions|thousand|hundred|million) (?:of )?(?:\w+ )?(?:customers|"
    r"users|teams|companies|businesses) (?:already )?(?:use|love|trust|rely on) "
    r"(?:us|it|this|our)\b"
    r"|\b(?:everyone|everybody|customers|teams|people) (?:who|that) (?:tries|try|tried|uses|use|"
    r"switch(?:es|ed)?(?: to)?) (?:it|us|our \w+) loves?\b"
    r"|\b(?:we're|we are|our \w+ is|it's|it is) (?:the |a )?(?:(?:industry|market|category) leader|"
    r"leader in (?:the|this|our) (?:space|market|industry|category))\b"
    r"|\byou(?:'ll| will|'d| would|'re going to) save (?:\w+ ){0,5}?(?:with|using|by switching to) "
    r"(?:our|my|us)\b"
    r"|\b(?:we're|we are|we were|we've been|our \w+ (?:is|was|has been)) (?:\w+ )?(?:rated|ranked|"
    r"voted|named) (?:the )?(?:number one|#1|no\. 1|top|best|leading)\b"
    # (a comparison that sells, not a prototype's change: "compared to the old menu, we moved…")
    r"|\bcompared (?:to|with) \w+(?: \w+)?,? (?:we're|we are|we cost|our \w+ (?:is|are|costs)) "
    r"(?:\w+ )?(?:about |roughly |only |just )?(?:half|cheaper|faster|easier|better|simpler|more|"
    r"less|a fraction)\b"
    r"|\b(?:we're|we are|we cost|our \w+ (?:is|costs)) (?:about |roughly |only |just |less than )?"
    r"(?:half|a fraction of|a third of) the (?:price|cost)\b"
    r"|\bwe (?:also )?(?:provide|offer|support|integrate with|include|have (?:a|an) (?:\w+ )?"
    r"(?:tool|feature|plan|tier|integration|option|module|dashboard))\b"
    r"|\bwe work with (?:\w+ ){0,3}(?:companies|teams|customers|businesses|organi[sz]ations)\b"
    r"|\b(?:our|my) (?:customers|clients)\b|\bcustomers (?:like you|tell us|love)\b"
    r"|\bcompanies switch\b"
    r"|\bgreat for (?:\w+ ){0,3}(?:teams|companies|managers|developers|engineers|anyone|"
    r"people who|folks)\b"
    r"|\b(?:one of my favou?rite (?:parts|features|things)|the (?:neat|cool|great|best|nice) "
    r"(?:thing|part) about)\b"
    r"|\byou can (?:now |also |easily |even |simply |just )?(?:enable|turn on|switch on|"
    r"turn it on|switch it on|one-click|sign up|upgrade|start (?:a|your) (?:free )?trial)\b"
    # superiority ("we're faster than…", "unlike X, …", "the leading…")
    r"|\b(?:we(?:'re| are)|our \w+ (?:is|are)) (?:\w+ )?(?:much |way |a lot |significantly )?"
    r"(?:faster|cheaper|easier|better|simpler|more \w+|less \w+) than\b"
    r"|\b(?:twice|\d+x|\w+ times) (?:as (?:fast|quick|cheap|easy) as|faster|cheaper|quicker)\b"
    r"|^unlike\b|, unlike\b"
    r"|\bno other (?:tool|product|app|platform|solution|company|vendor|service) (?:can|does|"
    r"offers|has|gives)\b|\b(?:the )?(?:best|leading|top|number one) (?:\w+ )?on the market\b"
    r"|\b(?:the|a) (?:leading|best|fastest|easiest|only|most (?:powerful|complete|advanced|"
    r"affordable|secure|reliable|popular)) (?:\w+ )?(?:solution|platform|tool|product|app)\b"
    r"|\b(?:best-in-class|industry-leading|world-class|market-leading|second to none|"
    r"transformative)\b"
    # prices, fees, offers and their deadlines
    # (an offer, not "let's not discount them" or "keeping the podcast free for everybody")
    r"|\b(?:(?:a|an|the|our|any|no|special|extra|big|\d+ ?(?:%|percent)) discount|discounts "
    r"(?:for|on|if|when)|discount (?:pricing|prices?|codes?|rates?|plans?|offers?)\b|free for (?:the first|\d+|a (?:whole )?(?:month|year|week)|(?:one|two|"
    r"three|six|twelve) (?:months|weeks)|you\b|your)|percent off|free (?:trial|month|months|of "
    r"charge|upgrade|onboarding|setup)|no (?:setup |extra |hidden |additional )?(?:fee|fees|cost|charge)|"
    r"waive[sd]? (?:the |your |any )?(?:\w+ )?fees?|(?:setup|onboarding|implementation|"
    r"cancellation) fees?|money.?back|(?:we|i) guarantee|guaranteed (?:\w+ )?(?:uptime|results|"
    r"savings|return|price)|(?:limited|special|exclusive|introductory|promotional|launch) "
    r"(?:time )?(?:offer|deal|price|pricing|rate|discount|promotion|promo)|"
    r"(?:offer|deal|price|promotion|"
    r"discount)s? (?:ends|expires|is valid|is good|runs)|today only|this (?:week|month|quarter) "
    r"only|lock in|(?:only|just) \d+ (?:spots|seats|licenses|left)|(?:only|just) (?:available|"
    r"valid|good) (?:until|through|till|for)|for a limited time|annual (?:deal|plan|"
    r"commitment|contract|subscription|billing)|per (?:seat|user|month)|price match)\b",
    _I,
)
# Closing: asking for the next step of a sale, a meeting, a signature (statement or question).
_CLOSE = re.compile(
    r"\b(?:shall|should|can|could) we (?:go ahead and )?(?:move forward|sign|put (?:the|an) "
    r"order|get the (?:paperwork|contract))\b"
    r"|\b(?:ready|would you like|do you want) to (?:move forward|sign|go ahead with|proceed with|"
    r"buy|purchase|upgrade)\b"
    r"|\blet's (?:get you|set you up|reconnect|get the (?:paperwork|contract))\b"
    r"|\b(?:grab a time|my calendar|on your calendar|a (?:quick )?(?:\d+|fifteen|thirty|twenty)"
    r"[- ]minute (?:call|chat|demo|intro))\b"
    r"|\b(?:\d+|fifteen|thirty|twenty)(?:\s*[-–]\s*\d+)? minutes (?:on|to (?:discuss|chat|talk|"
    r"show)|intro)\b"
    r"|\b(?:send|get) (?:you |over )+(?:the |a |our )?(?:contract|agreement|proposal|quote|"
    r"paperwork|invoice|order form|pricing)\b"
    r"|\bsign (?:the|an|our) (?:contract|agreement|order|paperwork|deal)\b"
    r"|\b(?:how many|which) (?:seats|licenses|plan|tier)\b|\bas (?:a|the) next step\b"
    r"|\b(?:can|could) we (?:chat|talk|hop on a call) about how\b"
    r"|\bloop in\b|\binternal case\b"
    r"|\b(?:up|free|available) for a (?:quick )?(?:chat|call|demo)\b|\bbook a (?:call|demo|"
    r"meeting)\b|\bschedule (?:a|an) (?:quick )?(?:call|demo|meeting|intro)\b"
    r"|\bnext (?:best )?step (?:is|would be) (?:for (?:us|you) )?to\b"
    # asking for the decision itself ("do we have a deal?", "what would it take to sign?")
    r"|\b(?:do we have a deal|can i count on you|are we (?:good|all set) to sign)\b"
    # ("what would it take for you to switch banks?" asks about their life: not here)
    r"|\bwhat (?:would|will) it take (?:for (?:you|us|your team) )?to (?:sign|move forward|"
    r"close (?:the|this) deal|commit|say yes|get (?:this|it|the (?:contract|deal|agreement|order)) "
    r"signed(?! off))\b"
    r"|\bput you down for (?:the |an? )?(?:\w+ )?(?:plan|tier|seats?|licen[cs]es?|order|package)\b"
    # a meeting proposed with the one who buys
    r"|\b(?:would it make sense to|can we|could we|shall we|should we|let's|i'd (?:like|love) to|"
    r"happy to) (?:\w+ ){0,2}?(?:set up|schedule|book|arrange|get|have) (?:a |an )?(?:quick )?"
    r"(?:call|meeting|demo) with (?:your|you and your) (?:cto|ceo|cfo|vp|boss|manager|head of|"
    r"decision|buyer|procurement|purchasing|legal)\b"
    r"|\bwhen (?:would|can|could) (?:you|we) (?:like to|want to) (?:get started|"
    r"start (?:the|your) (?:trial|onboarding|subscription)|sign|kick (?:things|this) off|"
    r"place the order)\b"
    # the start assumed, only its day asked ("when would be a good time to get started?")
    r"|\b(?:when|what day|which day) (?:would|will) (?:be|work) (?:a )?(?:good|best|the best) "
    r"(?:time |day )?(?:for you )?to (?:get started|get you started|sign|kick (?:things|this) off|"
    r"onboard|start (?:the|your) (?:trial|onboarding|subscription))\b"
    r"|\b(?:anything|something) (?:stopping|keeping|preventing|holding) you (?:back )?from "
    r"(?:signing|moving forward|getting started|buying|going ahead|making a decision)\b"
    r"|\bwhich (?:plan|package|tier) (?:works|suits|fits|makes (?:the most )?sense) "
    r"(?:best )?for (?:you|your)\b"
    # a demo's day offered as the only choice ("Does Tuesday or Thursday work better for a demo?")
    r"|\b(?:work|works|suit|suits) (?:better |best )?for (?:a|the|our|your) (?:quick |short )?"
    r"demo\b"
    # calls to act now ("sign up now" is also a usability task: left to the model)
    r"|\bmake the (?:move|switch) (?:today|now|right now|this week)\b|\bact now\b"
    # the sale assumed: the plan they will be started on, their business earned, a proposal
    r"|\b(?:get|set|sign) you (?:started|up|signed up|set up|going) (?:on|with|for) (?:the|our|a|"
    r"an) (?:\w+ ){0,2}(?:plan|tier|package|subscription|trial|licen[cs]es?|contract)\b"
    r"|\b(?:earn|win) your business\b|\bput together (?:a|an|the) (?:proposal|quote|order form)\b"
    # (asked of a purchase still to make: not "did you sign up this week?")
    r"|\b(?:would you|will you|could you|can you|ready to|want to|like to|you can|you could) "
    r"(?:sign|commit|buy|purchase)(?: up)? (?:today|right now|this week)\b"
    r"|\b(?:i'd|i would|we'd|we would|i) (?:recommend|suggest) (?:our|the) (?:\w+ )?(?:plan|tier|"
    r"package|edition|add-on)\b",
    _I,
)
# Fees, prices and who qualifies for them; offers with a deadline; claims that the product beats
# the others (the held-out guide lines missed exactly these: fee offers, limited-time
# offers, superiority claims).
_SELL_TERMS = re.compile(
    # (a price the participant pays today is theirs to tell: only an offered price counts)
    r"(?:\b(?:only|just)\s|\bfor\s(?:only|just)\s)(?:\$|€|£)\s?\d|(?:\$|€|£)\s?\d[\d,.]*"
    r"(?:\s?/\s?\w+)? off\b"
    # a price offered in words ("it's only ten dollars a month"), a better one
    r"|(?<!\bso )\b(?:it's|it is|that's|that is|for) (?:only|just) (?:\w+ ){1,3}(?:dollars|"
    r"bucks|euros|pounds)(?: (?:a|per) (?:month|year|seat|user|week))?\b"
    r"|\b(?:i|we)(?:'ll|'d| will| would| can| could)? (?:give|offer|get) you (?:a|the) (?:better|"
    r"special|good|great|lower|reduced|best) (?:price|rate|deal)\b"
    # (a programme's benefits are not an offer: "eligible for a free health plan")
    r"|\b(?:eligible|qualify|qualifies) for (?:a |an |our )?(?:discount|discounted|(?:free|"
    r"sponsored) (?:(?-i:[A-Z])\w+ )?(?:plan|trial|tier|account|accounts|version|upgrade|"
    r"license|licenses))\b"
    r"|\bdiscounts? (?:is|are) (?:also )?(?:available|offered)\b|\bdiscounted (?:rate|pricing|"
    r"price|plan|plans|accounts?)\b"
    r"|\bfree \d+[- ]day\b|\b\d+[- ]day (?:free )?trial\b|\bfirst (?:month|months|year|seat) "
    r"(?:is |are )?(?:free|off|on us)\b|\b(?:month|months|year)s? (?:free|on us)\b"
    r"|\bno (?:credit card|commitment|long-term contract|contract) (?:is )?(?:required|needed)\b"
    r"|\bcancel (?:at )?any ?time\b"
    r"|\bprices? (?:go|goes|will go) up\b|\bbefore (?:the )?(?:price|prices|offer|deal|"
    r"discount) (?:goes up|go up|ends|expires|runs out)\b|\bwhile (?:supplies|spots|seats) "
    r"last\b|\blast chance\b|\bdon't miss (?:out|this)\b|\b(?:great|perfect|good) time to "
    r"(?:buy|sign|upgrade|switch|lock in)\b"
    r"|\bbetter than (?:any|every|all(?: the)?) (?:other|\w+ else)\b|\b(?:is|are|has|have|"
    r"we're|it's) (?:\w+ )?by far the (?:most|best|fastest|easiest|cheapest|largest|biggest)\b|\bnothing (?:else )?(?:on the market|out there) "
    r"(?:comes close|compares|can match)\b|\bwon't find (?:a |an )?(?:better|cheaper|faster|"
    r"easier)\b|\b(?:we're|we are|our \w+ is) the only (?:\w+ )?(?:app|tool|product|platform|"
    r"company|vendor|provider|service|solution)s? (?:that|which|to|focused|built|designed|with)\b"
    r"|\bthe best of (?:both|email and|\w+ and \w+)\b"
    r"|\bonly (?:\w+ ){0,2}(?:spots?|seats?|licen[cs]es|slots|places) (?:left|remaining)\b"
    r"|\b(?:spots|seats|places) are (?:filling up|going fast|limited)\b"
    # ("no other tool does…" is _PITCH's)
    r"|\b(?:nothing|no one|nobody) (?:else )?(?:out there |on the market )?(?:does|offers|can do) "
    r"(?:what (?:we|our \w+) (?:do|does|offer|offers|can do)|it (?:like|as well as) (?:we|us|"
    r"ours))\b"
    r"|\byou(?:'ll| will|'re going to|'re gonna) (?:really |absolutely |just )?love (?:it|this|"
    r"our)\b|\byou(?:'d| would| will|'ll) (?:really |definitely )?benefit from (?:our|using "
    r"our)\b"
    r"|\byou(?:'ll| will| also|'d| would) get (?:\w+ ){1,4}(?:with|on|in) (?:our (?:\w+ )?|the "
    r"(?:premium|pro|enterprise|business|paid|annual|team|plus) )(?:plan|tier|package|"
    r"subscription|edition)\b",
    _I,
)
# Someone else's words told back ("You said it pays for itself.", "Your manager thinks it will
# save you money."): no pitch of the interviewer's own.
_TOLD_BACK = re.compile(
    rf"\b{_YOU_SAID}\b|\b(?:thinks|said|says|told you)\b"
    r"|\bin your (?:view|opinion)\b",
    _I,
)
# The participant's own situation told back to them ("you said the price goes up every year").
_REPORTED = re.compile(
    rf"\b{_YOU_SAID}\b|\byou(?:'ve| have)? (?:get|got|pay|paid|were|was|are on|had)\b", _I
)
# A step on a screen ("click the Start 30-day trial button"): a usability task or a help page,
# whatever the button says.
_SCREEN_STEP = re.compile(r"\b(?:click|clicking|tap|tapping|press|button|link|menu|tab)\b", _I)
# A product named as the subject of what it offers ("Zulip offers…", "Sentry is built for…"). A
# feature, not a verdict: a research session says the same of a programme ("Medicare provides…").
# Acronyms are left out: they are the agencies a research session talks about.
_PRODUCT_CLAIM = re.compile(
    r"\b(?!(?:It|This|That|They|He|She|We|You|There|Which|Who|What|I)\b)(?-i:[A-Z][a-z]\w*)"
    r"(?:'s \w+)? (?:also |now |even )?(?:offers|provides|includes|comes with|serves|is built for|"
    r"is designed for|works (?:great|reliably|seamlessly)|keeps (?:\w+ ){0,3}(?:organized|"
    r"organised|secure|simple|fast))\b"
)
# A founder describing their own product to the participant.
_FOUNDER = re.compile(
    r"\b(?:we(?:'ve| have)?|i(?:'ve| have)?|we're|we are|i'm|i am) (?:just )?(?:built|building|"
    r"created|creating|developed|developing|made|making|launched|launching|designed) (?:a|an|"
    r"this|our) (?:\w+ ){0,3}?(?:app|tool|product|platform|service|solution|software|plugin|"
    r"extension)\b"
    r"|\b(?:our|my) (?:new )?(?:app|product|tool|platform|startup|service|solution|software) "
    r"(?:is|does|lets|helps|makes|allows|can|will|automatically|gives|saves|solves|handles|"
    r"offers|provides|connects|tracks|uses|sends|automates|matches|finds|shows|tells|reminds|"
    r"notifies|turns|pulls|syncs|summari[sz]es|analy[sz]es|predicts|blocks|manages|"
    r"organi[sz]es)\b"
    # the product introduced as theirs and what it does ("We have an app where you can split
    # bills", "what I've built is…", "like Uber but for dog walking"; not "we have a tool that
    # we use internally", nor "I'm the founder of…" in the call's framing)
    r"|\bwe(?:'ve| have)? (?:have|got) (?:a|an|this) (?:\w+ ){0,2}?(?:app|tool|product|platform|"
    r"service|solution|software|extension|plugin) (?:that|which|where|to)\b(?! (?:we|i|our)\b)"
    r"|\bwhat (?:we|i)(?:'ve| have) (?:built|made|created|developed) is\b"
    r"|\bwhat (?:we're|we are|i'm|i am) (?:building|making|developing|creating|launching|"
    r"selling|offering) is\b|\bwhat (?:we|i) (?:offer|sell) is\b"
    r"|\bwhat (?:we're|we are|i'm|i am) doing is (?:building|making|developing|creating|"
    r"launching)\b"
    # (the product likened to a known one; not their wish told back: "so you'd like Excel but
    # with better charts")
    r"|\b(?:(?:it's|it is|we're|we are|this is|basically|kind of|sort of|think of (?:it|us) as)"
    r"(?: basically| kind of| sort of| just)? (?:like )?(?:an? )?|think )(?-i:[A-Z])\w+"
    r"(?: or (?-i:[A-Z])\w+)?,? but (?:for|with)\b"
    r"|\b(?:the|my|our) (?:app|tool|product|platform|service) (?:i'm|i am|we're|we are) "
    r"(?:building|making|working on|developing),? (?:lets|helps|allows|makes|saves|gives|will "
    r"(?:let|help|save))\b"
    # a student founder's pitch: the idea, what the app does, what they set out to build
    r"|\b(?:our|my) (?:idea|concept|startup idea|business idea) is (?:an?|to (?:build|create|"
    r"make|launch|develop)) \w+"
    r"|\b(?:we're|we are|i'm|i am|we've been|i've been|\w+ and i are) (?:trying to |going to |"
    r"planning to |hoping to )?(?:build|building|create|creating|make|making|develop|developing|"
    r"launch|launching) (?:a|an|this) (?:\w+ ){0,3}?(?:app|tool|product|platform|service|"
    r"solution|software|marketplace|device)\b"
    r"|\b(?:we're|we are|i'm|i am|we've been|i've been|\w+ and i are) (?:build|building|"
    r"develop|developing|create|creating) something (?:that|to|for|where|which)\b"
    r"|\b(?:we're|we are|i'm|i am) trying to do is (?:build|create|make|develop|launch) (?:a|an) "
    r"(?:\w+ ){0,3}?(?:app|tool|product|platform|service|solution|software|marketplace|device)\b"
    r"|\b(?:with|using|through) (?:our|my) (?:new )?(?:app|product|tool|platform|service|"
    r"solution|software),? (?:you|your|users|people|customers)\b"
    r"|\bthe way (?:our|my) (?:\w+ )?(?:app|product|tool|platform|service|solution|software) "
    r"works\b"
    # ("we have a feature…" is _PITCH's)
    r"|\bwe (?:built|made|added|designed) (?:a|an) (?:\w+ )?(?:feature|tool|integration|"
    r"module) (?:for|to handle|that handles|that does|that solves) (?:exactly )?(?:that|this|it)"
    r"\b",
    _I,
)
# Research logistics said with the words of an offer: the thank-you gift card, the consent
# form, a prototype described for the participant to react to (GUIDE.md: not selling). The
# study's own frame holds back even a product statement ("…, and today's session is about that").
_STUDY_FRAME = (
    r"gift ?cards?|incentive|compensation|honorarium|consent|transcript|prototype|"
    r"(?:this|the|today's|our) (?:study|session|research|interview|survey)"
)
_RESEARCH_FRAME = re.compile(rf"\b(?:{_STUDY_FRAME})\b", _I)
# Wider, for pitches by their form: the call and the participants' feedback too.
_SELL_LOGISTICS = re.compile(
    rf"\b(?:{_STUDY_FRAME}|(?:this|the|today's|our) call|participants?|feedback)\b", _I
)


# What a pitch sounds like without any fixed offer: a product's capabilities and benefits told
# to the listener, and asks for their time. A feature for the model, which learns when a
# neutral description of a prototype in a usability test is not a pitch.
_SELL_BENEFIT = re.compile(
    r"\b(?:(?:lets|allows|helps|enables|empowers) (?:you|your|teams?|developers|users|customers)|"
    r"you can (?:easily|quickly|simply|now|also|just)|(?:easiest|fastest|simplest|best) way|"
    r"automatically|built-in|out of the box|in one place|we(?:'ve)? got you covered|"
    r"we help|helping (?:teams|companies|customers)|our customers|customers (?:like you|use)|"
    r"(?:saves?|saving) (?:you |teams? )?(?:a lot of |so much |hours of )?(?:time|money|hours|effort)|"
    r"(?:help|helps|helping) (?:people|folks|teams|companies|someone|businesses) like you|no extra|for free|free (?:trial|tier|"
    r"plan)|pricing|discount|per (?:seat|user|month)|(?:\d+|fifteen|thirty) minutes on your calendar|"
    r"(?:do you|would you) have (?:\d+|fifteen|thirty|a few) minutes|how can (?:we|i) help you|"
    r"can i help (?:you|by)|(?:schedule|book|set up) (?:a |some )?(?:time|call|demo|meeting)|"
    r"we (?:also )?(?:integrate|support|offer|provide)|pretty awesome|how nice)\b",
    _I,
)


def selling_benefit(turn: ParsedTurn) -> str | None:
    for sentence in turn.sentences:
        if _SELL_BENEFIT.search(sentence.text) or _PRODUCT_CLAIM.search(sentence.text):
            return sentence.text
    return None


def selling_phrase(turn: ParsedTurn) -> str | None:
    for sentence in turn.sentences:
        text = normalise(sentence.text)
        if _CLOSE.search(text):
            return sentence.text
        if sentence.is_question:
            if _SELL_OFFER.search(text):
                return sentence.text
            continue
        pitch = (
            (_PITCH.search(text) or _FOUNDER.search(text))
            and not _SELL_LOGISTICS.search(text)
            and not _TOLD_BACK.search(text)
        )
        # ("we just launched a feature based on your feedback" still pitches; the study framed
        # around a product does not: "what our service does is…, and today's session is about
        # that")
        offered = _SELL_STATEMENT.search(text) and not _RESEARCH_FRAME.search(text)
        if pitch or offered or _SELL_OFFER.search(text):
            return sentence.text
        if _SELL_TERMS.search(text) and not (
            _SELL_LOGISTICS.search(text) or _SCREEN_STEP.search(text) or _REPORTED.search(text)
        ):
            return sentence.text
    return None
