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

from app.live.scoring import score_interview
from app.session.plan import InterviewPlan, Participant
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


def _start_listen(pulse_server: PulseServer, data_dir: Path, consent: str
                  ) -> tuple[subprocess.Popen[str], list[dict[str, Any]], threading.Thread]:  # fmt: skip
    """`tellmemore listen --jsonl` on the null sinks' monitors, its events read as they come."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "listen", "--jsonl", "--mic", "pulse:mic.monitor",
         "--call", "pulse:call.monitor", "--consent", consent, "--data-dir", str(data_dir),
         "--participant", "Dana"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=pulse_server.child_env(),
    )  # fmt: skip
    events: list[dict[str, Any]] = []
    reader = threading.Thread(target=_read_events, args=(proc, events), daemon=True)
    reader.start()
    return proc, events, reader


def test_listen_prints_saves_and_ends_cleanly_on_sigint(
    pulse_server: PulseServer, tmp_path: Path
) -> None:
    clips: list[tuple[str, Path]] = []
    for i, (iv, pa) in enumerate(zip(INTERVIEWER_LINES, PARTICIPANT_LINES, strict=True)):
        clips.append(("mic", speak(iv, tmp_path / f"iv{i}.wav", "en-us")))
        clips.append(("call", speak(pa, tmp_path / f"pa{i}.wav", "en-gb")))
    data_dir = tmp_path / "data"
    proc, events, reader = _start_listen(pulse_server, data_dir, "granted")
    try:
        # Both devices open (audio played before would reach no one), then the model loads
        # while the audio waits in the rings.
        assert pulse_server.wait_for_recorders(2, timeout=60.0), "listen opened no devices"
        time.sleep(1.0)
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
    assert [e["type"] for e in events].count("ready") == 1
    for e in events:
        if e["type"] == "ready":
            continue
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
    said = [e["text"] for e in events if e["type"] in ("final", "utterance")
            and e["speaker"] == "interviewer"]  # fmt: skip
    cues = [(e["kind"], e["text"], e["confidence"]) for e in events if e["type"] == "cue"]
    assert any(e["type"] == "cue" and e["kind"] == "why" for e in events), (said, cues, stderr)

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


def test_declined_consent_leaves_no_participant_word_in_the_data_folder(
    pulse_server: PulseServer, tmp_path: Path
) -> None:
    """The participant speaks into the call sink; with consent declined their words are
    transcribed (the interviewer is coached live) but written nowhere: not the database, its
    WAL or search index, not a log, not a recording."""
    participant = ["Our accountant reconciles every invoice by hand on Tuesday.",
                   "Honestly the spreadsheet crashes whenever my manager filters it."]  # fmt: skip
    clips = [("mic", speak("Tell me about your week.", tmp_path / "iv.wav", "en-us"))]
    clips += [("call", speak(text, tmp_path / f"pa{i}.wav", "en-gb"))
              for i, text in enumerate(participant)]  # fmt: skip
    data_dir = tmp_path / "data"
    proc, events, reader = _start_listen(pulse_server, data_dir, "declined")
    try:
        deadline = time.monotonic() + 60
        while not any(e["type"] == "ready" for e in events) and time.monotonic() < deadline:
            time.sleep(0.1)
        for sink, clip in clips:
            pulse_server.play_and_wait(sink, clip)
            time.sleep(0.8)
        time.sleep(1.5)
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(timeout=10)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert rc == 0 and "Traceback" not in stderr, stderr
    heard = " ".join(e["text"] for e in events
                     if e["type"] == "final" and e["speaker"] == "participant").lower()  # fmt: skip
    # Whatever the model heard them say (long words only; never the interviewer's).
    secret = {w.strip(".,?!'\"") for w in heard.split() if len(w.strip(".,?!'\"")) >= 6}
    # Words the app writes itself (goals, tips, plan) are not the participant's.
    baseline_dir = tmp_path / "baseline"
    baseline = Store.open(baseline_dir)
    plan = InterviewPlan(participant=Participant("Dana"))
    score_interview(baseline, InterviewRepository(baseline).create(plan), plan)
    baseline.close()
    ours = b" ".join(p.read_bytes().lower() for p in baseline_dir.rglob("*") if p.is_file())
    secret = {w for w in secret if w.encode() not in ours}
    assert len(secret) >= 3, f"the participant was transcribed live: {heard!r}"
    assert "not keeping dana's words" in stderr.lower()
    for path in data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            leaked = [w for w in secret if w.encode() in data]
            assert not leaked, (path.relative_to(data_dir), leaked)
    store = Store.open(data_dir)
    (summary,) = InterviewRepository(store).list_all()
    assert summary.consent_state == "declined"
    assert RecordingRepository(store).for_interview(summary.id) == []
    assert {s.segment.speaker for s in SegmentRepository(store).list(summary.id)} <= {
        Speaker.INTERVIEWER
    }
    store.close()
