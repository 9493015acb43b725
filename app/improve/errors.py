"""What can stop an improvement, each with a message written for the user."""

from __future__ import annotations

from app.importing.cancel import CancelToken


class ImproveRefused(Exception):
    """There is nothing to improve (no recording, no consent, a missing file); nothing changed."""


class ImproveFailed(Exception):
    """The recording could not be decoded or the result not saved; nothing changed."""


class ImproveCancelled(Exception):
    """The user cancelled; the transcript is as it was."""


class TranscriptChanged(Exception):
    """Someone edited the transcript while the new one was being saved; the save is retried."""


class CancelFlag(CancelToken):
    """An improvement's cancel token (app.importing.cancel): raises ImproveCancelled."""

    error = ImproveCancelled
    message = "the improvement was cancelled"
