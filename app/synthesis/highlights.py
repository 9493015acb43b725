"""Suggested highlights: the passages the guide tells a reviewer to look for, proposed (never
imposed) with the reason each was picked. The reviewer accepts, edits or dismisses each one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from app.store.highlights import HighlightReason
from app.synthesis.kinds import emotional_statement, question_asked, workaround
from app.synthesis.lexicon import compound, words, zipf
from app.synthesis.repeated import RepeatedPhrase

Embed = Callable[[str], np.ndarray]

REASON_LABELS: dict[HighlightReason, str] = {
    HighlightReason.FOCUS: "Related to the focus",
    HighlightReason.REPEATED: "Uncommon phrase others said too",
    HighlightReason.EMOTION: "Strong emotional statement",
    HighlightReason.PAIN_POINT: "Pain point",
    HighlightReason.WORKAROUND: "Workaround",
    HighlightReason.PRODUCT_FEEDBACK: "Product or service feedback",
    HighlightReason.QUESTION: "A question they asked",
}

# Reasons right less than half the time on interviews labelled after the rules were frozen
# (bench/highlights.py, "fresh" set, 2026-11-27: a question they asked 0.20 of 5, a strong
# emotional statement 0.30 of 10; every other reason 0.53 or better). They are still suggested
# (the guide asks for both) but shown last and marked, not dressed up as the others' equals.
LESS_SURE: frozenset[HighlightReason] = frozenset({HighlightReason.QUESTION,
                                                   HighlightReason.EMOTION})  # fmt: skip

MIN_WORDS = 6  # "yeah that's right" is no highlight
MAX_QUOTE_WORDS = 60
FOCUS_SIMILARITY = 0.50  # WordLlama cosine; a line unrelated to the focus sits near 0.1
MAX_PER_INTERVIEW = 12
FOCUS_TERM_ZIPF = 4.8  # a focus word rarer than this in English marks a passage as on the focus
MAX_FOCUS_LINE_SHARE = 0.3  # a focus word in more of the participant's lines is their topic
MIN_LINES_FOR_SHARE = 5  # too few lines to tell a topic from a passage

_PAIN = re.compile(
    r"\b(frustrat\w*|annoy\w*|painful|a pain|hard to|difficult\w*|confus\w*|struggl\w*|"
    r"hassle|nightmare|(got|get|gets|getting|was|were|am|i'm|we're|be|being|felt) stuck|takes? forever|took forever|waste (of )?(time|money)|"
    r"doesn't work|didn't work|does not work|did not work|never works?|broken|"
    r"couldn't (find|figure|get)|can't (find|figure|get)|gave up|give up|worr(y|ied)|"
    r"stress\w*|overwhelm\w*|complicated|tedious|problem with|the problem is|"
    r"(the|my|our) (main |biggest |only |real )?(problem|issue) (is|was) (that|with|the)|"
    r"biggest (problem|issue|challenge)|hate)\b"
)  # fmt: skip
_PRODUCT = re.compile(
    r"\b(app|website|site|page|form|button|tool|feature|screen|dashboard|link|search|menu|"
    r"log ?in|sign ?in|interface|portal|product|service|option|tab|field|dropdown|"
    r"notification|email|message|version|setting|layout|checkbox|upload|password)s?\b"
)  # fmt: skip
_JUDGEMENT = re.compile(
    r"\b(like|love|hate|easy|easier|hard|harder|clear|unclear|confusing|useful|helpful|"
    r"nice|great|bad|good|better|worse|prefer|wish|should|would be (nice|great|helpful|good)|"
    r"intuitive|simple|clunky|annoying|straightforward|expect(ed)?|missing|slow|fast)\b"
)  # fmt: skip
# "it says, sign in for the best experience": what follows is the screen read aloud, not the
# participant's own words about it.
_READ_ALOUD = re.compile(r"\b(it|this|that|which|here) (says|reads|asks)\b|\bit's asking\b")
# Screen-share and call talk ("should I press the arrow that says you are sharing screen?").
_SESSION_TALK = re.compile(r"\b(shar(e|ing) (my |your |the )?screen|screen ?shar\w*|zoom|"
                           r"(can|do) you see|can you hear|should i (press|click|scroll|tap))\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# "nothing looks confusing", "it wasn't hard to": a denied pain is no pain.
_DENIED = re.compile(r"\b(nothing|not|never|no|wasn't|isn't|didn't|don't|doesn't|wouldn't)"
                     r"(\s+\w+){0,2}\s*$")


@dataclass(frozen=True)
class ParticipantLine:
    segment_id: int
    start: float
    end: float
    text: str
    prompt: str = ""  # what the interviewer said just before, to tell an echo from a question


@dataclass(frozen=True)
class Suggestion:
    interview_id: int
    segment_id: int
    start: float
    end: float
    quote: str
    reason: HighlightReason  # the strongest reason; the card's tag when accepted
    why: str  # what made it a suggestion, in words the reviewer can check
    also: tuple[HighlightReason, ...]  # other reasons that apply
    score: float

    @property
    def label(self) -> str:
        return REASON_LABELS[self.reason]

    @property
    def less_sure(self) -> bool:
        """The reason is one the suggester gets wrong more often than right (LESS_SURE)."""
        return self.reason in LESS_SURE


@dataclass(frozen=True)
class _Hit:
    reason: HighlightReason
    score: float
    why: str
    sentence: int  # which sentence of the line triggered it


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE.split(text.strip()) if p.strip()]
    return parts or [text.strip()]


def _focus_terms(focus: str) -> set[str]:
    """Prefixes of the focus's distinctive words ("caregiver", "enrollment"); everyday words
    ("people", "health", "question") match too much to mean a passage is on the focus."""
    stems = (w.removesuffix("'s") for w in words(focus))
    return {w[:6] for w in stems if len(w) > 3 and zipf(w) < FOCUS_TERM_ZIPF}


def _distinctive(terms: set[str], lines: Sequence[ParticipantLine]) -> set[str]:
    """The focus words that single out passages: one the participant says in most lines is the
    topic of the whole conversation ("bitcoin" in a Bitcoin podcast) and marks none of them."""
    said = [{w[:6] for w in words(line.text)} for line in lines]
    if len(said) < MIN_LINES_FOR_SHARE:
        return terms
    return {t for t in terms if sum(t in s for s in said) <= MAX_FOCUS_LINE_SHARE * len(said)}


def _hits(text: str, focus_terms: set[str], focus_vec: np.ndarray | None, embed: Embed | None,
          repeated: Sequence[RepeatedPhrase], prompt: str = "") -> list[_Hit]:  # fmt: skip
    hits: list[_Hit] = []
    sentences = _sentences(text)
    for i, sentence in enumerate(sentences):
        if question_asked(sentences, i, prompt):
            hits.append(_Hit(HighlightReason.QUESTION, 1.0, "they asked a question", i))
        lowered = sentence.lower().replace("\u2019", "'")
        read_aloud = _READ_ALOUD.search(lowered)
        own = lowered[: read_aloud.start()] if read_aloud else lowered  # their words, not the screen's
        feeling = emotional_statement(own)
        if feeling:
            score = compound(sentence)
            tone = "negative" if score < 0 else "positive"
            hits.append(_Hit(HighlightReason.EMOTION, 0.9 + 0.3 * abs(score),
                             f"a {tone} feeling: \u201c{feeling}\u201d", i))  # fmt: skip
        pain = _PAIN.search(own)
        if pain and not _DENIED.search(own[: pain.start()]):
            hits.append(_Hit(HighlightReason.PAIN_POINT, 1.0,
                             f"describes a pain: \u201c{pain.group(0)}\u201d", i))  # fmt: skip
        way_around = workaround(own)
        if way_around:
            hits.append(_Hit(HighlightReason.WORKAROUND, 1.1,
                             f"a workaround: \u201c{way_around}\u201d", i))  # fmt: skip
        thing, judgement = _PRODUCT.search(own), _JUDGEMENT.search(own)
        if thing and judgement and not _SESSION_TALK.search(own):
            hits.append(_Hit(HighlightReason.PRODUCT_FEEDBACK, 0.9,
                             f"judges the \u201c{thing.group(0)}\u201d: "
                             f"\u201c{judgement.group(0)}\u201d", i))  # fmt: skip
        shared = [w for w in words(own) if w[:6] in focus_terms]
        if shared:
            hits.append(_Hit(HighlightReason.FOCUS, 0.8 + 0.1 * len(set(shared)),
                             f"mentions the focus: \u201c{shared[0]}\u201d", i))  # fmt: skip
        elif focus_vec is not None and embed is not None and len(words(own)) >= MIN_WORDS:
            similarity = float(np.dot(embed(sentence), focus_vec))
            if similarity >= FOCUS_SIMILARITY:
                hits.append(_Hit(HighlightReason.FOCUS, similarity,
                                 f"close in meaning to the focus ({similarity:.2f})", i))  # fmt: skip
        padded = f" {' '.join(words(lowered))} "
        for phrase in repeated:
            if f" {phrase.phrase} " in padded:
                hits.append(_Hit(HighlightReason.REPEATED, 0.7 + 0.05 * phrase.participants,
                                 f"\u201c{phrase.phrase}\u201d, rare in English, said by "
                                 f"{phrase.participants} participants", i))  # fmt: skip
                break
    return hits


def _quote(text: str, sentence: int) -> str:
    """The whole line when short; else the sentence that triggered, with the next while the
    quote stays short, so a card holds the passage and not a monologue."""
    if len(words(text)) <= MAX_QUOTE_WORDS:
        return text.strip()
    sentences = _sentences(text)
    chosen = [sentences[sentence]]
    for extra in sentences[sentence + 1:]:
        if len(words(" ".join([*chosen, extra]))) > MAX_QUOTE_WORDS:
            break
        chosen.append(extra)
    quote = " ".join(chosen)
    tokens = quote.split()
    return quote if len(tokens) <= MAX_QUOTE_WORDS * 2 else " ".join(tokens[:MAX_QUOTE_WORDS]) + "\u2026"


def suggest(interview_id: int, lines: Iterable[ParticipantLine], focus: str = "",
            repeated: Sequence[RepeatedPhrase] = (), embed: Embed | None = None,
            skip: Iterable[int] = (), limit: int = MAX_PER_INTERVIEW) -> list[Suggestion]:  # fmt: skip
    """The strongest passages of one interview's participant lines, in time order, those with a
    less sure reason (LESS_SURE) after the others. Lines in
    `skip` (decided already, or quoted by a card) are never suggested again."""
    skipped = set(skip)
    lines = list(lines)
    focus_terms = _distinctive(_focus_terms(focus), lines)
    focus_vec = embed(focus) if embed is not None and focus.strip() else None
    mine = [p for p in repeated if any(o.interview_id == interview_id for o in p.occurrences)]
    found: list[Suggestion] = []
    for line in lines:
        if line.segment_id in skipped or len(words(line.text)) < MIN_WORDS and "?" not in line.text:
            continue
        hits = _hits(line.text, focus_terms, focus_vec, embed, mine, line.prompt)
        if not hits:
            continue
        best = max(hits, key=lambda h: h.score)
        reasons = list(dict.fromkeys(h.reason for h in hits))
        score = best.score + 0.25 * (len(reasons) - 1)  # several reasons: a stronger passage
        strongest: dict[HighlightReason, _Hit] = {}
        for hit in sorted(hits, key=lambda h: -h.score):
            strongest.setdefault(hit.reason, hit)  # one reason, one explanation
        whys = "; ".join(h.why for h in list(strongest.values())[:3])
        found.append(Suggestion(interview_id, line.segment_id, line.start, line.end,
                                _quote(line.text, best.sentence), best.reason, whys,
                                tuple(r for r in reasons if r is not best.reason), score))  # fmt: skip
    found.sort(key=lambda s: -s.score)
    # The less sure reasons come last, so a reviewer reads the likelier passages first.
    return sorted(found[:limit], key=lambda s: (s.less_sure, s.start))
