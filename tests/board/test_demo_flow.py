"""The issue's "done when", in one go: accept the demo interview's suggested highlights in the
review, build a board with suggested groups over it and three real sessions (coach corpus,
VA.gov research, public domain), arrange it on each scale, mark a hypothesis, export.

The demo alone gets no suggested group: its ten suggested cards are about ten different things
(highest cosine between two of them 0.30, the threshold 0.40), and lonely cards are allowed."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtGui import QImage

from app import demo
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.hypotheses import HypothesisRepository
from app.store.studies import Scale
from app.ui.board.window import ARRANGE_TAB, BoardWindow
from app.ui.review.window import ReviewWindow
from bench.corpus_store import DEMO_FOCUS, import_with_cards

OTHERS = ("va-caregivers-p12", "va-caregivers-p3", "va-health-enrollment-regflow-p1")


def test_the_demo_goes_from_suggestions_to_exports(qtbot, store: Store, tmp_path: Path) -> None:  # noqa: ANN001
    iid = demo.load_demo(store).interview_id
    before = len(CardRepository(store).list(iid))
    review = ReviewWindow(store, iid)
    qtbot.addWidget(review)
    review.show()
    panel = review.suggestions_panel
    review.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.loaded, timeout=20_000)
    offered = len(panel.suggestions)
    assert offered >= 4, "the demo should offer several passages"
    for _ in range(offered):  # a reviewer agreeing with every suggestion
        panel.list.setCurrentRow(0)
        panel.accept_button.click()
    cards = CardRepository(store).list(iid)
    assert len(cards) == before + offered
    review.release_media()
    review.close()

    board = BoardWindow(store)
    qtbot.addWidget(board)
    board.resize(1300, 900)
    board.show()
    board.create_study("Demo study", [iid], demo.FOCUS)
    assert board.suggest() == []  # the demo's cards are each alone: no group is forced
    others = import_with_cards(store, OTHERS, DEMO_FOCUS)
    board.create_study("Demo and three sessions", [iid, *others], DEMO_FOCUS)
    assert {c.id for c in cards} <= set(board.board.cards)  # the accepted ones are on the board
    groups = board.suggest()
    assert groups, "cards on the same theme are suggested as a group"
    piles = board.accept_all_suggestions()
    assert piles and len(board.board.piles) == len(piles)
    board.tabs.setCurrentIndex(ARRANGE_TAB)
    for scale in Scale:
        board.set_scale(scale)
        assert board.arrangement.scale is scale
        assert set(board.arrangement.tokens) == set(piles)  # every pile has a place
    assert board.study is not None
    h = board.add_hypothesis("Participants find the online form confusing")
    assert h is not None
    dialog = board.mark_dialog(h, iid)
    dialog.check_all()
    board.save_mark(h, iid, dialog)
    marks = HypothesisRepository(store).marks(board.study.id)
    assert (h, iid) in marks
    md = board.export_markdown(tmp_path / "board.md").read_text(encoding="utf-8")
    assert md.count("\n## ") >= len(piles)
    rows = list(csv.DictReader(board.export_csv(tmp_path / "board.csv").open(encoding="utf-8")))
    assert len(rows) == len(board.board.cards)
    assert not QImage(str(board.export_png(tmp_path / "arrangement.png"))).isNull()
    summary = board.export_summary(tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "Participants find the online form confusing" in summary
