"""Insight cards of one interview: the dialog that makes one, and the list that plays them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.export.timefmt import clock
from app.store.cards import CARD_TAGS, StoredCard


class CardDialog(QDialog):
    """Quote (editable, e.g. to trim), its moment, who said it, a tag and a note."""

    def __init__(self, quote: str, start: float, end: float, speaker: str,
                 parent: QWidget | None = None, *, tag: str = "focus", note: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Insight card")
        self.setMinimumWidth(460)
        self.start, self.end = start, end
        form = QFormLayout(self)
        self.quote_edit = QPlainTextEdit(quote)
        self.quote_edit.setFixedHeight(90)
        form.addRow("Quote", self.quote_edit)
        form.addRow("When", QLabel(f"{clock(start)} \u2013 {clock(end)}"))
        self.speaker_edit = QLineEdit(speaker)
        form.addRow("Who", self.speaker_edit)
        self.tag_combo = QComboBox()
        for key, label in CARD_TAGS.items():
            self.tag_combo.addItem(label, key)
        self.tag_combo.setCurrentIndex(max(0, list(CARD_TAGS).index(tag) if tag in CARD_TAGS
                                           else 0))  # fmt: skip
        form.addRow("Tag", self.tag_combo)
        self.note_edit = QLineEdit(note)
        self.note_edit.setPlaceholderText("Why it matters (optional)")
        form.addRow("Note", self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def quote(self) -> str:
        return self.quote_edit.toPlainText().strip()

    @property
    def tag(self) -> str:
        return str(self.tag_combo.currentData())

    @property
    def note(self) -> str:
        return self.note_edit.text().strip()

    @property
    def speaker(self) -> str:
        return self.speaker_edit.text().strip()


class CardsPanel(QWidget):
    play_requested = Signal(float)
    new_requested = Signal()
    delete_requested = Signal(int)  # card id
    edit_requested = Signal(int)
    export_requested = Signal(str)  # csv | md

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(5)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.empty = QLabel("Select words in the transcript, then \u201cNew card\u201d (C).")
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton("New card")
        self.edit_button = QPushButton("Edit")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setProperty("danger", True)
        self.csv_button = QPushButton("CSV\u2026")
        self.md_button = QPushButton("Markdown\u2026")
        for b in (self.new_button, self.edit_button, self.delete_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(b)
        row.addStretch(1)
        for b in (self.csv_button, self.md_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setToolTip("Export this interview's cards")
            row.addWidget(b)
        layout.addLayout(row)
        self.cards: list[StoredCard] = []
        self.list.itemClicked.connect(lambda item: self.play_requested.emit(self._card(item).start))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self.csv_button.clicked.connect(lambda: self.export_requested.emit("csv"))
        self.md_button.clicked.connect(lambda: self.export_requested.emit("md"))

    def set_cards(self, cards: list[StoredCard]) -> None:
        self.cards = cards
        self.list.clear()
        for card in cards:
            text = f"{card.tag_label} \u00b7 {clock(card.start)}"
            if card.author:  # who made it: on a team library, several reviewers make cards
                text += f" \u00b7 {card.author}"
            text += f"\n\u201c{card.quote}\u201d"
            if card.note:
                text += f"\n{card.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, card.id)
            by = f"Made by {card.author}. " if card.author else ""
            item.setToolTip(f"{by}Click to play this moment")
            self.list.addItem(item)
        self.empty.setVisible(not cards)
        for b in (self.edit_button, self.delete_button, self.csv_button, self.md_button):
            b.setEnabled(bool(cards))

    def _card(self, item: QListWidgetItem) -> StoredCard:
        card_id = item.data(Qt.ItemDataRole.UserRole)
        return next(c for c in self.cards if c.id == card_id)

    def play(self, row: int) -> None:
        self.list.setCurrentRow(row)
        self.play_requested.emit(self.cards[row].start)

    def _selected(self) -> StoredCard | None:
        item = self.list.currentItem()
        return self._card(item) if item is not None else None

    def _edit(self) -> None:
        card = self._selected()
        if card is not None:
            self.edit_requested.emit(card.id)

    def _delete(self) -> None:
        card = self._selected()
        if card is not None:
            self.delete_requested.emit(card.id)
