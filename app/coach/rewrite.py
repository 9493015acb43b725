"""Turn the interviewer's own why-question into a "Tell me about…" prompt."""

from __future__ import annotations

import re

from app.coach.text import strip_openers

FALLBACK = "Try \u201cTell me more about\u2026\u201d instead of asking why."
_SUBJECTS = r"(you|your team|your boss|your manager|they|he|she|we|people|the team|your company)"
_DID_YOU = re.compile(
    rf"^(?:why|how come)\s+(?:did|do|does|would|will|didn't|don't|doesn't|'d)\s+{_SUBJECTS}\s+"
    r"(?:ever\s+|still\s+|even\s+|just\s+|actually\s+|end up\s+|decide to\s+|choose to\s+)?"
    r"([a-z'-]+)\s*(.*)$",
    re.IGNORECASE,
)
_ARE_YOU = re.compile(
    r"^why\s+(?:are|were)\s+you\s+(?:still\s+|always\s+|now\s+|even\s+)?([a-z'-]+ing)\s*(.*)$",
    re.IGNORECASE,
)
_OPINION_VERBS = {"think", "feel", "believe", "say", "suppose", "guess"}
_IS_IT = re.compile(
    r"^why\s+(?:is|was|are|were)\s+(?!that\b|this\b|it\b)(.+?)\s+(so|such|always|still|the|"
    r"a|an|too|very|really|not|never|only|[a-z]+(?:ed|ing|er))\b\s*(.*)$",
    re.IGNORECASE,
)
_IRREGULAR = {
    "go": "going",
    "do": "doing",
    "be": "being",
    "have": "having",
    "make": "making",
    "take": "taking",
    "give": "giving",
    "come": "coming",
    "leave": "leaving",
    "use": "using",
    "stop": "stopping",
    "get": "getting",
    "set": "setting",
    "put": "putting",
    "run": "running",
    "plan": "planning",
    "shop": "shopping",
    "cut": "cutting",
    "quit": "quitting",
    "let": "letting",
    "see": "seeing",
    "agree": "agreeing",
    "lie": "lying",
    "die": "dying",
    "sit": "sitting",
    "drop": "dropping",
    "ship": "shipping",
    "swap": "swapping",
    "skip": "skipping",
}
_NEGATIVES = {"didn't", "don't", "doesn't"}


def gerund(verb: str) -> str:
    verb = verb.lower()
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


def _tail(rest: str) -> str:
    # Only the first question: "..., and what did you move to?" is a second one.
    rest = re.split(r",|\s+(?:and|or|but)\s+(?:what|how|why|when|where|who|did|do|was|is)\b", rest)[
        0
    ]
    rest = rest.strip().rstrip("?.! ").strip()
    return f" {rest}" if rest else ""


def rewrite_why(question: str) -> str:
    """ "Why did you pick the annual plan?" -> "Tell me about picking the annual plan." """
    core = strip_openers(question).replace("\u2019", "'").strip()
    match = _DID_YOU.match(core)
    if match:
        subject, verb, rest = match.groups()
        if verb.lower() in _OPINION_VERBS:
            return "Tell me more about that."
        negative = any(f" {neg} " in f" {core.lower()} " for neg in _NEGATIVES)
        action = ("not " if negative else "") + gerund(verb) + _tail(rest)
        if subject.lower() == "you":
            return f"Tell me about {action}."
        return f"Tell me about how {subject.lower()} came to {'not ' if negative else ''}{verb}{_tail(rest)}."
    match = _ARE_YOU.match(core)
    if match:
        return f"Tell me about {match.group(1).lower()}{_tail(match.group(2))}."
    match = _IS_IT.match(core)
    if match:
        subject, word, rest = match.groups()
        return f"Tell me more about what made {subject} {word}{_tail(rest)}."
    if re.match(r"^why\s+(?:is|was)\s+(?:that|this|it)\b", core, re.IGNORECASE) or re.fullmatch(
        r"(?:and\s+|but\s+|so\s+)?why(?:\s+not)?\??", core, re.IGNORECASE
    ):
        return "Tell me more about that."
    return FALLBACK
