"""A real, small, full filesystem for tests: a tmpfs mounted as root (skipped otherwise).

Why tmpfs and not a simulation: SQLite, the WAL, the -shm file and the journal all meet ENOSPC
exactly as on a user's full disk. Where mounting is not allowed, tests that only need SQLite to
say "database or disk is full" use PRAGMA max_page_count instead (see test_journal.py).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def small_disk(where: Path, size_kb: int = 8192) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        raise OSError(f"cannot mount a tmpfs: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> Path:
    """Writes a filler file until the disk refuses; delete it to free the space."""
    filler = disk / "filler.bin"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as f:
        while True:
            try:
                f.write(chunk)
            except OSError:
                break
    # A last few bytes at a time, so not even a small write fits.
    with open(filler, "ab", buffering=0) as f:
        for size in (4096, 512, 1):
            while True:
                try:
                    if f.write(b"\0" * size) != size:
                        break
                except OSError:
                    break
    return filler
