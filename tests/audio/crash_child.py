"""A recording process for the crash tests: records until it is killed.

    python -m tests.audio.crash_child <out.wav> pulse
    python -m tests.audio.crash_child <out.wav> file <input.wav>

Prints "RECORDING <t_start monotonic>" once the recorder runs, then waits to be killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.audio.capture import AudioCapture
from app.audio.filesource import FileSource
from app.audio.recorder import Recorder
from app.audio.source import AudioSource


def main(argv: list[str]) -> int:
    out, mode = Path(argv[0]), argv[1]
    source: AudioSource
    if mode == "pulse":
        source = AudioCapture("pulse:mic.monitor", "pulse:call.monitor")
    else:
        source = FileSource(argv[2], realtime=True)
    source.start()
    recorder = Recorder(source, out, consent_granted=lambda: True)
    recorder.start()
    print(f"RECORDING {recorder.t_start!r}", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
