"""Connects the Qt-free live pipeline to the live window.

The pipeline reports from worker threads (transcriber, model loader); this bridge turns each
report into a Qt signal, which Qt queues onto the GUI thread, so widgets are only touched there.
A GUI timer polls the capture ring buffers for the level meters and ticks the coach (Friture's
pattern: nothing in the audio callback talks to Qt). Ending the call drains the transcriber on a
worker thread; the GUI thread never waits for it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.coach.checklist import tick_session
from app.coach.cues import Cue, CueKind
from app.coach.settings import CoachSettings
from app.live.pipeline import LivePipeline, LiveStats
from app.live.recovery import LiveLock
from app.session.segments import Segment, Speaker
from app.session.session import EventKind, SessionEvent
from app.settings import Settings
from app.ui.live.window import LiveWindow

log = logging.getLogger(__name__)

POLL_MS = 100
LOADING_MODEL = "Loading the speech model"


def make_source(settings: Settings | None) -> Any:
    """The capture for the chosen devices (the default microphone and call source when none
    is chosen)."""
    from app.audio.capture import AudioCapture
    from app.audio.devices import default_devices

    mic = (settings.mic_device if settings else "") or None
    call = (settings.call_device if settings else "") or None
    if call is None:
        try:
            _, default_call = default_devices()
        except Exception as exc:  # PortAudio missing or broken: the capture will say so
            log.warning("listing devices failed: %s", exc)
            default_call = None
        call = default_call.spec if default_call is not None else None
    return AudioCapture(mic=mic, call=call)


def coach_settings(settings: Settings | None) -> CoachSettings:
    if settings is None:
        return CoachSettings()
    all_kinds = tuple(k.value for k in CueKind)
    enabled = settings.enabled_cue_kinds(all_kinds)
    return CoachSettings(enabled=frozenset(CueKind(k) for k in enabled if k in all_kinds))


class LiveBridge(QObject):
    partial = Signal(object, str, float, float)
    final = Signal(object)
    cue_shown = Signal(object)
    checklist = Signal(list)
    status = Signal(str, str)
    model = Signal(bool, str)
    recording = Signal(bool, object, str)
    drained = Signal()
    stats = Signal(object, str)

    # Bridges stay alive until their pipeline has drained, even after the window closed.
    _active: ClassVar[set[LiveBridge]] = set()

    def __init__(self, window: LiveWindow, source_factory: Any = make_source,
                 loaded_model: Any = None) -> None:  # fmt: skip
        super().__init__()
        self.window = window
        self.pipeline: LivePipeline | None = None
        self._source_factory = source_factory
        self._loaded_model = loaded_model
        self._lock: LiveLock | None = None
        self._stopping: threading.Thread | None = None
        self.partial.connect(window.show_partial)
        self.final.connect(window.add_final)
        self.cue_shown.connect(self._on_cue_shown)
        self.checklist.connect(self._on_checklist)
        self.status.connect(window.show_banner)
        self.model.connect(self._on_model)
        self.recording.connect(self._on_recording)
        window.session_event.connect(self._on_session_event)
        window.cue_banner.dismissed.connect(self._on_cue_dismissed)
        self.stats.connect(self._on_stats)
        self._ticker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-tick")
        self._tick: Future[None] | None = None
        self._last_status = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._poll)
        LiveBridge._active.add(self)

    # -- LiveListener (worker threads: only emit) -------------------------------------------------
    def on_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None:
        self.partial.emit(speaker, text, start, end)

    def on_final(self, segment: Segment) -> None:
        self.final.emit(segment)

    def on_cue(self, cue: Cue) -> None:
        pass  # saved by the pipeline; the window shows only what the throttle lets through

    def on_cue_shown(self, cue: Cue) -> None:
        self.cue_shown.emit(cue)

    def on_checklist(self, hits: list[tuple[int, int]]) -> None:
        self.checklist.emit(hits)

    def on_status(self, message: str, level: str) -> None:
        self.status.emit(message, level)

    def on_model(self, ready: bool, message: str) -> None:
        self.model.emit(ready, message)

    def on_recording(self, recording: bool, path: Path | None, message: str) -> None:
        self.recording.emit(recording, path, message)

    # -- GUI thread ----------------------------------------------------------------------------------
    def _on_session_event(self, event: SessionEvent) -> None:
        if event.kind is EventKind.STARTED:
            # The lock says "this call is live here" even when audio fails, so another
            # instance starting meanwhile does not take it for a crashed call.
            self._lock = LiveLock(self.window.store, self.window.interview_id)
            self._lock.acquire()
            self.start()
        elif event.kind is EventKind.RECORDING_STARTED and self.pipeline is None:
            # Nothing is captured: the window must not claim to be recording.
            self.window.session.stop_recording(reason="no audio input")
            self.window.show_banner("Recording needs a working microphone; none is open.",
                                    "error")  # fmt: skip
        elif event.kind is EventKind.ENDED:
            self.stop()

    def start(self) -> None:
        window = self.window
        try:
            source = self._source_factory(window.settings)
        except Exception as exc:  # no PortAudio, a device spec that matches nothing
            window.show_banner(f"No audio: {exc}. The timer and checklist still work.", "error")
            return
        model_choice = (window.settings.model_name if window.settings else "") or None
        pipeline = LivePipeline(
            window.store, window.interview_id, window.session, source, self,
            model_choice=model_choice, coach_settings=coach_settings(window.settings),
            loaded_model=self._loaded_model,
        )  # fmt: skip
        try:
            pipeline.start()
        except Exception as exc:
            with contextlib.suppress(Exception):
                source.stop()
            window.show_banner(f"Audio could not start: {exc}. The timer and checklist still "
                               "work.", "error")  # fmt: skip
            return
        self.pipeline = pipeline
        status = source.status()
        if status.message:
            window.show_banner(status.message, "warning")
        self.timer.start(POLL_MS)

    def stop(self) -> None:
        """Drains on a worker thread; `drained` fires when the last words are saved."""
        self.timer.stop()
        pipeline = self.pipeline
        if pipeline is None:
            self._finish()
            return
        if self._stopping is not None:
            return
        self.window.show_banner("Saving the last words\u2026", "info")

        def drain() -> None:
            try:
                pipeline.stop()
                pipeline.finish()
            except Exception:
                log.exception("closing the live pipeline failed")
            finally:
                self.drained.emit()

        self.drained.connect(self._finish)
        self._stopping = threading.Thread(target=drain, name="live-drain", daemon=False)
        self._stopping.start()

    def _finish(self) -> None:
        if self._window_alive():
            self.window.show_score()  # scored by pipeline.finish() just before
        self._ticker.shutdown(wait=False)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        LiveBridge._active.discard(self)

    def _poll(self) -> None:
        """Ticks the pipeline on a worker: a tick may save cues and utterances, and the GUI
        thread never waits for the database. One tick at a time; a slow one skips the next."""
        pipeline = self.pipeline
        if pipeline is None or (self._tick is not None and not self._tick.done()):
            return

        def tick() -> None:
            try:
                stats = pipeline.tick()
                self.stats.emit(stats, pipeline.source.status().message)
            except Exception:
                log.exception("a live tick failed")

        self._tick = self._ticker.submit(tick)

    def _on_stats(self, stats: LiveStats, status_message: str) -> None:
        if not self._window_alive():
            return
        levels = stats.levels_db
        self.window.set_levels(levels.get(Speaker.INTERVIEWER, -120.0),
                               levels.get(Speaker.PARTICIPANT, -120.0))  # fmt: skip
        self.window.set_backlog(stats.backlog_s)
        if status_message != self._last_status:
            self._last_status = status_message
            if status_message:
                self.window.show_banner(status_message, "warning")

    def _window_alive(self) -> bool:
        # The drain thread may report after the window closed and Qt deleted it.
        return shiboken6.isValid(self.window) and self.window.isVisible()

    def _on_cue_shown(self, cue: Cue) -> None:
        if self._window_alive():
            self.window.show_cue(cue.kind.value, cue.suggestion, cue.text)

    def _on_cue_dismissed(self, *_: object) -> None:
        if self.pipeline is not None:
            self.pipeline.dismiss_cue()

    def _on_checklist(self, hits: list[tuple[int, int]]) -> None:
        tick_session(self.window.session, hits)

    def _on_model(self, ready: bool, message: str) -> None:
        if not self._window_alive():
            return
        if ready:
            self.window.clear_banner(LOADING_MODEL)  # the news is over
        else:
            self.window.show_banner(message, "info")

    def _on_recording(self, recording: bool, path: object, message: str) -> None:
        if self._window_alive():
            self.window.statusBar().showMessage(message, 4000)
