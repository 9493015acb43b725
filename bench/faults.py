"""Fault replay for issue #10: hostile files, lying WAV headers, a full disk, kill -9, sockets.

Run by hand (as root for the full-disk part: it mounts a small tmpfs):

    .venv/bin/python bench/faults.py [--quick]

Every input is run in a child process with a time limit and judged:
- handled cleanly: exit 0 (with a non-empty result where one is expected), or exit 2 with
  exactly one line on stderr, and no traceback anywhere;
- traceback: "Traceback" on stderr (or an exit code other than 0/2);
- hang: still running at the time limit.
Lines lost: transcript lines printed (or handed to the writer) that are not in the database
afterwards. Outbound sockets: non-local connect/sendto calls seen by `strace -f -e trace=network`
(tests/test_no_network.py's reading of the log).

The last line printed is one JSON object of counts.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.faults.fulldisk import can_mount, fill, small_disk  # noqa: E402
from tests.test_no_network import outbound  # noqa: E402

BIN = Path(sys.executable).with_name("tellmemore")
DATA = ROOT / "tests" / "data"
HANG_S = 30.0


@dataclass
class Outcome:
    code: int | None
    stdout: str
    stderr: str
    hung: bool
    outbound: int = 0

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.stderr or self.code not in (0, 2, None)

    @property
    def clean(self) -> bool:
        if self.hung or self.traceback:
            return False
        if self.code == 2:
            return len([ln for ln in self.stderr.splitlines() if ln.strip()]) == 1
        return self.code == 0


@dataclass
class Tally:
    inputs_tried: int = 0
    handled_cleanly: int = 0
    tracebacks: int = 0
    hangs: int = 0
    lines_lost: int = 0
    outbound_sockets: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, outcome: Outcome, *, clean: bool | None = None) -> None:
        self.inputs_tried += 1
        ok = outcome.clean if clean is None else clean
        self.handled_cleanly += ok
        self.tracebacks += outcome.traceback
        self.hangs += outcome.hung
        self.outbound_sockets += outcome.outbound
        if not ok:
            tail = outcome.stderr.strip().splitlines()[-1:] or [""]
            self.failures.append(f"{name}: code={outcome.code} hung={outcome.hung} {tail[0][:160]}")


def run(args: list[str], *, timeout: float = HANG_S, env: dict[str, str] | None = None,
        trace: Path | None = None, cwd: Path = ROOT) -> Outcome:  # fmt: skip
    command = [str(BIN), *args] if args[0] != sys.executable else args
    if trace is not None and shutil.which("strace"):
        command = ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace), *command]
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1", **(env or {})}
    proc = subprocess.Popen(command, cwd=cwd, env=full_env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace",
                            start_new_session=True)  # fmt: skip
    try:
        out, err = proc.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        hung = True
    sockets = 0
    if trace is not None and trace.exists():
        sockets = len(outbound(trace.read_text(errors="replace")))
    return Outcome(None if hung else proc.returncode, out, err, hung, sockets)


# --- hostile transcripts -----------------------------------------------------------------------


def _mutate(seed: bytes, rnd: random.Random) -> bytes:
    tokens = [b"<", b"<v ", b"-->", b" --> ", b"9" * 400, b"\x00", b"{", b"[", b"\xff",
              b"1e309", b"99999999999:", b"\n", b"NOTE phase: ", b"&#99999999;"]  # fmt: skip
    data = bytearray(seed)
    for _ in range(rnd.randint(1, 3)):
        at = rnd.randint(0, len(data))
        kind = rnd.choice(["insert", "repeat", "delete", "cut"])
        if kind == "repeat":
            end = data.find(b"\n", at)
            at = len(data) if end < 0 else end
            data[at:at] = rnd.choice(tokens) * rnd.choice([3, 60_000])
        elif kind == "insert":
            data[at:at] = rnd.choice(tokens)
        elif kind == "delete":
            del data[at : at + rnd.randint(1, 200)]
        else:
            del data[at:]
    return bytes(data)


def hostile_transcripts(folder: Path, mutated: int) -> Iterator[tuple[str, Path]]:
    def put(name: str, content: bytes | str) -> Path:
        path = folder / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    cue = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{}\n"
    yield "200 KB of '<' in a cue", put("lt.vtt", cue.format("<" * 200_000))
    yield "'<v ' x 66k", put("ltv.vtt", cue.format("<v " * 66_000))
    yield (
        "end time 1e9 s",
        put(
            "far.jsonl",
            '{"speaker":"A","start":0,"end":2,"text":"Why?"}\n'
            '{"speaker":"B","start":1e9,"end":1e9,"text":"Because."}\n',
        ),
    )
    yield "400-digit time", put("t400.srt", f"1\n{'9' * 400}:00:01,000 --> 00:00:02,000\nHi\n")
    yield (
        "5000-digit time",
        put("t5000.jsonl", f'{{"speaker":"A","start":{"9" * 5000},"end":1,"text":"x"}}\n'),
    )
    yield "100k nested arrays", put("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n")
    yield "NUL bytes", put("nul.txt", b"\x00" * 10_000)
    yield "UTF-16 text", put("u16.txt", "Maya  0:00\nHello there?\n".encode("utf-16"))
    yield "empty file", put("empty.vtt", b"")
    sparse = folder / "huge.vtt"
    with open(sparse, "wb") as f:
        f.truncate(2**30)  # 1 GiB that uses no disk
    yield "1 GiB file", sparse
    fifo = folder / "pipe.vtt"
    os.mkfifo(fifo)
    yield "FIFO", fifo
    yield "/dev/zero", Path("/dev/zero")
    (folder / "adir.vtt").mkdir()
    yield "directory", folder / "adir.vtt"
    rnd = random.Random(10)
    seeds = sorted(DATA.glob("same_interview.*"))
    for i in range(mutated):
        seed = seeds[i % len(seeds)]
        yield (
            f"mutated {seed.suffix} #{i}",
            put(f"m{i}{seed.suffix}", _mutate(seed.read_bytes(), rnd)),
        )


IMPORT_CHILD = """
import sys
from pathlib import Path
from app.importing import ImportFailed, ImportJob, ImportRequest
from app.store.db import Store
store = Store.open(Path(sys.argv[1]))
try:
    ImportJob(store, ImportRequest(Path(sys.argv[2]))).run()
