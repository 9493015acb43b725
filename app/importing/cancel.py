"""Cancelling a background job from the GUI thread: a flag the worker checks between steps."""

from __future__ import annotations

import threading


class ImportCancelled(Exception):
    """The user cancelled; everything the job had made is already removed."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise ImportCancelled("the import was cancelled")
