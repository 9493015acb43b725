"""A QMediaPlayer with its QAudioOutput, safe to stop and let go of while it plays.

Why this exists: closing a review window while its recording played froze the whole app, now
and then (a GIL / Qt-mutex deadlock, seen with gdb in the review tests and reproduced by
`bench/player_teardown.py`):

- the main thread, holding the GIL, calls `QMediaPlayer.stop()` or `setSource()`; Qt's FFmpeg
  backend disconnects its audio renderer there and waits for the renderer's connection lock;
- the renderer thread, holding that lock, is destroying the renderer, which disconnects from
  the QAudioOutput's signals; Qt then calls `QAudioOutput.disconnectNotify()`, a virtual that
  the PySide wrapper of a Python-made object answers by asking Python whether a subclass
  overrides it, and for that it waits for the GIL.

A PySide wrapper asks Python only until it has learnt that there is no override; it remembers
the answer per object and method. So each object's `connectNotify` and `disconnectNotify` are
asked once here, on the main thread, before any Qt thread can: after that Qt's threads never
need the GIL for them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


def _learn_no_signal_overrides(obj: QObject) -> None:
    """Make the wrapper learn, with the GIL held, that Python overrides neither notify hook."""

    def nothing() -> None:
        pass

    obj.destroyed.connect(nothing)  # -> connectNotify, answered once
    obj.destroyed.disconnect(nothing)  # -> disconnectNotify, answered once


def audio_player(parent: QObject) -> tuple[QMediaPlayer, QAudioOutput]:
    """A player and its output, both owned by `parent`, safe to stop from the UI thread."""
    player = QMediaPlayer(parent)
    output = QAudioOutput(parent)
    for obj in (player, output):
        _learn_no_signal_overrides(obj)
    player.setAudioOutput(output)
    return player, output
