"""Checklist goals that tick themselves when the transcript shows them.

Goal indices follow DEFAULT_PHASES: Introductions (0: show gratitude, 2: permission to
record), Wrap it up (0: show gratitude, 1: restate something learned, 2: the gift,
3: permission to follow up by email, 4: thank them again).
"""

from __future__ import annotations

import re

from app.session.segments import Segment, Speaker
from app.session.session import InterviewSession

_I = re.IGNORECASE
INTRO, BASICS, DEEPER, WRAP = 0, 1, 2, 3

_THANKS = re.compile(
    r"\b(?:thank you|thanks|thank u|grateful|appreciate (?:it|you|your|that|this))\b", _I
)
_RECORD = re.compile(
    r"\b(?:(?:ok|okay|alright|all right|fine|mind|comfortable)\b.{0,40}\brecord|"
    r"record(?:ing)?\b.{0,40}\b(?:ok|okay|alright|all right|fine|permission|consent|mind)\b|"
    r"(?:can|could|may|might) i record|permission to record|do you mind if i record|"
    r"would it be (?:ok|okay|alright|all right|fine) (?:if|to) (?:i )?record)",
    _I,
)
_FOLLOW_UP = re.compile(
    r"\b(?:follow(?:ing)?[ -]up|reach out|get back to you|email you|e-mail you|send you an email|"
    r"contact you)\b.{0,60}\?|\b(?:can|could|may|might) i (?:follow up|email|e-mail|reach out|"
    r"contact)\b",
    _I,
)
_RESTATE = re.compile(
    r"\b(?:what i(?:'ve| have)? (?:heard|learned|learnt)|one thing i(?:'ve| have)? learn|"
    r"(?:so|if) i understand (?:you )?correctly|to sum(?:marise|marize)? up|it sounds like|"
    r"what i'm hearing|my takeaway|the (?:big|main|key) (?:thing|takeaway) (?:i|for me)|"
    r"i learned (?:that|today|a lot))\b",
    _I,
)
_GIFT = re.compile(
    r"\b(?:gift card|gift|voucher|the (?:\$|£|€)?\d+|reward|thank-you (?:card|gift))\b.{0,60}"
    r"\b(?:on (?:its|the) way|send|sent|email|arrive|get)|\b(?:send|sending|sent|get) (?:you )?"
    r"(?:the |your |a )?(?:gift|voucher|gift card|reward)",
    _I,
)


def auto_ticks(segment: Segment, phase_index: int) -> list[tuple[int, int]]:
    """(phase_index, goal_index) pairs this interviewer segment shows as done."""
    if segment.speaker is not Speaker.INTERVIEWER:
        return []
    text = segment.text.replace("\u2019", "'")
    hits: list[tuple[int, int]] = []
    if phase_index == INTRO:
        if _THANKS.search(text):
            hits.append((INTRO, 0))
        if _RECORD.search(text):
            hits.append((INTRO, 2))
    elif phase_index == WRAP:
        if _THANKS.search(text):
            hits.append((WRAP, 0))
        if _RESTATE.search(text):
            hits.append((WRAP, 1))
        if _GIFT.search(text):
            hits.append((WRAP, 2))
        if _FOLLOW_UP.search(text):
            hits.append((WRAP, 3))
    else:
        # Asked early (a fast interviewer) it still counts for the phase it belongs to.
        if _RECORD.search(text):
            hits.append((INTRO, 2))
        if _FOLLOW_UP.search(text):
            hits.append((WRAP, 3))
    return hits


def apply_ticks(done: list[list[bool]], hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ticks hits into `done`; "thank them again" is the second thanks in the wrap-up.

    Returns the goals newly ticked.
    """
    new: list[tuple[int, int]] = []
    for phase, goal in hits:
        if phase >= len(done) or goal >= len(done[phase]):
            continue
        if (phase, goal) == (WRAP, 0) and done[phase][0] and len(done[phase]) > 4:
            goal = 4
        if not done[phase][goal]:
            done[phase][goal] = True
            new.append((phase, goal))
    return new


def tick_session(session: InterviewSession, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Applies what the transcript showed to a running session, by the same rules as the
    analysis after the call (apply_ticks: the second thanks is "thank them again"). Call it on
    the session's own thread; returns the goals newly ticked."""
    if session.state.value not in ("running", "paused"):
        return []
    new = apply_ticks([list(row) for row in session.checklist], hits)
    for phase, goal in new:
        session.set_goal(phase, goal, True, auto=True)
    return new
