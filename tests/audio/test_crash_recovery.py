"""kill -9 while recording: the next start finds the recording and recovers it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.audio.recording_file import find_unfinished_recordings, marker_path, recover
from tests.pulse import PulseServer

REPO = Path(__file__).resolve().parents[2]
RECORD_FOR_S = 2.5


def record_then_kill(out: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Start the child, SIGKILL it RECORD_FOR_S after its recording started; returns
    (t_start, t_kill) on the shared monotonic clock."""
    env = {**env, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.audio.crash_child", str(out), *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("RECORDING"), f"child did not start: {line!r}"
        t_start = float(line.split()[1])
        time.sleep(max(0.0, t_start + RECORD_FOR_S - time.monotonic()))
        os.kill(child.pid, signal.SIGKILL)
        t_kill = time.monotonic()
        child.wait(10)  # reaped: its pid is no longer alive
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    return t_start, t_kill


def check_recovered(folder: Path, out: Path, t_start: float, t_kill: float) -> np.ndarray:
    assert marker_path(out).exists()
    assert find_unfinished_recordings(folder) == [out]
    result = recover(out)
    print(f"killed after {t_kill - t_start:.3f} s, recovered {result.duration_s:.3f} s")
    assert abs(result.duration_s - (t_kill - t_start)) < 1.0
    assert find_unfinished_recordings(folder) == []
    data, rate = sf.read(out)
    assert rate == 16000 and data.shape == (round(result.duration_s * 16000), 2)
    return data


def test_file_source_recording_survives_sigkill(tmp_path: Path) -> None:
    rate = 16000
    t = np.arange(6 * rate) / rate
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    source = tmp_path / "input.wav"
    sf.write(source, np.stack([tone, tone[::-1]], axis=1), rate)
    folder = tmp_path / "recordings"
    folder.mkdir()
    out = folder / "interview.wav"
    t_start, t_kill = record_then_kill(out, ["file", str(source)], dict(os.environ))
    data = check_recovered(folder, out, t_start, t_kill)
    assert np.sqrt(np.mean(data[:, 0] ** 2)) > 0.15  # the tone, not silence


@pytest.mark.audio
def test_live_pulse_recording_survives_sigkill(
    pulse_server: PulseServer, speech_clips: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    out = folder / "interview.wav"
    speaking = pulse_server.play("mic", speech_clips["mic"])  # energy while it records
    try:
        t_start, t_kill = record_then_kill(out, ["pulse"], pulse_server.child_env())
    finally:
        speaking.wait(15)
    data = check_recovered(folder, out, t_start, t_kill)
    assert np.max(np.abs(data[:, 0])) > 0.05