except ImportFailed as exc:
    print(exc, file=sys.stderr)
    sys.exit(2)
"""


# --- WAV header lies ---------------------------------------------------------------------------


def lying_wavs(folder: Path) -> Iterator[tuple[str, Path, bool, bool]]:
    """(name, file, expects speech in the transcript, expects a warning about the header)."""
    from tests.live.speech import make_interview

    honest = folder / "honest.wav"
    make_interview(honest, [(0, "Tell me about the last time you booked a trip."),
                            (1, "Last month I flew to Berlin for a conference.")])  # fmt: skip
    raw = honest.read_bytes()
    assert raw[36:40] == b"data"

    def variant(name: str, patch: dict[int, bytes], cut: int | None = None) -> Path:
        data = bytearray(raw if cut is None else raw[:cut])
        for at, value in patch.items():
            data[at : at + len(value)] = value
        path = folder / name
        path.write_bytes(bytes(data))
        return path

    yield "honest header", honest, True, False
    yield "data size 1000 bytes", variant("small.wav", {40: struct.pack("<I", 1000)}), True, True
    yield "data size 100 MB", variant("big.wav", {40: struct.pack("<I", 10**8)}), True, True
    # 0 is what streaming writers leave: "to the end of the file", which decoders honour.
    yield "data size 0", variant("zero.wav", {40: struct.pack("<I", 0)}), True, False
    yield "RIFF size lies", variant("riff.wav", {4: struct.pack("<I", 12)}), True, False
    yield "sample rate 1 Hz", variant("rate1.wav", {24: struct.pack("<I", 1)}), False, False
    yield "cut inside the header", variant("cut.wav", {}, cut=30), False, False


# --- full disk and kill -9 ---------------------------------------------------------------------

JOURNAL_CHILD = """
import json, sys
from pathlib import Path
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.journal import JournaledSegmentWriter, PENDING
from app.store.transcript import SegmentRepository
from tests.faults.fulldisk import fill
disk = Path(sys.argv[1]); store = Store.open(disk / "data")
iid = InterviewRepository(store).create(InterviewPlan(), title="disk fills")
writer = JournaledSegmentWriter(store)
filler = None; pending_max = 0; n = 120
for i in range(n):
    if i == 20: filler = fill(disk)
    if i == 100: filler.unlink()
    writer.add(iid, Segment(Speaker.PARTICIPANT, i * 3.0, i * 3.0 + 2, f"line {i} of the call"))
    pending_max = max(pending_max, writer.pending)
