"""What the cue models read about one turn: rule hits, question shape, who talks about whom,
the phase, the turn before, and two sentence embeddings.

Rules give features, not verdicts: a model weighs them against the embedding, so a rule's
known false alarms (an idiom with "always", a rephrased question) can be outweighed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import numpy as np

from app.coach.embed import DIM
from app.coach.parse import ParsedTurn, clear_parse_cache, distinct_questions, parse
from app.coach.rules import (
    closed_question,
    conditional_question,
    generality,
    hypothetical_question,
    leading_form,
    leading_question,
    question_clauses,
    self_talk,
    selling_benefit,
    selling_phrase,
    stacked_questions,
    tag_question,
    why_question,
)

_OFFERING = re.compile(
    r"\b(?:our|we've built|we built|we offer|we have|product|feature|plan|pricing|price|cost|"
    r"discount|free|trial|demo|upgrade|subscription|contract|sign|deal|offer|save|"
    r"guarantee|special|today only|limited|percent|dollars?|license|launch|release)\b",
    re.IGNORECASE,
)
_REPHRASE = re.compile(
    r"\b(?:i mean|or rather|let me rephrase|put (?:it )?another way|sorry)\b", re.I
)
_GENERAL_WORDS = re.compile(
    r"\b(?:usually|typically|generally|normally|always|tend to|tends to|most of the time|"
    r"every time|whenever|often)\b",
    re.IGNORECASE,
)
# The other speaker brought up their own product: talking about it back is not a pitch.
_THEIR_PRODUCT = re.compile(
    r"\b(?:we(?:'ve| have)? built|we (?:make|sell|launched|offer)|our (?:product|app|tool|platform|"
    r"company|startup|customers|users|service)|my (?:company|startup|product|app))\b",
    re.IGNORECASE,
)
_I_WORDS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_WE_WORDS = frozenset({"we", "we're", "we've", "we'd", "we'll", "our", "ours", "us"})
_YOU_WORDS = frozenset({"you", "you're", "you've", "you'd", "you'll", "your", "yours"})

RULE_NAMES = (
    "rule_why",
    "rule_leading",
    "rule_hypothetical",
    "rule_closed",
    "rule_selling",
    "rule_generality",
    "rule_self_talk",
    "rule_tag_question",
    "rule_selling_benefit",
    "rule_conditional",
)
SHAPE_NAMES = (
    "has_question",
    "questions_1",
    "questions_2",
    "questions_3plus",
    "question_mark",
    "punctuated",
    "log_words",
    "rephrase_similarity",
    "rephrase_marker",
    "i_share",
    "we_share",
    "you_share",
    "offering_share",
    "general_words",
    "phase_intro",
    "phase_basics",
    "phase_deeper",
    "phase_wrap",
    "previous_is_question",
    "previous_own_product",
)
FEATURE_NAMES = (
    RULE_NAMES
    + SHAPE_NAMES
    + tuple(f"emb_turn_{i}" for i in range(DIM))
    + tuple(f"emb_question_{i}" for i in range(DIM))
)
N_FEATURES = len(FEATURE_NAMES)


def rule_hits(turn: ParsedTurn) -> dict[str, str | None]:
    """Each rule's evidence (the sentence it matched) or None. Besides the features, the
    crisp ones (CRISP_RULES in app.coach.model) set a floor under the model's confidence."""
    return dict(_rule_hits(turn))


# Memoised per parsed line: a one-sentence turn is also its own question unit and sentence
# unit, so without it the same rules run three times on the same words.
@lru_cache(maxsize=1024)
def _rule_hits(turn: ParsedTurn) -> tuple[tuple[str, str | None], ...]:
    return tuple(
        {
            "rule_leading_form": leading_form(turn),
            "rule_stacked": stacked_questions(turn),
            "rule_why": why_question(turn),
            "rule_leading": leading_question(turn),
            "rule_hypothetical": hypothetical_question(turn),
            "rule_closed": closed_question(turn),
            "rule_selling": selling_phrase(turn),
            "rule_generality": generality(turn),
            "rule_self_talk": turn.text if self_talk(turn) else None,
            "rule_tag_question": tag_question(turn),
            "rule_selling_benefit": selling_benefit(turn),
            "rule_conditional": conditional_question(turn),
        }.items()
    )


def clear_caches() -> None:
    """Forget every line the coach has read (parses, embeddings, rule hits), as a benchmark
    needs to time the work a new line costs."""
    from app.coach.embed import embed

    clear_parse_cache()
    embed.cache_clear()
    _rule_hits.cache_clear()
    _head.cache_clear()


def _rephrase_similarity(turn: ParsedTurn, clauses: list[str]) -> float:
    """How alike the questions of a turn are: a restated question scores near 1."""
    if len(clauses) < 2:
        return 0.0
    from app.coach.embed import embed

    vecs = [embed(c) for c in clauses]
    best = 0.0
    for i in range(len(vecs)):
        for j in range(i + 1, len(vecs)):
            best = max(best, float(vecs[i] @ vecs[j]))
    return best


