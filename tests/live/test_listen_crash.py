"""A live call killed with SIGKILL: at the next start the interview is found, its recording is
repaired (losing at most about a second) and every final segment saved before the kill is kept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile as sf

from app.live.recovery import recover_interrupted
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.timeline import load_timeline
from app.store.transcript import SegmentRepository
from tests.live.speech import make_interview

pytestmark = pytest.mark.model

TURNS = [
    (0, "Thank you for joining me today."),
    (1, "Happy to help."),
    (0, "Tell me about the last time you closed the books."),
    (1, "It was a long week, we had receipts everywhere."),
    (0, "What happened next?"),
    (1, "We copied everything into a spreadsheet by hand."),
]


def test_a_killed_call_is_recovered_with_its_audio_and_transcript(tmp_path: Path) -> None:
    wav = tmp_path / "call.wav"
    make_interview(wav, TURNS, gap_s=1.0)
    data_dir = tmp_path / "data"
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "listen", "--file", str(wav), "--jsonl",
         "--consent", "granted", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    finals: list[dict[str, object]] = []
    assert proc.stdout is not None
    started = time.monotonic()
    try:
        for line in proc.stdout:
            event = json.loads(line)
            if event["type"] == "final":
                finals.append(event)
            if len(finals) >= 3:
                break
            assert time.monotonic() - started < 120, "no transcript came"
        time.sleep(0.5)
        killed_at = time.time()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    store = Store.open(data_dir)
    (interview,) = InterviewRepository(store).list_all()
    assert interview.status == "live"  # as the kill left it
    reports = recover_interrupted(store)
    assert [r.interview_id for r in reports] == [interview.id]
    assert InterviewRepository(store).get(interview.id).status == "recovered"
    (recording,) = RecordingRepository(store).for_interview(interview.id)
    assert recording.status == "recovered"
    info = sf.info(str(recording.path))
    assert info.channels == 2
    # Sample 0 of the recording is at session time offset_s; the session started at the wall
    # time of its first event. At most about a second before the kill is lost.
    assert info.duration == pytest.approx(recording.duration_s)
    started_wall = load_timeline(store, interview.id).events[0].wall
    lost = (killed_at - started_wall) - (recording.offset_s + info.duration)
    assert -0.2 < lost <= 1.1, lost
    saved_words = [w.word for s in SegmentRepository(store).list(interview.id)
                   for w in s.segment.words]  # fmt: skip
    printed_words = [w["word"] for e in finals for w in e["words"]]  # type: ignore[union-attr]
    assert printed_words and all(w in saved_words for w in printed_words)
