"""Recognisers for three of the guide's kinds of passage that plain keyword matching got wrong
most often: a question the participant asked, a strong emotional statement and a workaround.

Each takes one sentence (and what it needs of its line) and returns the words that made it
count, or None. The rules come from the guide's reading ("questions they asked", "strong
emotional statements", "ways they describe their pain points") and from the development
interviews of bench/highlights.py; the held-out interviews were not read while writing them.
"""

from __future__ import annotations

import re

from app.synthesis.lexicon import words

MIN_QUESTION_WORDS = 4
# A question the participant puts to the interviewer ends their turn or gets a short aside
# ("Where would the answer go? It would just go in the ethos, I guess."); one followed by a
# long answer of their own is rhetorical ("is anyone upstream going to fix it? So that means...").
MAX_WORDS_AFTER_QUESTION = 14
MAX_QUESTIONS_IN_LINE = 2  # a run of questions in one turn is an argument, not a request
ECHO_SHARE = 0.75  # this share of the question's words in the interviewer's prompt: an echo

_LEAD = r"^(?:(?:so|and|but|okay|ok|well|oh|um|uh|now|then|also|yeah|like|hmm|wait)[,.]?\s+)*"
# Interrogative form: a question word or an inverted auxiliary first. Declaratives with a
# question mark ("Even though it's still counting down?", "It must have been two PyCons ago?")
# are checks and guesses, not questions about the product.
_INTERROGATIVE = re.compile(
    _LEAD + r"(what|why|how|where|when|who|which|whose|is|are|was|were|do|does|did|can|could|"
    r"will|would|should|shall|may|might|has|have|had|isn't|aren't|don't|doesn't|didn't|can't|"
    r"won't|wouldn't|shouldn't|am)\b"
)  # fmt: skip
# Tag questions, rhetorical turns and checks that are talk, not a question.
_RHETORICAL = re.compile(
    r"((right|you know|know what i mean|does that make sense|make sense|okay|ok|huh|hey|"
    r"isn't it|don't you think|you see)\s*\?\s*$)|\b(you know what|guess what|who knows|"
    r"why not|what else|how come|what if i|who cares|can you imagine|can you guess)\b"
)  # fmt: skip
# Asking the interviewer to repeat or explain their own question is not a question about the
# product ("What do you mean, like, open API?").
_CLARIFY = re.compile(
    r"\b(what do you mean|what does that mean|what was the question|what's the question|"
    r"(can|could|would) you (repeat|rephrase|say that again|explain (that|the question))|"
    r"say that again|sorry,? what|do you mean)\b"
)  # fmt: skip
# The session's own mechanics ("should I scroll down?", "can you see it?", "now what do I do?").
_SESSION_MECHANICS = re.compile(
    r"\b(should i|do i|can i|shall i) (scroll|swipe|click|press|tap|share|go back|type|"
    r"hit|open|close|stop|continue|keep going)\b|\b(can|do) you see (it|this|my|that|the)\b|"
    r"\bdo you want me to\b|\byou want (this|me to)\b|\bcan you hear me\b|\bam i sharing\b|"
    r"\bwhat do i do (now|next)\b|\bnow what\b|\bis (it|this|that) (recording|sharing)\b|"
    r"\b(my|the|your) (screen|audio|mic|microphone|camera)\b"
)  # fmt: skip
# "he says, how are you doing?", "I was like, what?": someone else's question, retold.
_REPORTED = re.compile(r"\b(says?|said|asks?|asked|goes|went|was like|is like|were like|"
                       r"i'm like|he's like|she's like|they're like|thinking|thought|wondered|"
                       r"wondering)(\s*[,:\u2026]+|\.\.\.)\s*[\"\u201c]?\w")  # fmt: skip
_QUOTED = re.compile(r"[\"\u201c\u201d]")
_SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "i'm": "you're", "i'd": "you'd",
         "i've": "you've", "i'll": "you'll", "am": "are"}  # fmt: skip


def _echoes(question: str, prompt: str) -> bool:
    """"What would I do?" after "What would you do?": the participant repeats the question."""
    asked = set(words(prompt))
    mine = [_SWAP.get(w, w) for w in words(question)]
    return bool(asked) and sum(w in asked for w in mine) >= ECHO_SHARE * len(mine)


