"""Recording files of an interview: where they are, their state, and crash recovery's view."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ARRAY, Integer, cast, func, select

from app.store.database_url import DatabaseKind
from app.store.db import Store
from app.store.models import Recording


@dataclass(frozen=True)
class StoredRecording:
    id: int
    interview_id: int
    path: Path
    status: str
    channels: int
    samplerate: int
    offset_s: float
    duration_s: float


def _to_stored(r: Recording) -> StoredRecording:
    return StoredRecording(r.id, r.interview_id, Path(r.path), r.status, r.channels,
                           r.samplerate, r.offset_s, r.duration_s)  # fmt: skip


class RecordingRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def new_path(self, interview_id: int, suffix: str = ".wav") -> Path:
        folder = self.store.recordings_dir
        folder.mkdir(parents=True, exist_ok=True)
        n = 1
        while True:
            path = folder / f"interview-{interview_id:05d}-{n}{suffix}"
            if not path.exists():
                return path
            n += 1

    def add(self, interview_id: int, path: Path, *, channels: int = 2, samplerate: int = 16000,
            offset_s: float = 0.0, status: str = "recording") -> int:  # fmt: skip
        with self.store.session() as s:
            row = Recording(interview_id=interview_id, path=str(path), channels=channels,
                            samplerate=samplerate, offset_s=offset_s, status=status)  # fmt: skip
            s.add(row)
            s.flush()
            return row.id

    def update(self, recording_id: int, *, status: str | None = None,
               duration_s: float | None = None, path: Path | None = None) -> None:  # fmt: skip
        with self.store.session() as s:
            row = s.get(Recording, recording_id)
            if row is None:
                raise KeyError(f"no recording {recording_id}")
            if status is not None:
                row.status = status
            if duration_s is not None:
                row.duration_s = duration_s
            if path is not None:
                row.path = str(path)

    def remove(self, recording_id: int) -> None:
        with self.store.session() as s:
            row = s.get(Recording, recording_id)
            if row is not None:
                s.delete(row)

    def for_interview(self, interview_id: int) -> list[StoredRecording]:
        with self.store.session() as s:
            rows = s.scalars(select(Recording).where(Recording.interview_id == interview_id))
            return [_to_stored(r) for r in rows]

    def unfinished(self) -> list[StoredRecording]:
        """Recordings still marked as recording: the app stopped while writing them."""
        with self.store.session() as s:
            rows = s.scalars(select(Recording).where(Recording.status == "recording"))
            return [_to_stored(r) for r in rows]


# What new_path names a recording (and its side files: .partial, the crash marker, ...), and
# what name_after_interview and a publish name theirs: interview-<its id>-<anything>.
_RECORDING_NAME = re.compile(r"^interview-(\d+)-")


def name_after_interview(store: Store, interview_id: int, path: Path) -> Path:
    """Renames a recording saved before its interview had an id (an import copies the file
    first) to interview-<id>-<its name>, and its row with it: on a team library every
    machine then tells whose audio a file is, and removes it when the interview is deleted
    (remove_audio_of_deleted_interviews). On any failure the file keeps its name and its row
    still points at it: still playable, only not swept. Returns where the file is."""
    if _RECORDING_NAME.match(path.name):
        return path
    named = path.with_name(f"interview-{interview_id:05d}-{path.name}")
    try:
        path.replace(named)
    except OSError:
        return path
    try:
        with store.session() as s:
            rows = s.scalars(select(Recording).where(Recording.interview_id == interview_id,
                                                     Recording.path == str(path)))  # fmt: skip
            for row in rows:
                row.path = str(named)
    except Exception:  # noqa: BLE001 - the interview is saved; its audio keeps its old name
        with contextlib.suppress(OSError):
            named.replace(path)
        return path
    return named


def remove_audio_of_deleted_interviews(store: Store) -> list[Path]:
    """Deletes the files in this library's recordings folder whose interview is gone: on a
    team library another member may delete an interview recorded here, and its audio must go
    from this machine too. Only for a team library: its recordings folder is its own (see
    db.team_recordings_folder); a SQLite library's files are never swept. Returns the files."""
    if store.kind is not DatabaseKind.POSTGRESQL or not store.recordings_dir.is_dir():
        return []
    files: dict[int, list[Path]] = {}
    for path in store.recordings_dir.iterdir():
        match = _RECORDING_NAME.match(path.name)
        if match and path.is_file():
            files.setdefault(int(match.group(1)), []).append(path)
    if not files:
        return []
    with store.session() as s:
        # Whoever may see them (migration 0007): the audio of an interview hidden from this
        # machine's user is not the audio of a deleted one.
        alive = set(s.scalars(
            select(func.tellmemore_existing_interviews(cast(list(files), ARRAY(Integer))))
        ))  # fmt: skip
    removed = []
    for interview_id, paths in files.items():
        if interview_id in alive:
            continue
        for path in paths:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


def private_file_mode(path: Path) -> None:
    """Recordings are readable by the user only."""
    if os.name == "posix":
        os.chmod(path, 0o600)
