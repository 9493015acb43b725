"""Freed memory goes back to the system between utterances (glibc), at most every 2 s."""

from __future__ import annotations

import sys

import pytest

from app.transcribe import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_a_trim_runs_when_forced_and_not_twice_in_a_row(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda: calls.append)
    monkeypatch.setattr(memory, "_last", 0.0)
    assert memory.release_free_memory(force=True)
    assert not memory.release_free_memory()  # within MIN_INTERVAL_S of the last one
    assert memory.release_free_memory(force=True)
    assert calls == [0, 0]


def test_the_real_trim_is_found_on_glibc() -> None:
    found = memory._malloc_trim()
    if sys.platform.startswith("linux"):
        assert found is not None and found(0) in (0, 1)
    else:
        assert found is None


_RETAINED = """
import sys
import numpy as np, psutil
from app.transcribe.memory import tune_malloc
if sys.argv[1] == "tuned":
    assert tune_malloc()
process = psutil.Process()
big = np.ones(20 * 2**20 // 8)  # a large buffer once: glibc raises its mmap threshold after it
del big
before = process.memory_info().rss
blocks = [np.ones(5 * 2**20 // 8) for _ in range(8)]  # then 40 MB in 5 MB buffers, freed,
pin = np.ones(200_000 // 8)  # with something small still in use after them
del blocks
print((process.memory_info().rss - before) // 2**20)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_tuned_malloc_returns_large_freed_buffers_to_the_system() -> None:
    import subprocess

    def retained_mb(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", _RETAINED, mode], capture_output=True,
                             text=True, check=True)  # fmt: skip
        return int(out.stdout.strip())

    assert retained_mb("default") >= 30  # what glibc kept in a call before (issue 14)
    assert retained_mb("tuned") <= 5
