"""`LiveCall`: the one owner of one live interview (Mu's controller with an injected view).

It holds the session (the clock, phases, consent and checklist) with its persister, the live
lock that tells a later start whether the call crashed, and, once the call starts, the audio
pipeline (capture, recorder, transcriber, coach). Its view learns everything through one hook,
`view.report(...)`; the live window and `tellmemore listen` are thin views over it.

Threads: every method here is called on the owner's thread (the GUI thread, or `listen`'s main
loop), except `close()`, which waits for the last words to be transcribed and may run on a
worker so the GUI never waits. The pipeline reports from its own threads; the view copes.

    call = LiveCall(store, interview_id, plan, view, open_source=...)
    call.start()                   # the clock runs; audio and transcription start
    call.session.next_phase() ...  # the session is the core for phases, notes, marks
    call.grant_consent(); call.start_recording()
    call.tick()                    # every 100-200 ms: checklist ticks, levels, status changes
    call.revoke_consent(delete=True)
    call.end(); call.close()       # drain, coach the last words, score, release the lock
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from app.audio.check import HEARD_DB, AudioCheck  # one idea of "heard" for check and call
from app.audio.recording_file import delete_recording
from app.audio.source import AudioSource
from app.coach.checklist import apply_ticks, tick_session
from app.coach.settings import CoachSettings
from app.live.pipeline import LivePipeline, LiveStats, TranscriberFactory
from app.live.recovery import LiveLock
from app.live.reports import (
    CallClosed,
    CallView,
    Keeping,
    Levels,
    LiveReport,
    NoView,
    ParticipantForgotten,
    Status,
    StatusCleared,
    StatusLevel,
)
from app.live.scoring import score_interview
from app.session.clock import Clock
from app.session.consent import ConsentError, ConsentState
from app.session.plan import InterviewPlan
from app.session.segments import Speaker
from app.session.session import EventKind, InterviewSession, SessionEvent, SessionState
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.timeline import SessionPersister
from app.store.transcript import SegmentRepository
from app.transcribe.model import LoadedModel

log = logging.getLogger(__name__)

# Calls still saving their last words. The store must outlive them: whoever closes it (the app
# quitting, a data-folder change) waits for these first (`wait_for_closing_calls`).
_CLOSING: weakref.WeakSet[LiveCall] = weakref.WeakSet()

AUDIO_TOPIC = "audio"
SILENT_CALL_WARN_S = 20.0  # the call side silent this long while you speak: say so
CHECK_EVERY_TICKS = 10  # compare the two sides' signals about once a second


@dataclass(frozen=True)
class Forgotten:
    lines: int
    recordings: int


def keeping_for(consent: ConsentState, name: str) -> Keeping:
    """What is written to disk under this consent state, in the words the window shows."""
    if consent is ConsentState.GRANTED:
        return Keeping(True, True, f"Keeping both sides: audio and {name}'s words.")
    why = {
        ConsentState.NOT_ASKED: "until they consent",
        ConsentState.DECLINED: "they declined",
        ConsentState.REVOKED: "they revoked consent",
    }[consent]
    return Keeping(False, False, f"Not keeping {name}'s words or any audio ({why}); "
                                 "only your own lines are saved.")  # fmt: skip


class LiveCall:
    def __init__(
        self,
        store: Store,
        interview_id: int,
        plan: InterviewPlan,
        view: CallView | None = None,
        *,
        clock: Clock | None = None,
        open_source: Callable[[], AudioSource] | None = None,
        model_choice: str | None = None,
        coach_settings: CoachSettings | None = None,
        loaded_model: LoadedModel | None = None,
        transcriber_factory: TranscriberFactory | None = None,
    ) -> None:
        self.store = store
        self.interview_id = interview_id
        self.plan = plan
        self.view: CallView = view or NoView()
        self.session = InterviewSession(plan, clock)
        self.persister = SessionPersister(store, interview_id, self.session)
        self.pipeline: LivePipeline | None = None
        self._open_source = open_source
        self._model_choice = model_choice
        self._coach_settings = coach_settings
        self._loaded_model = loaded_model
        self._transcriber_factory = transcriber_factory
        self._lock = LiveLock(store, interview_id)
        self._closed = threading.Event()
        self._closing = threading.Lock()
        self._close_started = False
        self._source_message = ""
        self._call_silent_since: float | None = None
        self._silence_reported = False
        self._audio_check: AudioCheck | None = None
        self._ticks = 0
        self._identical_reported = False
        self.session.subscribe(self._on_session_event)

    @property
    def participant_name(self) -> str:
        return self.plan.participant.name or "the participant"

    def report(self, report: LiveReport) -> None:
        try:
            self.view.report(report)
        except Exception:  # noqa: BLE001 - a broken view must not break the call or its saving
            log.exception("the live view failed on %s", type(report).__name__)

    # -- starting ------------------------------------------------------------------------------
    def start(self) -> None:
        """Starts the clock, then audio and transcription. Without working audio the call goes
        on (timer, checklist, notes) and the view is told why."""
        if self.session.state is not SessionState.NOT_STARTED:
            return
        # The lock says "this call is live here" even when audio fails, so another instance
        # starting meanwhile does not take it for a crashed call.
        self._lock.acquire()
        self.session.start()
        self.report(keeping_for(self.session.consent, self.participant_name))
        if self._open_source is None:
            return
        try:
            source = self._open_source()
        except Exception as exc:  # noqa: BLE001 - no PortAudio, a device that matches nothing…
            self.report(Status(f"No audio: {exc}. The timer and checklist still work.",
                               StatusLevel.ERROR, AUDIO_TOPIC))  # fmt: skip
            return
        pipeline = LivePipeline(
            self.store, self.interview_id, self.session, source, self.report,
            model_choice=self._model_choice, coach_settings=self._coach_settings,
            planned_questions=self.plan.core_questions, loaded_model=self._loaded_model,
            transcriber_factory=self._transcriber_factory,
        )  # fmt: skip
        try:
            pipeline.start()
        except Exception as exc:  # noqa: BLE001 - PortAudio raises bare Exceptions at open
            try:
                source.stop()
            except Exception:  # noqa: BLE001 - already broken; the message below says so
                log.debug("stopping a source that failed to start", exc_info=True)
            self.report(Status(f"Audio could not start: {exc}. The timer and checklist still "
                               "work.", StatusLevel.ERROR, AUDIO_TOPIC))  # fmt: skip
            return
        self.pipeline = pipeline
        self._audio_check = AudioCheck(source)
        self._report_source_status()

    # -- consent and recording ------------------------------------------------------------------
    def grant_consent(self) -> None:
        if self.session.state is not SessionState.ENDED:
            self.session.grant_consent()

    def decline_consent(self) -> None:
        if self.session.consent is ConsentState.NOT_ASKED:
            self.session.decline_consent()

    def start_recording(self) -> None:
        """Raises ConsentError without consent."""
        self.session.start_recording()

    def stop_recording(self) -> None:
        self.session.stop_recording()

    def revoke_consent(self, *, delete: bool) -> Forgotten | None:
        """Stops the recording (in the core, first) and, when asked, deletes the audio and
        every trace of the participant's words: lines, search entries, cards quoting them."""
        if self.session.consent is not ConsentState.GRANTED:
            return None
        self.session.revoke_consent()
        if not delete:
            return None
        if self.pipeline is not None:
            self.pipeline.wait_recordings_closed()  # the file is complete before it goes
        forgotten = self.forget_participant()
        self.report(ParticipantForgotten(forgotten.lines, forgotten.recordings))
        return forgotten

    def forget_participant(self) -> Forgotten:
        recordings = RecordingRepository(self.store)
        deleted = 0
        for recording in recordings.for_interview(self.interview_id):
            delete_recording(recording.path)  # the file and its crash marker
            recordings.remove(recording.id)
            deleted += 1
        lines = SegmentRepository(self.store).forget(self.interview_id, Speaker.PARTICIPANT)
        if self.pipeline is not None:
            # Their lines still waiting for disk space must never reach the database either.
            lines += self.pipeline.forget_pending(Speaker.PARTICIPANT)
        return Forgotten(lines, deleted)

    def _on_session_event(self, event: SessionEvent) -> None:
        if event.kind is EventKind.CONSENT:
            self.report(keeping_for(self.session.consent, self.participant_name))
        elif event.kind is EventKind.RECORDING_STARTED and self.pipeline is None:
            # Nothing is captured: the session must not claim to be recording.
            self.session.stop_recording(reason="no audio input")
            self.report(Status("Recording needs a working microphone; none is open.",
                               StatusLevel.ERROR, AUDIO_TOPIC))  # fmt: skip

    # -- during the call ------------------------------------------------------------------------
    def tick(self) -> LiveStats | None:
        """Applies the checklist goals the transcript ticked, asks the coach for time cues,
        and reports levels and changes in the audio's status."""
        pipeline = self.pipeline
        if pipeline is None:
            return None
        tick_session(self.session, pipeline.take_checklist())
        if self._close_started:
            return None
        stats = pipeline.tick()
        self.report(Levels(stats.levels_db, stats.backlog_s, stats.dropped_s, stats.recording_s))
        self._report_source_status()
        self._watch_call_silence(stats)
        self._ticks += 1
        if self._ticks % CHECK_EVERY_TICKS == 0:
            self._watch_same_device()
        return stats

    def _watch_same_device(self) -> None:
        """The same sound on both sides means one device captured twice: every sentence would
        be transcribed twice, once as "You". Said once, as soon as it is clear."""
        if self._audio_check is None or self._identical_reported:
            return
        result = self._audio_check.update()
        if result.identical:
            self._identical_reported = True
            self.report(Status(result.message, StatusLevel.WARNING, AUDIO_TOPIC))

    def _report_source_status(self) -> None:
        assert self.pipeline is not None
        message = self.pipeline.source.status().message
        if message == self._source_message:
            return
        self._source_message = message
        if message:
            self.report(Status(message, StatusLevel.WARNING, AUDIO_TOPIC))
        else:
            self.report(StatusCleared(AUDIO_TOPIC))

    def _watch_call_silence(self, stats: LiveStats) -> None:
        """The call side silent for a long time while you speak usually means the wrong
        output is captured: say so once, while it can still be fixed."""
        levels = stats.levels_db
        if Speaker.PARTICIPANT not in levels or self._silence_reported:
            return
        now = self.session.elapsed_wall()
        if levels[Speaker.PARTICIPANT] > HEARD_DB:
            self._call_silent_since = None
            return
        if self._call_silent_since is None:
            self._call_silent_since = now
        you_speak = levels.get(Speaker.INTERVIEWER, -120.0) > HEARD_DB
        if you_speak and now - self._call_silent_since >= SILENT_CALL_WARN_S:
            self._silence_reported = True
            self.report(Status(
                f"No sound from the call for {now - self._call_silent_since:.0f} s. Is the "
                "call playing through the output chosen in Settings?", StatusLevel.WARNING,
            ))  # fmt: skip

    def dismiss_cue(self) -> None:
        if self.pipeline is not None:
            self.pipeline.dismiss_cue()

    # -- ending ---------------------------------------------------------------------------------
    def end(self) -> None:
        """Ends the session (the clock stops, the recording closes). Then call `close()`."""
        if self.session.state in (SessionState.RUNNING, SessionState.PAUSED):
            self.session.end()
            if not self._closed.is_set():
                _CLOSING.add(self)  # from now until close() is done, the store must stay

    def close(self) -> None:
        """Transcribes, coaches and saves the last words, scores the call and releases the
        lock. Blocks (up to the drain time); safe to call from a worker thread, once."""
        with self._closing:
            if self._close_started:
                self._closed.wait()
                return
            self._close_started = True
            _CLOSING.add(self)
        message = ""
        try:
            pipeline = self.pipeline
            checklist = [list(phase) for phase in self.session.checklist]
            if pipeline is not None:
                pipeline.stop()
                # The last words ("thanks again for your time") are coached after the clock
                # stopped: their ticks go straight to the saved checklist and the score.
                if apply_ticks(checklist, pipeline.take_checklist()):
                    InterviewRepository(self.store).update(self.interview_id,
                                                           checklist=checklist)  # fmt: skip
            if self.session.state is SessionState.ENDED:
                score_interview(self.store, self.interview_id, self.plan, checklist=checklist)
        except Exception as exc:  # noqa: BLE001 - the call is saved line by line already
            log.exception("closing the live call failed")
            message = f"The call is saved, but scoring it failed: {exc}"
        finally:
            self._lock.release()
            self._closed.set()
            _CLOSING.discard(self)
        self.report(CallClosed(self.interview_id, message))

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def wait_closed(self, timeout: float | None = None) -> bool:
        return self._closed.wait(timeout)


def wait_for_closing_calls(store: Store, timeout: float = 60.0) -> bool:
    """Waits until every call on `store` that is closing has saved its last words; True when
    none is left. Call it before closing the store."""
    deadline = time.monotonic() + timeout
    for call in list(_CLOSING):
        if call.store is store and not call.wait_closed(max(0.0, deadline - time.monotonic())):
            return False
    return True


__all__ = ["ConsentError", "Forgotten", "LiveCall", "keeping_for", "wait_for_closing_calls"]
