"""One live interview's machinery: audio source → recorder (after consent) and streaming
transcriber → utterances → coach → store, reporting through one hook.

Threads: the transcriber decodes on its own thread and hands committed fragments to the coach
thread, which alone saves lines, joins them into utterances, coaches them and saves cues, so the
coach, the assembler and the cue throttle need no lock. The session core belongs to its owner's
thread (the GUI thread, or `listen`'s main loop): the pipeline only reads it from other threads,
and what the transcript ticked in the checklist waits in `take_checklist()` for the owner to
apply. `LiveCall` is the owner that wires this up; tests may drive the pipeline directly.

    pipeline = LivePipeline(store, interview_id, session, source, report)
    pipeline.start()              # after session.start(); the model loads in the background
    pipeline.tick()               # every ~100-200 ms from the owner's thread: time cues, levels
    pipeline.stop()               # drains: the last words are transcribed, coached and saved
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from pathlib import Path

from app.audio.pump import ClockReader
from app.audio.recorder import Recorder
from app.audio.source import AudioSource
from app.coach.checklist import auto_ticks
from app.coach.cues import CoachState, Cue, CueKind
from app.coach.engine import Coach
from app.coach.questions import asked_questions
from app.coach.settings import CoachSettings
from app.coach.throttle import CueThrottle
from app.live.reports import (
    CueFired,
    CueShown,
    FinalFragment,
    LiveReport,
    ModelState,
    PartialText,
    QuestionsAsked,
    RecordingState,
    Status,
    StatusCleared,
    StatusLevel,
    UtteranceUpdate,
)
from app.live.scoring import score_interview
from app.live.utterances import Utterance, UtteranceAssembler
from app.session.consent import ConsentState
from app.session.segments import Segment, Speaker
from app.session.session import EventKind, InterviewSession, SessionEvent
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.journal import JournaledSegmentWriter
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from app.transcribe.decoder import WhisperDecoder
from app.transcribe.model import LoadedModel, ModelError, ModelLoader, load_final_decode_model
from app.transcribe.streaming import StreamingTranscriber

log = logging.getLogger(__name__)

Report = Callable[[LiveReport], None]
OnPartial = Callable[[Speaker, str, float, float], None]
OnFinal = Callable[[Segment], None]
# Makes the transcriber once the model is loaded; it reports through the two callbacks. Tests
# pass one that returns a scripted transcriber.
TranscriberFactory = Callable[[LoadedModel, OnPartial, OnFinal], StreamingTranscriber]
MODEL_TOPIC = "model"
DISK_TOPIC = "disk"


@dataclass(frozen=True)
class LiveStats:
    backlog_s: float
    dropped_s: float
    levels_db: dict[Speaker, float]
    recording_s: float
    model_ready: bool


class _Job(Enum):
    FINAL = auto()  # a committed fragment
    TICK = auto()  # time cues and stale utterances
    DISMISS = auto()  # the user closed the cue on screen
    FLUSH = auto()  # the call is over: close every open utterance
    BARRIER = auto()  # sets its event once every earlier job is done
    STOP = auto()


class LivePipeline:
    def __init__(
        self,
        store: Store,
        interview_id: int,
        session: InterviewSession,
        source: AudioSource,
        report: Report,
        *,
        model_choice: str | None = None,
        coach_settings: CoachSettings | None = None,
        planned_questions: Sequence[str] = (),
        loaded_model: LoadedModel | None = None,
        transcriber_factory: TranscriberFactory | None = None,
    ) -> None:
        self.store = store
        self.interview_id = interview_id
        self.session = session
        self.source = source
        self.report = report
        self.model_choice = model_choice
        self.planned_questions = tuple(planned_questions)
        self.coach = Coach(session.plan, coach_settings)
        self.throttle = CueThrottle()
        self.segments = SegmentRepository(store)
        # On a full disk, lines wait in memory and in a journal beside the database, and are
        # saved when space returns (or at the next start): the user is told how many wait.
        self.segment_writer = JournaledSegmentWriter(store, repository=self.segments,
                                                     on_pending=self._on_lines_pending)  # fmt: skip
        self.cue_repo = CueRepository(store)
        self.recordings = RecordingRepository(store)
        self._loaded_model = loaded_model
        self._transcriber_factory = transcriber_factory or self._default_transcriber
        self._transcriber: StreamingTranscriber | None = None
        # The capture rings read on the session clock, by the transcriber's own thread.
        self._readers: dict[Speaker, ClockReader] = {}
        self._loader: ModelLoader | None = None
        self._recorder: Recorder | None = None
        self._recording_id: int | None = None
        self._lifecycle = threading.Lock()
        self._stopped = False  # the model loader's result is no longer wanted
        self._stop_requested = False
        self._jobs: queue.SimpleQueue[tuple[_Job, object]] = queue.SimpleQueue()
        self._coach_thread = threading.Thread(target=self._coach_loop, name="live-coach",
                                              daemon=True)  # fmt: skip
        self._checklist_lock = threading.Lock()
        self._checklist: list[tuple[int, int]] = []
        self.assembler = UtteranceAssembler()
        # Written by the coach thread only; read them after stop().
        self.final_segments: list[Segment] = []  # as the transcriber committed them
        self.utterances: list[Segment] = []  # joined, as the coach judged them
        self.cues: list[Cue] = []
        self._closing: list[threading.Thread] = []  # recorders finishing their files
        self._finals_closed = False  # after stop: a late decode is not saved after the score

    # -- life cycle -------------------------------------------------------------------------------
    def start(self) -> None:
        """Start capture now and transcription as soon as the model is loaded."""
        if self.session.started_monotonic is not None:
            # Session time 0 is the session's start; the rings map samples onto it.
            self.source.set_origin(self.session.started_monotonic)
        # Readers are made before capture starts, so they begin at its first sample: audio
        # captured while the model loads waits in the rings. (Made after, a fast source, e.g.
        # a file, could fill the ring first, and a reader starts at the newest sample.)
        self._readers = {speaker: ClockReader(ring) for speaker, ring in self.source.rings.items()}
        self.source.start()
        self._coach_thread.start()
        # Only a running capture follows the session's recording switch.
        self.session.subscribe(self._on_session_event)
        if self._loaded_model is not None:
            self._on_model_ready(self._loaded_model)
        else:
            self.report(ModelState(False, "Loading the speech model\u2026"))
            self.report(Status("Loading the speech model\u2026", StatusLevel.INFO, MODEL_TOPIC))
            # One decode thread measured best live (less CPU, lower latency than two).
            self._loader = ModelLoader(self.model_choice, cpu_threads=1, on_ready=self._on_model_ready,
                                       on_failed=self._on_model_failed)  # fmt: skip
            self._loader.start()

    @staticmethod
    def _default_transcriber(loaded: LoadedModel, on_partial: OnPartial,
                             on_final: OnFinal) -> StreamingTranscriber:  # fmt: skip
        # A larger model on this machine decodes each utterance's last window (the words a
        # reader keeps); tiny.en keeps the frequent partials (issue 14).
        final = load_final_decode_model(loaded)
        if final is not None:
            log.info("utterance finals decoded by %s", final.name)
        return StreamingTranscriber(WhisperDecoder(loaded.model), on_partial=on_partial,
                                    on_final=on_final,
                                    final_decoder=WhisperDecoder(final.model) if final else None)  # fmt: skip

    def _on_model_ready(self, loaded: LoadedModel) -> None:
        with self._lifecycle:
            if self._stopped:
                return
            self._transcriber = self._transcriber_factory(loaded, self._on_partial,
                                                          self._on_final)  # fmt: skip
            self._transcriber.attach(self._readers)  # it reads the rings itself
            self._transcriber.start()
        self.report(ModelState(True, loaded.message or f"Transcribing with {loaded.name}"))
        self.report(StatusCleared(MODEL_TOPIC))  # the news is over
        if loaded.message:
            self.report(Status(loaded.message, StatusLevel.WARNING))

    def _on_model_failed(self, error: ModelError) -> None:
        self.report(ModelState(False, str(error)))
        self.report(Status(f"No live transcript: {error}", StatusLevel.ERROR, MODEL_TOPIC))

    @property
    def model_ready(self) -> bool:
        return self._transcriber is not None

    def stop(self, drain_timeout_s: float = 60.0) -> None:
        """Stop capture, record to the last moment, transcribe and coach what is left."""
        with self._lifecycle:
            if self._stopped or self._stop_requested:
                return
            self._stop_requested = True  # a second caller returns at once
        self._stop_recorder("call ended")
        self.wait_recordings_closed()  # the file ends where the call ended, then capture stops
        self.source.stop()
        # A call that ends while the model loads still gets its audio transcribed: the rings
        # hold it, and the transcriber starts (and drains) once the model is there.
        if self._loader is not None and not self._loader.done:
            self.report(Status("Waiting for the speech model to transcribe the call\u2026",
                               StatusLevel.INFO, MODEL_TOPIC))  # fmt: skip
            self._loader.wait(120)
        with self._lifecycle:
            self._stopped = True
        if self._transcriber is not None:
            # Capture has stopped: this transcribes what is left in the rings, then stops.
            complete = self._transcriber.stop(drain=True, timeout=drain_timeout_s)
            if not complete:
                self.report(Status(
                    f"{self._transcriber.dropped_s:.1f} s of audio could not be transcribed "
                    "before closing.", StatusLevel.WARNING,
                ))  # fmt: skip
        if self._coach_thread.is_alive():
            self._jobs.put((_Job.FLUSH, None))
            self._jobs.put((_Job.STOP, None))
            self._coach_thread.join(drain_timeout_s)
        left = self.segment_writer.close()
        if left:
            self.report(Status(
                f"The disk is still full: {left} transcript line{'s' * (left != 1)} wait in the "
                "journal beside the database and will be saved at the next start.",
                StatusLevel.ERROR, DISK_TOPIC,
            ))  # fmt: skip

    def forget_pending(self, speaker: Speaker) -> int:
        """Drops the lines of `speaker` still waiting for disk space (consent revoked)."""
        return self.segment_writer.discard(self.interview_id, speaker)

    def _on_lines_pending(self, pending: int) -> None:
        if pending:
            self.report(Status(self.segment_writer.status_message(), StatusLevel.ERROR,
                               DISK_TOPIC))  # fmt: skip
        else:
            self.report(StatusCleared(DISK_TOPIC))
            self.report(Status("Space is back: every transcript line is saved.",
                               StatusLevel.INFO))  # fmt: skip

    def finish(self) -> None:
        """After the session ended: save the metrics and scorecard with the interview."""
        score_interview(self.store, self.interview_id, self.session.plan,
                        checklist=self.session.checklist)  # fmt: skip

    # -- transcriber → coach (decoder thread) ----------------------------------------------------
    def _on_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None:
        self.report(PartialText(speaker, text, start, end))

    def _on_final(self, segment: Segment) -> None:
        self._jobs.put((_Job.FINAL, segment))

    def keeps(self, speaker: Speaker) -> bool:
        """Whether this speaker's words may be stored now. The participant's only with
        consent: before it is granted, and after it is declined or revoked, their words live
        in memory for coaching the interviewer and are never written anywhere."""
        return speaker is Speaker.INTERVIEWER or self.session.consent is ConsentState.GRANTED

    # -- the coach thread ------------------------------------------------------------------------
    def _coach_loop(self) -> None:
        while True:
            job, payload = self._jobs.get()
            if job is _Job.STOP:
                return
            try:
                if job is _Job.FINAL:
                    assert isinstance(payload, Segment)
                    self._take_final(payload)
                elif job is _Job.BARRIER:
                    assert isinstance(payload, threading.Event)
                    payload.set()
                elif job is _Job.TICK:
                    self._on_tick()
                    if self.segment_writer.pending:
                        self.segment_writer.flush()  # space may be back
                elif job is _Job.DISMISS:
                    self.throttle.dismiss()
                elif job is _Job.FLUSH:
                    self._judge(self.assembler.flush())
                    self._finals_closed = True
            except Exception:  # noqa: BLE001 - one bad line must not end coaching for the call
                log.exception("the live coach failed on a %s job", job.name)

    def _take_final(self, segment: Segment) -> None:
        if self._finals_closed:
            # Never the words themselves in a log: they may be the participant's.
            log.warning("a final segment came after the call was closed (%.1f s)", segment.end)
            return
        row_id = -1
        if self.keeps(segment.speaker):
            try:
                row_id = self.segment_writer.add(self.interview_id, segment, source="live")
            except Exception as exc:  # noqa: BLE001 - the transcript on screen survives a failing disk
                log.exception("saving a segment failed")
                self.report(Status(f"A transcript line could not be saved: {exc}",
                                   StatusLevel.ERROR))  # fmt: skip
        self.final_segments.append(segment)
        self.report(FinalFragment(segment))
        done = self.assembler.add(segment, row_id)
        self._judge(done)
        growing = self.assembler.current(segment.speaker)
        if growing is not None:
            self.report(UtteranceUpdate(growing))

    def _judge(self, utterances: list[Utterance]) -> None:
        """Show, tidy, coach and tick each closed utterance."""
        for utterance in utterances:
            segment = utterance.segment
            self.utterances.append(segment)
            self.report(UtteranceUpdate(utterance))
            if len(utterance.row_ids) > 1 and min(utterance.row_ids) >= 0:
                try:
                    self.segments.merge(list(utterance.row_ids), segment)
                except Exception:  # noqa: BLE001 - the fragments stay as they are, still saved
                    log.exception("merging transcript fragments failed")
            hits = auto_ticks(segment, self.session.phase_index)
            if hits:
                with self._checklist_lock:
                    self._checklist.extend(hits)
            if segment.speaker is Speaker.INTERVIEWER and self.planned_questions:
                asked = asked_questions(segment.text, self.planned_questions)
                if asked:
                    self.report(QuestionsAsked(tuple(asked)))
            self._publish(self.coach.on_segment(segment, self._coach_state()))

    def _on_tick(self) -> None:
        self._publish(self.coach.on_tick(self._coach_state()))
        # Fragments arrive after decoding: judge staleness on the audio the transcriber has
        # processed, not on the wall clock, or slow decoding splits every sentence.
        transcribed_until = self.session.elapsed_wall() - (
            self._transcriber.backlog_s() if self._transcriber else 0.0
        )
        self._judge(self.assembler.close_stale(transcribed_until))
        waiting = self.throttle.release(time.monotonic())
        if waiting is not None:
            self.report(CueShown(waiting, self.throttle.display_s))

    def _coach_state(self) -> CoachState:
        s = self.session
        return CoachState(s.phase_index, s.phase_elapsed(), s.active_elapsed(), s.elapsed_wall())

    def _publish(self, cues: list[Cue]) -> None:
        now = time.monotonic()
        for cue in cues:
            self.cues.append(cue)
            # A generality cue quotes the participant: shown, never stored without consent.
            if cue.kind is not CueKind.GENERALITY or self.keeps(Speaker.PARTICIPANT):
                try:
                    self.cue_repo.add(self.interview_id, kind=cue.kind.value, start=cue.start,
                                      end=cue.end, text=cue.text, suggestion=cue.suggestion,
                                      severity=cue.severity.value, confidence=cue.confidence,
                                      live=cue.live)  # fmt: skip
                except Exception:  # noqa: BLE001 - a cue that cannot be saved is still shown
                    log.exception("saving a cue failed")
            self.report(CueFired(cue))
            # Cues the coach is unsure of are kept for the review, never interrupt the call.
            if cue.live and self.throttle.offer(cue, now):
                self.report(CueShown(cue, self.throttle.display_s))

    # -- the owner's thread -----------------------------------------------------------------------
    def dismiss_cue(self) -> None:
        self._jobs.put((_Job.DISMISS, None))

    def take_checklist(self) -> list[tuple[int, int]]:
        """Goals the transcript ticked since the last call, for the owner to apply."""
        with self._checklist_lock:
            hits, self._checklist = self._checklist, []
        return hits

    def tick(self) -> LiveStats:
        """Called regularly by the owner: asks for time-based cues (on the coach thread) and
        returns the numbers for the meters. Never waits for the database."""
        if not self._stop_requested:
            self._jobs.put((_Job.TICK, None))
        return self.stats()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Tests: waits until the coach thread has handled every job queued so far."""
        if not self._coach_thread.is_alive():
            return True
        done = threading.Event()
        self._jobs.put((_Job.BARRIER, done))
        return done.wait(timeout)

    def stats(self) -> LiveStats:
        t = self._transcriber
        levels = {speaker: self.source.level_db(speaker) for speaker in self.source.rings}
        recorder = self._recorder
        # The transcriber counts what its readers lost; before it exists, the readers do.
        waiting_lost = sum(r.dropped for r in self._readers.values()) / self.source.samplerate
        return LiveStats(
            backlog_s=t.backlog_s() if t else 0.0,
            dropped_s=t.dropped_s if t else waiting_lost,
            levels_db=levels,
            recording_s=recorder.duration_s if recorder is not None else 0.0,
            model_ready=t is not None,
        )

    # -- recording --------------------------------------------------------------------------------
    # The session is the one switch: the record button, `listen --consent granted`, revoking
    # consent and ending the call all go through it, and the recorder follows its events.
    def _on_session_event(self, event: SessionEvent) -> None:
        if event.kind is EventKind.RECORDING_STARTED:
            self._start_recorder()
        elif event.kind is EventKind.RECORDING_STOPPED:
            self._stop_recorder(event.data.get("reason") or "stopped")

    @property
    def recording(self) -> bool:
        return self._recorder is not None and self._recorder.recording

    @property
    def recording_path(self) -> Path | None:
        return self._recorder.path if self._recorder is not None else None

    def _start_recorder(self) -> None:
        if self._recorder is not None:
            return
        path = self.recordings.new_path(self.interview_id)
        recorder = Recorder(
            self.source, path, consent_granted=self.session.can_record,
            on_error=lambda message: self.report(Status(message, StatusLevel.ERROR)),
        )  # fmt: skip
        try:
            recorder.start()
        except (OSError, RuntimeError) as exc:
            self.report(Status(f"Recording could not start: {exc}", StatusLevel.ERROR))
            self.session.stop_recording(reason="could not start")
            return
        self._recorder = recorder
        self._recording_id = self.recordings.add(
            self.interview_id, path, channels=2, samplerate=recorder.samplerate,
            offset_s=recorder.offset_s,
        )  # fmt: skip
        self.report(RecordingState(True, path, "Recording both sides"))

    def _stop_recorder(self, reason: str) -> None:
        """Closing the file waits for the writer to drain (up to about a second): that happens
        on a thread of its own, never on the GUI thread. The writer already stops taking audio
        once consent is gone, so nothing more is recorded meanwhile."""
        recorder, self._recorder = self._recorder, None
        recording_id, self._recording_id = self._recording_id, None
        if recorder is None:
            return

        def close() -> None:
            info = recorder.stop(reason)
            status = "complete" if info.error is None else "partial"
            if recording_id is not None:
                # KeyError: deleted meanwhile (consent revoked and the user chose to delete).
                with contextlib.suppress(KeyError):
                    self.recordings.update(recording_id, status=status,
                                           duration_s=info.duration_s)  # fmt: skip
            message = f"Recording stopped ({reason})"
            if info.error:
                message += f": {info.error}"
            self.report(RecordingState(False, recorder.path, message))

        thread = threading.Thread(target=close, name="recorder-close", daemon=False)
        self._closing.append(thread)
        thread.start()

    def wait_recordings_closed(self, timeout: float = 15.0) -> None:
        for thread in self._closing:
            thread.join(timeout)
