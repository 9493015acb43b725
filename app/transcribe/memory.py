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


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers (malloc.h)
_M_ARENA_MAX = -8
MALLOC_ARENAS = 2
MMAP_THRESHOLD = 4 * 2**20


def tune_malloc(arenas: int = MALLOC_ARENAS, mmap_threshold: int = MMAP_THRESHOLD) -> bool:
    """Keeps a long call's memory close to what it uses; call before any thread starts. True
    when glibc took the settings.

    - glibc gives each thread that allocates its own arena (up to 8 per core), and memory freed
      in one arena is never reused by another: a call's dozen threads (audio callbacks, the
      transcriber, CTranslate2's and ONNX Runtime's pools) left five arenas of 25-65 MB each,
      mostly free (pmap of `listen` at 600 MB, issue 14). Two arenas share what is freed.
    - Blocks of `mmap_threshold` or more get their own mapping, returned to the system when
      freed. Left to itself glibc raises that threshold up to 32 MB after the first large free,
      and every later large buffer (a decode's encoder activations) stays in an arena.
    """
    if not sys.platform.startswith("linux") or _malloc_trim() is None:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, arenas)) and bool(mallopt(_M_MMAP_THRESHOLD, mmap_threshold))
