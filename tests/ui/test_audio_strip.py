"""The audio strip: level meters, the status banner and the backlog indicator."""

from __future__ import annotations

import pytest

from app.ui.live.audio_strip import AudioStrip, level_fraction


def test_level_fraction_maps_decibels() -> None:
    assert level_fraction(-60) == 0.0
    assert level_fraction(-90) == 0.0
    assert level_fraction(0) == 1.0
    assert level_fraction(-30) == pytest.approx(0.5)
    assert level_fraction(float("nan")) == 0.0


def test_slots_update_meters_banner_and_backlog(qtbot) -> None:
    strip = AudioStrip("Ana Ruiz")
    qtbot.addWidget(strip)
    strip.show()
    assert strip.call_label.text() == "Ana"
    strip.set_levels(-12.0, -45.0)
    assert strip.mic_meter.fraction() > strip.call_meter.fraction() > 0
    strip.set_backlog(0.6)
    assert strip.backlog_label.isHidden()
    strip.set_backlog(3.4)
    assert strip.backlog_label.isVisible() and strip.backlog_label.text() == "3 s behind"
    strip.show_banner("No call audio: only your side is transcribed", "warning")
    assert strip.banner.isVisible() and strip.banner.level == "warning"
    assert "No call audio" in strip.banner.message()
    strip.banner.close_button.click()
    assert strip.banner.isHidden() and strip.banner.message() == ""
    with pytest.raises(ValueError):
        strip.show_banner("?", "fatal")


def test_live_window_exposes_the_pipeline_slots(live_window) -> None:
    from app.live.reports import PartialText
    from app.session.segments import Segment, Speaker
    from tests.ui.lines import Lines

    window = live_window
    window.set_levels(-20.0, -30.0)
    window.show_banner("Model loading\u2026", "info")
    window.set_backlog(2.0)
    window.apply_report(PartialText(Speaker.PARTICIPANT, "so the first", 1.0, 2.0))
    Lines.for_window(window).final(Segment(Speaker.PARTICIPANT, 1.0, 2.5,
                                           "So the first week was hard."))  # fmt: skip
    assert window.transcript_model.rowCount() == 1
    assert window.audio_strip.banner.message() == "Model loading\u2026"
    assert window.audio_strip.backlog_label.isVisible()
