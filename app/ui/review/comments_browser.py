"""Every comment on one interviewer's interviews (or on all), searchable, for the trainer view.

    browser = CommentsBrowser(store, person_id=None)   # None: every interview
    browser.open_requested.connect(lambda interview_id, t: ...)  # open the review there

Storage and search are app.store.comments (for_interviewer, search); this only lists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.export.timefmt import clock
from app.store.comments import CommentRepository
from app.store.db import Store
from app.ui import style

INTERVIEW_ROLE = Qt.ItemDataRole.UserRole
T_ROLE = Qt.ItemDataRole.UserRole + 1


class CommentsBrowser(QWidget):
    open_requested = Signal(int, float)  # interview id, the moment

    def __init__(self, store: Store, person_id: int | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.repo = CommentRepository(store)
        self.person_id = person_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search every comment")
        self.search.setClearButtonEnabled(True)
        self.open_only = QCheckBox("Open only")
        self.open_only.setToolTip("Hide resolved threads")
        top.addWidget(self.search, 1)
        top.addWidget(self.open_only)
        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setToolTip("Double-click to open the review at that moment")
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.list.itemDoubleClicked.connect(self._on_open)
        self.refresh()

    def set_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        query = self.search.text().strip()
        if query:
            self._fill_search(query)
        else:
            self._fill_threads()
        if self.list.count() == 0:
            empty = QListWidgetItem("No comment matches." if query else "No comments yet.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            empty.setForeground(QColor(style.MUTED))
            self.list.addItem(empty)

    def _fill_threads(self) -> None:
        groups = self.repo.by_interview(self.person_id)
        shown = 0
        for group in groups:
            threads = [th for th in group.threads
                       if not (self.open_only.isChecked() and th.resolved)]  # fmt: skip
            if not threads:
                continue
            header = QListWidgetItem(f"{group.title} \u00b7 {group.started:%Y-%m-%d}")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setData(INTERVIEW_ROLE, group.interview_id)
            header.setData(T_ROLE, 0.0)
            self.list.addItem(header)
            for th in threads:
                replies = f" \u00b7 {len(th.replies)} repl{'y' if len(th.replies) == 1 else 'ies'}" if th.replies else ""
                state = " \u00b7 \u2713 resolved" if th.resolved else ""
                item = QListWidgetItem(f"   {clock(th.t)} \u00b7 {th.root.author or 'Someone'}"
                                       f"{replies}{state}\n   {th.root.text}")  # fmt: skip
                item.setData(INTERVIEW_ROLE, group.interview_id)
                item.setData(T_ROLE, th.t)
                if th.resolved:
                    item.setForeground(QColor(style.FAINT))
                self.list.addItem(item)
                shown += 1
        self.summary.setText(f"{shown} thread{'s' if shown != 1 else ''}")

    def _fill_search(self, query: str) -> None:
        hits = self.repo.search(query, interviewer_id=self.person_id)
        for hit in hits:
            c = hit.comment
            item = QListWidgetItem(f"{hit.interview_title} \u00b7 {clock(c.t)} \u00b7 "
                                   f"{c.author or 'Someone'}\n{c.text}")  # fmt: skip
            item.setData(INTERVIEW_ROLE, hit.interview_id)
            item.setData(T_ROLE, c.t)
            self.list.addItem(item)
        self.summary.setText(f"{len(hits)} comment{'s' if len(hits) != 1 else ''} found")

    def _on_open(self, item: QListWidgetItem) -> None:
        interview_id = item.data(INTERVIEW_ROLE)
        if interview_id is not None:
            self.open_requested.emit(int(interview_id), float(item.data(T_ROLE)))
