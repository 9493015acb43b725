"""Real capture through a private PulseAudio server: speech played into null sinks `mic` and
`call` is captured from their monitors by PortAudio (ALSA `pulse` device)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.audio.capture import AudioCapture
from app.audio.devices import DeviceError, DeviceKind, list_input_devices, resolve_spec
from app.audio.recorder import Recorder
from app.audio.ringbuffer import RingBuffer
from app.audio.source import SourceState
from app.cli import main
from app.session.consent import ConsentError
from app.session.segments import Speaker
from tests.pulse import PulseServer

pytestmark = pytest.mark.audio

RATE = 16000
BLOCK_S = 0.05
# paplay start-up, Pulse buffering and the 100 ms capture blocks: how far apart "played at"
# and "captured at" may be.
SLACK_S = 0.4


def loud_times(x: np.ndarray, threshold: float = 0.01) -> np.ndarray:
    """Start times (s) of the 50 ms blocks whose RMS is above threshold."""
    n = int(BLOCK_S * RATE)
    blocks = x[: len(x) // n * n].reshape(-1, n)
    return np.flatnonzero(np.sqrt(np.mean(blocks**2, axis=1)) > threshold) * BLOCK_S


def wait_until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def wait_for_audio(capture: AudioCapture) -> None:
    """The first blocks arrive ~2 s after a null sink wakes up on an idle machine, and much
    later when both cores are busy (CI once passed 10 s): the wait is generous because a
    late device is not what these tests measure."""
    wait_until(lambda: all(r.has_timing for r in capture.rings.values()), timeout=45.0)


def ring_loud_span(ring: RingBuffer, start: int) -> tuple[float, float]:
    """Monotonic time of the first and last loud block in the ring from index `start`."""
    reader = ring.reader(start)
    first, data = reader.read_indexed()
    times = loud_times(data)
    assert times.size, f"no speech in the {ring.name} ring"
    t0 = ring.time_of(first)
    assert t0 is not None
    return t0 + times[0], t0 + times[-1] + BLOCK_S


def test_devices_lists_the_pulse_monitors_with_their_specs(
    pulse_server: PulseServer, capsys: pytest.CaptureFixture[str]
) -> None:
    devices = {d.spec: d for d in list_input_devices()}
    for name in ("mic", "call"):
        spec = f"pulse:{name}.monitor"
        assert devices[spec].kind is DeviceKind.MONITOR
    assert sum(d.is_default_call for d in devices.values()) == 1
    assert sum(d.is_default_mic for d in devices.values()) == 1
    assert resolve_spec("pulse:call.monitor").pulse_source == "call.monitor"
    assert resolve_spec("call.monitor").pulse_source == "call.monitor"
    assert resolve_spec("puls").label == "pulse"  # a name substring
    assert resolve_spec(resolve_spec("pulse").index).label == "pulse"
    with pytest.raises(DeviceError, match="no source named"):
        resolve_spec("pulse:nothing.monitor")
    with pytest.raises(DeviceError, match="index 999"):
        resolve_spec(999)

    assert main(["devices"]) == 0
    out = capsys.readouterr().out
    assert "pulse:call.monitor" in out and "pulse:mic.monitor" in out and "monitor" in out


def test_speech_in_both_sinks_reaches_the_right_rings_and_recording_channels(
    pulse_server: PulseServer, speech_clips: dict[str, Path], tmp_path: Path
) -> None:
    statuses = []
    capture = AudioCapture("pulse:mic.monitor", "pulse:call.monitor", on_status=statuses.append)
    capture.start()
    try:
        wait_for_audio(capture)
        starts = {s: r.written for s, r in capture.rings.items()}
        transcriber = capture.rings[Speaker.PARTICIPANT].reader()  # a consumer beside the recorder
        path = tmp_path / "interview.wav"
        recorder = Recorder(capture, path, consent_granted=lambda: True)
        recorder.start()
        played = {}
        for sink in ("mic", "call"):
            t0 = time.monotonic()
            pulse_server.play_and_wait(sink, speech_clips[sink])
            played[sink] = (t0, time.monotonic())
            time.sleep(0.3)
        assert capture.level_db(Speaker.INTERVIEWER) < -60  # the meter reads the same ring
        info = recorder.stop()
        status = capture.status()
    finally:
        capture.stop()

    assert status.ok and status.has_participant
    assert all(s.state is SourceState.RUNNING for s in status.sources.values())
    assert statuses[0].sources[Speaker.INTERVIEWER].state is SourceState.RUNNING
    assert transcriber.read().size > 0 and transcriber.dropped == 0
    # Each ring heard its own sink only, at the time it was played.
    for speaker, sink, other in (
        (Speaker.INTERVIEWER, "mic", "call"),
        (Speaker.PARTICIPANT, "call", "mic"),
    ):
        first, last = ring_loud_span(capture.rings[speaker], starts[speaker])
        assert played[sink][0] - 0.05 <= first <= played[sink][0] + SLACK_S
        assert last <= played[sink][1] + 0.1
        assert last < played[other][0] or first > played[other][1]

    data, rate = sf.read(path)
    assert rate == RATE and data.ndim == 2 and data.shape[1] == 2
    assert info.duration_s == pytest.approx(data.shape[0] / RATE)
    for channel, sink in ((0, "mic"), (1, "call")):
        times = loud_times(data[:, channel]) + recorder.t_start  # back to monotonic time
        assert times.size > 20, f"channel {channel + 1} has no speech"
        start, end = played[sink]
        assert start - 0.05 <= times[0] <= start + SLACK_S
        assert times[-1] <= end + 0.1
        # Nothing from the other speaker's turn on this channel.
        other = played["call" if sink == "mic" else "mic"]
        assert not ((times > other[0] + SLACK_S) & (times < other[1] - 0.1)).any()


def test_consent_declined_writes_nothing_and_mid_call_consent_records_only_what_follows(
    pulse_server: PulseServer, speech_clips: dict[str, Path], tmp_path: Path
) -> None:
    consent = {"granted": False}
    capture = AudioCapture("pulse:mic.monitor", "pulse:call.monitor")
    capture.start()
    try:
        wait_for_audio(capture)
        path = tmp_path / "interview.wav"
        with pytest.raises(ConsentError):
            Recorder(capture, path, lambda: consent["granted"]).start()
        pulse_server.play_and_wait("call", speech_clips["call"])  # spoken before consent
        assert list(tmp_path.iterdir()) == []  # declined: no file at all

        playing = pulse_server.play("mic", speech_clips["mic"])
        t_play = time.monotonic()
        time.sleep(1.2)  # granted in the middle of the interviewer's sentence
        consent["granted"] = True
        recorder = Recorder(capture, path, lambda: consent["granted"])
        recorder.start()
        t_consent = time.monotonic()
        assert playing.wait(15) == 0
        t_end = time.monotonic()
        time.sleep(0.3)
        recorder.stop()
    finally:
        capture.stop()

    data, _ = sf.read(path)
    mic = loud_times(data[:, 0]) + recorder.t_start
    assert mic.size > 5
    assert mic[0] >= t_consent - 0.06  # nothing from before the moment of consent
    # Speech runs from the consent to the end of the sentence: cut at consent, not shifted.
    assert t_consent - t_play > 1.0
    assert t_consent + 0.8 < mic[-1] <= t_end + 0.1
    assert loud_times(data[:, 1]).size == 0  # the participant spoke only before consent


def test_microphone_only_says_the_participant_is_missing(pulse_server: PulseServer) -> None:
    capture = AudioCapture("pulse:mic.monitor", None)
    capture.start()
    try:
        status = capture.status()
        assert set(capture.rings) == {Speaker.INTERVIEWER}
        assert not status.has_participant
        assert "only your microphone" in status.message
    finally:
        capture.stop()


def test_device_opened_at_48k_is_resampled_to_16k_outside_the_callback(
    pulse_server: PulseServer, speech_clips: dict[str, Path]
) -> None:
    capture = AudioCapture("pulse:mic.monitor", None, device_samplerate=48000)
    capture.start()
    try:
        wait_for_audio(capture)
        ring = capture.rings[Speaker.INTERVIEWER]
        start, t_start = ring.written, time.monotonic()
        t0 = time.monotonic()
        pulse_server.play_and_wait("mic", speech_clips["mic"])
        time.sleep(0.3)
        elapsed = time.monotonic() - t_start
        produced = ring.written - start
        status = capture.status().sources[Speaker.INTERVIEWER]
        first, _ = ring_loud_span(ring, start)
    finally:
        capture.stop()
    assert status.device_samplerate == 48000 and status.dropped == 0
    assert produced / elapsed == pytest.approx(16000, rel=0.08)
    assert t0 - 0.05 <= first <= t0 + SLACK_S


def test_lost_source_is_reported_and_reopened_when_it_returns(
    pulse_server: PulseServer, speech_clips: dict[str, Path]
) -> None:
    capture = AudioCapture(
        "pulse:mic.monitor", "pulse:call.monitor", retry_interval_s=0.5, stall_timeout_s=2.0
    )
    capture.start()
    try:
        wait_for_audio(capture)
        ring = capture.rings[Speaker.PARTICIPANT]
        pulse_server.unload_sink("call")  # the call app quits / the headset is unplugged
        try:
            wait_until(
                lambda: (
                    capture.status().sources[Speaker.PARTICIPANT].state is SourceState.RECONNECTING
                )
            )
            assert "call.monitor" in capture.status().message
            assert capture.status().sources[Speaker.INTERVIEWER].state is SourceState.RUNNING
        finally:
            pulse_server.load_sink("call")
        wait_until(
            lambda: capture.status().sources[Speaker.PARTICIPANT].state is SourceState.RUNNING
        )
        assert capture.status().ok
        assert capture.status().sources[Speaker.PARTICIPANT].reconnects == 1
        wait_until(
            lambda: (
                ring.last_write_mono is not None and ring.last_write_mono > time.monotonic() - 0.5
            )
        )
        start = ring.written
        t0 = time.monotonic()
        pulse_server.play_and_wait("call", speech_clips["call"])
        time.sleep(0.2)
        first, _ = ring_loud_span(ring, start)
        assert t0 - 0.05 <= first <= t0 + SLACK_S  # the time map restarted after the gap
    finally:
        capture.stop()


def test_bad_specs_raise_for_the_microphone_and_retry_for_the_call(
    pulse_server: PulseServer,
) -> None:
    with pytest.raises(DeviceError):
        AudioCapture("no such microphone", None).start()
    capture = AudioCapture("pulse:mic.monitor", "pulse:later.monitor", retry_interval_s=0.3)
    capture.start()
    try:
        status = capture.status()
        assert status.sources[Speaker.INTERVIEWER].state is SourceState.RUNNING
        assert status.sources[Speaker.PARTICIPANT].state is SourceState.RECONNECTING
        assert "later.monitor" in status.message
        pulse_server.load_sink("later")  # e.g. the call app creates its output once the call starts
        try:
            wait_until(
                lambda: capture.status().sources[Speaker.PARTICIPANT].state is SourceState.RUNNING
            )
        finally:
            pulse_server.unload_sink("later")
    finally:
        capture.stop()
