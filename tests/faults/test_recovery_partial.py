"""Recovery of a call whose recording a full disk stopped ("partial") records its real length."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from app.audio.recording_file import WavAppender
from app.live.recovery import recover_interrupted
from app.session.plan import InterviewPlan
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import InterviewStatus, SessionEventRow
from app.store.recordings import RecordingRepository


def _thirty_one_seconds_with_a_stale_header(path: Path) -> None:
    """What the recorder leaves when the disk fills: 31 s of audio whose header was last
    patched at 0.19 s (the final commit failed with ENOSPC)."""
    wav = WavAppender(path, channels=2, samplerate=16000)
    wav.append(np.zeros((int(0.19 * 16000), 2), dtype=np.int16))
    wav.commit(fsync=True)
    wav.append(np.full((int(30.81 * 16000), 2), 300, dtype=np.int16))
    wav.abandon()
    with open(path, "rb") as f:
        assert struct.unpack("<I", f.read(44)[40:44])[0] == int(0.19 * 16000) * 4


def test_a_partial_recording_gives_the_interview_its_real_length(store: Store) -> None:
    interviews = InterviewRepository(store)
    recordings = RecordingRepository(store)
    iid = interviews.create(InterviewPlan(), title="disk filled")
    interviews.update(iid, status=InterviewStatus.LIVE)
    path = recordings.new_path(iid)
    _thirty_one_seconds_with_a_stale_header(path)
    rec = recordings.add(iid, path, status="recording")
    recordings.update(rec, status="partial", duration_s=0.19)
    with store.session() as s:
        s.add(SessionEventRow(interview_id=iid, kind="started", t=0.19, wall=0.0, data={}))

    reports = recover_interrupted(store)

    assert [r.interview_id for r in reports] == [iid]
    assert abs(interviews.get(iid).duration_s - 31.0) < 0.01
    (stored,) = recordings.for_interview(iid)
    assert abs(stored.duration_s - 31.0) < 0.01
    assert reports[0].audio_s is not None and abs(reports[0].audio_s - 31.0) < 0.01
    with open(path, "rb") as f:  # the header now describes all the audio
        assert struct.unpack("<I", f.read(44)[40:44])[0] == path.stat().st_size - 44
