from __future__ import annotations

import pytest

from app.audio import devices
from app.cli import main


def test_devices_command_explains_when_portaudio_finds_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(devices, "_portaudio_inputs", lambda: [])
    assert main(["devices"]) == 1
    assert "PortAudio found no input device" in capsys.readouterr().err
    with pytest.raises(devices.DeviceError, match="no input device"):
        devices.resolve_spec(None)


@pytest.mark.parametrize(
    ("platform", "hint"),
    [
        ("linux", "monitor"),
        ("win32", "[Loopback]"),
        ("darwin", "BlackHole"),
        ("sunos5", "loopback"),
    ],
)
def test_missing_call_source_message_says_what_to_do_on_each_platform(
    platform: str, hint: str
) -> None:
    message = devices.missing_call_source_message(platform)
    assert "only your microphone" in message and hint in message


def test_loopback_devices_are_recognised_by_name() -> None:
    assert devices._device_kind("Speakers (Realtek) [Loopback]") is devices.DeviceKind.LOOPBACK
    assert devices._device_kind("BlackHole 2ch") is devices.DeviceKind.LOOPBACK
    assert devices._device_kind("Monitor of Built-in Audio") is devices.DeviceKind.MONITOR
    assert devices._device_kind("MacBook Pro Microphone") is devices.DeviceKind.MICROPHONE
