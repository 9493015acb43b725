"""Driving the practice window by hand: a wall clock the tests move, and the re-ask dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.practice import PracticeWindow
from app.ui.practice.reask_dialog import ReaskDialog


class Wall:
    """The wall clock the window's replay clock reads; tests move it by hand."""

    def __init__(self) -> None:
        self.t = 5000.0

    def __call__(self) -> float:
        return self.t


def advance(window: PracticeWindow, wall: Wall, to_session_t: float, step: float = 0.25) -> None:
    """Moves the wall clock until the replay reaches `to_session_t`, ticking as the timer does."""
    while window.clock.position() < to_session_t - 1e-9 and window.clock.playing:
        remaining = (to_session_t - window.clock.position()) / window.clock.speed
        wall.t += min(step, remaining)
        window.tick()


def open_reask(qtbot, window: PracticeWindow, wall: Wall) -> ReaskDialog:  # noqa: ANN001
    window.play()
    advance(window, wall, 24.0)
    qtbot.mouseClick(window.reask_button, Qt.MouseButton.LeftButton)
    dialog = window.reask_dialog
    qtbot.addWidget(dialog)
    return dialog
