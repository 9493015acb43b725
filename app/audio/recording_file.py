"""The recording on disk: a 16-bit PCM WAV whose header is patched at every flush, plus a marker.

Why WAV with a patched header: after kill -9 the file is already a valid WAV up to the last
flush (the header is rewritten after each append), and whatever was appended after it is
recovered by `repair_recording`, which recomputes the sizes from the file length. Any reader
opens the file as it is.

While a recording is open, a marker `<file>.recording` (JSON: samplerate, channels, offset_s,
pid, started) sits next to it. A clean stop removes the marker; a crash leaves it, so on start-up
the app calls `find_unfinished_recordings(folder)` and `recover(path)` for each (the store then
marks the interview "recovered").

Files and markers are created with mode 0600 on POSIX: interviews are personal data.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

HEADER_BYTES = 44
SAMPLE_WIDTH = 2  # 16-bit PCM
MARKER_SUFFIX = ".recording"
_RIFF_SIZE_POS = 4
_DATA_SIZE_POS = 40


class RecordingFileError(RuntimeError):
    pass


def _header(channels: int, samplerate: int, data_bytes: int) -> bytes:
    block_align = channels * SAMPLE_WIDTH
    return b"".join(
        (
            b"RIFF",
            struct.pack("<I", 36 + data_bytes),
            b"WAVE",
            b"fmt ",
            struct.pack(
                "<IHHIIHH", 16, 1, channels, samplerate, samplerate * block_align, block_align, 16
            ),
            b"data",
            struct.pack("<I", data_bytes),
        )
    )


def marker_path(path: str | os.PathLike[str]) -> Path:
    p = Path(path)
    return p.with_name(p.name + MARKER_SUFFIX)


def _create_private(path: Path, *, exclusive: bool = True) -> int:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    flags |= getattr(os, "O_BINARY", 0)
    return os.open(path, flags, 0o600)


def write_marker(path: Path, info: dict[str, Any]) -> None:
    marker = marker_path(path)
    tmp = marker.with_name(marker.name + ".tmp")
    fd = _create_private(tmp, exclusive=False)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(info, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, marker)


def read_marker(path: str | os.PathLike[str]) -> dict[str, Any]:
    try:
        return json.loads(marker_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remove_marker(path: str | os.PathLike[str]) -> None:
    with contextlib.suppress(FileNotFoundError):
        marker_path(path).unlink()


class WavAppender:
    """Appends interleaved int16 frames; `commit()` patches the header and flushes to the OS."""

    def __init__(self, path: str | os.PathLike[str], channels: int, samplerate: int) -> None:
        self.path = Path(path)
        self.channels = channels
        self.samplerate = samplerate
        self.frames = 0  # frames appended
        self.committed_frames = 0  # frames the header describes
        fd = _create_private(self.path)
        self._f = os.fdopen(fd, "r+b", buffering=0)
        self._f.write(_header(channels, samplerate, 0))
        self._f.flush()

    @property
    def frame_bytes(self) -> int:
        return self.channels * SAMPLE_WIDTH

    def append(self, frames: np.ndarray) -> None:
        """`frames`: (n, channels) int16. On OSError (disk full) the whole frames that did land
        are kept (counted, and a torn last frame cut off) and the error propagates."""
        data = np.ascontiguousarray(frames, dtype="<i2").tobytes()
        start = HEADER_BYTES + self.frames * self.frame_bytes
        done = 0
        try:
            self._f.seek(start)
            view = memoryview(data)
            while done < len(data):
                n = self._f.write(view[done:])
                if not n:
                    raise OSError(errno.ENOSPC, "short write")
                done += n
        except OSError:
            whole = done // self.frame_bytes
            self.frames += whole
            with contextlib.suppress(OSError):
                self._f.truncate(start + whole * self.frame_bytes)
            raise
        self.frames += frames.shape[0]

    def commit(self, *, fsync: bool = False) -> None:
        data_bytes = self.frames * self.frame_bytes
        self._f.seek(_RIFF_SIZE_POS)
        self._f.write(struct.pack("<I", 36 + data_bytes))
        self._f.seek(_DATA_SIZE_POS)
        self._f.write(struct.pack("<I", data_bytes))
        self._f.flush()
        if fsync:
            os.fsync(self._f.fileno())
        self.committed_frames = self.frames

    def close(self) -> None:
        if self._f.closed:
            return
        try:
            self.commit(fsync=True)
        finally:
            self._f.close()

    def abandon(self) -> None:
        """Close without touching the file again (after a failed write or commit)."""
        with contextlib.suppress(OSError):
            self._f.close()

    @property
    def duration_s(self) -> float:
        return self.frames / self.samplerate


def _parse_fmt(head: bytes) -> tuple[int, int, int]:
    """(channels, samplerate, bits) from a canonical 44-byte header."""
    if len(head) < HEADER_BYTES or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise RecordingFileError("not a WAV file")
    if head[12:16] != b"fmt " or head[36:40] != b"data":
        raise RecordingFileError("not a recording written by this app (unexpected chunks)")
    _, _fmt, channels, samplerate, _, _, bits = struct.unpack("<IHHIIHH", head[16:36])
    return channels, samplerate, bits


def repair_recording(path: str | os.PathLike[str]) -> float:
    """Make the header match the data actually on disk; returns the duration in seconds.

    Handles a file cut anywhere: a missing or torn header is rebuilt from the marker (or the
    defaults 2 channels, 16 kHz), a trailing partial frame is dropped.
    """
    p = Path(path)
    info = read_marker(p)
    size = p.stat().st_size
    with open(p, "r+b") as f:
        head = f.read(HEADER_BYTES)
        try:
            channels, samplerate, bits = _parse_fmt(head)
        except RecordingFileError:
            if len(head) >= 4 and head[:4] != b"RIFF":
                raise
            channels = int(info.get("channels", 2))
            samplerate = int(info.get("samplerate", 16000))
            bits = 16
            f.seek(0)
            f.write(_header(channels, samplerate, 0))
            size = max(size, HEADER_BYTES)
        frame_bytes = channels * bits // 8
        frames = (size - HEADER_BYTES) // frame_bytes
        data_bytes = frames * frame_bytes
        f.truncate(HEADER_BYTES + data_bytes)
        f.seek(_RIFF_SIZE_POS)
        f.write(struct.pack("<I", 36 + data_bytes))
        f.seek(_DATA_SIZE_POS)
        f.write(struct.pack("<I", data_bytes))
        f.flush()
        os.fsync(f.fileno())
    return frames / samplerate


@dataclass(frozen=True)
class RecoveredRecording:
    path: Path
    duration_s: float
    offset_s: float  # where sample 0 sits in the session timeline
    info: dict[str, Any]  # the marker's content (started, pid, ...)


def _pid_alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def find_unfinished_recordings(folder: str | os.PathLike[str]) -> list[Path]:
    """Recordings under `folder` (recursively) whose marker survived, i.e. not stopped cleanly,
    leaving out those still being written by a live process."""
    found = []
    for marker in sorted(Path(folder).rglob(f"*{MARKER_SUFFIX}")):
        audio = marker.with_name(marker.name[: -len(MARKER_SUFFIX)])
        if not audio.exists():
            marker.unlink(missing_ok=True)  # nothing was written: nothing to recover
            continue
        if _pid_alive(int(read_marker(audio).get("pid", 0) or 0)):
            continue
        found.append(audio)
    return found


def recover(path: str | os.PathLike[str]) -> RecoveredRecording:
    """Repair a recording left by a crash and remove its marker."""
    p = Path(path)
    info = read_marker(p)
    duration = repair_recording(p)
    remove_marker(p)
    return RecoveredRecording(p, duration, float(info.get("offset_s", 0.0)), info)


def delete_recording(path: str | os.PathLike[str]) -> None:
    """Remove a recording and its marker (after consent is revoked and the user agrees)."""
    p = Path(path)
    p.unlink(missing_ok=True)
    remove_marker(p)