def question_asked(sentences: list[str], index: int, prompt: str = "") -> str | None:
    """The question at `sentences[index]` when the participant asks it of the interviewer (or
    aloud of the product); None for rhetorical, retold, echoed, clarifying and session talk."""
    sentence = sentences[index].strip()
    lowered = sentence.lower().replace("\u2019", "'")
    if not lowered.endswith("?") or len(words(lowered)) < MIN_QUESTION_WORDS:
        return None
    if _INTERROGATIVE.match(lowered) is None:
        return None
    if _RHETORICAL.search(lowered) or _CLARIFY.search(lowered) or \
            _SESSION_MECHANICS.search(lowered):  # fmt: skip
        return None
    before = sentences[index - 1].lower() if index else ""
    if _REPORTED.search(before) or _QUOTED.search(sentence) or _REPORTED.search(lowered):
        return None
    if sum(s.strip().endswith("?") for s in sentences) > MAX_QUESTIONS_IN_LINE:
        return None
    if len(words(" ".join(sentences[index + 1:]))) > MAX_WORDS_AFTER_QUESTION:
        return None
    if prompt and _echoes(lowered, prompt):
        return None
    return sentence


_INTENSIFIER = r"(?:so|really|very|super|extremely|absolutely|incredibly|totally|truly|just|such|" \
               r"quite|pretty|completely|utterly|genuinely|honestly|a (?:little|bit) too)"
# Only these make a mild word strong: "pretty easy" and "quite nice" are no strong feeling.
_STRONGLY = r"(?:so|really|very|super|extremely|absolutely|incredibly|totally|such|too)"
# Feelings the speaker has. Mild ones ("happy", "worried") need an intensifier to be strong.
_FEELING_STRONG = (r"frustrated|furious|angry|mad|pissed|livid|scared|terrified|afraid|anxious|"
                   r"nervous|stressed(?: out)?|overwhelmed|embarrassed|humiliated|ashamed|"
                   r"disappointed|devastated|heartbroken|upset|hopeless|helpless|desperate|"
                   r"exhausted|fed up|sick of|tired of|relieved|thrilled|ecstatic|delighted|"
                   r"grateful|panicked|in tears|crying|disgusted|outraged|offended|insulted")
_FEELING_MILD = r"happy|glad|excited|worried|annoyed|sad|pleased|satisfied|confused|lost"
_LOVE_HATE = r"love|loved|hate|hated|can't stand|couldn't stand|dread|dreaded|despise|adore"
# What a thing is, said with feeling.
_EVAL_STRONG = (r"great|amazing|awesome|fantastic|wonderful|incredible|brilliant|excellent|"
                r"perfect|terrible|horrible|awful|the worst|the best|a nightmare|nightmare|"
                r"a disaster|ridiculous|insane|useless|miserable|hell|stupid|a joke|a mess|"
                r"garbage|frustrating|infuriating|maddening|annoying|stressful|scary|"
                r"heartbreaking|depressing|a lifesaver|life-changing|a godsend|a blessing")
_EVAL_MILD = r"good|nice|bad|easy|hard|cool|helpful|confusing|painful|difficult|sad|weird"
_SELF = r"\b(?:i|we)(?:'m| am| was| were| feel| felt| get| got| became| become|'ve been| have " \
        r"been| had been| was getting| am getting)"
_THING = r"\b(?:it|this|that|which|these|those|they)(?:'s| is| was| are| were| has been| have " \
         r"been| seems| seemed| feels| felt| looks)"
_EMOTION = re.compile(
    rf"{_SELF}\s+(?:{_INTENSIFIER}\s+)*(?P<feel>{_FEELING_STRONG})\b|"
    rf"{_SELF}\s+(?:{_INTENSIFIER}\s+)*{_STRONGLY}\s+(?P<mild>{_FEELING_MILD})\b|"
    rf"\b(?:makes?|made|making) (?:me|us)\s+(?:{_INTENSIFIER}\s+)*(?P<made>{_FEELING_STRONG}|"
    rf"{_FEELING_MILD})\b|"
    rf"\b(?:i|we)\s+(?:(?:really|just|absolutely|truly|honestly|totally|do|did|still)\s+)*"
    rf"(?P<love>{_LOVE_HATE})\b(?!\s+(?:to|by)\b)(?!\s+(?:that|the|this|your) question)|"
    rf"{_THING}\s+(?:{_INTENSIFIER}\s+)*(?:(?:a|an)\s+)?(?P<eval>{_EVAL_STRONG})\b"
    rf"(?!\s+(?:question|point|idea))|"
    rf"{_THING}\s+(?:{_INTENSIFIER}\s+)*{_STRONGLY}\s+(?:(?:a|an)\s+)?(?P<evalmild>{_EVAL_MILD})\b"
    rf"(?!\s+(?:question|point|idea))"
)  # fmt: skip
_NEGATED = re.compile(r"\b(not|never|n't|no|wasn't|isn't|weren't|aren't|didn't|don't|"
                      r"nothing|hardly)\b")  # fmt: skip
