from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.audio.recording_file import (
    HEADER_BYTES,
    WavAppender,
    delete_recording,
    find_unfinished_recordings,
    marker_path,
    read_marker,
    recover,
    repair_recording,
    write_marker,
)


def frames(n: int, start: int = 0) -> np.ndarray:
    x = np.arange(start, start + n, dtype=np.int16)
    return np.stack([x, -x], axis=1)


def test_appended_frames_read_back_after_each_commit(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    w = WavAppender(path, 2, 16000)
    w.append(frames(1000))
    w.commit()
    data, rate = sf.read(path, dtype="int16")
    assert rate == 16000 and data.shape == (1000, 2)
    assert np.array_equal(data, frames(1000))
    w.append(frames(600, 1000))
    w.close()
    data, _ = sf.read(path, dtype="int16")
    assert np.array_equal(data, frames(1600))


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_recording_and_marker_are_private(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    old = os.umask(0)  # even with a permissive umask
    try:
        WavAppender(path, 2, 16000).close()
        write_marker(path, {"offset_s": 1.0})
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(marker_path(path).stat().st_mode) == 0o600


def test_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(b"keep")
    with pytest.raises(FileExistsError):
        WavAppender(path, 2, 16000)
    assert path.read_bytes() == b"keep"


def test_repair_recovers_frames_written_after_the_last_header_patch(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    w = WavAppender(path, 2, 16000)
    w.append(frames(16000))
    w.commit()
    w.append(frames(8000, 16000))  # appended, header not patched: as if killed here
    w.abandon()
    with open(path, "ab") as f:
        f.write(b"\x01\x02\x03")  # a torn partial frame
    assert sf.info(path).frames == 16000  # readable as-is, up to the last commit
    assert repair_recording(path) == pytest.approx(1.5)
    data, _ = sf.read(path, dtype="int16")
    assert np.array_equal(data, frames(24000))


def test_repair_rebuilds_a_torn_header_from_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    write_marker(path, {"samplerate": 16000, "channels": 2, "offset_s": 3.5})
    path.write_bytes(b"RIFF\x00\x00")  # killed while writing the very first header
    assert repair_recording(path) == 0.0
    assert sf.info(path).frames == 0 and sf.info(path).channels == 2


def test_repair_refuses_a_file_that_is_not_a_wav(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(b"fLaC" + bytes(100))
    with pytest.raises(RuntimeError):
        repair_recording(path)


def test_find_and_recover_unfinished_recordings(tmp_path: Path) -> None:
    done = tmp_path / "done.wav"
    WavAppender(done, 2, 16000).close()  # a clean stop leaves no marker
    crashed = tmp_path / "sub" / "crashed.wav"
    crashed.parent.mkdir()
    w = WavAppender(crashed, 2, 16000)
    w.append(frames(4000))
    w.abandon()
    # A pid that surely is not running any more: a child that has exited.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    write_marker(crashed, {"offset_s": 12.25, "pid": int(dead.stdout)})
    orphan_marker = marker_path(tmp_path / "never.wav")
    orphan_marker.write_text("{}")
    live = tmp_path / "live.wav"
    WavAppender(live, 2, 16000).abandon()
    write_marker(live, {"pid": os.getppid()})  # someone else is still recording it

    assert find_unfinished_recordings(tmp_path) == [crashed]
    assert not orphan_marker.exists()
    result = recover(crashed)
    assert result.duration_s == pytest.approx(0.25)
    assert result.offset_s == 12.25
    assert not marker_path(crashed).exists()
    assert find_unfinished_recordings(tmp_path) == []


def test_delete_recording_removes_file_and_marker(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    WavAppender(path, 2, 16000).abandon()
    write_marker(path, {})
    delete_recording(path)
    assert not path.exists() and not marker_path(path).exists()
    assert read_marker(path) == {}
    delete_recording(path)  # idempotent


def test_header_size_constant_matches_a_fresh_file(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    WavAppender(path, 2, 16000).close()
    assert path.stat().st_size == HEADER_BYTES
