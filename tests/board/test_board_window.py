"""The board driven like a user: drag cards into piles, suggested groups, folding, the three
arrangements, hypotheses, exports, and a card opening its moment."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage

from app.store.db import Store
from app.store.hypotheses import HypothesisRepository, Verdict
from app.store.studies import Scale, StudyRepository
from app.ui.board.arrangement import AXIS_W
from app.ui.board.scene import NEW_PILE
from app.ui.board.tiles import TILE_H, TILE_W, CardTile
from app.ui.board.window import BoardWindow
from tests.board.drag import drag
from tests.synthesis.helpers import make_cards

ANA = ["I hate that the password rules change every month",
       "The password reset email came a day late, awful"]  # fmt: skip
BEN = ["My password expired twice, so annoying",
       "I love the invoice page, it is so clear"]  # fmt: skip
CY = ["The invoice page is great, really helpful", "Calendar sync is fine I guess"]


@pytest.fixture
def board(qtbot, store: Store) -> tuple[BoardWindow, dict[str, list[int]], list[int]]:  # noqa: ANN001
    ids, cards = [], {}
    for name, quotes in (("Ana", ANA), ("Ben", BEN), ("Cy", CY)):
        iid, card_ids = make_cards(store, name, quotes)
        ids.append(iid)
        cards[name] = card_ids
    w = BoardWindow(store)
    qtbot.addWidget(w)
    w.resize(1300, 900)
    w.show()
    w.create_study("Round 1", ids, "sign-in and invoices")
    opened: list[tuple[int, float]] = []
    w.review_opener = lambda iid, t: opened.append((iid, t))  # type: ignore[assignment]
    w.opened = opened  # type: ignore[attr-defined]
    return w, cards, ids


def _centre(tile: CardTile) -> QPointF:
    return tile.pos() + QPointF(TILE_W / 2, TILE_H / 2)


def _piles(w: BoardWindow) -> list[tuple[int, ...]]:
    assert w.study is not None
    return [p.card_ids for p in StudyRepository(w.store).piles(w.study.id)]


def test_dragging_a_card_to_empty_space_makes_a_pile_and_onto_it_joins(board) -> None:  # noqa: ANN001
    w, cards, _ = board
    assert _piles(w) == [] and len(w.scene.tiles) == 6
    first = w.scene.tile_for_card(cards["Ana"][0])
    # Right of the lonely cards' frame is empty space.
    empty = QPointF(w.scene.frame_for_pile(None).sceneBoundingRect().right() + 60,
                    _centre(first).y())  # fmt: skip
    w.view.centerOn((_centre(first) + empty) / 2)
    assert w.scene.target_at(empty) == NEW_PILE
    drag(w.view, _centre(first), empty)
    assert _piles(w) == [(cards["Ana"][0],)]
    pile = w.scene.frame_for_pile(w.board.piles[0].id)
    ben = w.scene.tile_for_card(cards["Ben"][0])
    w.view.centerOn((_centre(ben) + pile.sceneBoundingRect().center()) / 2)
    drag(w.view, _centre(ben), pile.sceneBoundingRect().center())
    assert _piles(w) == [(cards["Ana"][0], cards["Ben"][0])]
    # And back to the lonely cards: the pile, now empty, goes.
    w.move_cards([cards["Ana"][0], cards["Ben"][0]], None)
    assert _piles(w) == []


def test_one_participants_cards_in_a_pile_fold_into_one_tile_with_a_count(board) -> None:  # noqa: ANN001
    w, cards, _ = board
    w.move_cards(cards["Ana"] + [cards["Ben"][0]], NEW_PILE)
    pile = w.board.piles[0]
    assert pile.participants == 2 and len(pile.cards) == 3
    frame = w.scene.frame_for_pile(pile.id)
    assert sorted(t.count for t in frame.tiles) == [1, 2]
    assert "2 participants" in frame.title
    folded = next(t for t in frame.tiles if t.count == 2)
    assert set(folded.card_ids) == set(cards["Ana"])


def test_suggested_groups_can_be_accepted_or_broken_up(board) -> None:  # noqa: ANN001
    w, cards, _ = board
    groups = w.suggest()
    together = {frozenset(g.card_ids) for g in groups}
    passwords = frozenset(cards["Ana"] + [cards["Ben"][0]])
    assert passwords in together
    assert w.suggestion_list.count() == len(groups)
    index = next(n for n, g in enumerate(groups) if frozenset(g.card_ids) == passwords)
    others = len(groups) - 1
    pile_id = w.accept_suggestion(index)
    assert set(_piles(w)[0]) == passwords
    assert "password" in w.board.pile(pile_id).name
    if others:
        w.break_up_suggestion(0)
        assert w.suggestions == [] and len(_piles(w)) == 1
    assert {c.id for c in w.board.loose} == set(cards["Ben"][1:] + cards["Cy"])  # lonely ones stay


def test_a_pile_is_named_and_a_card_opens_its_moment(board) -> None:  # noqa: ANN001
    w, cards, ids = board
    pile_id = w.studies.add_pile(w.study.id, [cards["Cy"][0]])
    w.rename_pile(pile_id, "  Invoices   are fine ")
    assert w.board.pile(pile_id).name == "Invoices are fine"
    assert "Invoices are fine" in w.scene.frame_for_pile(pile_id).title
    w.scene.card_opened.emit(cards["Cy"][0])
    card = w.board.cards[cards["Cy"][0]]
    assert w.opened == [(ids[2], card.start)]


def test_each_arrangement_places_piles_and_a_drag_moves_one(board) -> None:  # noqa: ANN001
    w, cards, _ = board
    bad = w.studies.add_pile(w.study.id, cards["Ana"] + [cards["Ben"][0]], "passwords")
    good = w.studies.add_pile(w.study.id, [cards["Ben"][1], cards["Cy"][0]], "invoices")
    w.refresh()
    w.tabs.setCurrentIndex(1)
    for scale in Scale:
        w.set_scale(scale)
        assert w.arrangement.scale is scale
        assert set(w.arrangement.tokens) == {bad, good}
    w.set_scale(Scale.CHARGE)
    tokens = w.arrangement.tokens
    assert tokens[bad].value < 0 < tokens[good].value
    assert tokens[bad].biggest_end == "left" and tokens[good].biggest_end == "right"
    frame = w.scene.frame_for_pile(bad)
    assert frame.highlighted  # the board shows the ends too
    before = tokens[good].placement.value
    start = tokens[good].pos() + QPointF(40, 20)
    w.arrange_view.centerOn(QPointF(550, 100))
    drag(w.arrange_view, start, start - QPointF(300, 0))
    placed = StudyRepository(w.store).piles(w.study.id)
    hand = next(p.charge for p in placed if p.id == good)
    assert hand is not None and hand == pytest.approx(before - 300 / AXIS_W * 2, abs=0.02)
    assert w.board.pile(good).placement(Scale.CHARGE).hand_set
    assert "placed by hand" in w.reason_label.text()
    w.reset_place(good)
    assert not w.board.pile(good).placement(Scale.CHARGE).hand_set


def test_hypotheses_are_marked_per_interview_into_a_matrix(board) -> None:  # noqa: ANN001
    w, _cards, ids = board
    w.tabs.setCurrentIndex(3)
    h = w.add_hypothesis("People find the password rules annoying")
    dialog = w.mark_dialog(h, ids[0])
    assert dialog.quotes.count() >= 1  # Ana's password lines are offered
    dialog.check_all()
    dialog.radios[Verdict.SUPPORTED].setChecked(True)
    w.save_mark(h, ids[0], dialog)
    HypothesisRepository(w.store).mark(h, ids[2], Verdict.NOT_DISCUSSED)
    table = w.hyp_panel.table
    assert (table.rowCount(), table.columnCount()) == (1, 4)
    assert [table.item(0, c).text() for c in range(1, 4)] == ["\u2714", "?", "?"]
    w.refresh()
    assert [table.item(0, c).text() for c in range(1, 4)] == ["\u2714", "?", "\u2013"]
    marks = HypothesisRepository(w.store).marks(w.study.id)
    assert marks[(h, ids[0])].quotes  # the confirmed lines are kept
    assert len(w.hyp_panel.curve.points) == 3


def test_repeated_phrases_open_each_occurrence(board) -> None:  # noqa: ANN001
    w, _cards, ids = board
    w.tabs.setCurrentIndex(2)
    phrases = {p.phrase: p for p in w.repeated}
    assert "invoice page" in phrases
    w.phrase_list.setCurrentRow([p.phrase for p in w.repeated].index("invoice page"))
    assert w.occurrence_list.count() == 2
    item = w.occurrence_list.item(1)
    w.occurrence_list.itemClicked.emit(item)
    assert w.opened[-1][0] == ids[2]


def test_exports_write_markdown_csv_png_and_the_summary(board, tmp_path: Path) -> None:  # noqa: ANN001
    w, cards, _ = board
    w.studies.add_pile(w.study.id, cards["Ana"] + [cards["Ben"][0]], "passwords")
    w.refresh()
    md = w.export_markdown(tmp_path / "b.md").read_text(encoding="utf-8")
    assert "## passwords (2 participants, 3 cards)" in md and "\u2014 Ana, Call with Ana" in md
    rows = list(csv.DictReader(w.export_csv(tmp_path / "b.csv").open(encoding="utf-8")))
    assert len(rows) == 6 and rows[0]["pile"] == "passwords"
    png = QImage(str(w.export_png(tmp_path / "a.png")))
    assert png.width() > 1000 and not png.isNull()
    summary = w.export_summary(tmp_path / "s.md").read_text(encoding="utf-8")
    assert "Focus: sign-in and invoices" in summary and "biggest piles" in summary


def test_the_suggest_button_groups_in_the_background(qtbot, board) -> None:  # noqa: ANN001
    w, cards, _ = board
    w.suggest_button.click()
    assert not w.suggest_button.isEnabled() and "Grouping 6 cards" in w.suggest_button.text()
    qtbot.waitUntil(lambda: w.suggest_button.isEnabled(), timeout=10_000)
    assert w.suggest_button.text() == "Suggest groups"
    assert frozenset(cards["Ana"] + [cards["Ben"][0]]) in {frozenset(g.card_ids)
                                                           for g in w.suggestions}  # fmt: skip
    assert w.suggestion_list.count() == len(w.suggestions)
