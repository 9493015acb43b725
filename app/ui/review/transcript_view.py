"""The transcript beside the player: a click on a line or a word seeks there, the playing line
is highlighted and kept in view, and a selection of words becomes an insight card."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from app.export.timefmt import clock
from app.session.segments import Speaker
from app.store.transcript import StoredSegment
from app.ui import style

_WORD = re.compile(r"\S+")
# Keys the review window uses for the player; the text view passes them on instead of moving
# its caret.
TRANSPORT_KEYS = frozenset({Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                            Qt.Key.Key_Down, Qt.Key.Key_J, Qt.Key.Key_K, Qt.Key.Key_L})  # fmt: skip


@dataclass(frozen=True)
class WordSpan:
    start_pos: int  # document positions
    end_pos: int
    t: float


@dataclass(frozen=True)
class LineSpan:
    index: int
    header_pos: int
    text_start: int
    text_end: int
    start: float
    end: float
    words: tuple[WordSpan, ...]


@dataclass(frozen=True)
class TextSelection:
    """Words the user selected, mapped back to the transcript."""

    first: int  # segment indexes
    last: int
    start: float
    end: float
    quote: str


def word_times(text: str, seg: StoredSegment) -> list[tuple[int, int, float]]:
    """(offset, end offset, start time) of each word of the shown text. Whisper's word times
    when they still match the text; spread over the segment by position when it was edited."""
    s = seg.segment
    found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if s.words and len(s.words) == len(found):
        return [(a, b, w.start) for (a, b), w in zip(found, s.words, strict=True)]
    length = max(len(text), 1)
    return [(a, b, s.start + (s.end - s.start) * a / length) for a, b in found]


class TranscriptView(QTextEdit):
    seek_requested = Signal(float)
    card_requested = Signal()
    edit_requested = Signal(int)  # segment index
    rename_requested = Signal(int)
    comment_requested = Signal(int)  # segment index: a comment on that line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)  # fmt: skip
        self.setViewportMargins(6, 6, 6, 6)
        self.segments: list[StoredSegment] = []
        self.lines: list[LineSpan] = []
        self._starts: list[float] = []
        self.current: int | None = None
        self.follow = True  # keep the playing line in view
        self._press_pos: QPoint | None = None

    # --- content --------------------------------------------------------------------------

    def set_segments(self, segments: list[StoredSegment],
                     label: Callable[[StoredSegment], str]) -> None:  # fmt: skip
        self.segments = segments
        self.lines = []
        self.current = None
        doc = self.document()
        doc.clear()
        cursor = QTextCursor(doc)
        header_fmt = QTextBlockFormat()
        header_fmt.setTopMargin(10)
        body_fmt = QTextBlockFormat()
        body_fmt.setBottomMargin(2)
        body_fmt.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        plain = QTextCharFormat()
        plain.setForeground(QColor(style.INK))
        muted = QTextCharFormat()
        muted.setForeground(QColor(style.MUTED))
        for i, stored in enumerate(segments):
            seg = stored.segment
            if i:
                cursor.insertBlock(header_fmt)
            else:
                cursor.setBlockFormat(header_fmt)
            header_pos = cursor.position()
            name_fmt = QTextCharFormat()
            name_fmt.setFontWeight(QFont.Weight.DemiBold)
            name_fmt.setForeground(QColor(style.YOU if seg.speaker is Speaker.INTERVIEWER
                                          else style.THEM))  # fmt: skip
            cursor.insertText(label(stored), name_fmt)
            cursor.insertText(f"   {clock(seg.start)}", muted)
            if stored.edited:
                edited = QTextCharFormat(muted)
                edited.setFontItalic(True)
                by = f" by {stored.edited_by}" if stored.edited_by else ""
                edited.setToolTip(f"Corrected{by}. Originally: {stored.original_text}")
                cursor.insertText("   edited", edited)
            cursor.insertBlock(body_fmt)
            text_start = cursor.position()
            cursor.insertText(seg.text, plain)
            words = tuple(WordSpan(text_start + a, text_start + b, t)
                          for a, b, t in word_times(seg.text, stored))  # fmt: skip
            self.lines.append(LineSpan(i, header_pos, text_start, cursor.position(), seg.start,
                                       seg.end, words))  # fmt: skip
        if not segments:
            cursor.insertText("This interview has no transcript yet.", muted)
        self._starts = [line.start for line in self.lines]
        self.moveCursor(QTextCursor.MoveOperation.Start)

    # --- mapping --------------------------------------------------------------------------

    def line_at_position(self, pos: int) -> LineSpan | None:
        headers = [line.header_pos for line in self.lines]
        i = bisect.bisect_right(headers, pos) - 1
        return self.lines[i] if i >= 0 else None

    def time_at_position(self, pos: int) -> float | None:
        line = self.line_at_position(pos)
        if line is None:
            return None
        if pos < line.text_start:  # the speaker line: the start of the segment
            return line.start
        best = line.start
        for word in line.words:
            if word.start_pos <= pos:
                best = word.t
            else:
                break
        return best

    def index_at_time(self, t: float) -> int | None:
        """The line playing at t: the last one started (a pause keeps the previous line)."""
        i = bisect.bisect_right(self._starts, t + 1e-6) - 1
        return i if i >= 0 else None

    def word_position(self, index: int, word: int) -> int:
        """Document position inside a word (for tests and keyboard navigation)."""
        span = self.lines[index].words[word]
        return (span.start_pos + span.end_pos) // 2

    # --- highlighting ---------------------------------------------------------------------

    def highlight_time(self, t: float) -> int | None:
        index = self.index_at_time(t)
        if index != self.current:
            self.highlight(index)
        return index

    def highlight(self, index: int | None) -> None:
        self.current = index
        if index is None or not self.lines:
            self.setExtraSelections([])
            return
        line = self.lines[index]
        selections = []
        for pos in (line.header_pos, line.text_start):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(pos)
            sel.format.setBackground(QColor(style.ACCENT_SOFT))
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selections.append(sel)
        self.setExtraSelections(selections)
        if self.follow:
            self.scroll_to_line(index)

    def scroll_to_line(self, index: int) -> None:
        line = self.lines[index]
        layout = self.document().documentLayout()
        top = layout.blockBoundingRect(self.document().findBlock(line.header_pos)).top()
        bottom = layout.blockBoundingRect(self.document().findBlock(line.text_start)).bottom()
        bar = self.verticalScrollBar()
        view_h = self.viewport().height()
        if top < bar.value() or bottom > bar.value() + view_h:
            bar.setValue(int(max(0.0, top - view_h * 0.3)))

    def is_line_visible(self, index: int) -> bool:
        line = self.lines[index]
        rect = self.cursorRect(self._cursor_at(line.text_start))
        return 0 <= rect.top() < self.viewport().height()

    def _cursor_at(self, pos: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        return cursor

    # --- selection ------------------------------------------------------------------------

    def select_range(self, start_pos: int, end_pos: int) -> None:
        cursor = self._cursor_at(start_pos)
        cursor.setPosition(end_pos, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def select_words(self, index: int, first_word: int, last_word: int) -> None:
        words = self.lines[index].words
        self.select_range(words[first_word].start_pos, words[last_word].end_pos)

    def selection(self) -> TextSelection | None:
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self.lines:
            return None
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        parts: list[str] = []
        chosen: list[LineSpan] = []
        start_t: float | None = None
        end_t = 0.0
        for line in self.lines:
            lo, hi = max(a, line.text_start), min(b, line.text_end)
            if lo >= hi:
                continue
            # Widen to whole words so a card never quotes half a word.
            for w in line.words:
                if w.start_pos < lo < w.end_pos:
                    lo = w.start_pos
                if w.start_pos < hi < w.end_pos:
                    hi = w.end_pos
            text = self.segments[line.index].segment.text
            parts.append(text[lo - line.text_start : hi - line.text_start].strip())
            chosen.append(line)
            inside = [w for w in line.words if w.end_pos > lo and w.start_pos < hi]
            if inside:
                if start_t is None:
                    start_t = inside[0].t
                nxt = [w.t for w in line.words if w.start_pos >= hi]
                end_t = nxt[0] if nxt else line.end
        quote = " ".join(p for p in parts if p)
        if not chosen or not quote:
            return None
        return TextSelection(chosen[0].index, chosen[-1].index,
                             start_t if start_t is not None else chosen[0].start,
                             max(end_t, start_t or 0.0), quote)  # fmt: skip

    # --- events ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = event.position().toPoint()
        if self._press_pos is not None and (pos - self._press_pos).manhattanLength() > 4:
            return  # a drag, not a click
        t = self.time_at_position(self.cursorForPosition(pos).position())
        if t is not None:
            self.seek_requested.emit(t)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in TRANSPORT_KEYS and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            event.ignore()  # the review window handles it
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        pos = self.cursorForPosition(event.pos()).position()
        line = self.line_at_position(pos)
        menu = QMenu(self)
        card = menu.addAction("Make an insight card from the selection\u2026")
        card.setEnabled(self.selection() is not None)
        card.triggered.connect(self.card_requested.emit)
        if line is not None:
            index = line.index
            t = self.time_at_position(pos)
            menu.addAction("Play from here").triggered.connect(
                lambda: self.seek_requested.emit(t if t is not None else line.start))
            menu.addAction("Comment on this line\u2026").triggered.connect(
                lambda: self.comment_requested.emit(index))
            menu.addSeparator()
            menu.addAction("Correct this line\u2026").triggered.connect(
                lambda: self.edit_requested.emit(index))
            menu.addAction("Rename this speaker\u2026").triggered.connect(
                lambda: self.rename_requested.emit(index))  # fmt: skip
        menu.addSeparator()
        menu.addAction("Copy").triggered.connect(self.copy)
        menu.exec(event.globalPos())
