"""The start window's Board button opens the board over the open data folder."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from app.settings import Settings
from app.ui.board.window import BoardWindow
from app.ui.controller import AppController
from app.ui.start_window import StartWindow
from tests.synthesis.helpers import make_cards


def test_the_board_button_opens_the_board(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("TELLMEMORE_DATA_DIR", raising=False)
    QCoreApplication.setOrganizationName(f"TellMeMoreTest-{uuid.uuid4().hex[:8]}")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))  # fmt: skip
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    window = StartWindow(Settings())
    qtbot.addWidget(window)
    controller = AppController(window, Settings(), str(tmp_path / "data"))
    window.attach(controller)
    assert controller.start()
    iid, _ = make_cards(controller.store, "Ana", ["The password rules are awful"])  # type: ignore[arg-type]
    window.board_button.click()
    boards = [w for w in window.other_windows if isinstance(w, BoardWindow)]
    assert len(boards) == 1 and boards[0].isVisible()
    boards[0].create_study("Round 1", [iid])
    assert len(boards[0].board.loose) == 1
    boards[0].close()
    controller.close()
