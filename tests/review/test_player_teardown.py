"""Closing a review window while its recording plays must never freeze the app.

It did, now and then: a GIL / Qt-mutex deadlock between the UI thread stopping the player and
Qt's audio renderer thread tearing itself down (app/ui/media.py tells the whole story). Without
the fix, `bench/player_teardown.py --busy` froze after 166 and after about 200 cycles on this
machine's 2 cores; the test below runs 200, so it catches a regression often but not always,
and the bench's 1,500 cycles are the thorough check.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from app.ui.media import audio_player
from tests.pulse import missing_binaries

ROOT = Path(__file__).resolve().parents[2]


def test_the_player_is_wired_to_its_output_and_owned_by_the_parent(qapp) -> None:  # noqa: ANN001
    parent = QObject()
    player, output = audio_player(parent)
    assert player.audioOutput() is output
    assert player.parent() is parent and output.parent() is parent


@pytest.mark.skipif(bool(missing_binaries()), reason="PulseAudio and espeak-ng are needed")
def test_stopping_and_letting_go_while_playing_never_freezes() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "player_teardown.py"), "--cycles", "200",
         "--busy", "--stall-s", "30"],
        capture_output=True, text=True, cwd=ROOT, timeout=400,
    )  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert not result["frozen"], out.stderr[-3000:]
    assert result["cycles"] == 200
