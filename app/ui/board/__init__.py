"""The board: synthesis across a study's interviews (piles, arrangements, hypotheses)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.store.db import Store


def open_board(store: Store, parent: QWidget | None = None) -> QWidget:
    """The board as its own top-level window (parent is accepted for the start window's hook
    convention; a parented QMainWindow would sit on top of the start window)."""
    from app.ui.board.window import BoardWindow

    del parent
    return BoardWindow(store)
