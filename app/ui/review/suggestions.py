"""Suggested highlights of one interview, in the review: accept (a card), edit then accept, or
dismiss (never suggested again). Computed when the tab is first shown."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.export.timefmt import clock
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.synthesis.highlights import REASON_LABELS, Suggestion
from app.synthesis.sources import accept, dismiss, suggestions_for
from app.ui.review.cards import CardDialog

INTRO = ("Passages the guide says to look for, suggested with the reason. Accept makes a card; "
         "Dismiss hides it for good.")
LESS_SURE_TIP = ("Click to play this moment. Marked \u201cless sure\u201d: on interviews we "
                 "checked by hand, fewer than half of the suggestions for this reason were "
                 "worth a card, so they come last.")


def _find(store: Store, interview_id: int) -> list[Suggestion]:
    from app.coach.embed import EmbeddingModelMissing, embed

    try:
        return suggestions_for(store, interview_id, embed=embed)
    except EmbeddingModelMissing:  # the focus is then matched by its words only
        return suggestions_for(store, interview_id)


class SuggestionsPanel(QWidget):
    play_requested = Signal(float)
    cards_changed = Signal()  # a suggestion became a card

    def __init__(self, store: Store, interview_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.interview_id = store, interview_id
        self.suggestions: list[Suggestion] = []
        self.loaded = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="suggestions")
        self._pending: Future[list[Suggestion]] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._collect)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intro = QLabel(INTRO)
        self.intro.setProperty("role", "muted")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(5)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.accept_button = QPushButton("Accept")
        self.accept_button.setProperty("primary", True)
        self.edit_button = QPushButton("Edit\u2026")
        self.dismiss_button = QPushButton("Dismiss")
        for b in (self.accept_button, self.edit_button, self.dismiss_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.list.itemClicked.connect(lambda _i: self.play_requested.emit(self._current().start))
        self.accept_button.clicked.connect(lambda: self.accept(self.list.currentRow()))
        self.edit_button.clicked.connect(lambda: self.ask_edit(self.list.currentRow()))
        self.dismiss_button.clicked.connect(lambda: self.dismiss(self.list.currentRow()))
        self._show()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.loaded and self._pending is None:
            # Phrases repeated across the whole library take a second or two: a worker finds
            # them while the review stays usable.
            self.list.addItem("Reading the transcript for passages to suggest\u2026")
            self._pending = self._pool.submit(_find, self.store, self.interview_id)
            self._timer.start()

    def _collect(self) -> None:
        if self._pending is None or not self._pending.done():
            return
        future, self._pending = self._pending, None
        self._timer.stop()
        if not self.loaded:  # a refresh() meanwhile (and the reviewer's decisions since) wins
            self._loaded(future.result())

    def refresh(self) -> list[Suggestion]:
        """Finds the suggestions now, waiting for them."""
        self._loaded(_find(self.store, self.interview_id))
        return self.suggestions

    def _loaded(self, suggestions: list[Suggestion]) -> None:
        self.suggestions = suggestions
        self.loaded = True
        self._show()

    def _show(self) -> None:
        row = max(0, self.list.currentRow())
        self.list.clear()
        for s in self.suggestions:
            sure = " \u00b7 less sure" if s.less_sure else ""
            item = QListWidgetItem(f"{REASON_LABELS[s.reason]}{sure} \u00b7 {clock(s.start)}\n"
                                   f"\u201c{s.quote}\u201d\nWhy: {s.why}")  # fmt: skip
            item.setToolTip(LESS_SURE_TIP if s.less_sure else "Click to play this moment")
            if s.less_sure:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
        if self.suggestions:
            self.list.setCurrentRow(min(row, len(self.suggestions) - 1))
        for b in (self.accept_button, self.edit_button, self.dismiss_button):
            b.setEnabled(bool(self.suggestions))
        if self.loaded and not self.suggestions:
            self.intro.setText("No suggestions left for this interview.")

    def _current(self) -> Suggestion:
        return self.suggestions[max(0, self.list.currentRow())]

    def _speaker(self) -> str:
        return InterviewRepository(self.store).get(self.interview_id).participant_name

    def accept(self, row: int, quote: str | None = None, tag: str | None = None,
               note: str = "") -> int | None:  # fmt: skip
        if not 0 <= row < len(self.suggestions):
            return None
        suggestion = self.suggestions.pop(row)
        card_id = accept(self.store, suggestion, quote=quote, tag=tag,
                         speaker_name=self._speaker(), note=note)  # fmt: skip
        self._show()
        self.cards_changed.emit()
        return card_id

    def ask_edit(self, row: int) -> int | None:
        if not 0 <= row < len(self.suggestions):
            return None
        s = self.suggestions[row]
        dialog = CardDialog(s.quote, s.start, s.end, self._speaker(), self, tag=s.reason.value,
                            note=f"Suggested: {s.why}")  # fmt: skip
        if dialog.exec() != CardDialog.DialogCode.Accepted or not dialog.quote:
            return None
        return self.accept(row, dialog.quote, dialog.tag, dialog.note)

    def dismiss(self, row: int) -> None:
        if 0 <= row < len(self.suggestions):
            dismiss(self.store, self.suggestions.pop(row))
            self._show()
