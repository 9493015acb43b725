"""The live pipeline end to end on real speech and the real model, with a file in place of the
sound card (the PulseAudio path is tested in test_listen_pulse.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import jiwer
import pytest
import soundfile as sf

from app.audio.filesource import FileSource
from app.coach.checklist import tick_session
from app.coach.cues import Cue
from app.live.pipeline import LivePipeline
from app.live.recovery import recover_interrupted
from app.live.reports import (
    CueFired,
    CueShown,
    FinalFragment,
    LiveReport,
    ModelState,
    PartialText,
    RecordingState,
    Status,
)
from app.session.consent import ConsentError
from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.session.session import InterviewSession
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.timeline import SessionPersister
from app.store.transcript import SegmentRepository
from app.transcribe.model import LoadedModel
from tests.live.speech import make_interview

pytestmark = pytest.mark.model

TURNS = [
    (0, "Thank you so much for joining me today."),
    (1, "Happy to help, I have a few minutes before my next meeting."),
    (0, "Why did you pick the annual plan?"),
    (1, "We compared three vendors and the annual plan was cheaper for our team."),
]


class Collector:
    """The pipeline's report hook, sorted by kind."""

    def __init__(self) -> None:
        self.partials: list[tuple[Speaker, str]] = []
        self.finals: list[Segment] = []
        self.cues: list[Cue] = []
        self.shown: list[Cue] = []
        self.checklist: list[tuple[int, int]] = []
        self.status: list[tuple[str, str]] = []
        self.model_ready = threading.Event()
        self.recording: list[tuple[bool, Path | None]] = []

    def __call__(self, report: LiveReport) -> None:
        match report:
            case PartialText(speaker, text):
                self.partials.append((speaker, text))
            case FinalFragment(segment):
                self.finals.append(segment)
            case CueFired(cue):
                self.cues.append(cue)
            case CueShown(cue):
                self.shown.append(cue)
            case Status(message, level):
                self.status.append((message, level.value))
            case ModelState(ready) if ready:
                self.model_ready.set()
            case RecordingState(recording, path):
                self.recording.append((recording, path))


@pytest.fixture(scope="module")
def interview_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("speech") / "interview.wav"
    make_interview(path, TURNS)
    return path


def run_call(store: Store, wav: Path, model: LoadedModel, consent: str | None,
             consent_after_s: float = 0.0) -> tuple[int, Collector, LivePipeline]:  # fmt: skip
    plan = InterviewPlan(participant=Participant("Dana"))
    interview_id = InterviewRepository(store).create(plan)
    session = InterviewSession(plan)
    SessionPersister(store, interview_id, session)
    session.start()
    collector = Collector()
    source = FileSource(wav, realtime=True, speed=2.0)
    pipeline = LivePipeline(store, interview_id, session, source, collector, loaded_model=model)
    pipeline.start()
    if consent == "declined":
        session.decline_consent()
        with pytest.raises(ConsentError):
            session.start_recording()
    elif consent == "granted":
        time.sleep(consent_after_s)
        session.grant_consent()
        session.start_recording()
    while not source.finished:
        pipeline.tick()
        hits = pipeline.take_checklist()
        collector.checklist.extend(hits)
        tick_session(session, hits)
        time.sleep(0.1)
    pipeline.stop()
    collector.checklist.extend(pipeline.take_checklist())
    session.end()
    pipeline.finish()
    return interview_id, collector, pipeline


