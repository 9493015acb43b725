"""The practice window: a stored interview replayed "as live", the spot-the-cue drill, re-ask.

    PracticeWindow(store, interview_id, settings=None, now=time.monotonic, play_audio=True)

The live window's own widgets (transcript, cue banner, phase checklist) show the stored
transcript and cues at their original times (app.practice.replay), with the recording along
when there is one. In the drill the cues stay hidden and F (or the Flag button) marks where
the trainee would have flagged one; Finish scores it (app.practice.drill) and saves it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.export import load_document
from app.export.document import ExportDocument
from app.live.utterances import Utterance
from app.practice.drill import DrillKind, DrillScore, moments_from_cues, score_presses
from app.practice.replay import SPEEDS, EventKind, PhaseWindow, ReplayClock, ReplayScript
from app.session.segments import Speaker
from app.settings import Settings
from app.store.db import Store
from app.store.drills import DrillRepository
from app.store.recordings import RecordingRepository
from app.ui import style
from app.ui.banner import StatusBanner
from app.ui.live.checklist import PhaseChecklist
from app.ui.live.cue_banner import CueBanner, cue_title
from app.ui.live.timefmt import clock
from app.ui.live.transcript import TranscriptModel, TranscriptView
from app.ui.media import audio_player
from app.ui.practice.reask_dialog import ReaskDialog, ReaskMoment, listener_for
from app.ui.practice.score_panel import DrillScorePanel

TICK_MS = 100
SLIDER_STEPS = 10_000
DRIFT_S = 0.75  # the recording is moved back in step when it drifts this far from the clock
FLAG_KEYS = frozenset({Qt.Key.Key_F, Qt.Key.Key_Return, Qt.Key.Key_Enter})


class PracticeWindow(QMainWindow):
    drill_saved = Signal(int)  # drill id

    def __init__(self, store: Store, interview_id: int, settings: Settings | None = None,
                 parent: QWidget | None = None, *, now: Callable[[], float] = time.monotonic,
                 play_audio: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.interview_id = interview_id
        self.settings = settings
        self.drills = DrillRepository(store)
        self.doc: ExportDocument = load_document(store, interview_id)
        self.cues = list(self.doc.cues)  # every cue, sure or not: the drill scores both kinds
        phases = [PhaseWindow(p.index, p.name, p.start, p.end) for p in self.doc.phases]
        self.script = ReplayScript([s.segment for s in self.doc.segments], self.cues, phases,
                                   self.doc.end_t)  # fmt: skip
        self.clock = ReplayClock(0.0, self.script.end_t, now=now)
        self._shown_t = 0.0  # events up to here are on screen
        self.drilling = False
        self.presses: list[float] = []
        self.last_score: DrillScore | None = None
        self.last_drill_id: int | None = None
        self._reask_cue: int | None = None  # index into self.cues of the latest question cue
        self._slider_dragging = False
        self.player: QMediaPlayer | None = None
        self._build()
        if play_audio:
            self._load_audio()
        self._rebuild_to(0.0)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        iv = self.doc.interview
        self.setWindowTitle(f"{iv.display_title} \u2014 Practice \u2014 Tell Me More")
        self.resize(1020, 700)
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(8)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        title = QLabel(f"Practice: {iv.display_title}")
        title.setProperty("role", "title")
        subtitle = QLabel("The call replayed as it happened: the transcript and the coach's cues "
                          "appear at their original times.")  # fmt: skip
        subtitle.setProperty("role", "muted")
        subtitle.setWordWrap(True)
        titles.addWidget(title)
        titles.addWidget(subtitle)
        head.addLayout(titles, 1)
        self.timer_label = QLabel("0:00")
        self.timer_label.setProperty("role", "title")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.timer_label.setMinimumWidth(90)
        head.addWidget(self.timer_label)
        layout.addLayout(head)
        self.banner = StatusBanner()
        layout.addWidget(self.banner)

        bar = QHBoxLayout()
        self.play_button = QPushButton("\u25b6  Play")
        self.play_button.setProperty("primary", True)
        self.play_button.setMinimumWidth(96)
        self.play_button.setToolTip("Play or pause (Space)")
        self.position_label = QLabel("0:00 / 0:00")
        self.position_label.setProperty("role", "muted")
        self.position_label.setMinimumWidth(100)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.speed_combo = QComboBox()
        for speed in SPEEDS:
            self.speed_combo.addItem(f"{speed:g}\u00d7", speed)
        self.speed_combo.setToolTip("Replay speed")
        for w in (self.play_button, self.slider, self.speed_combo):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar.addWidget(self.play_button)
        bar.addWidget(self.position_label)
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.speed_combo)
        layout.addLayout(bar)

        drill_bar = QHBoxLayout()
        self.drill_check = QCheckBox("Spot-the-cue drill: hide the cues, I flag them")
        self.drill_check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.flag_button = QPushButton("\u2691  Flag (F)")
        self.flag_button.setToolTip("Where you would have flagged a cue (F or Enter)")
        self.flag_button.setEnabled(False)
        self.flags_label = QLabel("")
        self.flags_label.setProperty("role", "muted")
        self.finish_button = QPushButton("Finish and score")
        self.finish_button.setEnabled(False)
        self.reask_button = QPushButton("Re-ask the last flagged question\u2026")
        self.reask_button.setToolTip("Say (or type) a better version of the question the coach "
                                     "flagged last, and let the coach check it")  # fmt: skip
        self.reask_button.setEnabled(False)
        for w in (self.flag_button, self.finish_button, self.reask_button):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        drill_bar.addWidget(self.drill_check)
        drill_bar.addWidget(self.flag_button)
        drill_bar.addWidget(self.flags_label)
        drill_bar.addStretch(1)
        drill_bar.addWidget(self.reask_button)
        drill_bar.addWidget(self.finish_button)
        layout.addLayout(drill_bar)

        self.model = TranscriptModel(iv.participant_name or "Participant", self)
        self.transcript = TranscriptView(self.model)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.cue_banner = CueBanner()
        self.hidden_label = QLabel("Cues are hidden during the drill. Press F where you would "
                                   "have flagged one.")  # fmt: skip
        self.hidden_label.setWordWrap(True)
        self.hidden_label.setProperty("role", "muted")
        self.hidden_label.hide()
        self.phase_label = QLabel("")
        self.phase_label.setProperty("role", "heading")
        self.checklist = PhaseChecklist()
        # As tall as its goals (it sets its minimum), no taller: the cue list takes the rest.
        self.checklist.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.checklist.setMaximumHeight(170)
        self.score_panel = DrillScorePanel()
        self.score_panel.hide()
        self.cues_heading = QLabel("The coach's cues so far (double-click a question to re-ask it)")
        self.cues_heading.setProperty("role", "muted")
        self.cues_heading.setWordWrap(True)
        self.cues_list = QListWidget()
        self.cues_list.setWordWrap(True)
        self.cues_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cues_list.setSpacing(2)
        side_layout.addWidget(self.cue_banner)
        side_layout.addWidget(self.hidden_label)
        side_layout.addWidget(self.phase_label)
        side_layout.addWidget(self.checklist)
        side_layout.addWidget(self.cues_heading)
        side_layout.addWidget(self.cues_list, 1)
        side_layout.addWidget(self.score_panel, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.transcript)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        layout.addWidget(splitter, 1)
        hint = QLabel("Space play/pause \u00b7 \u2190 \u2192 10 s \u00b7 F flag a cue (drill) "
                      "\u00b7 the recording plays along when there is one")  # fmt: skip
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self.setCentralWidget(root)

        self.play_button.clicked.connect(self.toggle)
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.set_speed(float(self.speed_combo.itemData(i))))
        self.slider.sliderPressed.connect(lambda: setattr(self, "_slider_dragging", True))
        self.slider.sliderReleased.connect(self._slider_released)
        self.drill_check.toggled.connect(self.set_drill)
        self.flag_button.clicked.connect(self.flag)
        self.finish_button.clicked.connect(self.finish_drill)
        self.reask_button.clicked.connect(self.open_reask)
        self.score_panel.seek_requested.connect(self.seek)
        self.score_panel.reask_requested.connect(self._reask_at)  # fmt: skip
        self.cues_list.itemDoubleClicked.connect(self._on_cue_double_clicked)

    # --- audio ----------------------------------------------------------------------------

    def _load_audio(self) -> None:
        recordings = [r for r in RecordingRepository(self.store).for_interview(self.interview_id)
                      if r.status != "recording"]  # fmt: skip
        if not recordings or not Path(recordings[0].path).is_file():
            return
        self.audio_offset = recordings[0].offset_s
        self.player, self.audio_out = audio_player(self)
        self.player.setSource(QUrl.fromLocalFile(str(recordings[0].path)))
        self.player.errorOccurred.connect(lambda _e, message: self.banner.show_message(
            f"The recording cannot be played ({message}); the replay goes on silently.",
            "warning"))  # fmt: skip

    def _sync_audio(self, force: bool = False) -> None:
        if self.player is None:
            return
        if not self.clock.playing:
            self.player.pause()
            return
        want_ms = max(0, round((self.clock.position() - self.audio_offset) * 1000))
        if force or abs(self.player.position() - want_ms) > DRIFT_S * 1000:
            self.player.setPosition(want_ms)
        if abs(self.player.playbackRate() - self.clock.speed) > 1e-3:
            self.player.setPlaybackRate(self.clock.speed)
        if self.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState:
            self.player.play()

    # --- transport ------------------------------------------------------------------------

    def play(self) -> None:
        if self.clock.finished:
            self.seek(self.script.start_t)
        self.clock.play()
        self.timer.start()
        self.play_button.setText("\u275a\u275a  Pause")
        self._sync_audio(force=True)

    def pause(self) -> None:
        self.clock.pause()
        self.timer.stop()
        self.play_button.setText("\u25b6  Play")
        self._sync_audio()

    def toggle(self) -> None:
        if self.clock.playing:
            self.pause()
        else:
            self.play()

    def set_speed(self, speed: float) -> None:
        self.clock.set_speed(speed)
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.clock.speed))
        if self.speed_combo.currentIndex() != index:
            self.speed_combo.blockSignals(True)
            self.speed_combo.setCurrentIndex(index)
            self.speed_combo.blockSignals(False)
        self._sync_audio()

    def seek(self, t: float) -> None:
        self.clock.seek(t)
        self._rebuild_to(self.clock.position())
        self._sync_audio(force=True)

    def _slider_released(self) -> None:
        self._slider_dragging = False
        end = max(self.script.end_t, 1e-6)
        self.seek(self.slider.value() / SLIDER_STEPS * end)

    def tick(self) -> None:
        """Shows what happened since the last tick (the QTimer calls it; tests may too)."""
        t = self.clock.position()
        if t < self._shown_t:
            self._rebuild_to(t)
        else:
            for event in self.script.between(self._shown_t, t):
                self._apply(event, animate=True)
            self._shown_t = t
        self._show_time(t)
        if self.clock.finished and self.clock.playing:
            self.pause()
            if self.drilling:
                self.finish_drill()

    # --- what is shown --------------------------------------------------------------------

    def _rebuild_to(self, t: float) -> None:
        self.model.clear()
        self.cue_banner.dismiss()
        self._reask_cue = None
        self.phase_label.setText("")
        self.checklist.clear()
        self.cues_list.clear()
        for event in self.script.until(t):
            self._apply(event, animate=False)
        self._shown_t = t
        self._show_time(t)
        self.transcript.jump_to_latest()

    def _apply(self, event: object, animate: bool) -> None:
        kind, index = event.kind, event.index  # type: ignore[attr-defined]
        if kind is EventKind.LINE:
            seg = self.script.segments[index]
            self.model.show_line(Utterance(seg, (), id=index + 1))
        elif kind is EventKind.PHASE:
            self._show_phase(self.script.phases[index].index)
        elif kind is EventKind.CUE:
            cue = self.cues[index]
            if cue.kind in _QUESTION_KINDS:
                self._reask_cue = index
            self.reask_button.setEnabled(self._reask_cue is not None)
            unsure = "" if cue.live else " \u00b7 unsure"
            item = QListWidgetItem(f"{clock(cue.start)} \u00b7 {cue_title(cue.kind)}{unsure}\n"
                                   f"{cue.suggestion}")  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, index)
            if not cue.live:
                item.setForeground(QColor(style.MUTED))
            self.cues_list.addItem(item)
            self.cues_list.scrollToBottom()
            if animate and not self.drilling:
                # Shown as in the call; a replay at 4x keeps it up a quarter as long.
                self.cue_banner.show_cue(cue.kind, cue.suggestion, cue.text,
                                         display_ms=int(12_000 / self.clock.speed))  # fmt: skip

    def _show_phase(self, plan_index: int) -> None:
        phases = self.doc.plan.phases
        if not 0 <= plan_index < len(phases):
            return
        phase = phases[plan_index]
        self.phase_label.setText(f"{phase.name} \u00b7 {phase.label()}")
        self.checklist.show_phase(plan_index, phase.goals, [False] * len(phase.goals), set())
        self.checklist.setMaximumHeight(max(self.checklist.minimumHeight(), 48))

    def _show_time(self, t: float) -> None:
        self.timer_label.setText(clock(t))
        self.position_label.setText(f"{clock(t)} / {clock(self.script.end_t)}")
        if not self._slider_dragging:
            self.slider.blockSignals(True)
            self.slider.setValue(round(t / max(self.script.end_t, 1e-6) * SLIDER_STEPS))
            self.slider.blockSignals(False)

    # --- drill ----------------------------------------------------------------------------

    def set_drill(self, on: bool) -> None:
        """Starts (or leaves) the spot-the-cue drill; starting clears earlier flags."""
        self.drilling = on
        if self.drill_check.isChecked() != on:
            self.drill_check.blockSignals(True)
            self.drill_check.setChecked(on)
            self.drill_check.blockSignals(False)
        self.presses = []
        self.flag_button.setEnabled(on)
        self.finish_button.setEnabled(on)
        self.hidden_label.setVisible(on)
        self.score_panel.hide()
        # The cues the coach gave so far would give the drill away.
        self.cues_heading.setVisible(not on)
        self.cues_list.setVisible(not on)
        self.phase_label.show()
        self.checklist.show()
        self._update_flags()
        if on:
            self.cue_banner.dismiss()
            self.drill_start_t = self.clock.position()

    def flag(self) -> float | None:
        if not self.drilling:
            return None
        t = self.clock.position()
        self.presses.append(t)
        self._update_flags()
        return t

    def _update_flags(self) -> None:
        n = len(self.presses)
        self.flags_label.setText(f"{n} flag{'s' if n != 1 else ''}" if self.drilling else "")

    def finish_drill(self) -> DrillScore | None:
        if not self.drilling:
            return None
        self.pause()
        start = getattr(self, "drill_start_t", 0.0)
        until = self.clock.position()
        moments = [m for m in moments_from_cues(self.cues) if m.window[1] >= start]
        score = score_presses(moments, self.presses, until=until)
        result = score.to_dict() | {"from_s": round(start, 2), "until_s": round(until, 2),
                                    "speed": self.clock.speed,
                                    "presses": [round(p, 2) for p in self.presses]}  # fmt: skip
        self.last_score = score
        self.last_drill_id = self.drills.add(self.interview_id, DrillKind.SPOT.value, result,
                                             trainee_id=self._trainee_id())  # fmt: skip
        self.drilling = False
        self.drill_check.blockSignals(True)
        self.drill_check.setChecked(False)
        self.drill_check.blockSignals(False)
        self.flag_button.setEnabled(False)
        self.finish_button.setEnabled(False)
        self.hidden_label.hide()
        self.flags_label.setText("")
        self.phase_label.hide()
        self.checklist.hide()
        self.score_panel.show_score(score)
        self.score_panel.show()
        self.drill_saved.emit(self.last_drill_id)
        return score

    def _trainee_id(self) -> int | None:
        name = self.settings.interviewer_name if self.settings is not None else ""
        if not name:
            return None
        from app.store.people import person_for_name

        with self.store.session() as s:
            return person_for_name(s, name).id

    # --- re-ask ---------------------------------------------------------------------------

    def reask_moment(self, cue_index: int) -> ReaskMoment:
        cue = self.cues[cue_index]
        before = [s.segment for s in self.doc.segments
                  if s.segment.speaker is Speaker.PARTICIPANT and s.segment.end <= cue.start]  # fmt: skip
        phase = self.doc.phase_at(cue.start)
        return ReaskMoment(t=cue.start, question=cue.text, kinds=(cue.kind,),
                           suggestion=cue.suggestion,
                           previous_participant=before[-1].text if before else "",
                           phase_index=phase.index if phase else 2)  # fmt: skip

    def _on_cue_double_clicked(self, item: QListWidgetItem) -> None:
        index = int(item.data(Qt.ItemDataRole.UserRole))
        if self.cues[index].kind in _QUESTION_KINDS:
            self._open_reask_dialog(index)
        else:
            self.seek(self.cues[index].start)

    def open_reask(self) -> ReaskDialog | None:
        if self._reask_cue is None:
            return None
        return self._open_reask_dialog(self._reask_cue)

    def _reask_at(self, t: float) -> None:
        found = [i for i, c in enumerate(self.cues)
                 if c.kind in _QUESTION_KINDS and abs(c.start - t) <= 1.0]  # fmt: skip
        if found:
            self._open_reask_dialog(found[0])

    def _open_reask_dialog(self, cue_index: int) -> ReaskDialog:
        self.pause()
        dialog = ReaskDialog(self.reask_moment(cue_index), self.doc.plan, self,
                             listener=listener_for(self.settings))  # fmt: skip
        dialog.saved.connect(self._save_reask)
        dialog.setModal(True)
        dialog.show()
        self.reask_dialog = dialog
        return dialog

    def _save_reask(self, result: dict[str, object]) -> None:
        drill_id = self.drills.add(self.interview_id, DrillKind.REASK.value, dict(result),
                                   trainee_id=self._trainee_id())  # fmt: skip
        self.last_drill_id = drill_id
        self.banner.show_message("Your re-ask was saved with this interview's drills.", "info")
        self.drill_saved.emit(drill_id)

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in FLAG_KEYS and self.drilling:
            self.flag()
        elif key == Qt.Key.Key_Space:
            self.toggle()
        elif key == Qt.Key.Key_Left:
            self.seek(self.clock.position() - 10.0)
        elif key == Qt.Key.Key_Right:
            self.seek(self.clock.position() + 10.0)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.timer.stop()
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())
        super().closeEvent(event)


_QUESTION_KINDS = frozenset({"why", "leading", "hypothetical", "closed", "stacked", "selling"})
