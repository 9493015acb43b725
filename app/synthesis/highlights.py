"""Suggested highlights: the passages the guide tells a reviewer to look for, proposed (never
imposed) with the reason each was picked. The reviewer accepts, edits or dismisses each one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from app.store.highlights import HighlightReason
from app.synthesis.lexicon import charged_words, compound, words, zipf
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

MIN_WORDS = 6  # "yeah that's right" is no highlight
MAX_QUOTE_WORDS = 60
EMOTION_COMPOUND = 0.75  # |VADER compound| at or above: strong
EMOTION_WORD = 2.3  # ... and one word at least this charged ("love" 3.2, "hate" -2.7)
FOCUS_SIMILARITY = 0.50  # WordLlama cosine; a line unrelated to the focus sits near 0.1
MAX_PER_INTERVIEW = 12
FOCUS_TERM_ZIPF = 4.8  # a focus word rarer than this in English marks a passage as on the focus

_PAIN = re.compile(
    r"\b(frustrat\w*|annoy\w*|painful|a pain|hard to|difficult\w*|confus\w*|struggl\w*|"
    r"hassle|nightmare|stuck|takes? forever|took forever|waste (of )?(time|money)|"
    r"doesn't work|didn't work|does not work|did not work|never works?|broken|"
    r"couldn't (find|figure|get)|can't (find|figure|get)|gave up|give up|worr(y|ied)|"
    r"stress\w*|overwhelm\w*|complicated|tedious|problem with|the problem is|"
    r"the issue is|biggest (problem|issue|challenge)|hate)\b"
)  # fmt: skip
_WORKAROUND = re.compile(
    r"\b(workarounds?|work around|spreadsheets?|excel|manually|by hand|"
    r"instead,? (i|we)|end(ed)? up (doing|having|calling|using|going)|hack(ed|s)?|"
    r"copy and paste|write (it|them) down|sticky notes?|print(ed)? (it|them) out|"
    r"call(ed)? them|google(d)? it|my own (system|way|list)|keep track)\b"
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
_QUESTION_START = re.compile(
    r"^(so |and |but |um,? |uh,? )?(what|why|how|where|when|who|which|can (i|you|we)|"
    r"could (i|you|we)|is (there|it|that)|are (there|you|they)|do (you|i|they|we)|"
    r"does (it|that|this)|would (it|that|you)|should (i|we))\b"
)  # fmt: skip
# Tag questions and checks that are talk, not a question about the product.
_NOT_A_QUESTION = re.compile(
    r"(right|you know|know what i mean|does that make sense|make sense|okay|ok|huh|"
    r"isn't it|don't you think|you see)\s*\?\s*$"
)  # fmt: skip
# The session's own mechanics in a usability test ("should I scroll down?", "can you see it?").
_SESSION_MECHANICS = re.compile(
    r"\b(should i|do i|can i|shall i) (scroll|swipe|click|press|tap|share|go back|type|"
    r"hit|open|close)\b|\b(can|do) you see (it|this|my|that)\b|\bdo you want me to\b|"
    r"\byou want (this|me to)\b|\bcan you hear me\b|\bam i sharing\b"
)  # fmt: skip
# "he says, how are you doing?", "I was like, what?": someone else's question, retold.
_REPORTED = re.compile(r"\b(says?|said|asks?|asked|goes|was like|is like|were like|"
                       r"i'm like|he's like|she's like)\b[,:]?\s+[\"\u201c]?\w[^?]*\?")
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


@dataclass(frozen=True)
class _Hit:
    reason: HighlightReason
    score: float
    why: str
    sentence: int  # which sentence of the line triggered it


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE.split(text.strip()) if p.strip()]
    return parts or [text.strip()]


def _is_question(sentence: str) -> bool:
    lowered = sentence.lower().strip()
    if len(words(lowered)) < 4 or _NOT_A_QUESTION.search(lowered) or \
            _SESSION_MECHANICS.search(lowered) or _REPORTED.search(lowered):  # fmt: skip
        return False
    return lowered.endswith("?") or (_QUESTION_START.match(lowered) is not None
                                     and "?" in lowered)  # fmt: skip


def _focus_terms(focus: str) -> set[str]:
    """Prefixes of the focus's distinctive words ("caregiver", "enrollment"); everyday words
    ("people", "health", "question") match too much to mean a passage is on the focus."""
    stems = (w.removesuffix("'s") for w in words(focus))
    return {w[:6] for w in stems if len(w) > 3 and zipf(w) < FOCUS_TERM_ZIPF}


def _hits(text: str, focus_terms: set[str], focus_vec: np.ndarray | None, embed: Embed | None,
          repeated: Sequence[RepeatedPhrase]) -> list[_Hit]:  # fmt: skip
    hits: list[_Hit] = []
    sentences = _sentences(text)
    for i, sentence in enumerate(sentences):
        lowered = sentence.lower().replace("\u2019", "'")
        if _is_question(sentence):
            hits.append(_Hit(HighlightReason.QUESTION, 1.0, "they asked a question", i))
        score = compound(sentence)
        charged = charged_words(sentence)
        if abs(score) >= EMOTION_COMPOUND and charged and abs(charged[0][1]) >= EMOTION_WORD:
            said = ", ".join(f"\u201c{w}\u201d" for w, _ in charged)
            tone = "negative" if score < 0 else "positive"
            hits.append(_Hit(HighlightReason.EMOTION, abs(score) + 0.3,
                             f"strongly {tone} ({score:+.2f}): {said}", i))  # fmt: skip
        pain = _PAIN.search(lowered)
        if pain and not _DENIED.search(lowered[: pain.start()]):
            hits.append(_Hit(HighlightReason.PAIN_POINT, 1.0,
                             f"describes a pain: \u201c{pain.group(0)}\u201d", i))  # fmt: skip
        workaround = _WORKAROUND.search(lowered)
        if workaround:
            hits.append(_Hit(HighlightReason.WORKAROUND, 1.1,
                             f"a workaround: \u201c{workaround.group(0).strip()}\u201d", i))  # fmt: skip
        thing, judgement = _PRODUCT.search(lowered), _JUDGEMENT.search(lowered)
        if thing and judgement:
            hits.append(_Hit(HighlightReason.PRODUCT_FEEDBACK, 0.9,
                             f"judges the \u201c{thing.group(0)}\u201d: "
                             f"\u201c{judgement.group(0)}\u201d", i))  # fmt: skip
        shared = [w for w in words(lowered) if w[:6] in focus_terms]
        if shared:
            hits.append(_Hit(HighlightReason.FOCUS, 0.8 + 0.1 * len(set(shared)),
                             f"mentions the focus: \u201c{shared[0]}\u201d", i))  # fmt: skip
        elif focus_vec is not None and embed is not None and len(words(sentence)) >= MIN_WORDS:
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
    """The strongest passages of one interview's participant lines, in time order. Lines in
    `skip` (decided already, or quoted by a card) are never suggested again."""
    skipped = set(skip)
    focus_terms = _focus_terms(focus)
    focus_vec = embed(focus) if embed is not None and focus.strip() else None
    mine = [p for p in repeated if any(o.interview_id == interview_id for o in p.occurrences)]
    found: list[Suggestion] = []
    for line in lines:
        if line.segment_id in skipped or len(words(line.text)) < MIN_WORDS and "?" not in line.text:
            continue
        hits = _hits(line.text, focus_terms, focus_vec, embed, mine)
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
    return sorted(found[:limit], key=lambda s: s.start)
