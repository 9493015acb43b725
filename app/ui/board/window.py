"""The board: a study's cards as tiles in piles, suggested groups, the three arrangements,
repeated phrases and hypotheses; every quote one double-click from its moment in the review.

    BoardWindow(store, study_id=None, parent=None)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.coach.embed import EmbeddingModelMissing
from app.export.timefmt import clock
from app.store.cards import CardWithInterview
from app.store.db import Store
from app.store.hypotheses import HypothesisRepository
from app.store.interviews import InterviewRepository
from app.store.studies import Scale, StoredStudy, StudyRepository
from app.synthesis.arrange import SCALE_TITLES
from app.synthesis.board import Board, new_per_interview
from app.synthesis.exports import board_csv, board_markdown, study_summary
from app.synthesis.grouping import SuggestedGroup, suggest_groups
from app.synthesis.hypotheses import matrix, suggest_verdict
from app.synthesis.repeated import Occurrence, RepeatedPhrase
from app.synthesis.sources import participant_lines, repeated_phrases
from app.synthesis.study_deletion import confirmation_text, study_loss
from app.ui.banner import StatusBanner
from app.ui.board.arrangement import ArrangementScene
from app.ui.board.hypotheses_panel import HypothesesPanel, MarkDialog
from app.ui.board.scene import NEW_PILE, BoardScene
from app.ui.board.study_dialog import StudyDialog

ReviewOpener = Callable[[int, float], object]  # (interview id, time) -> the review window
BOARD_TAB, ARRANGE_TAB, REPEATED_TAB, HYPOTHESES_TAB = range(4)


class BoardWindow(QMainWindow):
    def __init__(self, store: Store, study_id: int | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.studies = StudyRepository(store)
        self.hypotheses = HypothesisRepository(store)
        self.study: StoredStudy | None = None
        self.board = Board((), (), {})
        self.suggestions: list[SuggestedGroup] = []
        self.repeated: list[RepeatedPhrase] = []
        self.scale = Scale.CHARGE
        self.reviews: list[QWidget] = []
        self.review_opener: ReviewOpener = self._open_review
        self._stale: set[int] = set()
        self._names: dict[int, str] = {}
        self._cards: list[CardWithInterview] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="board-grouping")
        self._grouping: Future[list[SuggestedGroup]] | None = None
        self._grouping_timer = QTimer(self)
        self._grouping_timer.setInterval(30)
        self._grouping_timer.timeout.connect(self._collect_groups)
        self._build()
        self._fill_studies(study_id)

    # --- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle("Board \u2014 Tell Me More")
        self.resize(1280, 820)
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(12, 8, 12, 8)
        top = QHBoxLayout()
        title = QLabel("Board")
        title.setProperty("role", "title")
        top.addWidget(title)
        top.addSpacing(12)
        self.study_combo = QComboBox()
        self.study_combo.setMinimumWidth(280)
        top.addWidget(self.study_combo)
        self.new_study_button = QPushButton("New study\u2026")
        self.edit_study_button = QPushButton("Interviews\u2026")
        self.rename_study_button = QPushButton("Rename\u2026")
        self.delete_study_button = QPushButton("Delete\u2026")
        self.delete_study_button.setToolTip("Delete this study's piles, arrangements and "
                                            "hypotheses; the interviews and cards stay")  # fmt: skip
        for button in (self.new_study_button, self.edit_study_button, self.rename_study_button,
                       self.delete_study_button):  # fmt: skip
            top.addWidget(button)
        top.addStretch(1)
        self.meta_label = QLabel()
        self.meta_label.setProperty("role", "muted")
        top.addWidget(self.meta_label)
        layout.addLayout(top)
        self.banner = StatusBanner()
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_board_tab(), "Board")
        self.tabs.addTab(self._build_arrange_tab(), "Arrange")
        self.tabs.addTab(self._build_repeated_tab(), "Repeated phrases")
        self.hyp_panel = HypothesesPanel()
        self.tabs.addTab(self.hyp_panel, "Hypotheses")
        self.setCentralWidget(root)
        self._build_menus()
        self.study_combo.currentIndexChanged.connect(self._on_study_chosen)
        self.new_study_button.clicked.connect(self.ask_new_study)
        self.edit_study_button.clicked.connect(self.ask_edit_study)
        self.rename_study_button.clicked.connect(self.ask_rename_study)
        self.delete_study_button.clicked.connect(self.ask_delete_study)
        self.hyp_panel.add_requested.connect(self.ask_add_hypothesis)
        self.hyp_panel.edit_requested.connect(self.ask_edit_hypothesis)
        self.hyp_panel.delete_requested.connect(self.delete_hypothesis)
        self.hyp_panel.cell_requested.connect(lambda h, i: self.ask_mark(h, i))
        self.tabs.currentChanged.connect(self._on_tab)

    def _build_board_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.setContentsMargins(0, 6, 0, 0)
        self.scene = BoardScene()
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        side = QWidget()
        side.setMaximumWidth(300)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        self.suggest_button = QPushButton("Suggest groups")
        self.suggest_button.setProperty("primary", True)
        self.suggest_button.setToolTip("Group the lonely cards by what they say (sentence "
                                       "similarity); nothing changes until you accept")  # fmt: skip
        side_layout.addWidget(self.suggest_button)
        self.suggestion_list = QListWidget()
        self.suggestion_list.setWordWrap(True)
        self.suggestion_list.setSpacing(3)
        side_layout.addWidget(self.suggestion_list, 1)
        row = QHBoxLayout()
        self.accept_button = QPushButton("Accept")
        self.break_button = QPushButton("Break up")
        self.accept_all_button = QPushButton("Accept all")
        for b in (self.accept_button, self.break_button, self.accept_all_button):
            row.addWidget(b)
        side_layout.addLayout(row)
        hint = QLabel("Drag cards onto a pile, or onto empty space for a new pile. "
                      "Double-click a card to open its moment, a pile\u2019s name to rename it. "
                      "One participant\u2019s cards in a pile fold into one tile (\u00d7n).")  # fmt: skip
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        side_layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(side)
        self.suggest_button.clicked.connect(self.suggest_in_background)
        self.accept_button.clicked.connect(lambda: self.accept_suggestion(self._suggestion_row()))
        self.break_button.clicked.connect(lambda: self.break_up_suggestion(self._suggestion_row()))
        self.accept_all_button.clicked.connect(self.accept_all_suggestions)
        self.suggestion_list.currentRowChanged.connect(self._select_suggested_tiles)
        self.scene.cards_dropped.connect(self.move_cards)
        self.scene.card_opened.connect(self.open_card)
        self.scene.pile_renamed.connect(self.ask_rename_pile)
        self.scene.suggestion_accepted.connect(self.accept_suggestion)
        return tab

    def _build_arrange_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.scale_combo = QComboBox()
        for scale in Scale:
            self.scale_combo.addItem(SCALE_TITLES[scale], scale)
        row.addWidget(QLabel("Arrange the piles by"))
        row.addWidget(self.scale_combo)
        row.addStretch(1)
        self.reset_button = QPushButton("Back to the suggested place")
        self.reset_button.setEnabled(False)
        row.addWidget(self.reset_button)
        layout.addLayout(row)
        self.arrangement = ArrangementScene()
        self.arrange_view = QGraphicsView(self.arrangement)
        self.arrange_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.arrange_view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.arrange_view, 1)
        self.reason_label = QLabel("Select a pile to see why it sits where it does. The "
                                   "biggest pile at each end (orange) is where to start.")  # fmt: skip
        self.reason_label.setWordWrap(True)
        self.reason_label.setProperty("role", "muted")
        layout.addWidget(self.reason_label)
        self.scale_combo.currentIndexChanged.connect(
            lambda i: self.set_scale(Scale(self.scale_combo.itemData(i))))
        self.arrangement.placed.connect(self.place_pile)
        self.arrangement.pile_selected.connect(self._show_reason)
        self.reset_button.clicked.connect(self._reset_selected)
        self._selected_pile: int | None = None
        return tab

    def _build_repeated_tab(self) -> QWidget:
        tab = QSplitter(Qt.Orientation.Horizontal)
        self.phrase_list = QListWidget()
        self.phrase_list.setWordWrap(True)
        self.phrase_list.setSpacing(3)
        self.occurrence_list = QListWidget()
        self.occurrence_list.setWordWrap(True)
        self.occurrence_list.setSpacing(4)
        self.occurrence_list.setToolTip("Click an occurrence to open its moment in the review")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        note = QLabel("Words and phrases several participants used that are uncommon in "
                      "everyday English (wordfreq).")  # fmt: skip
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        left_layout.addWidget(note)
        left_layout.addWidget(self.phrase_list, 1)
        tab.addWidget(left)
        tab.addWidget(self.occurrence_list)
        tab.setSizes([380, 800])
        self.phrase_list.currentRowChanged.connect(self._show_occurrences)
        self.occurrence_list.itemClicked.connect(
            lambda item: self.open_occurrence(item.data(Qt.ItemDataRole.UserRole)))
        return tab

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction("Export board as Markdown\u2026").triggered.connect(
            lambda: self._ask_save("Markdown", ".md", "board", self.export_markdown))
        file_menu.addAction("Export board as CSV\u2026").triggered.connect(
            lambda: self._ask_save("CSV", ".csv", "board", self.export_csv))
        file_menu.addAction("Export the arrangement as PNG\u2026").triggered.connect(
            lambda: self._ask_save("PNG image", ".png", "arrangement", self.export_png))
        file_menu.addAction("Export the study summary\u2026").triggered.connect(
            lambda: self._ask_save("Markdown", ".md", "summary", self.export_summary))  # fmt: skip
        file_menu.addSeparator()
        file_menu.addAction("Rename the study\u2026").triggered.connect(self.ask_rename_study)
        file_menu.addAction("Delete the study\u2026").triggered.connect(self.ask_delete_study)
        file_menu.addSeparator()
        close = file_menu.addAction("Close")
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)

    # --- studies ------------------------------------------------------------------------------
    def _fill_studies(self, select: int | None = None) -> None:
        studies = self.studies.list()
        self.study_combo.blockSignals(True)
        self.study_combo.clear()
        for study in studies:
            self.study_combo.addItem(f"{study.name} ({len(study.interview_ids)} interviews)",
                                     study.id)  # fmt: skip
        self.study_combo.blockSignals(False)
        for button in (self.edit_study_button, self.rename_study_button, self.delete_study_button):
            button.setEnabled(bool(studies))
        if not studies:
            self.study = None
            self.banner.show_message("No study yet: choose \u201cNew study\u2026\u201d and pick "
                                     "the interviews to synthesise.", "info")  # fmt: skip
            self.refresh()
            return
        index = next((n for n, s in enumerate(studies) if s.id == select), 0)
        self.study_combo.setCurrentIndex(index)
        self.select_study(studies[index].id)

    def _on_study_chosen(self, index: int) -> None:
        if index >= 0:
            self.select_study(int(self.study_combo.itemData(index)))

    def select_study(self, study_id: int) -> None:
        self.study = self.studies.get(study_id)
        self.suggestions = []
        self.repeated = []
        self.banner.dismiss()
        self.refresh()

    def create_study(self, name: str, interview_ids: list[int], focus: str = "") -> int:
        study_id = self.studies.create(name, interview_ids, focus)
        self._fill_studies(study_id)
        return study_id

    def ask_new_study(self) -> None:
        dialog = StudyDialog(InterviewRepository(self.store).list_all(), parent=self)
        if dialog.exec() == StudyDialog.DialogCode.Accepted:
            if not dialog.name or not dialog.interview_ids:
                self.banner.show_message("A study needs a name and at least one interview.",
                                         "warning")  # fmt: skip
                return
            self.create_study(dialog.name, dialog.interview_ids, dialog.focus)

    def ask_edit_study(self) -> None:
        if self.study is None:
            self.ask_new_study()
            return
        dialog = StudyDialog(InterviewRepository(self.store).list_all(), name=self.study.name,
                             focus=self.study.focus, chosen=self.study.interview_ids,
                             parent=self)  # fmt: skip
        if dialog.exec() == StudyDialog.DialogCode.Accepted and dialog.interview_ids:
            self.studies.rename(self.study.id, dialog.name, dialog.focus)
            self.studies.set_interviews(self.study.id, dialog.interview_ids)
            self._fill_studies(self.study.id)

    def rename_study(self, name: str) -> bool:
        """Renames the study shown; a blank name changes nothing and says why."""
        if self.study is None:
            return False
        if not name.strip():
            self.banner.show_message("A study needs a name: the old one is kept.", "warning")
            return False
        self.studies.rename(self.study.id, name)
        self._fill_studies(self.study.id)
        return True

    def ask_rename_study(self) -> None:
        if self.study is None:
            return
        name, ok = QInputDialog.getText(self, "Rename study", "Name of the study",
                                        text=self.study.name)  # fmt: skip
        if ok and name.strip() != self.study.name:
            self.rename_study(name)

    def delete_confirmation(self) -> QMessageBox:
        """The question asked before a study is deleted, saying what goes and what stays."""
        assert self.study is not None
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete study",
                          confirmation_text(study_loss(self.store, self.study.id)),
                          QMessageBox.StandardButton.Cancel, self)  # fmt: skip
        box.addButton("Delete study", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def ask_delete_study(self) -> None:
        if self.study is None:
            return
        box = self.delete_confirmation()
        box.exec()
        if box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole:
            self.delete_study()

    def delete_study(self) -> None:
        """Deletes the study shown (piles, places, hypotheses, marks); interviews and cards stay."""
        if self.study is None:
            return
        name = self.study.name
        self.studies.delete(self.study.id)
        self.study = None
        self._cards = None
        self._fill_studies()
        if self.study is not None:  # another study is shown; else the "no study" banner stays
            self.banner.show_message(f"Deleted the study \u201c{name}\u201d. Its interviews and "
                                     f"cards are still in the library.", "info")  # fmt: skip

    # --- the board ----------------------------------------------------------------------------
    def refresh(self, *, cards_changed: bool = True) -> None:
        """Reads the study again and redraws the board and the tab shown. After a move between
        piles the cards themselves are unchanged and not read again."""
        if self.study is None:
            self.board = Board((), (), {})
        else:
            self.study = self.studies.get(self.study.id)
            if cards_changed or self._cards is None:
                self._cards = self.studies.cards(self.study.id)
            self.board = Board.build(self._cards, self.studies.piles(self.study.id))
        # Suggestions only ever hold cards still lonely.
        loose = {c.id for c in self.board.loose}
        self.suggestions = [g for g in self.suggestions if all(i in loose for i in g.card_ids)]
        ends = self.board.ends(self.scale)
        self.scene.show_board(self.board, self.suggestions,
                              [p for p in (ends.left, ends.right) if p is not None])  # fmt: skip
        self._fill_suggestions()
        # The other tabs are drawn when shown: with 2,000 cards each costs a tenth of a second.
        self._stale = {ARRANGE_TAB, HYPOTHESES_TAB}
        self._draw_current_tab()
        n_interviews = len(self.study.interview_ids) if self.study else 0
        self.meta_label.setText(f"{n_interviews} interviews \u00b7 {len(self.board.cards)} cards"
                                f" \u00b7 {len(self.board.piles)} piles \u00b7 "
                                f"{len(self.board.loose)} lonely")  # fmt: skip
        if self.study is not None and not self.board.cards:
            self.banner.show_message("These interviews have no cards yet: accept suggested "
                                     "highlights in each review (Suggestions tab), then come "
                                     "back.", "info")  # fmt: skip

    def move_cards(self, card_ids: list[int], target: object) -> None:
        if self.study is None:
            return
        if target == NEW_PILE:
            self.studies.add_pile(self.study.id, card_ids)
        else:
            self.studies.move_cards(self.study.id, card_ids, target)  # type: ignore[arg-type]
        self.refresh(cards_changed=False)

    def ask_rename_pile(self, pile_id: int) -> None:
        pile = self.board.pile(pile_id)
        name, ok = QInputDialog.getText(self, "Name the pile", "What these cards have in common:",
                                        text=pile.name)  # fmt: skip
        if ok:
            self.rename_pile(pile_id, name)

    def rename_pile(self, pile_id: int, name: str) -> None:
        self.studies.rename_pile(pile_id, name)
        self.refresh(cards_changed=False)

    # --- suggested groups ---------------------------------------------------------------------
    def suggest(self) -> list[SuggestedGroup]:
        """Suggests groups of the lonely cards and waits for them (tests, scripts)."""
        future = self.suggest_in_background()
        if future is None:
            return []
        while not future.done():
            QApplication.processEvents()
            time.sleep(0.005)
        self._collect_groups()
        return self.suggestions

    def suggest_in_background(self) -> Future[list[SuggestedGroup]] | None:
        """Groups in a worker thread (2,000 cards take about a second) so the board keeps
        moving; the result is shown when it arrives."""
        if self._grouping is not None:
            return self._grouping
        loose = list(self.board.loose)
        if not loose:
            self.banner.show_message("Every card is in a pile: nothing to group.", "info")
            return None
        self.suggest_button.setEnabled(False)
        self.suggest_button.setText(f"Grouping {len(loose)} cards\u2026")
        self._grouping = self._pool.submit(_group, [c.id for c in loose], [c.quote for c in loose])
        self._grouping_timer.start()
        return self._grouping

    def _collect_groups(self) -> None:
        future = self._grouping
        if future is None or not future.done():
            return
        self._grouping = None
        self._grouping_timer.stop()
        self.suggest_button.setEnabled(True)
        self.suggest_button.setText("Suggest groups")
        try:
            groups = future.result()
        except EmbeddingModelMissing as exc:
            self.banner.show_message(f"Groups cannot be suggested: {exc}.", "error")
            return
        loose = {c.id for c in self.board.loose}  # cards moved meanwhile are left out
        self.suggestions = [g for g in groups if all(i in loose for i in g.card_ids)]
        if not self.suggestions:
            self.banner.show_message("No lonely cards are close enough to group.", "info")
        self.refresh(cards_changed=False)

    def _fill_suggestions(self) -> None:
        self.suggestion_list.clear()
        for group in self.suggestions:
            who = len({self.board.cards[i].participant for i in group.card_ids
                       if i in self.board.cards})  # fmt: skip
            item = QListWidgetItem(f"{group.name or 'group'}\n{len(group.card_ids)} cards, "
                                   f"{who} participant{'s' if who != 1 else ''} \u00b7 similarity "
                                   f"{group.cohesion:.2f}")  # fmt: skip
            self.suggestion_list.addItem(item)
        has = bool(self.suggestions)
        for b in (self.accept_button, self.break_button, self.accept_all_button):
            b.setEnabled(has)

    def _suggestion_row(self) -> int:
        row = self.suggestion_list.currentRow()
        return row if row >= 0 else 0

    def _select_suggested_tiles(self, row: int) -> None:
        if not 0 <= row < len(self.suggestions):
            return
        self.scene.clearSelection()
        first = None
        for card_id in self.suggestions[row].card_ids:
            tile = self.scene.tile_for_card(card_id)
            if tile is not None:
                tile.setSelected(True)
                first = first or tile
        if first is not None:
            self.view.ensureVisible(first)

    def accept_suggestion(self, index: int) -> int | None:
        if self.study is None or not 0 <= index < len(self.suggestions):
            return None
        group = self.suggestions.pop(index)
        pile_id = self.studies.add_pile(self.study.id, list(group.card_ids), group.name)
        self.refresh(cards_changed=False)
        return pile_id

    def break_up_suggestion(self, index: int) -> None:
        """The suggestion goes; its cards stay lonely, free to be grouped by hand."""
        if 0 <= index < len(self.suggestions):
            self.suggestions.pop(index)
            self.refresh(cards_changed=False)

    def accept_all_suggestions(self) -> list[int]:
        if self.study is None:
            return []
        groups = [(g.name, list(g.card_ids)) for g in self.suggestions]
        self.suggestions = []
        ids = self.studies.add_piles(self.study.id, groups)
        self.refresh(cards_changed=False)
        return ids

    # --- arrangements -------------------------------------------------------------------------
    def set_scale(self, scale: Scale) -> None:
        self.scale = scale
        index = self.scale_combo.findData(scale)
        if index != self.scale_combo.currentIndex():
            self.scale_combo.setCurrentIndex(index)
            return
        self.refresh(cards_changed=False)

    def place_pile(self, pile_id: int, value: float) -> None:
        self.studies.place_pile(pile_id, self.scale, value)
        self.refresh(cards_changed=False)
        self._show_reason(pile_id)

    def reset_place(self, pile_id: int) -> None:
        self.studies.place_pile(pile_id, self.scale, None)
        self.refresh(cards_changed=False)
        self._show_reason(pile_id)

    def _reset_selected(self) -> None:
        if self._selected_pile is not None:
            self.reset_place(self._selected_pile)

    def _show_reason(self, pile_id: int) -> None:
        if not any(p.id == pile_id for p in self.board.piles):
            return
        self._selected_pile = pile_id
        pile = self.board.pile(pile_id)
        placement = pile.placement(self.scale)
        self.reason_label.setText(f"<b>{pile.name or 'Unnamed pile'}</b> at "
                                  f"{placement.value:+.2f}: {placement.why}")  # fmt: skip
        self.reset_button.setEnabled(placement.hand_set)

    # --- repeated phrases ---------------------------------------------------------------------
    def _on_tab(self, _index: int) -> None:
        self._draw_current_tab()

    def _draw_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index == REPEATED_TAB and not self.repeated:
            self.refresh_repeated()
        if index not in self._stale:
            return
        self._stale.discard(index)
        if index == ARRANGE_TAB:
            self.arrangement.show_arrangement(self.board, self.scale)
        elif index == HYPOTHESES_TAB:
            self._refresh_hypotheses()

    def refresh_repeated(self) -> list[RepeatedPhrase]:
        ids = list(self.study.interview_ids) if self.study else []
        self.repeated = repeated_phrases(self.store, ids) if ids else []
        self.phrase_list.clear()
        for phrase in self.repeated:
            item = QListWidgetItem(f"\u201c{phrase.phrase}\u201d\n{phrase.participants} "
                                   f"participants \u00b7 {len(phrase.occurrences)} times \u00b7 "
                                   f"Zipf {phrase.zipf:.1f}")  # fmt: skip
            item.setToolTip(phrase.why)
            self.phrase_list.addItem(item)
        self.occurrence_list.clear()
        if self.repeated:
            self.phrase_list.setCurrentRow(0)
        return self.repeated

    def _show_occurrences(self, row: int) -> None:
        self.occurrence_list.clear()
        if not 0 <= row < len(self.repeated):
            return
        phrase = self.repeated[row].phrase
        for occ in self.repeated[row].occurrences:
            item = QListWidgetItem(f"{occ.participant} \u00b7 {clock(occ.start)} \u2014 click "
                                   f"to open\n\u201c{mark_phrase(occ.text, phrase)}\u201d")  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, occ)
            self.occurrence_list.addItem(item)

    def open_occurrence(self, occurrence: Occurrence) -> object:
        return self.review_opener(occurrence.interview_id, occurrence.start)

    # --- hypotheses ---------------------------------------------------------------------------
    def _interview_names(self) -> dict[int, str]:
        if self.study is None:
            return {}
        if set(self.study.interview_ids) - set(self._names):
            self._names = {s.id: s.participant_name or s.display_title
                           for s in InterviewRepository(self.store).list_all()}  # fmt: skip
        return {i: self._names[i] for i in self.study.interview_ids if i in self._names}

    def _refresh_hypotheses(self) -> None:
        if self.study is None:
            self.hyp_panel.set_matrix([], [], {})
            self.hyp_panel.curve.set_points([])
            return
        rows = matrix(self.hypotheses.list(self.study.id), self.study.interview_ids,
                      self.hypotheses.marks(self.study.id))  # fmt: skip
        self.hyp_panel.set_matrix(rows, self.study.interview_ids, self._interview_names())
        self.hyp_panel.curve.set_points(new_per_interview(self.board, self.study.interview_ids))

    def add_hypothesis(self, text: str) -> int | None:
        if self.study is None:
            return None
        hid = self.hypotheses.add(self.study.id, text)
        self.refresh()
        return hid

    def ask_add_hypothesis(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "Hypothesis", "A specific, testable "
                                                 "belief (e.g. \u201cCaregivers apply on paper "
                                                 "because the form is confusing\u201d):")  # fmt: skip
        if ok and text.strip():
            self.add_hypothesis(text)

    def ask_edit_hypothesis(self, hypothesis_id: int) -> None:
        current = next((h.text for h in self.hypotheses.list(self.study.id)  # type: ignore[union-attr]
                        if h.id == hypothesis_id), "")  # fmt: skip
        text, ok = QInputDialog.getMultiLineText(self, "Hypothesis", "Reword it:", current)
        if ok and text.strip():
            self.hypotheses.edit(hypothesis_id, text)
            self.refresh()

    def delete_hypothesis(self, hypothesis_id: int) -> None:
        self.hypotheses.delete(hypothesis_id)
        self.refresh()

    def mark_dialog(self, hypothesis_id: int, interview_id: int) -> MarkDialog:
        from app.coach.embed import embed

        assert self.study is not None
        text = next(h.text for h in self.hypotheses.list(self.study.id) if h.id == hypothesis_id)
        suggestion = suggest_verdict(text, participant_lines(self.store, interview_id), embed)
        current = self.hypotheses.marks(self.study.id).get((hypothesis_id, interview_id))
        dialog = MarkDialog(text, self._interview_names().get(interview_id, str(interview_id)),
                            suggestion, current, self)  # fmt: skip
        dialog.play_requested.connect(lambda t: self.review_opener(interview_id, t))
        return dialog

    def ask_mark(self, hypothesis_id: int, interview_id: int) -> None:
        dialog = self.mark_dialog(hypothesis_id, interview_id)
        if dialog.exec() == MarkDialog.DialogCode.Accepted:
            self.save_mark(hypothesis_id, interview_id, dialog)

    def save_mark(self, hypothesis_id: int, interview_id: int, dialog: MarkDialog) -> None:
        self.hypotheses.mark(hypothesis_id, interview_id, dialog.verdict, dialog.segment_ids)
        self.refresh()

    # --- moments ------------------------------------------------------------------------------
    def open_card(self, card_id: int) -> object:
        card = self.board.cards[card_id]
        return self.review_opener(card.interview_id, card.start)

    def _open_review(self, interview_id: int, t: float) -> QWidget:
        from app.ui.review.window import ReviewWindow  # QtMultimedia loads only when needed

        window = ReviewWindow(self.store, interview_id, seek_to=t)
        window.changed.connect(self.refresh)
        self.reviews.append(window)
        window.show()
        window.raise_()
        return window

    # --- exports ------------------------------------------------------------------------------
    def _require_study(self) -> StoredStudy:
        if self.study is None:
            raise ValueError("no study is open")
        return self.study

    def export_markdown(self, path: Path) -> Path:
        path.write_text(board_markdown(self._require_study(), self.board), encoding="utf-8")
        return path

    def export_csv(self, path: Path) -> Path:
        path.write_text(board_csv(self.board), encoding="utf-8")
        return path

    def export_summary(self, path: Path) -> Path:
        study = self._require_study()
        text = study_summary(study, self.board, self.hypotheses.list(study.id),
                             self.hypotheses.marks(study.id), self._interview_names())  # fmt: skip
        path.write_text(text, encoding="utf-8")
        return path

    def export_png(self, path: Path) -> Path:
        """The current arrangement, drawn at twice screen resolution."""
        self.arrangement.show_arrangement(self.board, self.scale)
        rect = self.arrangement.sceneRect()
        image = QImage(int(rect.width() * 2), int(rect.height() * 2), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.arrangement.render(painter, QRectF(image.rect()), rect)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    def _ask_save(self, label: str, suffix: str, what: str, write: Callable[[Path], Path]) -> None:
        if self.study is None:
            self.banner.show_message("Open or create a study first.", "info")
            return
        name = "".join(ch if ch.isalnum() else "-" for ch in self.study.name).strip("-").lower()
        path, _ = QFileDialog.getSaveFileName(self, f"Export \u2014 {label}",
                                              str(Path.home() / f"{name or 'study'}-{what}{suffix}"),
                                              f"{label} (*{suffix})")  # fmt: skip
        if not path:
            return
        try:
            write(Path(path))
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"{path} could not be written: {exc}")
            return
        self.banner.show_message(f"Saved {path}", "info")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._grouping_timer.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)
        for review in self.reviews:
            review.close()
        super().closeEvent(event)


def mark_phrase(text: str, phrase: str) -> str:
    """The line with each occurrence of the phrase in [brackets], as the library's search does."""
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in phrase.split()) + r"\b"
    return re.sub(pattern, lambda m: f"[{m.group(0)}]", text, flags=re.IGNORECASE)


def _group(card_ids: list[int], quotes: list[str]) -> list[SuggestedGroup]:
    from app.coach.embed import embed

    return suggest_groups(card_ids, quotes, embed)
