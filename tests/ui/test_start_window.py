"""The start window as the controller's view, with real widgets and a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.session.plan import InterviewPlan, Participant
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.paths import DB_FILENAME, ENV_DATA_DIR
from app.ui.controller import AppController
from app.ui.live.window import LiveWindow
from app.ui.new_interview import NewInterviewDialog
from app.ui.start_window import StartWindow


@pytest.fixture(autouse=True)
def no_env_data_dir(monkeypatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)


@pytest.fixture
def app_window(qtbot, settings, tmp_path):
    window = StartWindow(settings)
    qtbot.addWidget(window)
    controller = AppController(window, settings, str(tmp_path / "data"))
    window.attach(controller)
    yield window, controller
    for live in list(window.live_windows.values()):
        live.confirm_end = lambda: True
        live.close()
    controller.close()


def test_recent_interviews_are_listed_with_status(qtbot, app_window, tmp_path) -> None:
    store = Store.open(tmp_path / "data")
    repo = InterviewRepository(store)
    first = repo.create(InterviewPlan(participant=Participant("Ana", "Acme"), focus="First week"))
    repo.mark_ended(first, 1834.0)
    repo.create(InterviewPlan(participant=Participant("Bo", "Beta")))
    store.close()
    window, controller = app_window
    assert controller.start()
    assert window.isVisible() and window.table.isVisible() and window.empty_label.isHidden()
    model = window.model
    assert model.rowCount() == 2
    texts = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert texts[0][1:] == ["Bo", "Beta", "", "\u2014", "planned"]
    assert texts[1][1:] == ["Ana", "Acme", "First week", "30:34", "ended"]
    assert str((tmp_path / "data").resolve()) in window.data_label.text()


def test_empty_state_and_double_click_opens_review(qtbot, app_window, monkeypatch) -> None:
    window, controller = app_window
    controller.start()
    assert window.empty_label.isVisible() and window.table.isHidden()
    opened = []
    monkeypatch.setattr(controller, "open_review", opened.append)
    InterviewRepository(controller.store).create(InterviewPlan(participant=Participant("Cy")))
    controller.refresh()
    qtbot.waitUntil(lambda: window.table.visualRect(window.model.index(0, 1)).height() > 0)
    qtbot.wait(20)
    rect = window.table.visualRect(window.model.index(0, 1))
    viewport = window.table.viewport()
    # Qt 6's QTest double click needs the press that precedes it, as a real double click has.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [window.model.interview_id(0)]


def test_new_interview_through_the_dialog_opens_the_live_window(qtbot, app_window) -> None:
    window, controller = app_window
    controller.start()

    def fill_and_accept(dialog: NewInterviewDialog) -> int:
        dialog.name_edit.setText("Dee")
        dialog.accept()
        return dialog.result()

    window.run_dialog = fill_and_accept
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    assert len(window.live_windows) == 1
    interview_id, live = next(iter(window.live_windows.items()))
    assert isinstance(live, LiveWindow) and live.isVisible() and not window.isVisible()
    assert live.session.plan.participant.name == "Dee"
    live.confirm_end = lambda: True
    live.start_interview()
    live.end_interview()
    live.summary_dialog.accept()
    qtbot.waitUntil(window.isVisible, timeout=2000)
    assert window.model.rowCount() == 1 and window.model.index(0, 5).data() == "ended"


def test_store_error_message_box_offers_another_folder_or_quit(qtbot, settings, tmp_path,
                                                                monkeypatch) -> None:  # fmt: skip
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / DB_FILENAME).write_bytes(b"\x00" * 100)
    shown: list[tuple[str, list[str]]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.informativeText(), [b.text() for b in box.buttons()]))
        quit_button = next(b for b in box.buttons() if b.text() == "Quit")
        quit_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    window = StartWindow(settings)
    qtbot.addWidget(window)
    controller = AppController(window, settings, str(bad))
    window.attach(controller)
    assert controller.start() is False
    assert "damaged" in shown[0][0]
    assert "Choose another folder\u2026" in shown[0][1]
    assert (bad / DB_FILENAME).read_bytes() == b"\x00" * 100
    assert not window.isVisible()


def test_missing_library_shows_a_banner_not_a_crash(qtbot, app_window, monkeypatch) -> None:
    import app.ui.controller as module

    window, controller = app_window
    controller.start()
    monkeypatch.setattr(module, "optional_module", lambda name: None)
    qtbot.mouseClick(window.library_button, Qt.MouseButton.LeftButton)
    assert window.banner.isVisible() and "not available" in window.banner.message()


def test_data_folder_change_uses_the_chosen_folder(qtbot, app_window, tmp_path,
                                                   monkeypatch) -> None:  # fmt: skip
    window, controller = app_window
    controller.start()
    monkeypatch.setattr(window, "ask_data_folder", lambda current: tmp_path / "elsewhere")
    qtbot.mouseClick(window.change_button, Qt.MouseButton.LeftButton)
    assert controller.data_dir == tmp_path / "elsewhere"
    assert str(Path(tmp_path / "elsewhere")) in window.data_label.text()
