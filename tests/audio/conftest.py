"""Fixtures for the audio tests: the private PulseAudio server and spoken test clips."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pulse import PulseServer, pulse_server, speak  # noqa: F401  (fixture registration)


@pytest.fixture(scope="session")
def speech_clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two short utterances in different voices (22.05 kHz WAV), made once per session."""
    import shutil

    if shutil.which("espeak-ng") is None:
        pytest.skip("needs espeak-ng")
    folder = tmp_path_factory.mktemp("speech")
    return {
        "mic": speak("Thank you for taking the time to talk with me today.", folder / "mic.wav"),
        "call": speak(
            "I spend most of my week fixing invoices by hand.", folder / "call.wav", "en-gb"
        ),
    }
