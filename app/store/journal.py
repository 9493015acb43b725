"""Transcript lines that survive a full disk: kept in memory and in a journal until saved.

When SQLite cannot write ("database or disk is full", an I/O error, a lock held too long), a
final transcript line is not dropped: `JournaledSegmentWriter.add` keeps it in memory, appends
it (fsynced) to a small journal beside the database and returns PENDING instead of a row id.
Every later `add` and every `flush()` first tries to save what is pending, in order; once
space returns the lines reach the database and the journal is emptied.

Why the journal is reserved up front: on a disk that is already full an append would fail as
well. The journal file is allocated (JOURNAL_RESERVE_BYTES of zeros, about a thousand lines)
when the writer is created, so lines written later only overwrite space the file already owns.
A reader stops at the first NUL byte. If the reservation itself fails (the disk was full
before the call started), the journal grows by appends and the memory copy remains.

A process killed while lines are pending leaves `pending-lines-<pid>.jsonl`; the next
`Store.open` replays it into the database (skipping lines already there) and removes it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from app.session.segments import Segment, Speaker, Word
from app.store.database_url import DatabaseKind
from app.store.db import PRIVATE_FILE_MODE, Store, server_unavailable
from app.store.models import Interview, SegmentRow
from app.store.transcript import SegmentRepository, segment_row

log = logging.getLogger(__name__)

PENDING = -1  # what add() returns for a line not in the database yet (the pipeline's "no row")
JOURNAL_PREFIX = "pending-lines-"
JOURNAL_SUFFIX = ".jsonl"
JOURNAL_RESERVE_BYTES = 256 * 1024

# SQLite primary result codes that mean "not now" rather than "this line is wrong".
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 5, 6, 10, 13, 14
_RETRYABLE_SQLITE = {_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN}
_RETRYABLE_ERRNO = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def is_out_of_space(exc: BaseException) -> bool:
    """True for the failures that a freed disk (or a released lock) cures."""
    if isinstance(exc, OSError):
        return exc.errno in _RETRYABLE_ERRNO
    if server_unavailable(exc):  # a team database out of reach for now: the same wait
        return True
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in _RETRYABLE_SQLITE
        return "disk is full" in str(original) or "disk I/O" in str(original)
    return False


@dataclass(frozen=True)
class PendingLine:
    interview_id: int
    segment: Segment
    source: str

    def to_json(self) -> str:
        s = self.segment
        return json.dumps(
            {"interview_id": self.interview_id, "source": self.source,
             "speaker": s.speaker.value, "speaker_name": s.speaker_name, "start": s.start,
             "end": s.end, "text": s.text,
             "words": [[w.word, w.start, w.end, w.probability] for w in s.words]},
            ensure_ascii=False, separators=(",", ":"),
        )  # fmt: skip

    @staticmethod
    def from_json(line: str) -> PendingLine:
        data: dict[str, Any] = json.loads(line)
        segment = Segment(
            speaker=Speaker(data["speaker"]),
            start=float(data["start"]),
            end=float(data["end"]),
            text=str(data["text"]),
            words=tuple(
                Word(str(w[0]), float(w[1]), float(w[2]), float(w[3]))
                for w in data.get("words") or ()
            ),  # fmt: skip
            speaker_name=data.get("speaker_name"),
        )
        return PendingLine(int(data["interview_id"]), segment, str(data.get("source", "live")))


_OPEN_HERE: set[Path] = set()  # journals of writers in this process (never replayed under them)


def journal_path(data_dir: Path, pid: int | None = None) -> Path:
    return Path(data_dir) / f"{JOURNAL_PREFIX}{os.getpid() if pid is None else pid}{JOURNAL_SUFFIX}"


class _Journal:
    """An append-only file of JSON lines in pre-allocated space; write() fsyncs each line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._offset = 0
        self._reserved = 0

    def open(self) -> None:
        """Reserve the space now, while the disk still has room; failure is not an error."""
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        except OSError as exc:
            log.warning("the pending-lines journal could not be created (%s)", exc.strerror)
            return
        try:
            if hasattr(os, "posix_fallocate"):
                os.posix_fallocate(self._fd, 0, JOURNAL_RESERVE_BYTES)
                self._reserved = JOURNAL_RESERVE_BYTES
        except OSError:
            self._reserved = 0  # the lines still go to memory; the journal grows by appends

    def write(self, line: str) -> bool:
        """Appends one line and fsyncs; False when even that failed (memory keeps the line)."""
        if self._fd is None:
            self.open()
            if self._fd is None:
                return False
        data = (line + "\n").encode("utf-8")
        try:
            written = os.pwrite(self._fd, data, self._offset)
            if written != len(data):
                raise OSError(errno.ENOSPC, "short write")
            os.fsync(self._fd)
        except OSError as exc:
            with contextlib.suppress(OSError):  # never leave half a line for the reader
                os.pwrite(self._fd, b"\0" * len(data), self._offset)
            log.warning("a pending line could not be journalled (%s)", exc.strerror)
            return False
        self._offset += len(data)
        return True

    def clear(self) -> None:
        """Everything is in the database: zero the used part (it held transcript words)."""
        if self._fd is None or self._offset == 0:
            return
        with contextlib.suppress(OSError):
            os.pwrite(self._fd, b"\0" * self._offset, 0)
            os.fsync(self._fd)
            self._offset = 0

    def close(self, *, remove: bool) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None
        if remove:
            self.path.unlink(missing_ok=True)


