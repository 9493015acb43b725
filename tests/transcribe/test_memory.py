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
