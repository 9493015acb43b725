"""The audio check dialog over a fake device (the real capture is tested with PulseAudio in
tests/audio): meters move, advice follows, the device is closed with the dialog; it is offered
on first run, in Settings and in the live window before the call."""

from __future__ import annotations

import numpy as np

from app.audio.check import SideState
from app.session.segments import Speaker
from app.settings import Key
from app.ui.audio_check import AudioCheckDialog
from tests.live.fakes import RATE, FakeSource


def test_meters_and_advice_follow_both_sides(qtbot) -> None:  # type: ignore[no-untyped-def]
    source = FakeSource()
    dialog = AudioCheckDialog(lambda: source, poll_ms=20)
    qtbot.addWidget(dialog)
    dialog.show()
    assert source.started
    assert "microphone" in dialog.advice.text()
    rng = np.random.default_rng(0)
    source.rings[Speaker.INTERVIEWER].write(0.3 * rng.standard_normal(RATE).astype(np.float32))
    qtbot.waitUntil(lambda: dialog.meters[Speaker.INTERVIEWER].fraction() > 0.3, timeout=2000)
    assert "call" in dialog.advice.text()
    source.rings[Speaker.PARTICIPANT].write(0.3 * rng.standard_normal(RATE).astype(np.float32))
    qtbot.waitUntil(lambda: dialog.result is not None and dialog.result.ok, timeout=2000)
    assert dialog.states[Speaker.PARTICIPANT].text().startswith("heard")
    assert "ready" in dialog.advice.text()
    dialog.reject()
    assert source.stopped


def test_a_device_that_cannot_open_is_explained(qtbot) -> None:  # type: ignore[no-untyped-def]
    def broken() -> FakeSource:
        raise OSError("PortAudio library not found")

    dialog = AudioCheckDialog(broken)
    qtbot.addWidget(dialog)
    assert "could not be opened: PortAudio library not found" in dialog.advice.text()
    assert dialog.result is None


def test_the_live_window_offers_the_check_only_before_the_call(live_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source = FakeSource()
    monkeypatch.setattr("app.ui.live.bridge.make_source", lambda _settings: source)
    window = live_window
    assert window.check_audio_button.isVisible()
    dialog = window.check_audio()
    assert dialog is not None and source.started
    assert dialog.result is not None and dialog.result.sides[Speaker.INTERVIEWER] is SideState.WAITING
    dialog.reject()
    window.start_interview()
    assert not window.check_audio_button.isVisible() and window.check_audio() is None


def test_first_run_suggests_the_check_until_it_is_opened(qtbot, settings, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.start_window import StartWindow

    monkeypatch.setattr("app.ui.live.bridge.make_source", lambda _settings: FakeSource())
    window = StartWindow(settings)
    qtbot.addWidget(window)
    window.show_start(tmp_path, [])
    assert "Check audio" in window.banner.message()
    window.check_audio().reject()
    assert settings.get(Key.AUDIO_CHECKED) is True
    assert window.banner.message() == ""
    window.show_start(tmp_path, [])
    assert window.banner.message() == ""
