"""Copying a recording into a team library's folder so that an interruption loses nothing.

The copy grows in `<name>.partial` and becomes `<name>` by a rename once whole and checked:
a file with the final name is always complete. Copying again after a kill, a full disk or a
lost network share carries on from the bytes already there, then compares the whole copy with
the source (SHA-256), so bytes written by a copy that died mid-write are not trusted blindly.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from app.store.recordings import private_file_mode

CHUNK_BYTES = 1024 * 1024
PARTIAL_SUFFIX = ".partial"

# Told how many bytes were copied in this call so far (for a progress bar).
BytesCopied = Callable[[int], None]


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            sha.update(chunk)
    return sha.hexdigest()


def copy_resumably(source: Path, target: Path, on_bytes: BytesCopied | None = None) -> int:
    """Copies source to target (same name + .partial while copying); returns the bytes copied
    by this call: 0 when target is already the whole file, less than the size when an earlier
    copy was resumed. Raises OSError (the source gone, the disk full), keeping the partial."""
    size = source.stat().st_size
    if target.is_file() and target.stat().st_size == size:
        return 0
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    target.parent.mkdir(parents=True, exist_ok=True)
    done = partial.stat().st_size if partial.is_file() else 0
    resumed = 0 < done <= size
    if not resumed:
        done = 0
    copied = 0
    with source.open("rb") as reader, partial.open("r+b" if resumed else "wb") as writer:
        reader.seek(done)
        writer.seek(done)
        writer.truncate()
        while chunk := reader.read(CHUNK_BYTES):
            writer.write(chunk)
            copied += len(chunk)
            if on_bytes is not None:
                on_bytes(copied)
        writer.flush()
        os.fsync(writer.fileno())
    if resumed and _digest(partial) != _digest(source):
        # The bytes left by the interrupted copy were not the source's: start over, once.
        partial.unlink()
        return copy_resumably(source, target, on_bytes)
    private_file_mode(partial)
    partial.replace(target)
    return copied


def discard(target: Path) -> None:
    """Removes a copy and its partial, if any (a publish that will not happen)."""
    for path in (target, target.with_name(target.name + PARTIAL_SUFFIX)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
