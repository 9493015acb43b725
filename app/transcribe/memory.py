"""Giving freed memory back to the system, where the C library keeps it.

glibc keeps what a thread freed in that thread's malloc arena: loading the model (the file is
read, then converted to int8) and each decode's buffers leave tens of MB mapped that no one
uses, counted in the process's RSS for the whole call. `malloc_trim(0)` returns the free pages
of every arena. Measured on `listen --file`, 120 s of real speech: peak RSS 465 -> 413 MB with
a trim every 2 s (see issue 14). Elsewhere (macOS, Windows, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading
import time
from collections.abc import Callable
from functools import lru_cache

MIN_INTERVAL_S = 2.0  # a trim walks every arena: a few ms, so not after every decode


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


_lock = threading.Lock()
_last = 0.0


def release_free_memory(*, force: bool = False) -> bool:
    """Returns freed heap memory to the system (at most every MIN_INTERVAL_S unless `force`);
    True when a trim ran."""
    global _last
    trim = _malloc_trim()
    if trim is None:
        return False
    now = time.monotonic()
    with _lock:
        if not force and now - _last < MIN_INTERVAL_S:
            return False
        _last = now
    trim(0)
    return True
