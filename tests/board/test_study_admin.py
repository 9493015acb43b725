"""Renaming and deleting a study from the board window, driven through its dialogs."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from app.store.cards import CardRepository
from app.store.db import Store
from app.store.hypotheses import HypothesisRepository, Verdict
from app.store.interviews import InterviewRepository
from app.store.studies import StudyRepository
from app.ui.board.scene import NEW_PILE
from app.ui.board.window import BoardWindow
from tests.synthesis.helpers import make_cards


def _window(qtbot, store: Store) -> tuple[BoardWindow, list[int], list[int]]:  # noqa: ANN001
    ana, ana_cards = make_cards(store, "Ana", ["I hate that the password rules change",
                                               "The reset email came a day late"])  # fmt: skip
    ben, ben_cards = make_cards(store, "Ben", ["My password expired twice, so annoying"])
    w = BoardWindow(store)
    qtbot.addWidget(w)
    w.show()
    w.create_study("Round 2", [ben])
    w.create_study("Round 1", [ana, ben], "sign-in")
    return w, [ana, ben], ana_cards + ben_cards


def _later(action) -> None:  # noqa: ANN001
    """Runs `action` on the modal dialog once it is up."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        action(dialog)

    QTimer.singleShot(20, run)


def test_a_study_is_renamed_through_its_dialog(qtbot, store: Store) -> None:  # noqa: ANN001
    w, _, _ = _window(qtbot, store)
    assert w.study is not None and w.study.name == "Round 1"

    def type_name(dialog: QInputDialog) -> None:
        assert dialog.textValue() == "Round 1"
        dialog.setTextValue("  Sign-in,   first round ")
        dialog.accept()

    _later(type_name)
    w.rename_study_button.click()
    assert w.study.name == "Sign-in, first round"
    assert w.study_combo.currentText() == "Sign-in, first round (2 interviews)"
    assert sorted(s.name for s in StudyRepository(store).list()) == ["Round 2",
                                                                      "Sign-in, first round"]


def test_a_blank_name_keeps_the_old_one_and_says_why(qtbot, store: Store) -> None:  # noqa: ANN001
    w, _, _ = _window(qtbot, store)
    assert not w.rename_study("   ")
    assert w.study is not None and w.study.name == "Round 1"
    assert w.banner.isVisible() and "needs a name" in w.banner.label.text()


def test_deleting_asks_first_saying_what_goes_and_keeps_interviews_and_cards(
        qtbot, store: Store) -> None:  # noqa: ANN001
    w, interviews, cards = _window(qtbot, store)
    assert w.study is not None
    w.move_cards(cards[:2], NEW_PILE)
    h = HypothesisRepository(store).add(w.study.id, "Password rules drive people away")
    HypothesisRepository(store).mark(h, interviews[0], Verdict.SUPPORTED)
    seen: list[str] = []

    def cancel(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    _later(cancel)
    w.delete_study_button.click()
    assert "1 pile holding 2 cards" in seen[0] and "1 hypothesis and 1 mark" in seen[0]
    assert "interviews, their transcripts and their cards stay" in seen[0]
    assert len(StudyRepository(store).list()) == 2  # cancelled: nothing gone

    def confirm(box: QMessageBox) -> None:
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()  # fmt: skip

    _later(confirm)
    w.delete_study_button.click()
    assert [s.name for s in StudyRepository(store).list()] == ["Round 2"]
    assert w.study is not None and w.study.name == "Round 2"  # the board shows the other one
    assert "Deleted the study \u201cRound 1\u201d" in w.banner.label.text()
    assert sorted(i.id for i in InterviewRepository(store).list_all()) == sorted(interviews)
    assert sorted(c.id for i in interviews for c in CardRepository(store).list(i)) == sorted(cards)


def test_deleting_the_last_study_leaves_an_empty_board(qtbot, store: Store) -> None:  # noqa: ANN001
    w, _, _ = _window(qtbot, store)
    w.delete_study()
    w.delete_study()
    assert w.study is None and w.study_combo.count() == 0
    assert not w.delete_study_button.isEnabled() and not w.rename_study_button.isEnabled()
    assert "No study yet" in w.banner.label.text()