def read_journal(path: Path) -> list[PendingLine]:
    """The whole lines of a journal, up to the first NUL (unused reserved space) or torn line."""
    data = path.read_bytes()
    end = data.find(b"\0")
    lines: list[PendingLine] = []
    for raw in (data if end < 0 else data[:end]).split(b"\n"):
        if not raw.strip():
            continue
        try:
            lines.append(PendingLine.from_json(raw.decode("utf-8")))
        except (ValueError, KeyError, TypeError, IndexError):
            break  # a torn last line after a crash: everything before it counts
    return lines


class JournaledSegmentWriter:
    """`add(interview_id, segment, source)` like SegmentRepository.add, but a full disk keeps
    the line pending instead of raising. Thread-safe; create one per live call."""

    def __init__(self, store: Store, *, repository: SegmentRepository | None = None,
                 on_pending: Callable[[int], None] | None = None) -> None:  # fmt: skip
        self.repository = repository or SegmentRepository(store)
        self._journal = _Journal(journal_path(store.journal_dir))
        self._journal.open()
        _OPEN_HERE.add(self._journal.path)
        self._pending: list[PendingLine] = []
        self._journalled_all = True
        self._lock = threading.Lock()
        self._on_pending = on_pending

    @property
    def pending(self) -> int:
        """Lines said but not in the database yet."""
        with self._lock:
            return len(self._pending)

    @property
    def journalled(self) -> bool:
        """Every pending line is also in the journal (it would survive a kill)."""
        with self._lock:
            return self._journalled_all

    def status_message(self) -> str:
        """A sentence for the user while lines are pending, else ''."""
        with self._lock:
            n, safe = len(self._pending), self._journalled_all
        if not n:
            return ""
        where = "in memory and in a journal file" if safe else "in memory only"
        if self.repository.store.kind is DatabaseKind.POSTGRESQL:
            return (f"The team database is out of reach: {n} transcript line"
                    f"{'s' if n != 1 else ''} {'are' if n != 1 else 'is'} waiting ({where}) "
                    "and will be saved as soon as it answers again.")  # fmt: skip
        return (f"The disk is full: {n} transcript line{'s' if n != 1 else ''} "
                f"{'are' if n != 1 else 'is'} waiting ({where}) and will be saved as soon "
                "as space is freed.")  # fmt: skip

    def add(self, interview_id: int, segment: Segment, source: str = "live") -> int:
        """The new row id, or PENDING when the line is kept for later."""
        with self._lock:
            before = len(self._pending)
            self._flush_locked()
            if not self._pending:
                try:
                    return self.repository.add(interview_id, segment, source=source)
                except Exception as exc:
                    if not is_out_of_space(exc):
                        raise
                    log.warning("the disk refused a transcript line; keeping it pending")
            line = PendingLine(interview_id, segment, source)
            self._pending.append(line)
            if not self._journal.write(line.to_json()):
                self._journalled_all = False
            changed = len(self._pending) != before
        if changed:
            self._notify()
        return PENDING

    def discard(self, interview_id: int, speaker: Speaker | None = None) -> int:
        """Forgets pending lines of one speaker (all with None) in memory and in the journal,
        as SegmentRepository.forget does in the database when consent is revoked: a line
        kept back by a full disk must not reach the database after its speaker was forgotten.
        Returns how many were dropped."""
        with self._lock:
            keep = [
                line
                for line in self._pending
                if line.interview_id != interview_id
                or (speaker is not None and line.segment.speaker is not speaker)
            ]
            dropped = len(self._pending) - len(keep)
            if dropped:
                self._pending = keep
                self._journal.clear()  # rewrite the journal with what is left
                self._journalled_all = all([self._journal.write(x.to_json()) for x in keep])
        if dropped:
            self._notify()
        return dropped

    def flush(self) -> int:
        """Tries to save every pending line now; returns how many are still pending."""
        with self._lock:
            before = len(self._pending)
            self._flush_locked()
            after = len(self._pending)
        if after != before:
            self._notify()
        return after

    def close(self) -> int:
        """Last flush; the journal is removed only when nothing is pending (else it is
        replayed at the next start). Returns the lines still pending."""
        left = self.flush()
        with self._lock:
            self._journal.close(remove=not self._pending)
            _OPEN_HERE.discard(self._journal.path)
        return left

    def _flush_locked(self) -> None:
        while self._pending:
            line = self._pending[0]
            try:
                self.repository.add(line.interview_id, line.segment, source=line.source)
            except Exception as exc:  # noqa: BLE001 - sorted below: full disk waits, the rest drops
                if is_out_of_space(exc):
                    return
                # The interview was deleted meanwhile (or the line is otherwise refused for
                # good): it cannot be saved anywhere, so it must not block the others.
                log.warning("a pending transcript line was dropped: %s", type(exc).__name__)
            self._pending.pop(0)
        self._journal.clear()
        self._journalled_all = True

    def _notify(self) -> None:
        if self._on_pending is not None:
            self._on_pending(self.pending)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def leftover_journals(data_dir: Path) -> list[Path]:
    """Journals of processes that are gone (not this one, not another live window)."""
    found = []
    for path in sorted(Path(data_dir).glob(f"{JOURNAL_PREFIX}*{JOURNAL_SUFFIX}")):
        digits = path.name[len(JOURNAL_PREFIX) : -len(JOURNAL_SUFFIX)]
        if not digits.isdigit():
            continue
        pid = int(digits)
        if path in _OPEN_HERE:
            continue  # a writer of this process is using it
        if pid == os.getpid() or not _pid_alive(pid):
            found.append(path)
    return found


