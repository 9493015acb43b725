"""Re-ask through a real microphone: espeak-ng speaks into the private PulseAudio server's `mic`
null sink, the dialog records its monitor (the device chosen in Settings, opened by the same
capture a call uses), and the bundled model transcribes it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.practice import speech
from app.store.db import Store
from app.store.drills import DrillRepository
from app.ui.practice import PracticeWindow
from tests.practice.replay import Wall, open_reask
from tests.pulse import PulseServer, pulse_server, speak  # noqa: F401  (fixture registration)

pytestmark = [pytest.mark.audio, pytest.mark.model]

MIC = "pulse:mic.monitor"


def play_soon(pulse: PulseServer, wav: Path, delay_s: float = 0.3) -> threading.Thread:
    """Speaks into the `mic` sink once recording has begun: on a busy machine opening the
    device can take longer than any fixed wait, and the first words would be lost."""

    def run() -> None:
        pulse.wait_for_recorders(1, timeout=15.0)
        time.sleep(delay_s)
        pulse.play_and_wait("mic", wav)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_record_takes_the_settings_microphone_and_hears_the_question(
    pulse_server: PulseServer, tmp_path: Path, whisper_model, monkeypatch  # noqa: ANN001, F811
) -> None:
    monkeypatch.setattr(speech, "_model", whisper_model.model)  # the session's model, not a 2nd
    wav = speak("Tell me about the last time you ordered supplies.", tmp_path / "q.wav")
    player = play_soon(pulse_server, wav)
    audio = speech.record(5.0, MIC)
    player.join(timeout=10)
    assert audio.dtype.name == "float32" and audio.size == 5 * speech.SAMPLE_RATE
    heard = speech.transcribe(audio).lower()
    # (audio caught live starts at a different moment each run, so tiny.en may mishear a word;
    # most of the question's words must come through)
    said = {"last", "time", "ordered", "supplies"}
    assert len(said & set(heard.replace(".", " ").split())) >= 3, heard


def test_a_microphone_that_is_not_there_is_said_plainly(pulse_server: PulseServer) -> None:  # noqa: F811
    with pytest.raises(speech.SpeechError) as caught:
        speech.record(1.0, "pulse:no-such-microphone")
    message = str(caught.value)
    assert "no-such-microphone" in message and "type the question" in message and ".." not in message
    assert "\n" not in message


def test_reask_spoken_into_the_microphone_is_checked_and_saved(
    qtbot, window: PracticeWindow, wall: Wall, store: Store, pulse_server: PulseServer,  # noqa: ANN001, F811
    tmp_path: Path, whisper_model, monkeypatch  # noqa: ANN001
) -> None:  # fmt: skip
    monkeypatch.setattr(speech, "_model", whisper_model.model)
    window.settings.mic_device = MIC
    dialog = open_reask(qtbot, window, wall)
    wav = speak("Walk me through what happened on that call.", tmp_path / "better.wav")
    # On a starved machine the private PulseAudio server can stall for 2 s, which the capture
    # rightly reports as a lost microphone (the dialog says so and lets them try again, as a
    # user would): one more take then, never more.
    for _take in range(2):
        player = play_soon(pulse_server, wav)
        qtbot.mouseClick(dialog.speak_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: dialog.result is not None or dialog.speak_button.isEnabled(), timeout=60_000
        )
        player.join(timeout=10)
        if dialog.result is not None:
            break
        assert "microphone" in dialog.status.text().lower() or "nothing was heard" in (
            dialog.status.text().lower()
        ), dialog.status.text()
    assert dialog.result is not None, dialog.status.text()
    heard = dialog.text.toPlainText().lower()
    # tiny.en hears espeak-ng's "walk" as "talk" now and then; either is the spoken question
    assert "me through" in heard and "that call" in heard, heard
    assert dialog.result.source.value == "spoken" and dialog.result.passed, dialog.result.kinds
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = DrillRepository(store).list(window.interview_id)[0].result
    assert saved["source"] == "spoken" and saved["text"] == dialog.text.toPlainText()