@lru_cache(maxsize=1024)
def _head(turn: ParsedTurn) -> tuple[float, ...]:
    """The rule and shape features of a parsed line (memoised like its rule hits)."""
    return tuple(_rules_and_shape(turn))


def _rules_and_shape(turn: ParsedTurn) -> list[float]:
    hits = dict(_rule_hits(turn))
    words = turn.words
    n = max(1, len(words))
    clauses = question_clauses(turn)
    q = len(clauses)
    # questions_1/2/3plus count the DIFFERENT questions asked (a rephrasing, a restart or an
    # "…or…" alternative is one); the raw count of question clauses shows in has_question and
    # rephrase_similarity (above zero only with two clauses or more).
    distinct = len(distinct_questions(clauses))
    phase = min(max(turn.phase, 0), 3)
    previous = turn.previous.strip()
    shape = [
        float(q > 0),
        float(distinct == 1),
        float(distinct == 2),
        float(distinct >= 3),
        float("?" in turn.text),
        float(turn.punctuated),
        math.log1p(len(words)) / 5.0,
        _rephrase_similarity(turn, clauses),
        float(bool(_REPHRASE.search(turn.text))),
        sum(w in _I_WORDS for w in words) / n,
        sum(w in _WE_WORDS for w in words) / n,
        sum(w in _YOU_WORDS for w in words) / n,
        min(1.0, len(_OFFERING.findall(turn.text)) / 3.0),
        min(1.0, len(_GENERAL_WORDS.findall(turn.text)) / 2.0),
        float(phase == 0),
        float(phase == 1),
        float(phase == 2),
        float(phase == 3),
        float(bool(previous) and bool(parse(previous).questions)),
        # (The length of the turn before is left out on purpose: guide lines have none, so it
        # would teach the models to tell guides from conversations, not cues from the rest.)
        float(bool(_THEIR_PRODUCT.search(previous))),
    ]
    return [float(hits[name] is not None) for name in RULE_NAMES] + shape


def feature_vector(turn: ParsedTurn) -> np.ndarray:
    """The features of a whole turn (for kinds judged on the turn: stacked questions)."""
    questions = turn.questions
    first_question = questions[0].text if questions else ""
    from app.coach.embed import embed

    q_emb = embed(first_question) if first_question else np.zeros(DIM, dtype=np.float32)
    return np.concatenate(
        [np.asarray(_head(turn), dtype=np.float32), turn.embedding, q_emb]
    ).astype(np.float32)


# -- units: the sentences a cue is about ------------------------------------------------------
class UnitKind(Enum):
    """What a kind's model scores: each question of the turn (why, hypothetical, closed,
    leading), each sentence (a pitch or a generality is one sentence in a longer turn), or
    the whole turn (stacked questions). The turn scores as its best unit."""

    QUESTIONS = "questions"
    SENTENCES = "sentences"
    TURN = "turn"


MAX_UNITS = 12  # a long monologue: its last sentences are the ones that ask
CONTEXT_NAMES = ("turn_log_words", "turn_questions", "unit_is_last", "unit_is_first")
UNIT_FEATURE_NAMES = (
    RULE_NAMES + SHAPE_NAMES + CONTEXT_NAMES + tuple(f"emb_unit_{i}" for i in range(DIM))
)
N_UNIT_FEATURES = len(UNIT_FEATURE_NAMES)
N_UNIT_SHAPE = len(RULE_NAMES) + len(SHAPE_NAMES) + len(CONTEXT_NAMES)


@dataclass(frozen=True, slots=True)
class Unit:
    text: str  # what the features read: the sentence, after the statement that leads into it
    shown: str  # the words shown as the cue's evidence


def units_of(turn: ParsedTurn, kind: UnitKind) -> list[Unit]:
    if kind is UnitKind.TURN:
        return [Unit(turn.text, turn.text)]
    sentences = turn.sentences
    out: list[Unit] = []
    for index, sentence in enumerate(sentences):
        if kind is UnitKind.QUESTIONS:
            if sentence not in turn.questions:
                continue
            before = sentences[index - 1] if index > 0 else None
            lead = before.text + " " if before is not None and not before.is_question else ""
            out.append(Unit(lead + sentence.text, sentence.text))
        else:
            out.append(Unit(sentence.text, sentence.text))
    return out[-MAX_UNITS:]


def unit_matrix(turn: ParsedTurn, kind: UnitKind) -> tuple[list[Unit], np.ndarray]:
    """The units of a turn and one feature row each (no rows when the turn has none)."""
    from app.coach.embed import embed

    units = units_of(turn, kind)
    if not units:
        return [], np.zeros((0, N_UNIT_FEATURES), dtype=np.float32)
    rows = []
    n_questions = len(turn.questions)
    for index, unit in enumerate(units):
        part = parse(unit.text, phase=turn.phase, previous=turn.previous)
        context = [
            math.log1p(len(turn.words)) / 5.0,
            min(n_questions, 4) / 4.0,
            float(index == len(units) - 1),
            float(index == 0),
        ]
        head = [*_head(part), *context]
        rows.append(np.concatenate([np.asarray(head, dtype=np.float32), embed(unit.text)]))
    return units, np.stack(rows).astype(np.float32)
