"""Consent to record as a state machine; recording is gated on it in the core."""

from __future__ import annotations

from enum import StrEnum


class ConsentState(StrEnum):
    NOT_ASKED = "not_asked"
    GRANTED = "granted"
    DECLINED = "declined"
    REVOKED = "revoked"


class ConsentError(RuntimeError):
    """An action that consent does not allow (recording without it, a transition that makes no sense)."""


# A participant may change their mind: declined or revoked can still become granted.
_ALLOWED: dict[ConsentState, frozenset[ConsentState]] = {
    ConsentState.NOT_ASKED: frozenset({ConsentState.GRANTED, ConsentState.DECLINED}),
    ConsentState.GRANTED: frozenset({ConsentState.REVOKED}),
    ConsentState.DECLINED: frozenset({ConsentState.GRANTED}),
    ConsentState.REVOKED: frozenset({ConsentState.GRANTED}),
}


def check_transition(current: ConsentState, new: ConsentState) -> None:
    if new not in _ALLOWED[current]:
        raise ConsentError(f"Consent cannot go from {current.value} to {new.value}.")