def replay_journals(store: Store) -> int:
    """Saves the lines of leftover journals (a line already in the database, or of an
    interview since deleted, is skipped) and removes each journal once it is in. Returns the
    lines saved. A journal that still cannot be saved (disk full again) is kept for later."""
    saved = 0
    for path in leftover_journals(store.journal_dir):
        try:
            lines = read_journal(path)
        except OSError as exc:
            log.warning("the journal %s could not be read (%s)", path.name, exc.strerror)
            continue
        try:
            saved += _save_missing(store, lines)
        except Exception as exc:
            if is_out_of_space(exc):
                continue
            raise
        path.unlink(missing_ok=True)
    return saved


def _save_missing(store: Store, lines: list[PendingLine]) -> int:
    saved = 0
    with store.session() as s:
        for line in lines:
            seg = line.segment
            if s.get(Interview, line.interview_id) is None:
                continue
            exists = s.scalar(
                select(SegmentRow.id).where(
                    SegmentRow.interview_id == line.interview_id,
                    SegmentRow.speaker == seg.speaker.value,
                    SegmentRow.start == seg.start, SegmentRow.end == seg.end,
                    SegmentRow.text == seg.text,
                ).limit(1)
            )  # fmt: skip
            if exists is not None:
                continue
            s.add(segment_row(line.interview_id, seg, line.source))
            saved += 1
    return saved
