"""Suggested highlights in the review: accept, edit then accept, dismiss for good."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.store.cards import CardRepository
from app.store.db import Store
from app.ui.review.cards import CardDialog
from app.ui.review.window import ReviewWindow
from tests.synthesis.helpers import make_interview

LINES = ["Honestly I was so frustrated, I hated the whole claims portal.",
         "So now I keep a spreadsheet of every claim by myself at home.",
         "How do I know if the claim went through to them at all?",
         "Sure."]  # fmt: skip


def _review(qtbot, store: Store, iid: int) -> ReviewWindow:  # noqa: ANN001
    w = ReviewWindow(store, iid)
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentWidget(w.suggestions_panel)  # computed when first shown
    qtbot.waitUntil(lambda: w.suggestions_panel.loaded)
    return w


def test_suggestions_are_accepted_edited_or_dismissed(qtbot, store: Store) -> None:  # noqa: ANN001
    iid, segs = make_interview(store, "Ana", LINES)
    w = _review(qtbot, store, iid)
    panel = w.suggestions_panel
    # The workaround first; the less sure reasons (emotion, question) after it, marked.
    assert [s.segment_id for s in panel.suggestions] == [segs[1], segs[0], segs[2]]
    assert panel.list.count() == 3 and "Why:" in panel.list.item(0).text()
    assert "less sure" not in panel.list.item(0).text()
    assert "less sure" in panel.list.item(1).text() and "less sure" in panel.list.item(2).text()
    panel.list.setCurrentRow(0)
    panel.accept_button.click()
    assert w.tabs.tabText(0) == "Cards (1)"  # the review's cards list follows

    def edit_and_save() -> None:
        dialog = next(d for d in QApplication.topLevelWidgets()
                      if isinstance(d, CardDialog) and d.isVisible())  # fmt: skip
        dialog.quote_edit.setPlainText("I hated the whole claims portal")
        dialog.accept()

    QTimer.singleShot(50, edit_and_save)
    panel.list.setCurrentRow(0)
    panel.edit_button.click()
    panel.list.setCurrentRow(0)
    panel.dismiss_button.click()
    cards = CardRepository(store).list(iid)
    assert sorted((c.tag, c.quote) for c in cards) == [
        ("emotion", "I hated the whole claims portal"), ("workaround", LINES[1])]  # fmt: skip
    w.close()
    again = _review(qtbot, store, iid)
    assert again.suggestions_panel.suggestions == []  # accepted ones are cards, the dismissed gone
