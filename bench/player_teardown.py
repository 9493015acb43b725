"""Stopping and letting go of the review player while it plays, many times: does it ever freeze?

    .venv/bin/python bench/player_teardown.py [--cycles 1000] [--busy] [--unprimed]

Each cycle makes a `ReviewPlayer`, loads a spoken WAV, plays it for a random while, maybe
pauses or seeks, then `release()`s it and deletes it: what closing a review window does. The
audio goes to a private PulseAudio server (tests/pulse.py). A cycle that does not end within
`--stall-s` seconds is a freeze: the stacks are printed and the run stops.

`--busy` keeps one core busy (a freeze needed that on 2 cores); `--unprimed` builds the player
and its output without `app.ui.media.audio_player`, to show the deadlock that module prevents.

The cycles run in a child process, so that a freeze can be told apart from a crash and still
reported. Last line: one JSON object with `cycles` (completed), `frozen`, `seconds`.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _spin_forever() -> None:
    while True:
        pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--busy", action="store_true")
    parser.add_argument("--unprimed", action="store_true")
    parser.add_argument("--stall-s", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_cycles(args)

    from tests.pulse import PulseServer

    # The server and the busy core belong to this process: a frozen child is killed by its
    # watchdog without cleaning up.
    root = Path(tempfile.mkdtemp(prefix="tmm-teardown-"))
    server = PulseServer(root)
    server.start()
    busy = multiprocessing.Process(target=_spin_forever, daemon=True) if args.busy else None
    if busy:
        busy.start()
    started = time.monotonic()
    done = 0
    try:
        child = subprocess.Popen([sys.executable, __file__, "--child", "--work", str(root),
                                  *sys.argv[1:]], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                                 env=dict(os.environ, **server.env))  # fmt: skip
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("cycle "):
                done = int(line.split()[1])
        rc = child.wait()
    finally:
        if busy:
            busy.terminate()
        server.stop()
    frozen = rc != 0 and done < args.cycles
    print(json.dumps({"cycles": done, "frozen": frozen, "unprimed": args.unprimed,
                      "busy": args.busy, "seconds": round(time.monotonic() - started, 1)}))  # fmt: skip
    return 0


def run_cycles(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtWidgets import QApplication

    import app.ui.review.player as player_module
    from app.ui.review.player import ReviewPlayer
    from tests.pulse import speak

    if args.unprimed:

        def plain(parent: object) -> tuple[QMediaPlayer, QAudioOutput]:
            player, output = QMediaPlayer(parent), QAudioOutput(parent)
            player.setAudioOutput(output)
            return player, output

        player_module.audio_player = plain  # type: ignore[assignment]

    wav = speak("Tell me more about the last time you ran a customer interview.",
                args.work / "a.wav")
    qt = QApplication.instance() or QApplication([])
    rng = random.Random(args.seed)

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    # A freeze holds the GIL or waits for it, so only a C-level watchdog can report it.
    faulthandler.dump_traceback_later(args.stall_s, exit=True)
    try:
        for done in range(1, args.cycles + 1):
            player = ReviewPlayer()
            player.load(wav)
            spin(rng.choice([0, 5, 20, 100]))
            choice = rng.random()
            if choice < 0.7:
                player.play()
                spin(rng.choice([0, 10, 50, 200, 400]))
            if choice < 0.35:
                player.pause()
                spin(rng.choice([0, 10, 50]))
            if rng.random() < 0.3:
                player.seek(rng.random() * 3)
                spin(rng.randint(0, 60))
            player.release()
            player.deleteLater()
            spin(rng.randint(0, 50))
            faulthandler.dump_traceback_later(args.stall_s, exit=True)  # re-arm per cycle
            print(f"cycle {done}", flush=True)
    finally:
        faulthandler.cancel_dump_traceback_later()
    del qt
    return 0


if __name__ == "__main__":
    sys.exit(main())
