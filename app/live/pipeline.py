"""One live interview's machinery: audio source → recorder (after consent) and streaming
transcriber → coach → store, reporting through plain callbacks.

The session core stays single-threaded: the pipeline only reads it from worker threads (phase,
elapsed) and never mutates it. Things the owner must apply to the session (checklist items the
transcript ticked) are handed back through `LiveListener.on_checklist`; the owner (the GUI
thread via Qt signals, or `listen`'s main loop) applies them. Callbacks run on worker threads.

    pipeline = LivePipeline(store, interview_id, session, source, listener)
    pipeline.start()              # after session.start(); the model loads in the background
    pipeline.tick()               # every ~200 ms from the owner's thread: time cues, levels
    pipeline.start_recording()    # raises ConsentError without consent
    pipeline.stop()               # drains: the last words are transcribed and saved
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from app.audio.pump import RingPump
from app.audio.recorder import Recorder
from app.audio.source import AudioSource
from app.coach.checklist import auto_ticks
from app.coach.cues import CoachState, Cue, CueKind
from app.coach.engine import Coach
from app.coach.settings import CoachSettings
from app.coach.throttle import CueThrottle
from app.live.scoring import score_interview
from app.live.utterances import Utterance, UtteranceAssembler
from app.session.consent import ConsentState
from app.session.segments import Segment, Speaker
from app.session.session import EventKind, InterviewSession, SessionEvent
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from app.transcribe.decoder import WhisperDecoder
from app.transcribe.model import LoadedModel, ModelError, ModelLoader
from app.transcribe.streaming import StreamingTranscriber

log = logging.getLogger(__name__)


class LiveListener(Protocol):
    """What the pipeline reports. Every method may be called from a worker thread."""

    def on_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None: ...
    def on_final(self, segment: Segment) -> None: ...
    def on_cue(self, cue: Cue) -> None: ...  # every cue, once (saved and reported)
    def on_cue_shown(self, cue: Cue) -> None: ...  # the one to put on screen now
    def on_checklist(self, hits: list[tuple[int, int]]) -> None: ...
    def on_status(self, message: str, level: str) -> None: ...
    def on_model(self, ready: bool, message: str) -> None: ...
    def on_recording(self, recording: bool, path: Path | None, message: str) -> None: ...


@dataclass(frozen=True)
class LiveStats:
    backlog_s: float
    dropped_s: float
    levels_db: dict[Speaker, float]
    recording_s: float
    model_ready: bool


class LivePipeline:
    def __init__(
        self,
        store: Store,
        interview_id: int,
        session: InterviewSession,
        source: AudioSource,
        listener: LiveListener,
        *,
        model_choice: str | None = None,
        coach_settings: CoachSettings | None = None,
        loaded_model: LoadedModel | None = None,
        transcriber_factory: Callable[[LoadedModel], StreamingTranscriber] | None = None,
    ) -> None:
        self.store = store
        self.interview_id = interview_id
        self.session = session
        self.source = source
        self.listener = listener
        self.model_choice = model_choice
        self.coach = Coach(session.plan, coach_settings)
        self.throttle = CueThrottle()
        self.segments = SegmentRepository(store)
        self.cue_repo = CueRepository(store)
        self.recordings = RecordingRepository(store)
        self._loaded_model = loaded_model
        self._transcriber_factory = transcriber_factory or self._default_transcriber
        self._transcriber: StreamingTranscriber | None = None
        self._pump: RingPump | None = None
        self._loader: ModelLoader | None = None
        self._recorder: Recorder | None = None
        self._recording_id: int | None = None
        self._coach_lock = threading.Lock()  # segments (worker) and ticks (owner) both coach
        self._lifecycle = threading.Lock()
        self._stopped = False  # the model loader's result is no longer wanted
        self._stop_requested = False
        self.assembler = UtteranceAssembler()
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
        self.source.start()
        # Only a running capture follows the session's recording switch.
        self.session.subscribe(self._on_session_event)
        # Readers are made now: audio captured while the model loads waits in the rings.
        self._pump = RingPump(self.source, on_start=self._on_channel_start,
                              on_samples=self._on_samples)  # fmt: skip
        if self._loaded_model is not None:
            self._on_model_ready(self._loaded_model)
        else:
            self.listener.on_model(False, "Loading the speech model\u2026")
            # One decode thread measured best live (less CPU, lower latency than two).
            self._loader = ModelLoader(self.model_choice, cpu_threads=1, on_ready=self._on_model_ready,
                                       on_failed=self._on_model_failed)  # fmt: skip
            self._loader.start()

    def _default_transcriber(self, loaded: LoadedModel) -> StreamingTranscriber:
        return StreamingTranscriber(
            WhisperDecoder(loaded.model), on_partial=self._on_partial, on_final=self._on_final
        )

    def _on_model_ready(self, loaded: LoadedModel) -> None:
        with self._lifecycle:
            if self._stopped:
                return
            self._transcriber = self._transcriber_factory(loaded)
            self._transcriber.start()
            assert self._pump is not None
            self._pump.start()
        self.listener.on_model(True, loaded.message or f"Transcribing with {loaded.name}")
        if loaded.message:
            self.listener.on_status(loaded.message, "warning")

    def _on_model_failed(self, error: ModelError) -> None:
        self.listener.on_model(False, str(error))
        self.listener.on_status(f"No live transcript: {error}", "error")

    def stop(self, drain_timeout_s: float = 60.0) -> None:
        """Stop capture, record to the last moment, transcribe what is left, save the score."""
        with self._lifecycle:
            if self._stopped or self._stop_requested:
                return
            self._stop_requested = True  # a second caller returns at once
        if self.session.recording:
            self.stop_recording()
        self.wait_recordings_closed()  # the file ends where the call ended, then capture stops
        self.source.stop()
        # A call that ends while the model loads still gets its audio transcribed: the rings
        # hold it, and the transcriber starts (and drains) once the model is there.
        if self._loader is not None and not self._loader.done:
            self.listener.on_status("Waiting for the speech model to transcribe the call…",
                                    "info")  # fmt: skip
            self._loader.wait(120)
        with self._lifecycle:
            self._stopped = True
        if self._pump is not None:
            self._pump.stop()  # hands over what is left in the rings
        if self._transcriber is not None:
            complete = self._transcriber.stop(drain=True, timeout=drain_timeout_s)
            if not complete:
                self.listener.on_status(
                    f"{self._transcriber.dropped_s:.1f} s of audio could not be transcribed "
                    "before closing.", "warning",
                )  # fmt: skip
        with self._coach_lock:
            rest = self.assembler.flush()
        self._judge(rest)
        self._finals_closed = True

    def finish(self) -> None:
        """After the session ended: save the metrics and scorecard with the interview."""
        score_interview(self.store, self.interview_id, self.session.plan,
                        checklist=self.session.checklist)  # fmt: skip

    # -- audio → transcriber ------------------------------------------------------------------------
    def _on_channel_start(self, speaker: Speaker, session_time: float) -> None:
        assert self._transcriber is not None
        self._transcriber.add_channel(speaker, session_time)

    def _on_samples(self, speaker: Speaker, samples: np.ndarray) -> None:
        assert self._transcriber is not None
        self._transcriber.feed(speaker, samples)

    def _on_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None:
        self.listener.on_partial(speaker, text, start, end)

    def keeps(self, speaker: Speaker) -> bool:
        """Whether this speaker's words may be stored now. The participant's only with
        consent: before it is granted, and after it is declined or revoked, their words live
        in memory for coaching the interviewer and are never written anywhere."""
        return speaker is Speaker.INTERVIEWER or self.session.consent is ConsentState.GRANTED

    def _on_final(self, segment: Segment) -> None:
        if self._finals_closed:
            # Never the words themselves in a log: they may be the participant's.
            log.warning("a final segment came after the call was closed (%.1f s)", segment.end)
            return
        row_id = -1
        if self.keeps(segment.speaker):
            try:
                row_id = self.segments.add(self.interview_id, segment, source="live")
            except Exception as exc:  # noqa: BLE001 - the transcript on screen survives a failing disk
                log.exception("saving a segment failed")
                self.listener.on_status(f"A transcript line could not be saved: {exc}", "error")
        self.final_segments.append(segment)
        self.listener.on_final(segment)
        with self._coach_lock:
            done = self.assembler.add(segment, row_id)
        self._judge(done)

    def _judge(self, utterances: list[Utterance]) -> None:
        """Coach whole utterances, tick the checklist, and tidy the stored fragments."""
        for utterance in utterances:
            segment = utterance.segment
            self.utterances.append(segment)
            if len(utterance.row_ids) > 1 and min(utterance.row_ids) >= 0:
                try:
                    self.segments.merge(list(utterance.row_ids), segment)
                except Exception:
                    log.exception("merging transcript fragments failed (they stay as they are)")
            hits = auto_ticks(segment, self.session.phase_index)
            if hits:
                self.listener.on_checklist(hits)
            with self._coach_lock:
                cues = self.coach.on_segment(segment, self._coach_state())
            self._publish(cues)

    # -- coaching ----------------------------------------------------------------------------------
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
            self.listener.on_cue(cue)
            if not cue.live:
                continue  # kept for the review; not sure enough to interrupt the call
            with self._coach_lock:
                show = self.throttle.offer(cue, now)
            if show:
                self.listener.on_cue_shown(cue)

    def dismiss_cue(self) -> None:
        with self._coach_lock:
            self.throttle.dismiss()

    def tick(self) -> LiveStats:
        """Called regularly by the owner: time-based cues and the numbers for the meters."""
        with self._coach_lock:
            cues = self.coach.on_tick(self._coach_state())
            # Fragments arrive after decoding: judge staleness on the audio the transcriber
            # has processed, not on the wall clock, or slow decoding splits every sentence.
            transcribed_until = self.session.elapsed_wall() - (
                self._transcriber.backlog_s() if self._transcriber else 0.0
            )
            settled = self.assembler.close_stale(transcribed_until)
        self._publish(cues)
        self._judge(settled)
        with self._coach_lock:
            waiting = self.throttle.release(time.monotonic())
        if waiting is not None:
            self.listener.on_cue_shown(waiting)
        return self.stats()

    def stats(self) -> LiveStats:
        t = self._transcriber
        levels = {speaker: self.source.level_db(speaker) for speaker in self.source.rings}
        recorder = self._recorder
        ring_dropped = sum(self._pump.dropped.values()) if self._pump else 0
        ring_dropped_s = ring_dropped / self.source.samplerate
        return LiveStats(
            backlog_s=t.backlog_s() if t else 0.0,
            dropped_s=(t.dropped_s if t else 0.0) + ring_dropped_s,
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

    def start_recording(self) -> Path | None:
        """Raises ConsentError without consent (the session checks; the recorder again)."""
        self.session.start_recording()
        return self.recording_path

    def stop_recording(self, reason: str = "stopped") -> None:
        self.session.stop_recording(reason=reason)

    def _start_recorder(self) -> None:
        if self._recorder is not None:
            return
        path = self.recordings.new_path(self.interview_id)
        recorder = Recorder(
            self.source, path, consent_granted=self.session.can_record,
            on_error=lambda message: self.listener.on_status(message, "error"),
        )  # fmt: skip
        try:
            recorder.start()
        except (OSError, RuntimeError) as exc:
            self.listener.on_status(f"Recording could not start: {exc}", "error")
            self.session.stop_recording(reason="could not start")
            return
        self._recorder = recorder
        self._recording_id = self.recordings.add(
            self.interview_id, path, channels=2, samplerate=recorder.samplerate,
            offset_s=recorder.offset_s,
        )  # fmt: skip
        self.listener.on_recording(True, path, "Recording both sides")

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
            self.listener.on_recording(False, recorder.path, message)

        thread = threading.Thread(target=close, name="recorder-close", daemon=False)
        self._closing.append(thread)
        thread.start()

    def wait_recordings_closed(self, timeout: float = 15.0) -> None:
        for thread in self._closing:
            thread.join(timeout)
