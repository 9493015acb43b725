"""The Qt adapter between a `LiveCall` and the live window.

The call reports from worker threads (transcriber, coach, model loader); the adapter turns each
report into one Qt signal, which Qt queues onto the GUI thread, so widgets are only touched
there. A GUI timer ticks the call (Friture's pattern: the audio callback never talks to Qt; the
tick only reads the rings and queues work). Closing the call (draining the transcriber) runs on
a worker thread; the GUI thread never waits for it.

The adapter belongs to the application, not to the window: a window closed mid-call is
deleted by Qt while the drain still runs, and the drain's last report must have somewhere to go.
It deletes itself once the call is closed.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.coach.cues import CueKind
from app.coach.settings import CoachSettings
from app.live.call import LiveCall
from app.live.reports import CallClosed, LiveReport
from app.settings import Settings

log = logging.getLogger(__name__)

POLL_MS = 100


def make_source(settings: Settings | None) -> Any:
    """The capture for the devices chosen in Settings."""
    mic = (settings.mic_device if settings else "") or None
    call = (settings.call_device if settings else "") or None
    return capture_for(mic, call)


def capture_for(mic: str | None, call: str | None) -> Any:
    """The capture for these devices; None is the default microphone, or the call audio
    detected (the monitor of the default output)."""
    from app.audio.capture import AudioCapture
    from app.audio.devices import DeviceError, default_devices

    if call is None:
        try:
            _, default_call = default_devices()
        except (DeviceError, OSError) as exc:  # the capture will say what is missing
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


def live_call(store: Any, interview_id: int, plan: Any, settings: Settings | None,
              **kwargs: Any) -> LiveCall:  # fmt: skip
    """A call with the audio devices, model and cue kinds chosen in Settings."""
    model_choice = (settings.model_name if settings else "") or None
    kwargs.setdefault("open_source", lambda: make_source(settings))
    return LiveCall(store, interview_id, plan, model_choice=model_choice,
                    coach_settings=coach_settings(settings), **kwargs)  # fmt: skip


class CallBridge(QObject):
    reported = Signal(object)  # every LiveReport, delivered on the GUI thread

    def __init__(self, call: LiveCall, poll_ms: int = POLL_MS) -> None:
        super().__init__(QCoreApplication.instance())
        self.call = call
        call.view = self
        self._closer: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(poll_ms)

    def report(self, report: LiveReport) -> None:  # CallView: any thread, only emits
        self.reported.emit(report)
        if isinstance(report, CallClosed):
            self.deleteLater()  # queued: runs on the GUI thread after the report is delivered

    def _tick(self) -> None:
        try:
            self.call.tick()
        except Exception:  # noqa: BLE001 - a failed tick must not stop the timer or the call
            log.exception("a live tick failed")

    def dispose(self) -> None:
        """For a call that never started: nothing to drain, only the adapter to remove."""
        self.timer.stop()
        self.deleteLater()

    def close_call(self) -> None:
        """Drains and scores on a worker; `CallClosed` is reported when done."""
        self.timer.stop()
        if self._closer is not None:
            return
        self._closer = threading.Thread(target=self.call.close, name="live-close", daemon=False)
        self._closer.start()
