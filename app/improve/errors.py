"""What can stop an improvement, each with a message written for the user."""

from __future__ import annotations

import threading


class ImproveRefused(Exception):
    """There is nothing to improve (no recording, no consent, a missing file); nothing changed."""


class ImproveFailed(Exception):
    """The recording could not be decoded or the result not saved; nothing changed."""


class ImproveCancelled(Exception):
    """The user cancelled; the transcript is as it was."""


class TranscriptChanged(Exception):
    """Someone edited the transcript while the new one was being saved; the save is retried."""


class CancelFlag:
    """Set from the GUI thread, checked by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise ImproveCancelled("the improvement was cancelled")
