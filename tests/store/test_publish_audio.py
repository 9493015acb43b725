"""The resumable audio copy: a partial copy is carried on, a wrong one is started again, and a
file with the final name is always whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.store.publish_audio import CHUNK_BYTES, PARTIAL_SUFFIX, copy_resumably

SIZE = 3 * CHUNK_BYTES + 17


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "call.wav"
    path.write_bytes(os.urandom(SIZE))
    return path


def test_a_partial_copy_is_carried_on(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "team" / "copy.wav"
    target.parent.mkdir()
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    partial.write_bytes(source.read_bytes()[: 2 * CHUNK_BYTES])
    seen: list[int] = []

    copied = copy_resumably(source, target, seen.append)

    assert copied == SIZE - 2 * CHUNK_BYTES and seen[-1] == copied
    assert target.read_bytes() == source.read_bytes() and not partial.exists()
    assert copy_resumably(source, target) == 0  # whole already: nothing copied


def test_a_partial_copy_with_wrong_bytes_is_started_again(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.wav"
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    partial.write_bytes(os.urandom(CHUNK_BYTES))  # not the source's first megabyte

    assert copy_resumably(source, target) == SIZE  # resumed, found wrong, copied in full
    assert target.read_bytes() == source.read_bytes()


def test_a_partial_longer_than_the_source_is_ignored(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.wav"
    target.with_name(target.name + PARTIAL_SUFFIX).write_bytes(b"x" * (SIZE + 5))
    assert copy_resumably(source, target) == SIZE
    assert target.read_bytes() == source.read_bytes()


def test_a_copy_that_fails_keeps_its_partial_and_no_final_name(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.wav"

    def fail_after_two_chunks(copied: int) -> None:
        if copied >= 2 * CHUNK_BYTES:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        copy_resumably(source, target, fail_after_two_chunks)
    assert not target.exists()
    assert target.with_name(target.name + PARTIAL_SUFFIX).stat().st_size == 2 * CHUNK_BYTES
    assert copy_resumably(source, target) == SIZE - 2 * CHUNK_BYTES
    assert target.read_bytes() == source.read_bytes()
