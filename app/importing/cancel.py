"""Cancelling a background job from the GUI thread: a flag the worker checks between steps."""

from __future__ import annotations

import threading


class ImportCancelled(Exception):
    """The user cancelled; everything the job had made is already removed."""


class CancelToken:
    """Set from the GUI thread, checked by the worker between steps. A job with its own
    cancellation error subclasses it and names the error and its message."""

    error: type[Exception] = ImportCancelled
    message = "the import was cancelled"

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise self.error(self.message)
