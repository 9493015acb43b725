"""The transcriber reading the capture rings itself (attach): no relay thread, one buffer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.audio.filesource import FileSource
from app.audio.pump import ClockReader
from app.audio.ringbuffer import RingBuffer
from app.session.segments import Speaker
from app.transcribe.vad import SAMPLE_RATE
from tests.transcribe.fakes import ScriptedDecoder, script_from_text, signal_for
from tests.transcribe.test_streaming_logic import Recorder, make


def test_attached_rings_are_transcribed_with_their_session_times(tmp_path: Path) -> None:
    asked = script_from_text("why did you choose the old spreadsheet", 0.5)
    answer = script_from_text("because it was free and everyone knew it", 5.0)
    tracks = {Speaker.INTERVIEWER: signal_for(asked, 9.0),
              Speaker.PARTICIPANT: signal_for(answer, 9.0)}  # fmt: skip
    source = FileSource(tmp_path / "unused.wav", tracks=tracks, realtime=False)
    source.set_origin(source.clock() - 2.0)  # the call began 2 s before the audio
    recorder = Recorder()

    transcriber = make(ScriptedDecoder(asked + answer), recorder)
    readers = {s: ClockReader(ring) for s, ring in source.rings.items()}
    transcriber.attach(readers)
    transcriber.start()
    source.start()
    assert source.wait_finished(10)
    source.stop()
    assert transcriber.stop(drain=True, timeout=20)
    for speaker, script in ((Speaker.INTERVIEWER, asked), (Speaker.PARTICIPANT, answer)):
        finals = [s for s in recorder.finals if s.speaker is speaker]
        assert [w.word for s in finals for w in s.words] == [w.word for w in script]
        assert finals[0].start == pytest.approx(2.0 + script[0].start, abs=0.1)
    assert transcriber.dropped_s == 0.0


def test_what_a_ring_overwrote_is_counted_once() -> None:
    ring = RingBuffer(SAMPLE_RATE, SAMPLE_RATE)  # holds one second
    ring.set_origin(0.0)
    reader = ClockReader(ring)
    transcriber = make(ScriptedDecoder([]), Recorder())
    transcriber.attach({Speaker.PARTICIPANT: reader})
    ring.write(np.zeros(1600, np.float32), t_end=0.1)
    transcriber.process_available()  # read: the channel starts at 0.0
    for i in range(15):  # 1.5 s written without a read: 0.5 s overwritten
        ring.write(np.zeros(1600, np.float32), t_end=0.2 + i * 0.1)
    transcriber.process_available()
    assert transcriber.dropped_s == pytest.approx(0.5)
    transcriber.stop(drain=True)
    assert transcriber.dropped_s == pytest.approx(0.5)
