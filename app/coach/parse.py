"""One utterance parsed once: sentences, questions, words and the embedding every rule and
model of the coach reads.

Transcribers often give no punctuation ("so how do you track it and who sees it") and drop
question marks, so a question is recognised by its words as well as by a "?": a sentence that
opens with a wh-word or with an auxiliary before its subject is a question. Unpunctuated text is
cut where a new question starts. Each sentence keeps a normal form that ends in "?" when it is a
question, which is what the rules read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from app.coach.text import (
    AUXILIARIES,
    FILLER_QUESTIONS,
    normalise,
    strip_openers,
    strip_quotes,
)

_SENTENCE_SPLIT = re.compile(r"(?<=[.?!…])[\"”’)]*\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUBJECTS = frozenset(
    [
        "you",
        "your",
        "i",
        "we",
        "they",
        "he",
        "she",
        "it",
        "that",
        "this",
        "there",
        "people",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "the",
        "a",
        "an",
        "any",
        "those",
        "these",
        "everyone",
        "y'all",
        "anything",
        "something",
        "everything",
        "nothing",
        "everybody",
    ]
)
_PERSONS = frozenset(["you", "y'all", "you guys"])
# Words before "do you…" that make it a statement or a clause, not a name called out.
_NOT_A_NAME = frozenset(
    _WORD.findall(
        "that what which as than if because so things ones much more less here there now then "
        "why how or and but nor"
    )
)
_WH = frozenset(["what", "how", "why", "when", "where", "who", "which", "whose", "whom"])
_WH_CONTRACTED = re.compile(r"^(?:what|how|why|when|where|who)(?:'s|'re|'d|'ll)$")
# After a wh-word these make a statement ("what I did was...", "how we do it is...", "what our
# app does is...").
_WH_STATEMENT_SUBJECT = frozenset(
    # ("what I've built is a little browser extension…" tells, as "what I'm hearing is…" does)
    ["i", "we", "they", "he", "she", "i'm", "we're", "they're", "i've", "we've", "they've", "our",
     "my"]  # fmt: skip
)
# Where a new question starts inside unpunctuated speech. "Which/who/when/where" ("…Flower,
# which is one of…", "…when you tell it") open a relative clause as often as a question, so they
# start one only after a conjunction; "is that" before a that-clause ("the idea is that
# basically…") is no question.
_AUX_ALL = r"(?:do|did|does|is|are|was|were|would|could|can|have|has|will|should|might)"
_SUBJECT_WORDS = r"(?:you|they|we|it|that|this|there|your|people)"
_QUESTION_START = re.compile(
    r"\b(?:(?:and|so|but|or|okay|ok|also)\s+)?"
    r"(?:(?:what|how|why)(?:'s|'re)?\s+(?:else\s+)?"
    rf"(?:{_AUX_ALL}|made|makes|happened|happens)\b"
    r"|how come\b"
    # "…and how long ago was that", "how long does reproduction take", "in what order would you
    # put…"
    rf"|how (?:long|much|many|often|far|soon|old|likely|important|easy|hard|difficult)"
    rf"(?: \w+){{0,2}} {_AUX_ALL} (?:you|they|we|it|that|this|there|your|people|the|\w+ion)\b"
    rf"|(?:in|at|for|to|on|from|by) (?:what|which|whose) (?:\w+ )?{_AUX_ALL} "
    rf"(?:you|they|we|it|that|this|there|your|people)\b"
    rf"|(?:do|did|does|would|could|can|have|has|had|will|should)\s+{_SUBJECT_WORDS}\b"
    # "…is that accurate", but not "the idea is that basically…" (a that-clause follows)
    r"|(?:is|was)\s+(?:you|they|we|it|this|there|your|people|anything|anyone)\b"
    rf"|(?:are|were)\s+{_SUBJECT_WORDS}\b"
    r"|(?:is|was) that\b(?!\s+(?:if|when|because|basically|even|there|they|we|you|i|he|she|it|"
    r"people|once|in|by|for|since|although|though|as|so|all|most|some|what|how)\b))"
    r"|\b(?:and|so|but|or|okay|ok|also|yeah|alright|right|great|gotcha|cool|now|then|well|"
    r"nope|sure|perfect|awesome)\s+"
    rf"(?:(?:when|where|who|which)(?:'s|'re)?\s+{_AUX_ALL}\b"
    rf"|(?:is|are|was|were)\s+{_SUBJECT_WORDS}\b)",
    re.IGNORECASE,
)
# Words said before a question without changing it: "overall, did the answer make sense?"
_LEAD_INS = frozenset(
    _WORD.findall("overall generally finally lastly honestly personally basically briefly")
)
# Runs of words longer than these, without a stop inside, are cut where a question starts: a
# transcriber's run ("until you lost your sight and how long ago was that") sooner than a
# written sentence, whose commas already say where it pauses ("By the way, did you…?").
_SPLIT_ABOVE = 8
_SPLIT_PUNCTUATED_ABOVE = 12
_ENDS_WITH_MARK = re.compile(r"[.?!…;:]\s*$")
# "When you tell your story", "where we keep it": a clause set before the question, not one.
_SUBORDINATE = frozenset(["when", "where", "whenever", "wherever"])
# A wh-word after these opens an embedded clause, not a new question.
_EMBEDDING_WORDS = frozenset(
    [
        "about",
        "of",
        "on",
        "in",
        "know",
        "understand",
        "see",
        "me",
        "is",
        "was",
        "learn",
        "explore",
        "hear",
        "wondering",
        "curious",
        "sure",
        "asking",
        "ask",
        "tell",
        "show",
        "explain",
        "describe",
        "remember",
        "exactly",
        "that",
        "like",
        "to",
        "else",  # "what else do you like…", "anything else do you want…": one question
    ]
)
# A tag that turns a claim into a question, at the very end of words said without any mark
# (a transcriber's text); "…exactly right" and "that's right" state, they do not ask.
_TAG_WITHOUT_MARK = re.compile(
    r"(?<!\bexactly)(?<!\bthat's)(?<!\bthat is)(?<!\ball)(?<!\bturn)\s+"
    r"(?:right|correct|is that right|is that correct|isn't it|aren't you|don't you|didn't you)$",
    re.IGNORECASE,
)
# Adverbs said between a subject and its verb ("how you currently do this").
_FREQUENCY = frozenset(
    _WORD.findall("currently usually normally typically generally always often sometimes still")
)
# After these an auxiliary is the verb of the clause they open, not the start of a question:
# "we had this margin", "i did that show", "you could do that".
_VERB_FOLLOWS = frozenset(
    _WORD.findall(
        "i we they he she there who which to can could would will should might must don't didn't "
        "doesn't not never also just really i'd we'd they'd you'd i'll we'll they'll you'll "
        "i've we've they've you've"
    )
)
# "how do you | do it", "what did they | have there": the question's own main verb after its
# auxiliary and subject, not a new question.
_ASKING_AUX = frozenset(_WORD.findall("do did does would could can will should might"))
_ASKED_SUBJECT = frozenset(_WORD.findall("you they we"))
_MAIN_VERB_DO = frozenset(_WORD.findall("do did does have has had"))
# A condition said before its question ("if so, can you…", "say we built it, would you…").
_CONDITION_OPENERS = frozenset(["if", "suppose", "supposing", "say", "imagine"])
# (not "if you do you get a notice": there the auxiliary closes the condition's own clause)
_ASKED_AFTER_CONDITION = re.compile(
    r"(?<!\byou )(?<!\bthey )(?<!\bwe )(?<!\bi )(?<!\bit )"
    r"\b(?:(?:what|how|where|when|which|who)\s+)?(?:would|will|could|can|do|did|should|might)\s+"
    r"(?:you|they|your|people)\b",
    re.IGNORECASE,
)


def asked_after_condition(sentence: str) -> str | None:
    """The question a condition opens onto ("if so, can you describe…" -> "can you
    describe…"), or None when the sentence does not open with a condition."""
    opener = re.match(r"\W*(\w+)", sentence)
    if opener is None or opener.group(1).lower() not in _CONDITION_OPENERS:
        return None
    found = _ASKED_AFTER_CONDITION.search(sentence, opener.end())
    return sentence[found.start() :] if found else None


# Whole words only: "would you look" keeps its "ok".
_TRAILING_FILLER = re.compile(r"(?:,?\s*\b(?:you know|right|okay|ok|yeah))+\s*$", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


_ASKING_BEFORE_NOUN = frozenset(
    _WORD.findall("can could would will should might does did is are was were")
)
_DETERMINERS = frozenset(
    _WORD.findall("our my his her their its some most many all other both each every no")
)
# Plural-looking words that are not plural nouns: adverbs, adjectives, pronouns.
_NOT_PLURAL = frozenset(
    _WORD.findall(
        "always sometimes perhaps besides afterwards towards upstairs downstairs indoors outdoors "
        "across plus thus yes less unless this his hers ours yours theirs its is was has does "
        "means whereas"
    )
)


def _plural_subject(word: str) -> bool:
    if word in _DETERMINERS:
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s"))
        and word not in _NOT_PLURAL
    )


# Prepositions that go on a wh-phrase ("where on this page do you…"); not "to": "where to send
# it" opens a clause.
_PREPOSITIONS = frozenset(_WORD.findall("on in at for from with about"))


# A task set with "do"/"have" and an article, said without a "?" ("do the same thing for the
# other form", "have a look at the menu"): the article is no subject.
_TASKS_SET = frozenset(
    tuple(task.split())
    for task in (
        "do the same", "do the following", "do the next", "do the rest", "do the task",
        "do the exercise", "do a search", "do a quick", "have a look", "have a go", "have a try",
        "have a think", "have a quick", "have a play", "have a read", "have a seat",
    )
)  # fmt: skip


# What follows "do that" set as a task ("do that same thing", "do that and…", "do that for
# me"); a question goes on with its verb ("do that many people…" aside).
_TASK_GOES_ON = tuple(
    [w] for w in _WORD.findall("and again same now for first with okay ok then before if when")
)


def _aux_then_subject(words: list[str]) -> bool:
    return any(
        a in AUXILIARIES and b in _ASKED_SUBJECT | {"it", "there"}
        for a, b in zip(words, words[1:], strict=False)
    )


def looks_like_question(sentence: str) -> bool:
    """A question by its punctuation or, without one, by its first words."""
    if sentence.rstrip().endswith("?"):
        return True
    if sentence.rstrip().endswith("!"):
        return False
    words = tokens(strip_openers(sentence))
    if not words:
        return False
    if _TAG_WITHOUT_MARK.search(sentence) and len(words) >= 5:
        return True  # "you're on an android today right": a claim checked with a tag
    if not _ENDS_WITH_MARK.search(sentence):
        # A transcriber's words carry no mark; a lead-in word ("overall did it make sense")
        # or a short "anything else…" ask as plainly as a question mark would.
        while len(words) > 2 and words[0] in _LEAD_INS:
            words = words[1:]
        if (
            words[0] in {"any", "anything", "anyone", "anybody"}
            and 1 < len(words) <= 10
            and (words[1] in {"else", "other", "more", "specific", "particular", "further"})
        ):
            return True
        # A question asked inside its condition ("if this existed would you use it", "say we
        # had a tool like that would you try it"): the condition comes first, then the ask.
        if asked_after_condition(" ".join(words)) is not None:
            return True
        if (
            words[0] in {"in", "at", "for", "to", "on", "from", "by"}
            and words[1:2] in (["what"], ["which"], ["whose"])
            and len(words) > 3
            and (words[2] in AUXILIARIES or (words[2] not in _SUBJECTS and words[3] in AUXILIARIES))
        ):
            return True
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if first in _WH:
        if first == "how" and second == "come":
            return True
        if len(words) == 1:
            return first in {"why", "how", "what"}
        if first in _SUBORDINATE and second not in AUXILIARIES:
            # "where on this page do you…" asks; "when you tell it…" sets a clause
            return second in _PREPOSITIONS and _aux_then_subject(words[2:7])
        return second not in _WH_STATEMENT_SUBJECT
    if _WH_CONTRACTED.match(first):
        return True
    if first in AUXILIARIES and second in _SUBJECTS:
        # (not "do the same thing here", "have a look at the menu", "do that and give me a
        # shout": a task set)
        return tuple(words[:3]) not in _TASKS_SET and not (
            first == "do" and second in {"that", "this"} and words[2:3] in ([], *_TASK_GOES_ON)
        )
    # An auxiliary before a subject that is a plural noun or a possessive ("can hackers access
    # the building", "are most teams on it"): no statement opens so. ("do"/"have" are left out:
    # "do the same thing here", "have a look" are tasks.)
    if first in _ASKING_BEFORE_NOUN and len(words) >= 4 and _plural_subject(second):
        return True
    # A name said first ("Eric, do you agree?", "luke do you see it"): the question follows it.
    third = words[2] if len(words) > 2 else ""
    return (
        second in AUXILIARIES
        and third in _PERSONS
        # (a subject with its auxiliary is no name: "we'll have you live by Monday.")
        and first not in _SUBJECTS | _WH | AUXILIARIES | _NOT_A_NAME | _VERB_FOLLOWS
    )


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # as said, question mark added when it is a question without one
    is_question: bool
    words: tuple[str, ...]

    @property
    def core(self) -> str:
        """The sentence without its empty openers ("so, okay, um...")."""
        return strip_openers(self.text)


# The subject that makes "what …" a clause rather than a question ("what our app does is…",
# but "what tools does your team use, is it…" asks twice).
_CLAUSE_SUBJECTS = frozenset(
    _WORD.findall("our my we we're i i'm they they're their you're your he she his her")
)


def _free_relative(piece: str) -> bool:
    """A clause like "what our app does", "what we're trying to do": "what" followed by a
    subject of its own (not by an auxiliary or a noun, as questions go on)."""
    words = tokens(strip_openers(piece))
    return len(words) >= 3 and words[0] == "what" and words[1] in _CLAUSE_SUBJECTS


# "do you know what my va is | do you use it": the "is" ends the clause asked about, so a
# question may start after it (not "what I want to know is | do you…", whose "is" leads on).
_KNOWN_CLAUSE_ENDS = re.compile(
    r"\b(?:know|remember|sure|understand|wonder|wondering) (?:what|who|where|which|how)"
    r"(?: [\w']+){1,4} (?:is|are|was|were)$",
    re.IGNORECASE,
)


_WH_WORD = re.compile(r"\b(?:what|which|whose|where|when|who|why|how)\b", re.IGNORECASE)
_PRONOUNS = frozenset(_WORD.findall("i you we they he she it"))
_DEMONSTRATIVES = frozenset(_WORD.findall("that this these those the there a an"))
_WH_PHRASE_MAX = 4  # words between a wh-word and its auxiliary: "how many products or apps"


def _wh_phrase_before(text: str, start: int, cut: int) -> int | None:
    """Where the wh-phrase starts that an auxiliary at `cut` belongs to ("which tools | do you
    use", "where on this page | do you…"): the wh-word's position, or None when the words
    before the cut are no such phrase ("who owns that stack | do you…": a verb came between)."""
    found = None
    for match in _WH_WORD.finditer(text, start, cut):
        found = match  # the last wh-word before the cut
    if found is None:
        return None
    between = tokens(text[found.end() : cut])
    if len(between) > _WH_PHRASE_MAX or any(w in AUXILIARIES for w in between):
        return None
    if between and between[0] in _CLAUSE_SUBJECTS | _PRONOUNS | _DEMONSTRATIVES:
        return None  # "when you | did that", "what that means | were you…": a clause
    wh = found.group(0).lower()
    if between and wh in {"where", "when", "who", "why"} and between[0] not in _PREPOSITIONS:
        return None  # these take no noun: what follows them is their verb
    if wh == "how" and len(between) > (4 if between[:1] in (["many"], ["much"]) else 2):
        return None  # "how many products or apps", "how long", not a clause
    return found.start()


def _split_unpunctuated(text: str) -> list[str]:
    """Cut a run of words without punctuation where a question starts."""
    cuts = [m.start() for m in _QUESTION_START.finditer(text) if m.start() > 0]
    pieces, last = [], 0
    for cut in cuts:
        if cut <= last:
            continue
        opens_with = (tokens(text[cut:])[:1] or [""])[0]
        asking = _wh_phrase_before(text, last, cut) if opens_with in AUXILIARIES else None
        if asking is not None:
            # "what kinds of products | do you order", "where | are you at": the auxiliary is
            # the wh-question's own, so the question starts at its wh-word, if anywhere.
            said_before = (tokens(text[last:asking])[-1:] or [""])[0]
            if not said_before or said_before in _EMBEDDING_WORDS:
                continue
            cut = asking
        piece = text[last:cut].strip(" ,")
        before = tokens(piece)[-1:] or [""]
        if before[0] in _EMBEDDING_WORDS and not _KNOWN_CLAUSE_ENDS.search(piece):
            continue  # "talk about how you file" is one sentence
        if before[0] in _VERB_FOLLOWS and tokens(text[cut:])[:1] != ["and"]:
            continue  # "we had this margin", "you can do that": the verb of a statement
        if before[0] in _FREQUENCY and tokens(piece)[-2:-1] in (["you"], ["we"], ["they"]):
            continue  # "how you currently | do this": a subject, its adverb, then its verb
        asked = tokens(piece)[-2:]
        following = tokens(text[cut:])[:1]
        if (
            len(asked) == 2
            and asked[0] in _ASKING_AUX
            and asked[1] in _ASKED_SUBJECT
            and following
            and following[0] in _MAIN_VERB_DO
        ):
            continue  # "how do you do it": the main verb of the question already begun
        if tokens(text[cut:])[:1] in (["is"], ["was"]) and _free_relative(text[last:cut]):
            continue  # "what our app does is it…": the clause is the subject of "is"
        # Keep short lead-ins ("okay so") with what follows; they are not sentences.
        if len(tokens(piece)) >= 3:
            pieces.append(piece)
            last = cut
    pieces.append(text[last:].strip(" ,"))
    return [p for p in pieces if p]


# tiny.en often hears "Why did you choose…" as "I did you choose…" (measured live, issue 14) or
# "by did you choose…" (espeak-ng through the live pipeline, tests/live/test_listen_pulse.py):
# "I/by <auxiliary> you <verb>" is not English, so it is read back as the why-question it was.
# ("I did you a favour" is English: an article after the pronoun keeps it.)
_HEARD_AS_I = re.compile(
    r"^(?:i|eye|ai|by|bye|buy)\s+(did|do|does|were|are|was|is|have|had)\s+"
    r"(you|they|we|he|she)\s+(?!(?:a|an|the|no|any|some|my|your|this|that|it|one)\b)(?=\w)",
    re.IGNORECASE,
)


def _undo_misheard_why(sentence: str) -> str:
    return _HEARD_AS_I.sub(lambda m: f"Why {m.group(1)} {m.group(2)} ", sentence, count=1)


# "…which option do you prefer why (or why not)": a reason asked for after the question, as a
# transcriber writes it; not "…the reason why", "that's why", "ask them why", "about why…".
_TRAILING_WHY = re.compile(r"\s+(?:(?:and|or|but)\s+)?(why(?: or why not)?)\s*$", re.IGNORECASE)
_NOT_BEFORE_WHY = frozenset(
    _WORD.findall(
        "reason that's is was idea know knows wonder wondering see explain explains why about "
        "understand ask asked asking them him her us me out sure clear unclear exactly that knew"
    )
)


def _cut_trailing_why(part: str) -> list[str]:
    """A question, then "why": only after a question ("nobody knew why" states a reason)."""
    found = _TRAILING_WHY.search(part)
    before = tokens(part[: found.start()]) if found else []
    if not found or len(before) < 3 or before[-1] in _NOT_BEFORE_WHY:
        return [part]
    asked = part[: found.start()].strip(" ,")
    return [asked, found.group(1)] if looks_like_question(asked) else [part]


def split_sentences(text: str) -> list[Sentence]:
    clean = normalise(strip_quotes(text))
    raw = [p.strip() for p in _SENTENCE_SPLIT.split(clean) if p.strip()]
    out: list[Sentence] = []
    for part in raw:
        pieces = [part]
        limit = _SPLIT_ABOVE if not _ENDS_WITH_MARK.search(part) else _SPLIT_PUNCTUATED_ABOVE
        if not re.search(r"[.?!…]", part[:-1]):
            # (only in a transcriber's run: a writer marks the reason with its own "?")
            pieces = [part] if re.search(r"[?,;:…]", part) else _cut_trailing_why(part)
            if len(tokens(pieces[0])) > limit:
                pieces = _split_unpunctuated(pieces[0]) + pieces[1:]  # a long run, no inner stop
        for piece in pieces:
            piece = _undo_misheard_why(piece)
            question = looks_like_question(piece)
            shown = piece
            if question and not piece.rstrip().endswith("?"):
                shown = _TRAILING_FILLER.sub("", piece.rstrip(" .,;:")) or piece
                shown = shown.rstrip(" .,;:") + "?"
            out.append(Sentence(shown, question, tuple(tokens(piece))))
    return out


# -- question units: which questions of a turn ask different things ---------------------------
# GUIDE.md, stacked: a rephrasing, a restart, an "...or..." alternative, a clarifying example, a
# candidate answer, a yes/no question narrowed by a follow-up and a check ("is that right?") are
# one question; a second question with its own wh-word about something else, or a "why?" after
# a question, is another. Words that carry no topic are left out when two questions are compared.
_FUNCTION_WORDS = frozenset(
    _WORD.findall(
        """a an the and or but so if then than that this these those there here it its it's
    i me my we us our you your you're you've you'd they them their he him his she her
    do does did is are was were be been being have has had can could will would should shall
    may might must am to of in on at for with about from by as into like just really kind sort
    what what's how why when where who which whose whom any some anything something else
    not no yes okay ok well um uh yeah right now also maybe more much very get got go going
    think know mean say said tell thing things way one lot"""
    )
)
_WHY_ALONE = re.compile(r"^(?:and |but |so )?(?:why|how come)(?: or why not| not| is that| so)?$")
# A check of what was just said, or a filler: no question of its own.
_CHECK = re.compile(
    r"^(?:(?:is|was) (?:that|this|it) (?:right|correct|true|accurate|fair|so|the case)"
    r"|am i (?:right|correct|getting that right)|did i (?:get|understand) (?:that|it)"
    r"|(?:does|did) (?:that|this) make sense|right|correct|you know|yeah|okay|ok|no)\b"
)
# Permission, logistics and proposals about the session itself: no question about the
# participant's experience ("Is it OK if I record?", "Can you scroll down?", "Why don't we
# move on?"); a question plus one of these is not stacked.
_LOGISTICS = re.compile(
    r"^(?:(?:is it|is that|would it be) (?:ok|okay|alright|all right|fine)\b"
    r"|(?:are you|would you be) (?:ok|okay|comfortable|fine|ready)\b"
    r"|(?:do|would) you mind\b|why don'?t (?:you|we|i)\b|let'?s\b"
    r"|(?:can|could|may|shall|should) (?:i|we)\b"
    r"|(?:can|could|would) you (?:please |just )?(?:hear|see) me\b"
    r"|(?:can|could|would|will) you (?:please |just )?(?:scroll|click|tap|open|close|share your "
    r"screen|stop sharing|go back|go ahead|read|type|select|navigate|pull up|refresh|mute|unmute)\b)"
)
# A short follow-up about "that"/"it" continues the question before ("What is that? What is
# that gray box for?", "What if you couldn't find it? What would you do?").
_BACK_REFERENCE = frozenset(["that", "this", "it", "those", "these", "them", "there", "so"])
# A question added on to the one before with a conjunction and its own wh-word.
_ADDED = re.compile(
    r"^\W*(?:and|also|plus)\s+(?:then\s+|also\s+)?(?:what|how|why|when|where|who|which)\b", re.I
)
# Opens a narrowing of the question before: "...? If so, who?", "...? Like, spreadsheets?"
_NARROWING = re.compile(
    r"^(?:if so|if not|if yes|and if so|like|for example|for instance|such as|say|e g|maybe|"
    r"or|or rather|i mean|in other words|specifically|particularly|especially)\b"
)


# A request phrased as a yes/no question asks an open question ("Can you walk me through…").
_REQUEST_OPEN = re.compile(
    r"^(?:can|could|would|will) you (?:please |just |maybe )?(?:tell|walk|describe|share|talk|"
    r"explain|give|show|help|say|elaborate|expand|unpack|clarify|take me|paint|run me)\b"
)


@dataclass(frozen=True, slots=True)
class QuestionUnit:
    """One question of a turn, as compared with the others."""

    text: str
    words: tuple[str, ...]  # the words without empty openers
    head: str  # its wh-word, "aux" for a yes/no question, "" for a statement asked

    @property
    def content(self) -> frozenset[str]:
        return frozenset(s for s in map(_stem, self.words) if s not in _FUNCTION_WORDS)


def _stem(word: str) -> str:
    word = word.split("'")[0]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def question_unit(text: str) -> QuestionUnit:
    found = tuple(tokens(strip_openers(text)))
    first = found[0] if found else ""
    if first in _WH or _WH_CONTRACTED.match(first):
        head = first.split("'")[0]
        if head == "how" and len(found) > 1 and found[1] == "come":
            head = "why"
    elif first in AUXILIARIES:
        head = "aux"
    else:
        head = ""
    return QuestionUnit(text, found, head)


def _asks_why(unit: QuestionUnit) -> bool:
    return bool(_WHY_ALONE.match(" ".join(unit.words)))


def is_check(unit: QuestionUnit) -> bool:
    """A check or a filler ("is that right?", "does that make sense?"): not a question of its
    own, whatever stands before it."""
    joined = " ".join(unit.words)
    if not unit.words or _LOGISTICS.match(joined):
        return True
    return bool(_CHECK.match(joined)) and len(unit.words) <= 6


def _another_yes_no(group: list[QuestionUnit], second: QuestionUnit) -> bool:
    """Two full yes/no questions about different things ("Is the venue aware that students
    stay overnight? Can hackers find a safe place to sleep?"): not a guess at one answer, as
    yes/no questions after a wh-question are ("What stage are they at? Are they about to
    launch? Are they trying to expand?")."""
    first = group[-1]
    return (
        group[0].head == "aux"
        and first.head == "aux"
        and second.head == "aux"
        and min(len(first.words), len(second.words)) >= 5
        and not (first.content & second.content)
    )


def same_question(group: list[QuestionUnit], second: QuestionUnit) -> bool:
    """Whether `second`, said right after the questions of `group`, goes on asking the same
    thing."""
    if _asks_why(second) or (second.head == "why" and all("why" not in u.words for u in group)):
        return False  # "...? Why?": a reason is a second question
    short = len(second.words) <= 3 and not _ADDED.match(second.text)
    if short and (
        second.head in ("", "aux") or not any(w in AUXILIARIES or "'" in w for w in second.words)
    ):
        return True  # an echo ("Manually?", "Did you?"), a narrowing ("About what year?")
    joined = " ".join(second.words)
    if _NARROWING.match(joined):
        return True  # an alternative, an example, "if so…"
    if (
        second.head in ("", "aux")
        and not _REQUEST_OPEN.match(joined)
        and not _another_yes_no(group, second)
    ):
        # a yes/no question after a question: a candidate answer ("Who owns it? Do you have a
        # data team?") or a second guess at one answer ("Are you a caregiver? A veteran?")
        return True
    # "...? How does that work?" is about what was just asked; "What do you use, and how is it
    # working?" joins a second question on with "and" (GUIDE.md: "How do you track it, and who
    # sees the report?" is the stacked example).
    if (
        len(second.words) <= 7
        and _BACK_REFERENCE & set(second.words)
        and len(second.content) <= 2
        and not _ADDED.match(second.text)
    ):
        return True
    b = second.content
    for first in group:
        a = first.content
        if first.words[:3] == second.words[:3] and (a & b or not a) or _unfinished(first):
            return True  # a restart: "How would you... How would you like..."
        if a and b and len(a & b) / len(a | b) >= 0.34:
            return True  # a rephrasing shares its topic words
    # An open question after a yes/no question narrows it, assuming its answer ("Do you track
    # it? What do you use?"; label audit: one question). A request ("Can you tell me…") is open.
    opener = group[0]
    return opener.head in ("", "aux") and not _REQUEST_OPEN.match(" ".join(opener.words))


def _unfinished(unit: QuestionUnit) -> bool:
    return (
        unit.text.rstrip("?").rstrip().endswith(("…", "...", "--", "-", "—"))
        or len(unit.words) <= 2
    )


def distinct_questions(texts: tuple[str, ...] | list[str]) -> list[list[str]]:
    """The questions of a turn grouped by what they ask, checks and fillers left out; two
    groups or more are stacked questions."""
    groups: list[list[QuestionUnit]] = []
    for text in texts:
        unit = question_unit(text)
        if is_check(unit):
            continue
        if groups and same_question(groups[-1], unit):
            groups[-1].append(unit)
        else:
            groups.append([unit])
    return [[u.text for u in group] for group in groups]


def _is_filler(sentence: Sentence) -> bool:
    core = " ".join(tokens(strip_openers(sentence.text)))
    return not core or core in FILLER_QUESTIONS


@dataclass(frozen=True)
class ParsedTurn:
    """One utterance and what the coach knows about it when it is said."""

    text: str
    sentences: tuple[Sentence, ...]
    words: tuple[str, ...]
    punctuated: bool  # the text has sentence punctuation (a written or well-punctuated line)
    phase: int = 2  # index into the plan; 2 = Go deeper by default
    previous: str = ""  # what the other speaker said just before

    # Cached: every rule reads them, several times per line.
    @cached_property
    def questions(self) -> tuple[Sentence, ...]:
        """Real questions: fillers ("..., right?" alone, "okay?") left out."""
        return tuple(s for s in self.sentences if s.is_question and not _is_filler(s))

    @cached_property
    def statements(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if not s.is_question)

    @cached_property
    def embedding(self) -> np.ndarray:
        from app.coach.embed import embed

        return embed(self.text)


def parse(text: str, *, phase: int = 2, previous: str = "") -> ParsedTurn:
    return _parse(text, phase, previous)


def clear_parse_cache() -> None:
    _parse.cache_clear()


@lru_cache(maxsize=2048)
def _parse(text: str, phase: int, previous: str) -> ParsedTurn:
    sentences = tuple(split_sentences(text))
    return ParsedTurn(
        text=text,
        sentences=sentences,
        words=tuple(tokens(text)),
        punctuated=bool(re.search(r"[.?!]", text)),
        phase=phase,
        previous=previous,
    )