writer.close(); store.close()
store = Store.open(disk / "data")
saved = len(SegmentRepository(store).list(iid))
print(json.dumps({"lines": n, "saved": saved, "pending_max": pending_max}))
"""

RECOVER_CHILD = """
import json, sys
from pathlib import Path
from app.live.recovery import recover_interrupted
from app.store.db import Store
from app.store.transcript import SegmentRepository
store = Store.open(Path(sys.argv[1]))
reports = recover_interrupted(store)
texts = [s.segment.text for r in reports for s in SegmentRepository(store).list(r.interview_id)]
print(json.dumps({"texts": texts, "audio_s": [r.audio_s for r in reports]}))
"""


def _finals(stdout: str) -> list[str]:
    texts = []
    for line in stdout.splitlines():
        with contextlib.suppress(ValueError):
            record = json.loads(line)
            if record.get("type") == "final":
                texts.append(record["text"])
    return texts


def _missing(printed: list[str], stored: list[str]) -> int:
    joined = " ".join(stored).lower()
    return sum(1 for text in printed if text.strip() and text.strip().lower() not in joined)


def kill_nine(folder: Path, wav: Path, tally: Tally) -> dict[str, object]:
    data = folder / "data-kill"
    command = [str(BIN), "--data-dir", str(data), "listen", "--file", str(wav), "--consent",
               "granted", "--jsonl"]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)  # fmt: skip
    printed: list[str] = []
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        printed += _finals(line)
        if len(printed) >= 2:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    outcome = run([sys.executable, "-c", RECOVER_CHILD, str(data)])
    stored = json.loads(outcome.stdout.strip().splitlines()[-1])["texts"] if outcome.clean else []
    lost = _missing(printed, stored)
    tally.add("kill -9 then recovery", outcome, clean=outcome.clean and lost == 0)
    tally.lines_lost += lost
    return {"printed_finals": len(printed), "lost": lost}


def disk_full(folder: Path, tally: Tally, wav: Path | None) -> dict[str, object]:
    if not can_mount():
        return {"skipped": "mounting a tmpfs needs root"}
    result: dict[str, object] = {}
    with small_disk(folder / "disk-journal", size_kb=6144) as disk:
        outcome = run([sys.executable, "-c", JOURNAL_CHILD, str(disk)], timeout=120)
        counts = json.loads(outcome.stdout.strip().splitlines()[-1]) if outcome.code == 0 else {}
        lost = int(counts.get("lines", 120)) - int(counts.get("saved", 0))
        tally.add("journal writer while the disk fills", outcome, clean=outcome.clean and lost == 0)
        tally.lines_lost += lost
        result["journal"] = counts
    with small_disk(folder / "disk-start", size_kb=4096) as disk:
        data = disk / "data"
        first = run(["--data-dir", str(data), "listen", "--file", "/nonexistent.wav"])
        fill(disk)
        for name, args in (("listen start on a full disk",
                            ["--data-dir", str(data), "listen", "--file", "/nonexistent.wav"]),
                           ("transcribe --out onto a full disk",
                            ["transcribe", str(wav or "/nonexistent.wav"), "--out",
                             str(disk / "o.vtt")])):  # fmt: skip
            outcome = run(args)
            tally.add(name, outcome)
            result[name] = outcome.stderr.strip().splitlines()[-1:] if outcome.stderr else []
        result["first_start_code"] = first.code
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer mutated files, no model runs")
    args = parser.parse_args()
    tally = Tally()
    details: dict[str, object] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tmm-faults-") as tmp:
        folder = Path(tmp)
        files = folder / "files"
        files.mkdir()
        hostile = list(hostile_transcripts(files, 12 if args.quick else 36))
        for i, (name, path) in enumerate(hostile):
            trace = folder / f"analyze-{i}.strace" if i < 3 else None
            tally.add(f"analyze {name}", run(["analyze", str(path), "--json"], trace=trace))
        store_dir = folder / "import-store"
        for name, path in hostile[:13]:
            outcome = run([sys.executable, "-c", IMPORT_CHILD, str(store_dir), str(path)])
            tally.add(f"import {name}", outcome)
        if not args.quick:
            wavs = folder / "wavs"
            wavs.mkdir()
            for i, (name, path, speech, warning) in enumerate(lying_wavs(wavs)):
                trace = folder / f"transcribe-{i}.strace" if i == 0 else None
                outcome = run(["transcribe", str(path), "--quiet"], timeout=120, trace=trace)
                said = bool(outcome.stdout.strip())
                warned = "header" in outcome.stderr or not warning
                if speech:  # a silent empty transcript with exit 0 is the failure
                    clean = outcome.code == 0 and said and warned and not outcome.traceback
                else:
                    clean = outcome.clean and (outcome.code == 2 or said)
                tally.add(f"transcribe {name}", outcome, clean=clean)
            details["kill_9"] = kill_nine(folder, wavs / "honest.wav", tally)
        details["disk_full"] = disk_full(folder, tally, None if args.quick else wavs / "honest.wav")
    print(json.dumps({"detail": details, "failures": tally.failures}, indent=1), file=sys.stderr)
    print(json.dumps({
        "inputs_tried": tally.inputs_tried, "handled_cleanly": tally.handled_cleanly,
        "tracebacks": tally.tracebacks, "hangs": tally.hangs, "lines_lost": tally.lines_lost,
        "outbound_sockets": tally.outbound_sockets,
        "seconds": round(time.monotonic() - started, 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