def test_both_speakers_are_transcribed_saved_and_coached(
    tmp_path: Path, interview_wav: Path, whisper_model: LoadedModel
) -> None:
    store = Store.open(tmp_path)
    interview_id, got, _ = run_call(store, interview_wav, whisper_model, consent="granted")
    saved = [s.segment for s in SegmentRepository(store).list(interview_id)]
    # Fragments were saved as they came, then joined into whole utterances: same words.
    assert [w for s in saved for w in s.words] == [
        w for s in sorted(got.finals, key=lambda s: s.start) for w in s.words
    ]
    assert len(saved) <= len(got.finals)
    assert any(s.text.endswith("?") and s.speaker is Speaker.INTERVIEWER for s in saved)
    for channel, speaker in ((0, Speaker.INTERVIEWER), (1, Speaker.PARTICIPANT)):
        reference = " ".join(text for c, text in TURNS if c == channel)
        heard = " ".join(s.text for s in saved if s.speaker is speaker)
        wer = jiwer.wer(jiwer.RemovePunctuation()(reference.lower()),
                        jiwer.RemovePunctuation()(heard.lower()))  # fmt: skip
        assert wer < 0.35, (speaker, heard)
    assert got.partials, "partial text is shown while someone speaks"
    kinds = {c.kind.value for c in got.cues}
    assert got.shown and set(got.shown) <= set(got.cues)
    assert "why" in kinds
    stored_kinds = {c.kind for c in CueRepository(store).list(interview_id)}
    assert "why" in stored_kinds
    assert (0, 0) in got.checklist  # "Thank you so much for joining" ticks "Show gratitude"
    summary = InterviewRepository(store).get(interview_id)
    assert summary.status == "ended"
    assert summary.scorecard is not None and "score" in summary.scorecard
    (recording,) = RecordingRepository(store).for_interview(interview_id)
    info = sf.info(str(recording.path))
    assert info.channels == 2 and info.samplerate == 16000
    assert recording.status == "complete"
    assert (recording.path.stat().st_mode & 0o777) == 0o600


def test_declined_consent_writes_no_audio(
    tmp_path: Path, interview_wav: Path, whisper_model: LoadedModel
) -> None:
    store = Store.open(tmp_path)
    interview_id, got, _ = run_call(store, interview_wav, whisper_model, consent="declined")
    assert RecordingRepository(store).for_interview(interview_id) == []
    assert list(store.recordings_dir.iterdir()) == []
    assert got.finals, "the transcript works without recording"
    # The participant's words were heard (and coached) but never written anywhere: not in the
    # database, its WAL, the search index or a log. The interviewer's own lines are kept.
    heard = [s for s in got.finals if s.speaker is Speaker.PARTICIPANT]
    assert heard, "the participant was transcribed live"
    saved = SegmentRepository(store).list(interview_id)
    assert saved and all(s.segment.speaker is Speaker.INTERVIEWER for s in saved)
    assert SegmentRepository(store).search("vendors") == []
    store.close()
    def words_of(segments: list[Segment]) -> set[str]:
        return {w.strip(".,?!").lower() for s in segments for w in s.text.split() if len(w) > 5}

    # Only the participant's own words: the interviewer may say some of them too ("annual").
    mine = words_of([s for s in got.finals if s.speaker is Speaker.INTERVIEWER])
    words = words_of(heard) - mine
    assert words
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            leaked = [w for w in words if w.encode() in data]
            assert not leaked, (path.name, leaked)


def test_interrupted_interview_is_recovered_at_next_start(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    plan = InterviewPlan()
    interview_id = InterviewRepository(store).create(plan)
    session = InterviewSession(plan)
    SessionPersister(store, interview_id, session)
    session.start()
    SegmentRepository(store).add(interview_id, Segment(Speaker.PARTICIPANT, 1, 2, "kept"))
    # the process dies here: no end()
    reports = recover_interrupted(store)
    assert [r.interview_id for r in reports] == [interview_id]
    assert "recovered" in reports[0].message()
    assert InterviewRepository(store).get(interview_id).status == "recovered"
    assert [s.segment.text for s in SegmentRepository(store).list(interview_id)] == ["kept"]
    assert recover_interrupted(store) == []


def test_a_call_that_ends_while_the_model_loads_is_still_transcribed(
    tmp_path: Path, interview_wav: Path
) -> None:
    store = Store.open(tmp_path)
    plan = InterviewPlan()
    interview_id = InterviewRepository(store).create(plan)
    session = InterviewSession(plan)
    session.start()
    collector = Collector()
    source = FileSource(interview_wav, realtime=False)  # the whole call arrives at once
    pipeline = LivePipeline(store, interview_id, session, source, collector)  # loads the model
    pipeline.start()
    assert source.wait_finished(30)
    assert not collector.model_ready.is_set()  # the call is over before the model is ready
    pipeline.stop()
    session.end()
    heard = " ".join(s.segment.text for s in SegmentRepository(store).list(interview_id))
    assert "annual plan" in heard.lower()
