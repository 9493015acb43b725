"""Nothing leaves the machine: every command and the GUI start run under `strace -f -e
trace=network`, and any socket that is not local (a DNS lookup included) fails the test.

onnxruntime (loaded for the Silero VAD) sent DNS queries for its telemetry collector until
app/__init__ switched it off; this is the test that caught it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live.speech import make_interview

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed"),
]
BIN = Path(sys.executable).with_name("tellmemore")
# connect()/sendto()/sendmsg() with an address: AF_UNIX and netlink are local by nature.
_CALL = re.compile(r"\b(connect|sendto|sendmsg|bind)\(\d+, \{sa_family=(AF_INET6?)(.*)")
_LOOPBACK = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|"::ffff:127\.')


def outbound(trace: str) -> list[str]:
    """The lines of an strace log that reach for a non-local address."""
    found = []
    for line in trace.splitlines():
        match = _CALL.search(line)
        if match and not _LOOPBACK.search(match.group(3)):
            found.append(line.strip())
    return found


def run_traced(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, int]:
    log = tmp_path / f"strace-{len(list(tmp_path.glob('strace-*')))}.txt"
    full_env = {**os.environ, "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
                "TELLMEMORE_DATA_DIR": str(tmp_path / "data"), **(env or {})}  # fmt: skip
    (tmp_path / "home").mkdir(exist_ok=True)
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(log), str(BIN), *args],
        env=full_env, capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    return log.read_text(), done.returncode


def test_outbound_detects_a_dns_lookup() -> None:
    line = ('123 connect(8, {sa_family=AF_INET, sin_port=htons(53), '
            'sin_addr=inet_addr("10.255.255.53")}, 16) = 0')  # fmt: skip
    local = '9 connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}'
    assert outbound(line) == [line] and outbound(local) == []


@pytest.fixture(scope="module")
def call_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("speech") / "call.wav"
    make_interview(path, [(0, "Why did you pick the annual plan?"),
                          (1, "It was cheaper for our team.")])  # fmt: skip
    return path


def test_no_command_and_no_window_opens_a_network_socket(tmp_path: Path, call_wav: Path) -> None:
    transcript = tmp_path / "call.jsonl"
    transcript.write_text(
        '{"speaker": "Maya", "start": 0, "end": 3, "text": "Why did you pick it?"}\n'
        '{"speaker": "Tom", "start": 3.5, "end": 6, "text": "It was cheaper."}\n'
    )
    traces = {
        "transcribe": run_traced(tmp_path, "transcribe", str(call_wav), "--out",
                                 str(tmp_path / "out.vtt")),  # fmt: skip
        "analyze": run_traced(tmp_path, "analyze", str(transcript), "--json"),
        "listen": run_traced(tmp_path, "listen", "--file", str(call_wav), "--consent",
                             "declined", "--duration", "20"),  # fmt: skip
        "gui": run_traced(tmp_path, "--quit-after-ms", "1500"),
    }
    for name, (trace, code) in traces.items():
        assert code == 0, (name, code)
        assert outbound(trace) == [], (name, outbound(trace)[:3])
    assert (tmp_path / "out.vtt").exists()
    # The telemetry library's device id and event queue were never written either.
    assert not (tmp_path / "home" / ".cache" / "Microsoft").exists()
