"""`tellmemore listen --jsonl` as a subprocess on real audio: a private PulseAudio server with two
null sinks (mic, call) fed with espeak-ng speech, captured from their monitors through PortAudio,
transcribed by the real model, saved to a real SQLite store, ended with SIGINT."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import jiwer
import pytest
import soundfile as sf

from app.session.segments import Speaker
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from tests.pulse import PulseServer, speak, wav_duration

pytestmark = [pytest.mark.audio, pytest.mark.model]

INTERVIEWER_LINES = [
    "Thank you for joining me today.",
    "Why did you choose the annual plan?",
]
PARTICIPANT_LINES = [
    "We compared three vendors last spring.",
    "The annual plan was cheaper for our whole team.",
]


def _normalise(text: str) -> str:
    return jiwer.RemovePunctuation()(text.lower()).strip()


def _read_events(proc: subprocess.Popen[str], sink: list[dict[str, Any]]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        sink.append(json.loads(line))


def test_listen_prints_saves_and_ends_cleanly_on_sigint(
    pulse_server: PulseServer, tmp_path: Path
) -> None:
    clips: list[tuple[str, Path]] = []
    for i, (iv, pa) in enumerate(zip(INTERVIEWER_LINES, PARTICIPANT_LINES, strict=True)):
        clips.append(("mic", speak(iv, tmp_path / f"iv{i}.wav", "en-us")))
        clips.append(("call", speak(pa, tmp_path / f"pa{i}.wav", "en-gb")))
    data_dir = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "listen", "--jsonl", "--mic", "pulse:mic.monitor",
         "--call", "pulse:call.monitor", "--consent", "granted", "--data-dir", str(data_dir),
         "--participant", "Dana"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=pulse_server.child_env(),
    )  # fmt: skip
    events: list[dict[str, Any]] = []
    reader = threading.Thread(target=_read_events, args=(proc, events), daemon=True)
    reader.start()
    try:
        time.sleep(4.0)  # the devices open and the model loads (audio waits in the rings)
        played_at: list[tuple[str, float, float]] = []
        for sink, clip in clips:
            start = time.time()
            pulse_server.play_and_wait(sink, clip)
            played_at.append((sink, start, wav_duration(clip)))
            time.sleep(0.8)
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(timeout=10)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert rc == 0, stderr
    assert "Traceback" not in stderr

    finals = [e for e in events if e["type"] == "final"]
    assert finals, stderr
    emitted = [e["emitted_at"] for e in events]
    assert emitted == sorted(emitted), "events come out in the order they were emitted"
    for e in events:
        assert e["speaker"] in ("interviewer", "participant")
        assert set(e) >= {"type", "emitted_at", "speaker", "start", "end", "text"}
    for e in finals:
        assert e["words"], e
        for w in e["words"]:
            assert e["start"] - 0.05 <= w["start"] <= w["end"] <= e["end"] + 0.05
    # No word in two final events: word timings never overlap within a speaker.
    for speaker in ("interviewer", "participant"):
        words = [w for e in finals if e["speaker"] == speaker for w in e["words"]]
        starts = [w["start"] for w in words]
        assert starts == sorted(starts)
        assert len({(w["start"], w["word"]) for w in words}) == len(words)
    for speaker, lines in (("interviewer", INTERVIEWER_LINES), ("participant", PARTICIPANT_LINES)):
        heard = " ".join(e["text"] for e in finals if e["speaker"] == speaker)
        wer = jiwer.wer(_normalise(" ".join(lines)), _normalise(heard))
        assert wer <= 0.35, (speaker, heard, stderr)
    assert any(e["type"] == "cue" and e["kind"] == "why" for e in events)

    # The interview is saved: ended, with its segments and a two-channel recording.
    store = Store.open(data_dir)
    (summary,) = InterviewRepository(store).list_all()
    assert summary.status == "ended" and summary.consent_state == "granted"
    saved = SegmentRepository(store).list(summary.id)
    saved_words = [(w.word, round(w.start, 3)) for s in saved for w in s.segment.words]
    printed_words = [(w["word"], w["start"]) for e in finals for w in e["words"]]
    assert sorted(saved_words, key=lambda w: w[1]) == sorted(printed_words, key=lambda w: w[1])
    assert {s.segment.speaker for s in saved} == {Speaker.INTERVIEWER, Speaker.PARTICIPANT}
    (recording,) = RecordingRepository(store).for_interview(summary.id)
    audio, rate = sf.read(str(recording.path), dtype="float32")
    assert rate == 16000 and audio.ndim == 2 and audio.shape[1] == 2
    # Each side's speech is on its own channel: energy where that speaker spoke.
    energy = (audio**2).sum(axis=0)
    assert energy[0] > 0.01 and energy[1] > 0.01
    assert summary.scorecard is not None