# A feeling told of someone else, or imagined, is no statement of the speaker's own.
_HYPOTHETICAL = re.compile(r"\b(if|would|could|might|whether|imagine|suppose)\b")


def emotional_statement(sentence: str) -> str | None:
    """The words of a strong statement of feeling by the speaker about what they talk about
    ("I was so frustrated", "I hate that portal", "this is great"); None otherwise. A feeling
    denied ("I wasn't upset"), wished for ("I'd love to") or put as an if is not one."""
    lowered = sentence.lower().replace("\u2019", "'")
    for match in _EMOTION.finditer(lowered):
        said = match.group(0)
        head = lowered[max(0, match.start() - 25): match.start()]
        if _NEGATED.search(said) or _NEGATED.search(head.split(",")[-1]):
            continue
        if _HYPOTHETICAL.search(head.split(",")[-1]) or said.startswith(("i'd", "we'd")):
            continue
        return said.strip()
    return None


_WHO = r"\b(?:i|we)\s+(?:\w+[,\u2026]?\s+){0,2}"
_WORKAROUND = re.compile(
    r"\b(workarounds?|work(?:ed|ing)? around|get(?:ting)? around|got around|bypass(?:ed)?)\b|"
    rf"{_WHO}(?:end(?:ed)? up|wound up)\s+\w+ing\b|"
    rf"\binstead,?\s+(?:i|we)\b|{_WHO}\w+ (?:it|them|that) instead\b|"
    rf"{_WHO}(?:took|take|taking|brought|bring)\s+(?:it|them|the \w+|my \w+)\s+"
    r"(?:down|in|over|into)\b|"
    rf"{_WHO}(?:make|made|making)\s+(?:paper\s+|hard\s+)?cop(?:y|ies)\b|"
    rf"{_WHO}(?:keep|kept|use|used|have|had|made|make|built|build|wrote|write|maintain|started)"
    r"\s+(?:\w+\s+){0,2}(?:spreadsheets?|excel|notebook|notepad|sticky notes?|post-its?|"
    r"paper cop(?:y|ies)|binder|folder|my own (?:list|system|notes|copy|records?)|"
    r"screenshots?|reminders?|alarms?|scripts?)\b|"
    rf"{_WHO}(?:print|printed|printing)\s+(?:it|them|everything|that|this|out|off)\b|"
    rf"{_WHO}(?:write|wrote|writing|jot|jotted)\s+(?:it|them|everything|that|this)\s+down\b|"
    rf"{_WHO}(?:take|took|taking)\s+(?:a\s+)?(?:screenshots?|pictures?|photos?)\b|"
    rf"{_WHO}(?:copy|copied)\s+(?:and|&)\s+paste|{_WHO}(?:manually|by hand)\b|"
    r"\b(?:i|we)\s+(?:just\s+|always\s+|usually\s+|then\s+|finally\s+)?(?:had|have|has) to\s+"
    r"(?:call|go down|go in|drive down|drive in|walk in|print|mail|fax|ask (?:someone|somebody|my)|"
    r"get (?:my|someone|somebody)|take (?:it|them) (?:down|in|to))\b|"
    r"\bmy\s+(?:wife|husband|spouse|son|daughter|kids?|friend|neighbou?r|nephew|niece|"
    r"granddaughter|grandson|sister|brother|mom|mother|dad|father)\s+(?:\w+\s+){0,2}"
    r"(?:does (?:it|that|all|most|everything|the|my)|did (?:it|that|all|most|everything|the|my)|"
    r"fills|filled|handles|handled|sets it up|set it up|helps me|helped me)\b|"
    r"\b(?:googled|googling|google it|looked it up|look it up|youtube)\b"
)  # fmt: skip


def workaround(sentence: str) -> str | None:
    """The words of a workaround the speaker uses: their own way around a problem (a
    spreadsheet they keep, the call they had to make instead, someone who does it for them)."""
    lowered = sentence.lower().replace("\u2019", "'")
    match = _WORKAROUND.search(lowered)
    if match is None:
        return None
    head = lowered[max(0, match.start() - 20): match.start()]
    if _NEGATED.search(match.group(0)) or re.search(r"\b(don't|didn't|never|not)\s*$", head):
        return None
    return match.group(0).strip()
