"""The review window: the recording, the transcript following it, the timeline, and cards.

    ReviewWindow(store, interview_id, seek_to=None, parent=None)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSlider,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.export import (
    CARD_FORMATS,
    TRANSCRIPT_FORMATS,
    FollowUpEmail,
    cards_of,
    draft_follow_up,
    export_cards,
    export_transcript,
    load_document,
)
from app.export.document import ExportDocument
from app.export.timefmt import clock
from app.session.consent import ConsentState
from app.session.segments import Speaker
from app.store.cards import CardRepository, tag_label
from app.store.db import Store
from app.store.recordings import RecordingRepository, StoredRecording
from app.store.transcript import EditConflict, SegmentRepository
from app.ui.banner import StatusBanner
from app.ui.review.cards import CardDialog, CardsPanel
from app.ui.review.comments import ReviewComments, author_name
from app.ui.review.email_dialog import EmailDialog
from app.ui.review.improve import ImprovePanel
from app.ui.review.player import SKIP_S, SPEEDS, ReviewPlayer
from app.ui.review.suggestions import SuggestionsPanel
from app.ui.review.timeline import TimelineWidget
from app.ui.review.timeline_data import ItemKind, PhaseBand, TimelineData, TimelineItem
from app.ui.review.transcript_view import TextSelection, TranscriptView

SLIDER_STEPS = 10_000


class ReviewWindow(QMainWindow):
    changed = Signal()  # the interview's transcript or cards changed (the library refreshes)

    def __init__(self, store: Store, interview_id: int, seek_to: float | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.interview_id = interview_id
        self.segment_repo = SegmentRepository(store)
        self.card_repo = CardRepository(store)
        self.recording_repo = RecordingRepository(store)
        self.recording: StoredRecording | None = None
        self.player = ReviewPlayer(self)
        self._slider_dragging = False
        self._build()
        self.reload()
        self._load_recording()
        if seek_to is not None:
            self.seek_to(seek_to)
        else:
            self.seek_to(self.timeline.data.start if not self.doc.segments
                         else self.doc.segments[0].segment.start)  # fmt: skip

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.resize(1180, 780)
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)

        self.title_label = QLabel()
        self.title_label.setProperty("role", "title")
        self.meta_label = QLabel()
        self.meta_label.setProperty("role", "muted")
        self.meta_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)

        self.banner = StatusBanner()
        layout.addWidget(self.banner)
        self.locate_row = QWidget()
        locate_layout = QHBoxLayout(self.locate_row)
        locate_layout.setContentsMargins(0, 0, 0, 0)
        self.locate_label = QLabel()
        self.locate_label.setProperty("role", "warning")
        self.locate_label.setWordWrap(True)
        self.locate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.locate_button = QPushButton("Locate the recording\u2026")
        locate_layout.addWidget(self.locate_label, 1)
        locate_layout.addWidget(self.locate_button)
        self.locate_row.hide()
        layout.addWidget(self.locate_row)
        # Improve transcript (issue 14): its progress row here, its button in the bar below.
        self.improve = ImprovePanel(self.store, self.interview_id, parent=self)
        self.improve.applied.connect(lambda _result: (self.reload(), self.changed.emit()))
        self.improve.message.connect(self.banner.show_message)
        layout.addWidget(self.improve)

        bar = QHBoxLayout()
        self.back_button = QPushButton(f"\u27f2 {SKIP_S:g} s")
        self.play_button = QPushButton("\u25b6  Play")
        self.play_button.setProperty("primary", True)
        self.play_button.setMinimumWidth(96)
        self.forward_button = QPushButton(f"{SKIP_S:g} s \u27f3")
        self.back_button.setToolTip(f"Back {SKIP_S:g} s (\u2190 or J)")
        self.play_button.setToolTip("Play or pause (Space; K pauses, L plays and speeds up)")
        self.forward_button.setToolTip(f"Forward {SKIP_S:g} s (\u2192)")
        self.position_label = QLabel("0:00 / 0:00")
        self.position_label.setProperty("role", "muted")
        self.position_label.setMinimumWidth(110)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.speed_combo = QComboBox()
        for speed in SPEEDS:
            self.speed_combo.addItem(f"{speed:g}\u00d7", speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_combo.setToolTip("Playback speed; the voice keeps its pitch")
        for w in (self.back_button, self.play_button, self.forward_button, self.slider,
                  self.speed_combo):  # fmt: skip
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar.addWidget(self.back_button)
        bar.addWidget(self.play_button)
        bar.addWidget(self.forward_button)
        bar.addWidget(self.position_label)
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.speed_combo)
        self.practice_button = QPushButton("Practice\u2026")
        self.practice_button.setToolTip("Replay this interview as live: spot the cues, re-ask")
        self.practice_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.practice_button.clicked.connect(self.open_practice)
        bar.addWidget(self.practice_button)
        bar.addWidget(self.improve.button)
        layout.addLayout(bar)

        self.timeline = TimelineWidget()
        layout.addWidget(self.timeline)

        self.transcript = TranscriptView()
        # Comments on moments: a side tab, notes beside the transcript, marks on the timeline.
        self.comments = ReviewComments(self.store, self.interview_id, self.transcript,
                                       author=author_name, parent=self)  # fmt: skip
        self.cards_panel = CardsPanel()
        self.cues_list = QListWidget()
        self.cues_list.setWordWrap(True)
        self.cues_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.moments_list = QListWidget()
        self.moments_list.setWordWrap(True)
        self.moments_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs = QTabWidget()
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.setDocumentMode(True)  # five tabs fit the side pane at the default size
        self.tabs.addTab(self.cards_panel, "Cards")
        self.tabs.addTab(self.cues_list, "Cues")
        self.tabs.addTab(self.moments_list, "Notes")
        self.tabs.addTab(self.comments.panel, "Comments")
        # Suggested highlights (issue 12): computed when the tab is first shown.
        self.suggestions_panel = SuggestionsPanel(self.store, self.interview_id)
        self.tabs.addTab(self.suggestions_panel, "Highlights")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.comments.transcript_with_margin)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 480])
        layout.addWidget(splitter, 1)
        hint = QLabel("Space play/pause \u00b7 \u2190 \u2192 10 s \u00b7 \u2191 \u2193 previous/"
                      "next line \u00b7 J back \u00b7 K pause \u00b7 L play/faster \u00b7 "
                      "C card from selection \u00b7 click a word to jump there")  # fmt: skip
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self.setCentralWidget(root)
        self._build_menus()

        self.back_button.clicked.connect(lambda: self.player.skip(-SKIP_S))
        self.forward_button.clicked.connect(lambda: self.player.skip(SKIP_S))
        self.play_button.clicked.connect(self.player.toggle)
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.player.set_rate(float(self.speed_combo.itemData(i))))
        self.slider.sliderPressed.connect(lambda: setattr(self, "_slider_dragging", True))
        self.slider.sliderReleased.connect(self._slider_released)
        self.slider.actionTriggered.connect(self._slider_action)
        self.player.position_changed.connect(self._on_position)
        self.player.playing_changed.connect(self._on_playing)
        self.player.duration_changed.connect(lambda _d: self._refresh_timeline())
        self.player.rate_changed.connect(self._on_rate)
        self.player.problem.connect(lambda message: self.banner.show_message(message, "warning"))
        self.timeline.seek_requested.connect(self.seek_to)
        self.transcript.seek_requested.connect(self.seek_to)
        self.transcript.card_requested.connect(self.new_card)
        self.transcript.edit_requested.connect(self.ask_edit_segment)
        self.transcript.rename_requested.connect(self.ask_rename_speaker)
        self.transcript.comment_requested.connect(
            lambda i: self.comments.ask_new(self.comments.moment_of_line(i)))
        self.timeline.comment_requested.connect(
            lambda t, cue_t: self.comments.ask_new(
                self.comments.moment_at(t, cue_t if cue_t >= 0 else None)))
        self.comments.seek_requested.connect(self.seek_to)
        self.comments.changed.connect(self._on_comments_changed)
        self.comments.panel.new_requested.connect(self.comment_here)
        self.cards_panel.play_requested.connect(self.play_from)
        self.cards_panel.new_requested.connect(self.new_card)
        self.cards_panel.delete_requested.connect(self.delete_card)
        self.cards_panel.edit_requested.connect(self.edit_card)
        self.cards_panel.export_requested.connect(self.ask_export_cards)
        self.suggestions_panel.play_requested.connect(self.play_from)
        self.suggestions_panel.cards_changed.connect(lambda: (self.reload(), self.changed.emit()))
        self.cues_list.itemClicked.connect(lambda item: self.seek_to(item.data(Qt.ItemDataRole.UserRole)))
        self.moments_list.itemClicked.connect(lambda item: self.seek_to(item.data(Qt.ItemDataRole.UserRole)))
        self.locate_button.clicked.connect(self.ask_locate_recording)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        transcript_menu = file_menu.addMenu("Export transcript")
        for fmt, (suffix, label, _fn) in TRANSCRIPT_FORMATS.items():
            action = transcript_menu.addAction(f"{label} ({suffix})")
            action.triggered.connect(lambda _c=False, f=fmt: self.ask_export_transcript(f))
        cards_menu = file_menu.addMenu("Export cards")
        for fmt, (suffix, label) in CARD_FORMATS.items():
            action = cards_menu.addAction(f"{label} ({suffix})")
            action.triggered.connect(lambda _c=False, f=fmt: self.ask_export_cards(f))
        file_menu.addAction("Follow-up email\u2026").triggered.connect(self.show_email)
        file_menu.addSeparator()
        close = file_menu.addAction("Close")
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        card = QAction("New card from selection\u2026", self)
        card.setShortcut(QKeySequence(Qt.Key.Key_C))
        card.triggered.connect(self.new_card)
        edit_menu.addAction(card)
        comment = QAction("Comment on this moment\u2026", self)
        comment.setShortcut(QKeySequence(Qt.Key.Key_M))
        comment.triggered.connect(self.comment_here)
        edit_menu.addAction(comment)
        edit_menu.addAction("Correct the current line\u2026").triggered.connect(
            lambda: self.ask_edit_segment(self.transcript.current or 0))
        edit_menu.addAction("Rename the participant\u2026").triggered.connect(
            lambda: self.ask_rename_speaker_role(Speaker.PARTICIPANT))
        edit_menu.addAction("Rename the interviewer\u2026").triggered.connect(
            lambda: self.ask_rename_speaker_role(Speaker.INTERVIEWER))  # fmt: skip
        edit_menu.addSeparator()
        delete_transcript = edit_menu.addAction("Delete the transcript\u2026")
        delete_transcript.setToolTip("Delete every transcript line (and the cards quoting them); "
                                     "notes, marks, comments and the recording stay")  # fmt: skip
        delete_transcript.triggered.connect(self.delete_transcript)

    def delete_transcript(self, *, confirm: bool = True) -> int:
        """Deletes this interview's transcript, both sides, with its search entries and the
        cards quoting it; the notes, marks and comments stay. Returns the lines deleted."""
        if confirm and not self.confirm_delete_transcript():
            return 0
        deleted = SegmentRepository(self.store).forget(self.interview_id)
        self.reload()
        self.changed.emit()
        self.statusBar().showMessage(f"Deleted {deleted} transcript line"
                                     f"{'s' * (deleted != 1)}; notes and marks are kept.", 6000)  # fmt: skip
        return deleted

    def confirm_delete_transcript(self) -> bool:
        """Tests replace this method."""
        answer = QMessageBox.question(
            self, "Delete the transcript?",
            "Delete every line of this interview's transcript, its search entries and the "
            "cards quoting it? Your notes, marks and comments stay. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    # --- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Reads the interview again (after an edit) and refreshes every view."""
        self.doc: ExportDocument = load_document(self.store, self.interview_id)
        iv = self.doc.interview
        self.setWindowTitle(f"{iv.display_title} \u2014 Review \u2014 Tell Me More")
        self.title_label.setText(iv.display_title)
        when = (iv.started_at or iv.created_at).strftime("%Y-%m-%d %H:%M")
        parts = [when]
        if iv.interviewer_name:
            parts.append(f"interviewer {iv.interviewer_name}")
        parts.append(clock(self.doc.end_t))
        parts.append(f"consent {iv.consent_state.replace('_', ' ')}")
        if iv.focus:
            parts.append(f"focus: \u201c{iv.focus}\u201d")
        self.meta_label.setText(" \u00b7 ".join(parts))
        current = self.transcript.current
        scroll = self.transcript.verticalScrollBar().value()
        self.transcript.set_segments(self.doc.segments, self.doc.speaker_label)
        self.transcript.verticalScrollBar().setValue(scroll)
        if current is not None and current < len(self.doc.segments):
            self.transcript.highlight(current)
        if not self.doc.segments:
            self.banner.show_message("This interview has an empty transcript.", "info")
        self.cards_panel.set_cards(self.doc.cards)
        self._fill_side_lists()
        self.comments.reload(self.doc.segments, self.doc.cues)
        self._refresh_timeline()

    def _fill_side_lists(self) -> None:
        self.cues_list.clear()
        for cue in self.doc.cues:
            said = f"\n\u201c{cue.text}\u201d" if cue.text else ""
            # Cues the coach was unsure of were not shown during the call: say so, and grey
            # them, so the review teaches from the sure ones first.
            sure = "" if cue.live else f" \u00b7 unsure ({cue.confidence:.0%}), not shown live"
            item = QListWidgetItem(
                f"{clock(cue.start)} \u00b7 {cue.kind}{sure}{said}\n{cue.suggestion}"
            )
            item.setData(Qt.ItemDataRole.UserRole, cue.start)
            if not cue.live:
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.cues_list.addItem(item)
        self.moments_list.clear()
        moments = [(m.t, f"Mark{': ' + m.label if m.label else ''}") for m in self.doc.marks]
        moments += [(n.t, f"Note: {n.text}") for n in self.doc.notes]
        moments += [(t, f"Consent {s.replace('_', ' ')}") for t, s in self.doc.consent]
        for t, text in sorted(moments):
            item = QListWidgetItem(f"{clock(t)} \u00b7 {text}")
            item.setData(Qt.ItemDataRole.UserRole, t)
            self.moments_list.addItem(item)
        self.tabs.setTabText(1, f"Cues ({len(self.doc.cues)})")
        self.tabs.setTabText(0, f"Cards ({len(self.doc.cards)})")

    def _refresh_timeline(self) -> None:
        doc = self.doc
        end = doc.end_t
        if self.recording is not None:
            end = max(end, self.recording.offset_s + max(self.player.duration_s,
                                                         self.recording.duration_s))  # fmt: skip
        items = [TimelineItem(ItemKind.CUE, c.start, c.kind, c.suggestion) for c in doc.cues]
        items += [TimelineItem(ItemKind.MARK, m.t, "Mark", m.label) for m in doc.marks]
        items += [TimelineItem(ItemKind.NOTE, n.t, "Note", n.text) for n in doc.notes]
        items += [TimelineItem(ItemKind.CARD, c.start, f"Card \u00b7 {tag_label(c.tag)}",
                               c.quote) for c in doc.cards]  # fmt: skip
        shown = {ConsentState.GRANTED, ConsentState.DECLINED, ConsentState.REVOKED}
        items += self.comments.timeline_items()
        items += [TimelineItem(ItemKind.CONSENT, t, f"Consent {s.replace('_', ' ')}")
                  for t, s in doc.consent if s in shown]  # fmt: skip
        phases = tuple(PhaseBand(p.index, p.name, p.start, p.end) for p in doc.phases)
        self.timeline.set_data(TimelineData(0.0, max(end, 1.0), phases, tuple(items)))

    def _load_recording(self) -> None:
        recordings = self.recording_repo.for_interview(self.interview_id)
        usable = [r for r in recordings if r.status != "recording"] or recordings
        self.recording = usable[0] if usable else None
        self.locate_row.hide()
        if self.recording is None:
            self.player.load(None)
            self._set_transport_enabled(False)
            self.banner.show_message("This interview has no recording; the transcript is "
                                     "shown on its own.", "info")  # fmt: skip
            return
        ok = self.player.load(self.recording.path, self.recording.offset_s,
                              self.recording.duration_s)  # fmt: skip
        self._set_transport_enabled(ok)
        if not ok:
            self.locate_label.setText(
                f"The recording is not where it was saved. Looked for it at "
                f"{self.recording.path}. The transcript is shown without sound.")  # fmt: skip
            self.locate_row.show()
        self._refresh_timeline()

    def _set_transport_enabled(self, on: bool) -> None:
        for w in (self.play_button, self.speed_combo):
            w.setEnabled(on)

    # --- comments and practice (app.ui.review.comments, app.ui.practice) -------------------

    def comment_here(self) -> int | None:
        """A comment on the line playing now (else the current time)."""
        index = self.transcript.index_at_time(self.player.position_s)
        moment = (self.comments.moment_of_line(index) if index is not None
                  else self.comments.moment_at(self.player.position_s))  # fmt: skip
        return self.comments.ask_new(moment)

    def _on_comments_changed(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.comments.panel), self.comments.tab_title())
        self._refresh_timeline()

    def open_practice(self) -> QWidget:
        from app.settings import Settings
        from app.ui.practice import PracticeWindow

        self.player.pause()
        window = PracticeWindow(self.store, self.interview_id, Settings(), parent=self)
        window.setWindowFlag(Qt.WindowType.Window, True)
        window.show()
        self.practice_window = window
        return window

    def release_media(self) -> None:
        self.player.release()

    # --- player ---------------------------------------------------------------------------

    def seek_to(self, t: float) -> None:
        self.player.seek(t)

    def play_from(self, t: float) -> None:
        self.player.seek(t)
        self.player.play()

    def _on_position(self, t: float) -> None:
        self.transcript.highlight_time(t)
        self.timeline.set_position(t)
        data = self.timeline.data
        if not self._slider_dragging:
            self.slider.blockSignals(True)
            self.slider.setValue(round((t - data.start) / data.length * SLIDER_STEPS))
            self.slider.blockSignals(False)
        self.position_label.setText(f"{clock(t)} / {clock(data.end)}")

    def _slider_released(self) -> None:
        self._slider_dragging = False
        data = self.timeline.data
        self.seek_to(data.start + self.slider.value() / SLIDER_STEPS * data.length)

    def _slider_action(self, _action: int) -> None:
        if not self._slider_dragging:  # page steps and clicks on the groove
            data = self.timeline.data
            self.seek_to(data.start + self.slider.sliderPosition() / SLIDER_STEPS * data.length)

    def _on_playing(self, playing: bool) -> None:
        self.play_button.setText("\u275a\u275a  Pause" if playing else "\u25b6  Play")

    def _on_rate(self, rate: float) -> None:
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - rate))
        self.speed_combo.blockSignals(True)
        self.speed_combo.setCurrentIndex(nearest)
        self.speed_combo.blockSignals(False)

    def step_line(self, delta: int) -> None:
        if not self.doc.segments:
            return
        current = self.transcript.index_at_time(self.player.position_s)
        target = 0 if current is None else min(max(current + delta, 0),
                                               len(self.doc.segments) - 1)  # fmt: skip
        self.seek_to(self.doc.segments[target].segment.start)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Space,):
            self.player.toggle()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_J):
            if key == Qt.Key.Key_J and self.player.rate > 1.0:
                self.player.set_rate(1.0)
            self.player.skip(-SKIP_S)
        elif key == Qt.Key.Key_Right:
            self.player.skip(SKIP_S)
        elif key == Qt.Key.Key_K:
            self.player.pause()
        elif key == Qt.Key.Key_L:
            if self.player.is_playing():
                self.player.faster()
            else:
                self.player.play()
        elif key == Qt.Key.Key_Up:
            self.step_line(-1)
        elif key == Qt.Key.Key_Down:
            self.step_line(1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- recording file -------------------------------------------------------------------

    def ask_locate_recording(self) -> None:
        start = str(self.recording.path.parent) if self.recording else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Locate the recording", start,
                                              "Audio and video (*.wav *.flac *.mp3 *.m4a *.ogg "
                                              "*.opus *.mp4 *.mov *.mkv *.webm);;All files (*)")  # fmt: skip
        if path:
            self.locate_recording(Path(path))

    def locate_recording(self, path: Path) -> bool:
        if self.recording is None or not path.is_file():
            return False
        self.recording_repo.update(self.recording.id, path=path)
        self.banner.dismiss()
        self._load_recording()
        return self.player.has_media

    # --- transcript edits -----------------------------------------------------------------

    def edit_segment(self, index: int, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            raise ValueError("a line cannot be empty")
        stored = self.doc.segments[index]
        try:
            self.segment_repo.edit_text(stored.id, text, expected_version=stored.version,
                                        editor=author_name())  # fmt: skip
        except EditConflict as conflict:  # another reviewer saved first: shown, not overwritten
            self.reload()
            self.banner.show_message(conflict.message(), "warning")
            return
        self.reload()
        self.changed.emit()

    def rename_speaker(self, speaker: Speaker, name: str) -> None:
        self.segment_repo.rename_speaker(self.interview_id, speaker, name.strip())
        self.reload()
        self.changed.emit()

    def ask_edit_segment(self, index: int) -> None:
        if not self.doc.segments:
            return
        stored = self.doc.segments[index]
        original = f"\n\nOriginally: {stored.original_text}" if stored.edited else ""
        text, ok = QInputDialog.getMultiLineText(
            self, "Correct this line", f"{self.doc.speaker_label(stored)} at "
            f"{clock(stored.segment.start)}{original}", stored.segment.text)  # fmt: skip
        if ok and text.strip() and text.strip() != stored.segment.text:
            self.edit_segment(index, text)

    def ask_rename_speaker(self, index: int) -> None:
        if self.doc.segments:
            self.ask_rename_speaker_role(self.doc.segments[index].segment.speaker)

    def ask_rename_speaker_role(self, speaker: Speaker) -> None:
        current = next((self.doc.speaker_label(s) for s in self.doc.segments
                        if s.segment.speaker is speaker), "")  # fmt: skip
        name, ok = QInputDialog.getText(self, "Rename speaker",
                                        f"Name for every line of \u201c{current}\u201d:",
                                        text=current)  # fmt: skip
        if ok and name.strip():
            self.rename_speaker(speaker, name)

    # --- cards ----------------------------------------------------------------------------

    def create_card(self, selection: TextSelection, tag: str, note: str = "",
                    quote: str | None = None, speaker: str | None = None) -> int:  # fmt: skip
        first = self.doc.segments[selection.first]
        card_id = self.card_repo.add(
            self.interview_id, start=selection.start, end=selection.end,
            quote=quote if quote is not None else selection.quote, tag=tag,
            speaker_name=speaker if speaker is not None else self.doc.speaker_label(first),
            note=note, segment_id=first.id, author=author_name(),
        )  # fmt: skip
        self.reload()
        self.changed.emit()
        return card_id

    def new_card(self) -> int | None:
        selection = self.transcript.selection()
        if selection is None:
            self.banner.show_message("Select the words to quote in the transcript first.", "info")
            return None
        first = self.doc.segments[selection.first]
        dialog = CardDialog(selection.quote, selection.start, selection.end,
                            self.doc.speaker_label(first), self)  # fmt: skip
        if dialog.exec() != CardDialog.DialogCode.Accepted or not dialog.quote:
            return None
        return self.create_card(selection, dialog.tag, dialog.note, dialog.quote, dialog.speaker)

    def edit_card(self, card_id: int) -> None:
        card = self.card_repo.get(card_id)
        dialog = CardDialog(card.quote, card.start, card.end, card.speaker_name, self,
                            tag=card.tag, note=card.note)  # fmt: skip
        dialog.speaker_edit.setEnabled(False)
        if dialog.exec() == CardDialog.DialogCode.Accepted and dialog.quote:
            self.card_repo.update(card_id, tag=dialog.tag, note=dialog.note, quote=dialog.quote)
            self.reload()
            self.changed.emit()

    def delete_card(self, card_id: int) -> None:
        self.card_repo.delete(card_id)
        self.reload()
        self.changed.emit()

    # --- exports --------------------------------------------------------------------------

    def export_transcript(self, fmt: str, path: Path) -> Path:
        path.write_text(export_transcript(self.doc, fmt), encoding="utf-8")
        return path

    def export_cards(self, fmt: str, path: Path) -> Path:
        path.write_text(export_cards(cards_of(self.doc), fmt), encoding="utf-8")
        return path

    def _default_name(self, suffix: str, what: str = "transcript") -> str:
        name = "".join(ch if ch.isalnum() else "-" for ch in self.doc.interview.display_title)
        return f"{name.strip('-').lower() or 'interview'}-{what}{suffix}"

    def ask_export_transcript(self, fmt: str) -> None:
        suffix, label, _ = TRANSCRIPT_FORMATS[fmt]
        self._ask_save(label, suffix, self._default_name(suffix),
                       lambda p: self.export_transcript(fmt, p))  # fmt: skip

    def ask_export_cards(self, fmt: str) -> None:
        suffix, label = CARD_FORMATS[fmt]
        self._ask_save(label, suffix, self._default_name(suffix, "cards"),
                       lambda p: self.export_cards(fmt, p))  # fmt: skip

    def _ask_save(self, label: str, suffix: str, name: str, write: object) -> None:
        path, _ = QFileDialog.getSaveFileName(self, f"Export \u2014 {label}",
                                              str(Path.home() / name), f"{label} (*{suffix})")  # fmt: skip
        if not path:
            return
        try:
            write(Path(path))  # type: ignore[operator]
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"{path} could not be written: {exc}")
            return
        self.banner.show_message(f"Saved {path}", "info")

    def follow_up_email(self) -> FollowUpEmail:
        return draft_follow_up(self.doc)

    def show_email(self) -> EmailDialog:
        dialog = EmailDialog(self.follow_up_email(), self)
        dialog.show()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.improve.cancel()  # the worker stops at its next step; nothing is written
        self.player.release()
        super().closeEvent(event)


