"""Capture that costs nothing while it waits (issue 14): watching two pulse sources spawns no
`pactl list sources` per second any more, and losing one is still noticed at once."""

from __future__ import annotations

import subprocess
import time
from typing import Any

import pytest

from app.audio import devices
from app.audio.capture import AudioCapture
from app.audio.source import SourceState
from app.session.segments import Speaker
from tests.pulse import PulseServer

pytestmark = pytest.mark.audio


def wait_until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def test_idle_capture_lists_sources_only_when_they_change(
    pulse_server: PulseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    listings: list[float] = []
    real_run = subprocess.run

    def counting_run(args: Any, *rest: Any, **kwargs: Any) -> Any:
        if list(args[:1]) == ["pactl"] and "sources" in args:
            listings.append(time.monotonic())
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(devices.subprocess, "run", counting_run)
    capture = AudioCapture("pulse:mic.monitor", "pulse:call.monitor", retry_interval_s=0.5)
    capture.start()
    try:
        wait_until(lambda: all(r.has_timing for r in capture.rings.values()))
        time.sleep(0.5)
        before = len(listings)
        time.sleep(4.0)  # nothing changes: before, this was ~8 pactl runs (2 sources x 1/s)
        assert len(listings) == before
        lost_at = time.monotonic()
        pulse_server.unload_sink("call")
        try:
            wait_until(
                lambda: (
                    capture.status().sources[Speaker.PARTICIPANT].state is SourceState.RECONNECTING
                ),
                timeout=5.0,
            )
            assert time.monotonic() - lost_at < 2.0  # noticed at once, not at the next poll
            assert capture.status().sources[Speaker.INTERVIEWER].state is SourceState.RUNNING
        finally:
            pulse_server.load_sink("call")
        wait_until(
            lambda: capture.status().sources[Speaker.PARTICIPANT].state is SourceState.RUNNING
        )
    finally:
        capture.stop()
