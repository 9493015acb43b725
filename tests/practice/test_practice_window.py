"""The practice window driven by a fake clock: replay, spot-the-cue with key presses, re-ask."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.practice.drill import DrillKind
from app.store.db import Store
from app.store.drills import DrillRepository
from app.ui.practice import PracticeWindow
from tests.practice.replay import Wall, advance, open_reask


def shown_texts(w: PracticeWindow) -> list[str]:
    return [line.text for line in w.model.lines]


def test_lines_and_cues_appear_at_their_original_times(qtbot, window: PracticeWindow,
                                                        wall: Wall) -> None:  # fmt: skip  # noqa: ANN001
    window.play()
    advance(window, window_wall := wall, 22.9)
    assert shown_texts(window) == ["Thanks for making the time today.", "Happy to help."]
    assert window.cue_banner.isHidden()
    advance(window, window_wall, 23.1)  # the why question has been said: line, then its cue
    assert shown_texts(window)[-1] == "Why did you stop using it?"
    assert window.cue_banner.isVisible() and window.cue_banner.kind == "why"
    assert window.phase_label.text().startswith("Go deeper")
    assert window.reask_button.isEnabled()
    assert window.timer_label.text() == "0:23"
    assert window.cues_list.count() == 1 and "0:20" in window.cues_list.item(0).text()


def test_speed_pause_and_seek(qtbot, window: PracticeWindow, wall: Wall) -> None:  # noqa: ANN001
    window.play()
    qtbot.keyClick(window, Qt.Key.Key_Space)  # pause
    assert not window.clock.playing
    window.speed_combo.setCurrentIndex(window.speed_combo.findData(4.0))
    qtbot.keyClick(window, Qt.Key.Key_Space)  # play at 4x
    wall.t += 10.0
    window.tick()
    assert window.clock.position() == pytest.approx(40.0)
    assert len(shown_texts(window)) == 4
    window.seek(5.0)  # back: the views show only what was said by then
    assert shown_texts(window) == ["Thanks for making the time today."]
    assert window.cue_banner.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.clock.position() == pytest.approx(15.0)
    window.pause()


def test_spot_the_cue_with_key_presses_is_scored_and_saved(qtbot, window: PracticeWindow,
                                                           wall: Wall, store: Store) -> None:  # fmt: skip  # noqa: ANN001
    qtbot.mouseClick(window.drill_check, Qt.MouseButton.LeftButton)
    assert window.drilling and window.hidden_label.isVisible()
    window.play()
    for press_at in (24.0, 50.0):  # the why question just after it is said; nothing at 50 s
        advance(window, wall, press_at)
        qtbot.keyClick(window, Qt.Key.Key_F)
    advance(window, wall, 119.0)  # the selling line goes by unflagged; the leading one too
    assert window.cue_banner.isHidden()  # cues stay hidden in the drill
    assert window.cues_list.isHidden()
    assert window.flags_label.text() == "2 flags"
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    score = window.last_score
    assert score is not None
    assert (score.hits, score.misses, score.false_alarms, score.unsure_skipped) == (1, 1, 1, 1)
    assert score.delays_s == pytest.approx((1.0,))  # a second after the coach
    assert window.score_panel.isVisible()
    assert window.score_panel.figures["hits"].text() == "1"
    listed = [window.score_panel.list.item(i).text() for i in range(window.score_panel.list.count())]
    assert listed[0].startswith("0:50") and "coach saw nothing" in listed[0]
    assert listed[1].startswith("1:40") and "Missed" in listed[1]
    drills = DrillRepository(store).list(window.interview_id)
    assert [d.kind for d in drills] == [DrillKind.SPOT.value]
    assert drills[0].result["hits"] == 1 and drills[0].result["presses"] == [24.0, 50.0]
    assert drills[0].trainee_id is not None  # the trainee is the user named in the settings
    # Double-clicking a moment to review replays from there.
    item = window.score_panel.list.item(1)
    window.score_panel.list.itemDoubleClicked.emit(item)
    assert window.clock.position() == pytest.approx(100.0)


def test_a_key_press_outside_the_drill_flags_nothing(qtbot, window: PracticeWindow,
                                                     wall: Wall) -> None:  # fmt: skip  # noqa: ANN001
    window.play()
    advance(window, wall, 24.0)
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert window.presses == [] and window.finish_drill() is None


def test_reask_typed_is_checked_by_the_coach_and_saved(qtbot, window: PracticeWindow,
                                                       wall: Wall, store: Store) -> None:  # fmt: skip  # noqa: ANN001
    dialog = open_reask(qtbot, window, wall)
    assert dialog.moment.kinds == ("why",) and "only my side" not in dialog.moment.question
    qtbot.keyClicks(dialog.text, "Why didn't you test it before?")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and not dialog.result.passed
    assert "Not yet" in dialog.status.text()
    dialog.text.clear()
    qtbot.keyClicks(dialog.text, "Walk me through what happened on that call.")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.passed, dialog.result.kinds
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    drills = DrillRepository(store).list(window.interview_id)
    assert [d.kind for d in drills] == [DrillKind.REASK.value]
    saved = drills[0].result
    assert saved["passed"] is True and saved["source"] == "typed"
    assert saved["text"] == "Walk me through what happened on that call."
    assert saved["original"] == "Why did you stop using it?" and saved["t"] == 20.0


def test_reask_spoken_goes_through_a_worker_thread(qtbot, window: PracticeWindow,
                                                   wall: Wall) -> None:  # fmt: skip  # noqa: ANN001
    dialog = open_reask(qtbot, window, wall)
    heard: list[float] = []

    def listener(seconds: float) -> str:
        heard.append(seconds)
        return "Tell me more about the last time that happened."

    dialog.listener = listener
    qtbot.mouseClick(dialog.speak_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=5000)
    assert heard and dialog.result.source.value == "spoken" and dialog.result.passed
    assert dialog.text.toPlainText() == "Tell me more about the last time that happened."

    def broken(_seconds: float) -> str:
        raise RuntimeError("no microphone")

    dialog.listener = broken
    qtbot.mouseClick(dialog.speak_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no microphone" in dialog.status.text(), timeout=5000)
    assert dialog.speak_button.isEnabled()  # they can try again, or type


@pytest.mark.model
def test_reask_spoken_by_espeak_is_transcribed_by_the_bundled_model(
    qtbot, window: PracticeWindow, wall: Wall, tmp_path: Path, whisper_model  # noqa: ANN001
) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is needed to speak the question")
    from app.practice import speech

    wav = tmp_path / "question.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "140", "-w", str(wav),
                    "Walk me through what happened on that call."], check=True)  # fmt: skip
    heard = speech.transcribe_file(wav, whisper_model.model)
    assert "walk me through" in heard.lower()
    dialog = open_reask(qtbot, window, wall)
    dialog.listener = lambda _s: speech.transcribe_file(wav, whisper_model.model)
    qtbot.mouseClick(dialog.speak_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert dialog.result.source.value == "spoken" and dialog.result.passed


def test_replay_ends_by_itself_and_scores_a_running_drill(qtbot, window: PracticeWindow,
                                                          wall: Wall) -> None:  # fmt: skip  # noqa: ANN001
    window.set_drill(True)
    window.set_speed(4.0)
    window.play()
    advance(window, wall, window.script.end_t)
    window.tick()
    assert not window.clock.playing and not window.drilling
    assert window.last_score is not None and window.last_score.misses == 2
