"""Pause Python's cyclic garbage collector around a bounded bulk read.

Reading a thousand interviews makes a few hundred thousand small objects (rows, dicts from
JSON, dataclasses). With Qt's objects alive, each full collection they trigger half-way costs
about 100 ms, and the trainer view paid two or three of them per open. None of these objects
form cycles (refcounting frees them), so collecting during the read buys nothing; the
collector runs again as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
