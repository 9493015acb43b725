"""The live window: a small panel beside the video call that keeps the interview on track.

A thin view over a `LiveCall` (app.live.call), which owns the session, the persister, the audio
pipeline and the coach. Buttons and shortcuts call the call (or its session, the core, for
phases, notes and marks); everything the call has to say arrives as a report through its Qt
adapter (`CallBridge`) and is shown by `apply_report`, on the GUI thread. A timer redraws the
times from the session's clock; tests pass a FakeClock and call refresh().
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.live.call import LiveCall
from app.live.reports import (
    CallClosed,
    CueShown,
    Keeping,
    Levels,
    LiveReport,
    PartialText,
    ParticipantForgotten,
    QuestionsAsked,
    RecordingState,
    Status,
    StatusCleared,
    UtteranceUpdate,
)
from app.session.consent import ConsentState
from app.session.segments import Speaker
from app.session.session import (
    EventKind,
    SessionError,
    SessionEvent,
    SessionState,
    TimeStatus,
)
from app.settings import Key, Settings
from app.store.cues import CueRepository
from app.store.interviews import InterviewRepository
from app.ui import style
from app.ui.live.audio_strip import AudioStrip
from app.ui.live.bridge import CallBridge
from app.ui.live.checklist import PhaseChecklist
from app.ui.live.consent_bar import LOCKED_TIP, ConsentBar
from app.ui.live.cue_banner import CueBanner
from app.ui.live.phase_card import PhaseCard
from app.ui.live.questions import PlannedQuestions
from app.ui.live.shortcuts import SHORTCUTS, tip
from app.ui.live.summary import SummaryDialog
from app.ui.live.timefmt import clock
from app.ui.live.transcript import TranscriptModel, TranscriptView

REFRESH_MS = 200
class LiveWindow(QMainWindow):
    session_event = Signal(object)  # every SessionEvent, after it is saved
    finished = Signal(int)  # the interview id, once the call ended and the summary closed
    review_requested = Signal(int)  # the interview id: the summary's "Open review"
    cue_dismissed = Signal(str)
    call_closed = Signal(int)  # the last words are saved and the call scored

    def __init__(
        self,
        call: LiveCall,
        *,
        settings: Settings | None = None,
        refresh_ms: int = REFRESH_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.call = call
        self.store = call.store
        self.interview_id = call.interview_id
        self.settings = settings
        self.session = call.session
        plan = call.plan
        self.session.subscribe(self._on_session_event)
        self._banner_topic = ""
        self.auto_ticked: set[tuple[int, int]] = set()
        self.summary_dialog: SummaryDialog | None = None

        who = plan.participant.name or "Interview"
        self.setWindowTitle(f"{who} \u2014 Tell Me More")
        self.setMinimumSize(340, 520)
        self.resize(380, 700)
        self._build()
        self._build_shortcuts()
        self._restore_window_state()
        self.bridge = CallBridge(call)
        self.bridge.reported.connect(self.apply_report)
        self._show_phase()
        self._update_controls()
        self.refresh()

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(refresh_ms)

    # -- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        plan = self.session.plan
        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(12, 10, 12, 8)
        root.setSpacing(6)

        header = QHBoxLayout()
        who = " \u00b7 ".join(x for x in (plan.participant.name, plan.participant.company) if x)
        self.focus_label = QLabel()
        self.focus_label.setProperty("role", "muted")
        self.focus_label.setToolTip(f"The specific focus of this interview: {plan.focus}"
                                    if plan.focus else "No specific focus was set.")  # fmt: skip
        self._focus_text = f"Focus: {plan.focus}" if plan.focus else "No focus set"
        self.who_label = QLabel(who or "Unnamed participant")
        self.who_label.setProperty("role", "muted")
        header.addWidget(self.who_label, 1)
        self.state_label = QLabel()
        header.addWidget(self.state_label)
        self.pin_button = QPushButton("Pin")
        self.pin_button.setCheckable(True)
        self.pin_button.setProperty("flat", True)
        self.pin_button.setToolTip("Keep this window on top of the video call")
        self.pin_button.toggled.connect(self.set_always_on_top)
        header.addWidget(self.pin_button)
        # Before the call: are both sides heard, and not one device twice? (During the call
        # the meters below and the call's own warnings take over; it holds the devices.)
        self.check_audio_button = QPushButton("Check audio")
        self.check_audio_button.setProperty("flat", True)
        self.check_audio_button.setToolTip("Level meters for your microphone and the call, "
                                           "before you start")  # fmt: skip
        self.check_audio_button.clicked.connect(self.check_audio)
        header.addWidget(self.check_audio_button)
        root.addLayout(header)
        root.addWidget(self.focus_label)

        self.phase_card = PhaseCard(plan)
        card = self.phase_card
        # The card's parts, by the names the window's tests and screenshots use.
        self.phase_caps, self.phase_label = card.phase_caps, card.phase_label
        self.clock_label, self.remaining_label = card.clock_label, card.remaining_label
        self.phase_bar, self.call_bar, self.call_label = card.phase_bar, card.call_bar, card.call_label
        root.addWidget(card)

        self.cue_banner = CueBanner()
        self.cue_banner.dismissed.connect(self.cue_dismissed)
        self.cue_banner.dismissed.connect(self._on_cue_dismissed)
        root.addWidget(self.cue_banner)

        self.audio_strip = AudioStrip(plan.participant.name)
        root.addWidget(self.audio_strip)

        # The phase's goals and the planned questions share one pane (two tabs, each with its
        # count) above the transcript; the user drags the split to taste.
        self.checklist = PhaseChecklist()
        self.checklist.goal_toggled.connect(self._on_goal_toggled)
        self.planned = PlannedQuestions(plan.core_questions)
        self.planned.changed.connect(self._update_tab_titles)
        self.plan_tabs = QTabWidget()
        self.plan_tabs.setDocumentMode(True)
        self.plan_tabs.addTab(self.checklist, "Goals")
        self.plan_tabs.addTab(self.planned, "Questions")
        self.plan_tabs.setTabEnabled(1, bool(self.planned.questions))
        self._update_tab_titles()
        self.transcript_model = TranscriptModel(plan.participant.name, self)
        self.transcript = TranscriptView(self.transcript_model)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.splitter.addWidget(self.plan_tabs)
        self.splitter.addWidget(self.transcript)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._user_split = False
        self.splitter.splitterMoved.connect(self._on_split_moved)
        root.addWidget(self.splitter, 1)

        note_row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("Quick note \u2014 Enter saves")
        self.note_edit.setToolTip(tip("A note at this moment; Enter saves it", "note"))
        self.note_edit.returnPressed.connect(self.save_note)
        # The window's shortcuts win over the field's own keys (Ctrl+←/→ move by word).
        self.note_edit.installEventFilter(self)
        note_row.addWidget(self.note_edit, 1)
        self.mark_button = QPushButton("\u2691 Mark")
        self.mark_button.setToolTip(tip("Mark this moment to find it in review", "mark"))
        self.mark_button.clicked.connect(self.mark_moment)
        note_row.addWidget(self.mark_button)
        root.addLayout(note_row)

        nav_row = QHBoxLayout()
        self.prev_button = QPushButton("\u25c0 Previous")
        self.prev_button.setToolTip(tip("Back to the previous phase", "previous"))
        self.prev_button.clicked.connect(self.previous_phase)
        self.next_button = QPushButton("Next phase \u25b6")
        self.next_button.setToolTip(tip("On to the next phase", "next"))
        self.next_button.clicked.connect(self.next_phase)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip(tip("Pause the clock (a break in the call)", "pause"))
        self.pause_button.clicked.connect(self.toggle_pause)
        nav_row.addWidget(self.prev_button)
        nav_row.addWidget(self.next_button, 1)
        nav_row.addWidget(self.pause_button)
        self.start_end_button = QPushButton()
        self.start_end_button.clicked.connect(self.start_or_end)
        nav_row.addWidget(self.start_end_button)
        root.addLayout(nav_row)

        self.consent_bar = ConsentBar(plan.participant.name or "the participant")
        bar = self.consent_bar
        bar.granted_button.clicked.connect(self.grant_consent)
        bar.declined_button.clicked.connect(self.decline_consent)
        bar.revoke_button.clicked.connect(self.revoke_consent)
        bar.record_button.clicked.connect(self.toggle_recording)
        # The bar's parts, by the names the window's tests and screenshots use.
        self.consent_label, self.keeping_label = bar.consent_label, bar.keeping_label
        self.granted_button, self.declined_button = bar.granted_button, bar.declined_button
        self.revoke_button, self.record_button = bar.revoke_button, bar.record_button
        root.addWidget(bar)

        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(True)

    def _build_shortcuts(self) -> None:
        actions = {
            "next": self.next_phase,
            "previous": self.previous_phase,
            "mark": self.mark_moment,
            "note": self.focus_note,
            "granted": self.grant_consent,
            "declined": self.decline_consent,
            "record": self.toggle_recording,
            "pause": self.toggle_pause,
            "start_end": self.start_or_end,
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for name, handler in actions.items():
            shortcut = QShortcut(QKeySequence(SHORTCUTS[name][0]), self)
            shortcut.activated.connect(handler)
            self.shortcuts[name] = shortcut
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.cue_banner.dismiss)
        self.shortcuts["dismiss_cue"] = escape

    def _restore_window_state(self) -> None:
        if self.settings is None:
            return
        geometry = self.settings.geometry(Key.LIVE_WINDOW_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if self.settings.always_on_top:
            self.pin_button.setChecked(True)

    # -- actions (buttons and shortcuts) ---------------------------------------------------------
    def _live(self) -> bool:
        return self.session.state in (SessionState.RUNNING, SessionState.PAUSED)

    def start_or_end(self) -> None:
        if self.session.state is SessionState.NOT_STARTED:
            self.start_interview()
        elif self._live():
            self.end_interview()

    def check_audio(self) -> QWidget | None:
        if self.session.state is not SessionState.NOT_STARTED:
            return None
        from app.ui.audio_check import AudioCheckDialog
        from app.ui.live.bridge import make_source

        dialog = AudioCheckDialog(lambda: make_source(self.settings), self)
        dialog.open()
        return dialog

    def start_interview(self) -> None:
        if self.session.state is SessionState.NOT_STARTED:
            self.call.start()
            self.refresh()

    def next_phase(self) -> None:
        if self._live():
            self.session.next_phase()
            self.refresh()

    def previous_phase(self) -> None:
        if self._live():
            self.session.previous_phase()
            self.refresh()

    def toggle_pause(self) -> None:
        if self.session.state is SessionState.RUNNING:
            self.session.pause()
        elif self.session.state is SessionState.PAUSED:
            self.session.resume()
        self.refresh()

    def mark_moment(self) -> None:
        if self._live():
            self.session.mark()

    def focus_note(self) -> None:
        if self._live():
            self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text or not self._live():
            return
        try:
            self.session.note(text)
        except SessionError as exc:
            self.statusBar().showMessage(str(exc), 4000)
            return
        self.note_edit.clear()
        self.centralWidget().setFocus(Qt.FocusReason.OtherFocusReason)  # back to the call

    def grant_consent(self) -> None:
        if self.session.consent is not ConsentState.GRANTED:
            self.call.grant_consent()

    def decline_consent(self) -> None:
        self.call.decline_consent()

    def revoke_consent(self) -> None:
        if self.session.consent is not ConsentState.GRANTED:
            return
        answer = self.ask_revoke()
        if answer is None:
            return
        # Stops the recording first, in the core; the deletion reports ParticipantForgotten.
        self.call.revoke_consent(delete=answer == "delete")

    def ask_revoke(self) -> str | None:
        """ "delete", "keep", or None to cancel. Tests replace this method."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Consent revoked")
        box.setText("The participant withdrew consent. Recording stops now.")
        box.setInformativeText(
            "Delete what was recorded so far: the audio and the participant's words in the "
            "transcript? Your own lines, notes and marks stay."
        )
        delete = box.addButton("Delete their words", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "delete" if clicked is delete else "keep" if clicked is keep else None

    def toggle_recording(self) -> None:
        if self.session.recording:
            self.call.stop_recording()
        elif self.session.can_record():
            self.call.start_recording()
        elif self.session.consent is not ConsentState.GRANTED:
            self.statusBar().showMessage(f"{LOCKED_TIP}: recording needs consent.", 4000)

    def end_interview(self, *, confirm: bool = True) -> None:
        if not self._live():
            return
        if confirm and not self.confirm_end():
            return
        self.call.end()
        self.bridge.close_call()  # drains on a worker; CallClosed brings the score
        self.timer.stop()
        self.refresh()
        self.summary_dialog = SummaryDialog(self.session, self)
        self.summary_dialog.finished.connect(self._after_summary)
        self.summary_dialog.open()

    def confirm_end(self) -> bool:
        """Asks before ending: a stray Ctrl+E must not end a call. Tests replace this method."""
        answer = QMessageBox.question(
            self,
            "End the interview?",
            "End the interview now? The clock stops and the call is saved to the library.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _after_summary(self, _result: int = 0) -> None:
        wanted = self.summary_dialog is not None and self.summary_dialog.review_wanted
        self.finished.emit(self.interview_id)
        if wanted:
            self.review_requested.emit(self.interview_id)
        self.close()

    @Slot()
    def show_score(self) -> None:
        """The call is scored (after the last words were saved): the summary shows it."""
        self.call_closed.emit(self.interview_id)
        if self.summary_dialog is None:
            return
        summary = InterviewRepository(self.store).get(self.interview_id)
        cues = [(c.kind, c.live) for c in CueRepository(self.store).list(self.interview_id)]
        self.summary_dialog.show_score(summary.scorecard, cues)

    @Slot(bool)
    def set_always_on_top(self, on: bool) -> None:
        if self.pin_button.isChecked() != on:
            self.pin_button.setChecked(on)  # re-enters through toggled
            return
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            self.show()  # changing window flags hides the window
        if self.settings is not None:
            self.settings.always_on_top = on

    def _on_goal_toggled(self, phase: int, goal: int, done: bool) -> None:
        self.auto_ticked.discard((phase, goal))
        self.session.set_goal(phase, goal, done)

    # -- what the call reports (GUI thread) --------------------------------------------------------
    @Slot(object)
    def apply_report(self, report: LiveReport) -> None:
        match report:
            case PartialText(speaker, text, start, end):
                self.transcript_model.show_partial(speaker, text, start, end)
            case UtteranceUpdate(utterance):
                self.transcript_model.show_line(utterance)
            case CueShown(cue, display_s):
                self.cue_banner.show_cue(cue.kind.value, cue.suggestion, cue.text,
                                         int(display_s * 1000))  # fmt: skip
            case QuestionsAsked(indices):
                for index in indices:
                    self.planned.tick(index)
            case Status(message, level, topic):
                self.show_banner(message, level.value)
                self._banner_topic = topic
            case StatusCleared(topic):
                if topic and topic == self._banner_topic:
                    self.audio_strip.clear_banner()
                    self._banner_topic = ""
            case RecordingState(_, _, message):
                self.statusBar().showMessage(message, 4000)
            case Keeping(participant_words, _, message):
                self.consent_bar.set_keeping(message, participant_words)
            case Levels(levels, backlog_s):
                self.set_levels(levels.get(Speaker.INTERVIEWER, -120.0),
                                levels.get(Speaker.PARTICIPANT, -120.0))  # fmt: skip
                self.set_backlog(backlog_s)
            case ParticipantForgotten(lines, recordings):
                self.transcript_model.forget(Speaker.PARTICIPANT)
                self.statusBar().showMessage(
                    f"Deleted {recordings} recording{'s' * (recordings != 1)} and {lines} "
                    f"line{'s' * (lines != 1)} of the participant's words.", 6000,
                )  # fmt: skip
            case CallClosed(_, message):
                if message:
                    self.show_banner(message, "error")
                self.show_score()
            case _:
                pass  # fragments and every fired cue are for the console and the store

    def _on_cue_dismissed(self, *_: object) -> None:
        self.call.dismiss_cue()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.note_edit and event.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(event.keyCombination())  # type: ignore[attr-defined]
            if any(s.key().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                   for s in self.shortcuts.values()):  # fmt: skip
                event.ignore()  # not the field's: the shortcut map gets it
                return True
        return super().eventFilter(watched, event)

    @Slot(str, str, str)
    def show_cue(self, kind: str, suggestion: str, text: str = "") -> None:
        self.cue_banner.show_cue(kind, suggestion, text)

    @Slot(float, float)
    def set_levels(self, mic_db: float, call_db: float) -> None:
        self.audio_strip.set_levels(mic_db, call_db)

    @Slot(str, str)
    def show_banner(self, message: str, level: str = "info") -> None:
        self.audio_strip.show_banner(message, level)

    @Slot(float)
    def set_backlog(self, seconds: float) -> None:
        self.audio_strip.set_backlog(seconds)

    # -- reacting to the session --------------------------------------------------------------------
    def _on_session_event(self, event: SessionEvent) -> None:
        kind = event.kind
        if kind is EventKind.PHASE:
            self._show_phase()
        elif kind is EventKind.CHECKLIST:
            phase, goal = int(event.data["phase"]), int(event.data["goal"])
            auto = bool(event.data.get("auto")) and bool(event.data["done"])
            if auto:
                self.auto_ticked.add((phase, goal))
            else:
                self.auto_ticked.discard((phase, goal))
            if phase == self.session.phase_index:
                self.checklist.set_goal(goal, bool(event.data["done"]), auto)
        elif kind is EventKind.MARK:
            self.statusBar().showMessage(f"Moment marked at {clock(event.t)}", 4000)
        elif kind is EventKind.NOTE:
            self.statusBar().showMessage(f"Note saved at {clock(event.t)}", 4000)
        self._update_controls()
        self.session_event.emit(event)

    def _show_phase(self) -> None:
        session = self.session
        index = session.phase_index
        spec = session.plan.phases[index]
        self.phase_card.show_phase(session)
        auto = {goal for (phase, goal) in self.auto_ticked if phase == index}
        self.checklist.show_phase(index, spec.goals, session.checklist[index], auto)
        self._fit_goals()

    def _fit_goals(self) -> None:
        """Give the goals the room they need (up to 60 %), the transcript the rest."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        wanted = self.checklist.content_height() + self.plan_tabs.tabBar().sizeHint().height() + 6
        goals = min(wanted, int(total * 0.6))
        self.splitter.setSizes([goals, total - goals])
        metrics = self.focus_label.fontMetrics()
        self.focus_label.setText(metrics.elidedText(
            self._focus_text, Qt.TextElideMode.ElideRight, max(80, self.focus_label.width())))  # fmt: skip

    def _update_tab_titles(self) -> None:
        self.plan_tabs.setTabText(1, self.planned.title())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit_goals()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if not self._user_split:  # once the user dragged the split, it is theirs
            self._fit_goals()

    def _on_split_moved(self, *_: object) -> None:
        self._user_split = True

    def _update_controls(self) -> None:
        session = self.session
        live = self._live()
        not_started = session.state is SessionState.NOT_STARTED
        ended = session.state is SessionState.ENDED
        last = len(session.plan.phases) - 1
        self.prev_button.setEnabled(live and session.phase_index > 0)
        self.next_button.setEnabled(live and session.phase_index < last)
        self.pause_button.setEnabled(live)
        self.pause_button.setText("Resume" if session.state is SessionState.PAUSED else "Pause")
        self.mark_button.setEnabled(live)
        self.note_edit.setEnabled(live)
        self.check_audio_button.setVisible(not_started)

        self.consent_bar.update_from(session)

        if not_started:
            self.start_end_button.setText("Start")
            self.start_end_button.setToolTip(tip("Start the clock", "start_end"))
            self.start_end_button.setProperty("primary", True)
            self.start_end_button.setProperty("danger", False)
        else:
            self.start_end_button.setText("End" if not ended else "Ended")
            self.start_end_button.setToolTip(tip("End the call and save it", "start_end"))
            self.start_end_button.setProperty("primary", False)
            self.start_end_button.setProperty("danger", True)
        self.start_end_button.setEnabled(not ended)
        style.repolish(self.start_end_button)

        state_text = {
            SessionState.NOT_STARTED: ("Not started", style.MUTED),
            SessionState.RUNNING: ("\u25cf Live", style.OK),
            SessionState.PAUSED: ("Paused", style.WARN),
            SessionState.ENDED: ("Ended", style.MUTED),
        }[session.state]
        if session.recording:
            state_text = ("\u25cf Recording", style.OVER)
        self.state_label.setText(state_text[0])
        self.state_label.setStyleSheet(f"color: {state_text[1]}; font-weight: 600;")

    # -- the clock ----------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Redraws the times from the session's clock (called by the timer)."""
        self.phase_card.refresh(self.session)

    def phase_bar_status(self) -> TimeStatus:
        return self.phase_card.bar_status()

    # -- closing ------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._live():
            if not self.confirm_end():
                event.ignore()
                return
            self.call.end()
            self.bridge.close_call()  # the adapter outlives this window until it is done
            self.finished.emit(self.interview_id)
        elif self.session.state is SessionState.NOT_STARTED:
            self.bridge.dispose()  # no call ran: nothing to drain
            self.finished.emit(self.interview_id)
        self.timer.stop()
        if self.settings is not None:
            self.settings.set(Key.LIVE_WINDOW_GEOMETRY, QByteArray(self.saveGeometry()))
        super().closeEvent(event)
