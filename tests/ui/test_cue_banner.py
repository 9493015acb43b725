"""The cue banner: one cue at a time, dismissed by × or Esc, hidden after a while."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.live.cue_banner import CUE_KINDS, CueBanner, cue_title


def test_twelve_kinds_have_titles() -> None:
    assert len(CUE_KINDS) == 12
    from app.coach.cues import CueKind

    assert set(CUE_KINDS) == {k.value for k in CueKind}


def test_shows_kind_suggestion_and_quote_then_dismisses(qtbot) -> None:
    banner = CueBanner()
    qtbot.addWidget(banner)
    banner.show_cue("why", "Tell me more about how you chose it.", "Why did you choose it?")
    assert banner.isVisible()
    assert banner.title_label.text() == cue_title("why").upper()
    assert banner.suggestion_label.text() == "Tell me more about how you chose it."
    assert banner.quote_label.text() == "\u201cWhy did you choose it?\u201d"
    banner.show_cue("selling", "This is not a sales call. Listen.", "")
    assert banner.kind == "selling" and banner.quote_label.isHidden()  # replaced, not stacked
    with qtbot.waitSignal(banner.dismissed) as dismissed:
        qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert dismissed.args == ["selling"] and banner.isHidden()


def test_hides_by_itself(qtbot) -> None:
    banner = CueBanner(auto_hide_ms=60)
    qtbot.addWidget(banner)
    banner.show_cue("overtime", "Move on to the next phase.", "")
    assert banner.isVisible()
    qtbot.waitUntil(banner.isHidden, timeout=2000)


def test_escape_dismisses_the_cue_in_the_live_window(qtbot, live_window) -> None:
    window = live_window
    window.show_cue("leading", "Ask it neutrally.", "Wouldn't it be great if it synced?")
    assert window.cue_banner.isVisible()
    window.activateWindow()
    with qtbot.waitSignal(window.cue_dismissed):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.cue_banner.isHidden()
