"""Importing recordings and transcripts: complete interviews or nothing at all."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.importing import (
    CancelToken,
    ImportCancelled,
    ImportFailed,
    ImportJob,
    ImportKind,
    ImportRequest,
)
from app.session.segments import Segment, Speaker
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.timeline import load_timeline
from app.store.transcript import SegmentRepository
from tests.review.recorded import RecordedInterview

VTT = """WEBVTT

NOTE phase: Introductions

1
00:00:01.000 --> 00:00:04.000
<v Dana>Thanks for joining me today. Is it okay if I record this?

2
00:00:04.500 --> 00:00:06.000
<v Priya>Sure, that's fine.

NOTE phase: Go deeper

3
00:01:00.000 --> 00:01:05.000
<v Dana>Why do you use spreadsheets? Wouldn't it be great to have an app?

4
00:01:05.500 --> 00:01:15.000
<v Priya>Usually I just copy every receipt by hand, it takes hours.
"""


def _nothing_left(store: Store) -> None:
    assert InterviewRepository(store).list_all() == []
    assert [p for p in store.recordings_dir.iterdir()] == []


def test_transcript_import_makes_a_complete_interview(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "call.vtt"
    path.write_text(VTT, encoding="utf-8")
    seen: list[float] = []
    result = ImportJob(store, ImportRequest(path, participant_company="Northwind"),
                       progress=lambda f, _m: seen.append(f)).run()  # fmt: skip
    assert result.kind is ImportKind.TRANSCRIPT and result.segment_count == 4
    summary = InterviewRepository(store).get(result.interview_id)
    assert (summary.participant_name, summary.interviewer_name) == ("Priya", "Dana")
    assert summary.status == "imported" and summary.scorecard is not None
    assert 0 <= summary.scorecard["score"] <= 100
    segments = SegmentRepository(store).list(result.interview_id)
    assert [s.segment.speaker for s in segments] == [Speaker.INTERVIEWER, Speaker.PARTICIPANT] * 2
    kinds = {c.kind for c in CueRepository(store).list(result.interview_id)}
    assert "why" in kinds and result.cue_count == len(CueRepository(store).list(result.interview_id))
    plan = InterviewRepository(store).load_plan(result.interview_id)
    spans = load_timeline(store, result.interview_id).phase_spans(plan, 75.0)
    assert [span.index for span in spans] == [0, 2]
    assert SegmentRepository(store).search("receipt")[0].interview_id == result.interview_id
    assert seen[0] == 0.0 and seen[-1] == 1.0


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe garbage \x00", b"WEBVTT\n\n"])
def test_unreadable_transcript_leaves_nothing(store: Store, tmp_path: Path,
                                              content: bytes) -> None:  # fmt: skip
    path = tmp_path / "broken.vtt"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match="broken.vtt could not be read as a transcript"):
        ImportJob(store, ImportRequest(path)).run()
    _nothing_left(store)


def test_missing_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="was not found"):
        ImportJob(store, ImportRequest(tmp_path / "gone.wav")).run()


def test_unreadable_recording_leaves_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "call.mp3"
    path.write_bytes(b"this is not audio at all" * 100)
    with pytest.raises(ImportFailed, match="call.mp3 could not be opened as a recording"):
        ImportJob(store, ImportRequest(path)).run()
    _nothing_left(store)


def _fake_transcriber(segments: list[Segment], *, fail: Exception | None = None,
                      gate: threading.Event | None = None):  # noqa: ANN202
    def run(path: Path, progress, cancel: CancelToken) -> list[Segment]:  # noqa: ANN001
        for i in range(10):
            if gate is not None:
                gate.wait(2)
            progress(i / 10)
        if fail is not None:
            raise fail
        return segments
    return run


def test_recording_import_copies_the_file_and_stores_everything(
    store: Store, recorded: RecordedInterview
) -> None:
    result = ImportJob(store, ImportRequest(recorded.wav, participant_name="Priya"),
                       transcriber=_fake_transcriber(recorded.segments)).run()  # fmt: skip
    recording = RecordingRepository(store).for_interview(result.interview_id)[0]
    assert recording.path != recorded.wav and recording.path.parent == store.recordings_dir
    assert recording.path.read_bytes() == recorded.wav.read_bytes()
    assert recording.channels == 2 and recording.samplerate == 16000
    assert recording.duration_s == pytest.approx(InterviewRepository(store).get(
        result.interview_id).duration_s - 0, abs=2.1)  # fmt: skip
    assert not list(store.recordings_dir.glob("*.part"))


def test_failed_transcription_leaves_no_copy(store: Store, recorded: RecordedInterview) -> None:
    before = set(store.recordings_dir.iterdir())
    job = ImportJob(store, ImportRequest(recorded.wav),
                    transcriber=_fake_transcriber([], fail=RuntimeError("decoder broke")))  # fmt: skip
    with pytest.raises(ImportFailed, match="could not be transcribed \\(decoder broke\\)"):
        job.run()
    assert set(store.recordings_dir.iterdir()) == before
    assert InterviewRepository(store).list_all()[0].id == recorded.interview_id  # only the old one


def test_silent_recording_is_refused(store: Store, recorded: RecordedInterview) -> None:
    with pytest.raises(ImportFailed, match="No speech was found"):
        ImportJob(store, ImportRequest(recorded.wav), transcriber=_fake_transcriber([])).run()
    assert len(InterviewRepository(store).list_all()) == 1


def test_cancel_during_transcription_leaves_nothing(store: Store,
                                                    recorded: RecordedInterview) -> None:  # fmt: skip
    token = CancelToken()
    calls = []

    def progress(f: float, _m: str) -> None:
        calls.append(f)
        if len(calls) == 3:
            token.cancel()

    job = ImportJob(store, ImportRequest(recorded.wav), progress=progress, cancel=token,
                    transcriber=_fake_transcriber(recorded.segments))  # fmt: skip
    with pytest.raises(ImportCancelled):
        job.run()
    assert len(InterviewRepository(store).list_all()) == 1
    assert set(store.recordings_dir.iterdir()) == {recorded.wav}


def test_import_task_in_the_library_reports_progress_and_failure(qtbot, store: Store,  # noqa: ANN001
                                                                 tmp_path: Path) -> None:  # fmt: skip
    from app.ui.library import LibraryWindow

    library = LibraryWindow(store)
    qtbot.addWidget(library)
    good = tmp_path / "call.vtt"
    good.write_text(VTT, encoding="utf-8")
    library.start_import(ImportRequest(good))
    # The worker may finish before a signal blocker could be set up: wait for the outcome.
    qtbot.waitUntil(lambda: library.model.rowCount() == 1, timeout=20_000)
    qtbot.waitUntil(lambda: library.import_row.isHidden(), timeout=5000)
    assert "Imported Priya" in library.banner.message()
    assert library.import_row.isHidden()
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    task = library.start_import(ImportRequest(bad))
    failures: list[str] = []
    task.failed.connect(failures.append)
    qtbot.waitUntil(lambda: "could not be read" in library.banner.message(), timeout=20_000)
    assert "notes.txt could not be read as a transcript" in library.banner.message()
    assert library.model.rowCount() == 1


def test_import_task_cancel(qtbot, store: Store, recorded: RecordedInterview) -> None:  # noqa: ANN001
    from app.ui.library import LibraryWindow

    library = LibraryWindow(store)
    qtbot.addWidget(library)
    gate = threading.Event()
    task = library.start_import(ImportRequest(recorded.wav),
                                transcriber=_fake_transcriber(recorded.segments, gate=gate))  # fmt: skip
    assert not library.import_row.isHidden()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        library.cancel_imports()
        gate.set()
    qtbot.waitUntil(lambda: "cancelled" in library.banner.message(), timeout=5000)
    assert library.model.rowCount() == 1
    assert set(store.recordings_dir.iterdir()) == {recorded.wav}


@pytest.mark.model
def test_recording_import_with_the_real_model(store: Store, recorded: RecordedInterview) -> None:
    result = ImportJob(store, ImportRequest(recorded.wav)).run()
    segments = SegmentRepository(store).list(result.interview_id)
    text = " ".join(s.segment.text.lower() for s in segments)
    assert "expense" in text and "spreadsheet" in text
    speakers = {s.segment.speaker for s in segments}
    assert speakers == {Speaker.INTERVIEWER, Speaker.PARTICIPANT}  # one per channel
    assert InterviewRepository(store).get(result.interview_id).scorecard is not None


def test_a_one_channel_recording_gives_every_line_to_the_participant(
    store: Store, tmp_path: Path
) -> None:
    """Both voices share the channel: none of it is coached as the interviewer's questions,
    as the import's warning says."""
    path = tmp_path / "mono.wav"
    sf.write(str(path), np.zeros(16_000 * 3, dtype=np.float32), 16_000)
    heard = [Segment(Speaker.INTERVIEWER, 0.2, 1.0, "Why did you leave?"),
             Segment(Speaker.INTERVIEWER, 1.2, 2.5, "The price went up.")]  # fmt: skip
    result = ImportJob(store, ImportRequest(path), transcriber=_fake_transcriber(heard)).run()
    saved = SegmentRepository(store).list(result.interview_id)
    assert {s.segment.speaker for s in saved} == {Speaker.PARTICIPANT}
    assert any("every line is given to the participant" in w for w in result.warnings)
    assert not [c for c in CueRepository(store).list(result.interview_id) if c.kind == "why"]
