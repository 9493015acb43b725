"""The audio check: a level meter per side and plain advice, before a call (and on first run).

It opens the devices chosen in Settings (or the ones a settings dialog is about to save), polls
the capture rings with a timer (nothing in the audio callback talks to Qt), and lets
`app.audio.check.AudioCheck` judge: each side heard, and not the same device twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.audio.check import AudioCheck, AudioCheckResult, SideState
from app.session.segments import Speaker
from app.ui import style
from app.ui.live.audio_strip import LevelMeter

log = logging.getLogger(__name__)

POLL_MS = 100
SIDE_TEXT = {
    SideState.WAITING: "waiting for sound\u2026",
    SideState.HEARD: "heard \u2713",
    SideState.MISSING: "no device",
}


class AudioCheckDialog(QDialog):
    def __init__(self, open_source: Callable[[], Any], parent: QWidget | None = None,
                 poll_ms: int = POLL_MS) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Audio check")
        self.setMinimumWidth(420)
        self.source: Any = None
        self.check: AudioCheck | None = None
        self.result: AudioCheckResult | None = None
        layout = QVBoxLayout(self)
        intro = QLabel("Say a few words, and play something through the call (a video, the "
                       "call's own test sound). Both meters should move.")  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.meters: dict[Speaker, LevelMeter] = {}
        self.states: dict[Speaker, QLabel] = {}
        for row, (speaker, name) in enumerate(((Speaker.INTERVIEWER, "Your microphone"),
                                               (Speaker.PARTICIPANT, "The call"))):  # fmt: skip
            grid.addWidget(QLabel(name), row, 0)
            meter = LevelMeter()
            meter.setMinimumWidth(180)
            grid.addWidget(meter, row, 1)
            state = QLabel()
            state.setProperty("role", "muted")
            grid.addWidget(state, row, 2)
            self.meters[speaker], self.states[speaker] = meter, state
        layout.addLayout(grid)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self._open(open_source)
        self.timer.start(poll_ms)

    def _open(self, open_source: Callable[[], Any]) -> None:
        try:
            source = open_source()
            source.start()
        except Exception as exc:  # noqa: BLE001 - PortAudio raises plain Exceptions at open
            self._show_advice(f"The audio devices could not be opened: {exc}", "error")
            return
        self.source = source
        self.check = AudioCheck(source)
        self.poll()

    def poll(self) -> None:
        if self.check is None:
            return
        result = self.check.update()
        self.result = result
        for speaker, meter in self.meters.items():
            meter.set_db(result.levels_db.get(speaker, -120.0))
            self.states[speaker].setText(SIDE_TEXT[result.sides[speaker]])
        status = self.source.status().message if self.source is not None else ""
        if result.ok:
            self._show_advice("Both sides are heard. You are ready for the call.", "ok")
        else:
            level = "error" if result.identical else "warning"
            self._show_advice(result.message or status, level)

    def _show_advice(self, text: str, level: str) -> None:
        self.advice.setText(text)
        self.advice.setProperty("role", {"ok": "muted", "warning": "warning",
                                         "error": "error"}[level])  # fmt: skip
        style.repolish(self.advice)

    def done(self, result: int) -> None:
        self._close_source()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._close_source()
        super().closeEvent(event)

    def _close_source(self) -> None:
        self.timer.stop()
        source, self.source = self.source, None
        if source is not None:
            try:
                source.stop()
            except Exception:  # noqa: BLE001 - closing a device that already failed
                log.debug("stopping the checked source failed", exc_info=True)
