"""Comments on moments in the review: the threads panel, the margin beside the transcript, and
the timeline's comment markers.

    comments = ReviewComments(store, interview_id, transcript_view, author=lambda: "Kim")
    comments.panel                 # a side tab: threads, replies, resolve, edit, delete, search
    comments.transcript_with_margin  # the transcript with the comment margin at its right
    comments.timeline_items()      # TimelineItems for the timeline

A moment is a transcript line (its time and segment), a cue (its time and cue) or a time on
the timeline. Storage is app.store.comments; this module only shows and asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.export.timefmt import clock
from app.store.comments import CommentRepository, CommentThread, StoredComment
from app.store.cues import StoredCue
from app.store.db import Store
from app.store.transcript import StoredSegment
from app.ui import style
from app.ui.review.timeline import COMMENT_COLOUR
from app.ui.review.timeline_data import ItemKind, TimelineItem
from app.ui.review.transcript_view import TranscriptView

RESOLVED_COLOUR = style.FAINT
MARGIN_WIDTH = 190
ID_ROLE = Qt.ItemDataRole.UserRole
T_ROLE = Qt.ItemDataRole.UserRole + 1

# (title, label, initial text) -> the text, or None when cancelled. Replaceable in tests.
AskText = Callable[[QWidget, str, str, str], "str | None"]


def author_name() -> str:
    """The user's name from the settings (what the new-interview dialog remembers): the author
    of their comments, cards and corrections ("" when unset: shown as someone, and no made-up
    person is recorded as the author)."""
    from app.settings import Settings

    return Settings().interviewer_name


def ask_multiline(parent: QWidget, title: str, label: str, text: str) -> str | None:
    value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
    return value if ok else None


@dataclass(frozen=True)
class Moment:
    """Where a new comment goes."""

    t: float
    segment_id: int | None = None
    cue_id: int | None = None
    what: str = ""  # for the dialog: "the line at 3:12", "the cue at 9:05"


def _first_line(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _two_lines(metrics: QFontMetrics, text: str, width: int) -> str:
    """The text wrapped at word boundaries onto two lines, the second elided."""
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
    return f"{first}\n{rest}" if rest else first


class CommentsPanel(QWidget):
    """The side tab: every thread of the interview, newest reply under its thread."""

    seek_requested = Signal(float)
    new_requested = Signal()
    reply_requested = Signal(int)
    edit_requested = Signal(int)
    resolve_requested = Signal(int, bool)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.threads: list[CommentThread] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search comments")
        self.search.setClearButtonEnabled(True)
        self.show_resolved = QCheckBox("Resolved")
        self.show_resolved.setChecked(True)
        self.show_resolved.setToolTip("Show resolved threads too")
        self.new_button = QPushButton("Comment\u2026")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip("Comment on the moment playing now (M)")
        top.addWidget(self.search, 1)
        top.addWidget(self.show_resolved)
        top.addWidget(self.new_button)
        # A flat list (replies indented under their thread): it wraps long comments, where a
        # tree would elide them.
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        buttons = QHBoxLayout()
        self.reply_button = QPushButton("Reply\u2026")
        self.resolve_button = QPushButton("Resolve")
        self.edit_button = QPushButton("Edit\u2026")
        self.delete_button = QPushButton("Delete")
        for b in (self.reply_button, self.resolve_button, self.edit_button, self.delete_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.empty_hint = "No comments yet. Right-click a line, a cue or the timeline, or press M."
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(lambda _t: self._fill())
        self.show_resolved.toggled.connect(lambda _on: self._fill())
        self.new_button.clicked.connect(self.new_requested.emit)
        self.list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.list.itemClicked.connect(self._on_clicked)
        self.reply_button.clicked.connect(lambda: self._emit_selected(self.reply_requested))
        self.edit_button.clicked.connect(lambda: self._emit_selected(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._emit_selected(self.delete_requested))
        self.resolve_button.clicked.connect(self._on_resolve)
        self._update_buttons()

    def set_threads(self, threads: list[CommentThread]) -> None:
        keep = self.selected_id()
        self.threads = threads
        self._fill()
        if keep is not None:
            self.select(keep)

    def _matches(self, thread: CommentThread) -> bool:
        words = self.search.text().lower().split()
        if not words:
            return True
        body = " ".join(f"{c.author} {c.text}" for c in thread.comments).lower()
        return all(w in body for w in words)

    def visible_threads(self) -> list[CommentThread]:
        return [th for th in self.threads
                if (self.show_resolved.isChecked() or not th.resolved) and self._matches(th)]  # fmt: skip

    def _fill(self) -> None:
        self.list.clear()
        shown = self.visible_threads()
        for thread in shown:
            self.list.addItem(self._item(thread.root, thread.resolved, root=True))
            for reply in thread.replies:
                self.list.addItem(self._item(reply, thread.resolved, root=False))
        if not shown:
            hint = QListWidgetItem(self.empty_hint if not self.threads else "No comment matches.")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            hint.setForeground(QColor(style.MUTED))
            self.list.addItem(hint)
        self._update_buttons()

    def _item(self, c: StoredComment, resolved: bool, root: bool) -> QListWidgetItem:
        who = c.author or "Someone"
        edited = " (edited)" if c.edited else ""
        if root:
            state = " \u00b7 \u2713 resolved" if resolved else ""
            text = f"{clock(c.t)} \u00b7 {who}{state}{edited}\n{c.text}"
        else:
            text = f"      \u21b3 {who}{edited}: {c.text}"
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, c.id)
        item.setData(T_ROLE, c.t)
        item.setToolTip(f"{who}, {c.created_at:%Y-%m-%d %H:%M}")
        if resolved:
            item.setForeground(QColor(RESOLVED_COLOUR))
        elif not root:
            item.setForeground(QColor(style.MUTED))
        return item

    def _on_clicked(self, item: QListWidgetItem) -> None:
        t = item.data(T_ROLE)
        if t is not None:
            self.seek_requested.emit(float(t))

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select(self, comment_id: int) -> bool:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == comment_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return True
        return False

    def thread_of_selected(self) -> CommentThread | None:
        cid = self.selected_id()
        return next((th for th in self.threads if cid in {c.id for c in th.comments}), None)

    def _update_buttons(self) -> None:
        thread = self.thread_of_selected()
        for b in (self.reply_button, self.resolve_button, self.edit_button, self.delete_button):
            b.setEnabled(thread is not None)
        self.resolve_button.setText("Reopen" if thread is not None and thread.resolved
                                    else "Resolve")  # fmt: skip

    def _emit_selected(self, signal: Signal) -> None:  # type: ignore[type-arg]
        cid = self.selected_id()
        if cid is not None:
            signal.emit(cid)

    def _on_resolve(self) -> None:
        thread = self.thread_of_selected()
        if thread is not None:
            self.resolve_requested.emit(thread.id, not thread.resolved)


class CommentMargin(QWidget):
    """Beside the transcript: each thread as a small note level with its line, kept in step
    with the transcript's scrolling. A click selects the thread."""

    thread_clicked = Signal(int)

    def __init__(self, transcript: TranscriptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.transcript = transcript
        self.threads: list[CommentThread] = []
        self.segment_index: dict[int, int] = {}  # segment id -> transcript line index
        self._boxes: list[tuple[QRectF, int]] = []
        self.setFixedWidth(MARGIN_WIDTH)
        self.setMouseTracking(True)
        transcript.verticalScrollBar().valueChanged.connect(lambda _v: self.update())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(MARGIN_WIDTH, 200)

    def set_threads(self, threads: list[CommentThread], segments: list[StoredSegment]) -> None:
        self.threads = threads
        self.segment_index = {s.id: i for i, s in enumerate(segments)}
        self.update()

    def line_of(self, thread: CommentThread) -> int | None:
        seg = thread.root.segment_id
        if seg is not None and seg in self.segment_index:
            return self.segment_index[seg]
        return self.transcript.index_at_time(thread.t)

    def line_y(self, index: int) -> float:
        """The line's top in this widget's coordinates (the transcript's viewport, mapped)."""
        line = self.transcript.lines[index]
        cursor = self.transcript.textCursor()
        cursor.setPosition(line.header_pos)
        top = self.transcript.cursorRect(cursor).top()
        viewport = self.transcript.viewport()
        return float(self.mapFromGlobal(viewport.mapToGlobal(viewport.rect().topLeft())).y()
                     + top)  # fmt: skip

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(style.SURFACE))
        p.setPen(QColor(style.BORDER))
        p.drawLine(QPointF(0.5, 0), QPointF(0.5, self.height()))
        self._boxes = []
        if not self.transcript.lines:
            p.end()
            return
        metrics = p.fontMetrics()
        line_h = metrics.height()
        next_free = -1e9
        for thread in self.threads:
            index = self.line_of(thread)
            if index is None:
                continue
            y = max(self.line_y(index), next_free)
            height = 3 * line_h + 8
            if y > self.height() or y + height < 0:
                next_free = y + height + 4
                continue
            rect = QRectF(8, y, self.width() - 14, height)
            colour = QColor(RESOLVED_COLOUR if thread.resolved else COMMENT_COLOUR)
            fill = QColor(colour)
            fill.setAlpha(28)
            p.setPen(QPen(colour, 1))
            p.setBrush(fill)
            p.drawRoundedRect(rect, 5, 5)
            p.setPen(QColor(style.INK if not thread.resolved else style.MUTED))
            replies = f" \u00b7 {len(thread.replies)} repl{'y' if len(thread.replies) == 1 else 'ies'}" if thread.replies else ""
            tick = "\u2713 " if thread.resolved else ""
            head = metrics.elidedText(f"{tick}{thread.root.author or 'Someone'}{replies}",
                                      Qt.TextElideMode.ElideRight, int(rect.width()) - 12)  # fmt: skip
            body = _two_lines(metrics, " ".join(thread.root.text.split()), int(rect.width()) - 12)
            font = p.font()
            font.setBold(True)
            p.setFont(font)
            p.drawText(QRectF(rect.left() + 6, rect.top() + 3, rect.width() - 12, line_h),
                       Qt.AlignmentFlag.AlignLeft, head)  # fmt: skip
            font.setBold(False)
            p.setFont(font)
            p.drawText(QRectF(rect.left() + 6, rect.top() + 4 + line_h, rect.width() - 12,
                              2 * line_h), Qt.AlignmentFlag.AlignLeft, body)  # fmt: skip
            self._boxes.append((rect, thread.id))
            next_free = y + height + 4
        p.end()

    def thread_at(self, point: QPointF) -> int | None:
        return next((tid for rect, tid in self._boxes if rect.contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        tid = self.thread_at(event.position())
        if tid is not None:
            self.thread_clicked.emit(tid)
        super().mousePressEvent(event)


class ReviewComments(QObject):
    """Comments for one review window: storage, the panel, the margin, the timeline items."""

    seek_requested = Signal(float)
    changed = Signal()  # threads changed: the timeline redraws

    def __init__(self, store: Store, interview_id: int, transcript: TranscriptView,
                 author: Callable[[], str], parent: QObject | None = None,
                 ask_text: AskText = ask_multiline) -> None:  # fmt: skip
        super().__init__(parent)
        self.repo = CommentRepository(store)
        self.interview_id = interview_id
        self.transcript = transcript
        self.author = author
        self.ask_text = ask_text
        self.confirm_delete: Callable[[QWidget, str], bool] = _confirm
        self.segments: list[StoredSegment] = []
        self.cues: list[StoredCue] = []
        self.threads: list[CommentThread] = []
        self.panel = CommentsPanel()
        self.margin = CommentMargin(transcript)
        self.transcript_with_margin = QWidget()
        row = QHBoxLayout(self.transcript_with_margin)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(transcript, 1)
        row.addWidget(self.margin)
        self.panel.seek_requested.connect(self.seek_requested.emit)
        self.panel.reply_requested.connect(self.ask_reply)
        self.panel.edit_requested.connect(self.ask_edit)
        self.panel.delete_requested.connect(self.ask_delete)
        self.panel.resolve_requested.connect(self.set_resolved)
        self.margin.thread_clicked.connect(self._on_margin_click)

    # --- data -----------------------------------------------------------------------------

    def reload(self, segments: list[StoredSegment] | None = None,
               cues: list[StoredCue] | None = None) -> None:  # fmt: skip
        if segments is not None:
            self.segments = segments
        if cues is not None:
            self.cues = cues
        self.threads = self.repo.threads(self.interview_id)
        self.panel.set_threads(self.threads)
        self.margin.set_threads(self.threads, self.segments)
        # The margin takes room from the transcript only when there is something to show.
        self.margin.setVisible(bool(self.threads))
        self.changed.emit()

    def timeline_items(self) -> list[TimelineItem]:
        items = []
        for th in self.threads:
            n = len(th.replies)
            title = f"Comment \u00b7 {th.root.author or 'Someone'}" + (
                f" \u00b7 {n} repl{'y' if n == 1 else 'ies'}" if n else "") + (
                " \u00b7 resolved" if th.resolved else "")  # fmt: skip
            items.append(TimelineItem(ItemKind.COMMENT, th.t, title, _first_line(th.root.text),
                                      ref=th.id))  # fmt: skip
        return items

    def tab_title(self) -> str:
        open_ = sum(1 for th in self.threads if not th.resolved)
        return f"Comments ({open_})" if open_ else "Comments"

    # --- moments --------------------------------------------------------------------------

    def moment_of_line(self, index: int) -> Moment:
        seg = self.segments[index]
        return Moment(seg.segment.start, segment_id=seg.id,
                      what=f"the line at {clock(seg.segment.start)}")  # fmt: skip

    def moment_at(self, t: float, cue_t: float | None = None) -> Moment:
        """A time on the timeline; a cue there (a marker clicked) when cue_t is given."""
        if cue_t is not None:
            cue = min(self.cues, key=lambda c: abs(c.start - cue_t), default=None)
            if cue is not None and abs(cue.start - cue_t) < 0.05:
                return Moment(cue.start, cue_id=cue.id,
                              what=f"the {cue.kind.replace('_', ' ')} cue at {clock(cue.start)}")  # fmt: skip
        index = self.transcript.index_at_time(t)
        segment_id = self.segments[index].id if index is not None and self.segments else None
        return Moment(t, segment_id=segment_id, what=f"the moment at {clock(t)}")

    # --- actions (each asks, then stores, then refreshes) ------------------------------------

    def add(self, moment: Moment, text: str) -> int:
        cid = self.repo.add(self.interview_id, t=moment.t, text=text, author=self.author(),
                            segment_id=moment.segment_id, cue_id=moment.cue_id)  # fmt: skip
        self.reload()
        self.panel.select(cid)
        return cid

    def ask_new(self, moment: Moment) -> int | None:
        text = self.ask_text(self.panel, "Comment", f"Your comment on {moment.what}:", "")
        if text is None or not text.strip():
            return None
        try:
            return self.add(moment, text)
        except ValueError as exc:
            self._warn(str(exc))
            return None

    def ask_reply(self, comment_id: int) -> int | None:
        text = self.ask_text(self.panel, "Reply", "Your reply:", "")
        if text is None or not text.strip():
            return None
        try:
            rid = self.repo.reply(comment_id, text=text, author=self.author())
        except (ValueError, KeyError) as exc:
            self._warn(str(exc))
            return None
        self.reload()
        self.panel.select(rid)
        return rid

    def ask_edit(self, comment_id: int) -> bool:
        current = self.repo.get(comment_id)
        if current is None:
            return False
        text = self.ask_text(self.panel, "Edit comment", "Comment:", current.text)
        if text is None:
            return False
        try:
            self.repo.edit(comment_id, text)
        except (ValueError, KeyError) as exc:
            self._warn(str(exc))
            return False
        self.reload()
        return True

    def ask_delete(self, comment_id: int) -> bool:
        thread = self.repo.thread_of(comment_id)
        if thread is None:
            return False
        whole = thread.id == comment_id and thread.replies
        question = ("Delete this comment and its replies?" if whole
                    else "Delete this comment?")  # fmt: skip
        if not self.confirm_delete(self.panel, question):
            return False
        self.repo.delete(comment_id)
        self.reload()
        return True

    def set_resolved(self, comment_id: int, resolved: bool) -> None:
        self.repo.set_resolved(comment_id, resolved)
        self.reload()

    def _on_margin_click(self, thread_id: int) -> None:
        self.panel.select(thread_id)
        thread = next((th for th in self.threads if th.id == thread_id), None)
        if thread is not None:
            self.seek_requested.emit(thread.t)

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self.panel, "Comment", message)


def _confirm(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Delete comment", question)
    return answer == QMessageBox.StandardButton.Yes
