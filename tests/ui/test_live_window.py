"""The live window driven by clicks and shortcuts, on a FakeClock, saving into a real store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from app.session.consent import ConsentError, ConsentState
from app.session.plan import MINUTE
from app.session.session import EventKind, SessionState, TimeStatus
from app.store.interviews import InterviewRepository
from app.store.models import Interview
from app.store.recordings import RecordingRepository
from app.store.timeline import load_timeline
from app.ui import style
from app.ui.live.consent_bar import LOCKED_TIP


def press(qtbot, window, key: Qt.Key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, key, modifier)


def started(window):
    qtbot_free_click(window.start_end_button)
    assert window.session.state is SessionState.RUNNING
    return window


def qtbot_free_click(button) -> None:
    assert button.isEnabled(), button.text()
    button.click()


def bar_chunk_colour(window) -> QColor:
    bar = window.phase_bar
    image = bar.grab().toImage()
    return image.pixelColor(QPoint(3, bar.height() // 2))


def close_to(colour: QColor, hex_colour: str, tolerance: int = 24) -> bool:
    want = QColor(hex_colour)
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(
            (colour.red(), colour.green(), colour.blue()),
            (want.red(), want.green(), want.blue()),
            strict=True,
        )
    )


# -- consent and the record button --------------------------------------------------------------
def test_record_button_is_locked_before_consent(qtbot, live_window) -> None:
    window = started(live_window)
    button = window.record_button
    assert not button.isEnabled()
    assert button.property("locked") is True
    assert LOCKED_TIP in button.toolTip()
    assert not button.icon().isNull()
    press(qtbot, window, Qt.Key.Key_R)  # Ctrl+R does nothing without consent
    assert window.session.recording is False
    with pytest.raises(ConsentError):  # and the core refuses on its own
        window.session.start_recording()


def test_granting_consent_unlocks_recording(qtbot, live_window, store) -> None:
    window = started(live_window)
    press(qtbot, window, Qt.Key.Key_G)
    assert window.session.consent is ConsentState.GRANTED
    assert window.record_button.isEnabled()
    assert window.record_button.property("locked") is False
    assert window.revoke_button.isVisible() and not window.granted_button.isVisible()
    qtbot_free_click(window.record_button)
    assert window.session.recording
    assert window.record_button.text() == "Stop recording"
    press(qtbot, window, Qt.Key.Key_R)
    assert not window.session.recording
    kinds = [e.kind for e in load_timeline(store, window.interview_id).events]
    assert EventKind.RECORDING_STARTED in kinds and EventKind.RECORDING_STOPPED in kinds
    assert InterviewRepository(store).get(window.interview_id).consent_state == "granted"


def test_declined_keeps_the_record_button_locked(qtbot, live_window) -> None:
    window = started(live_window)
    press(qtbot, window, Qt.Key.Key_D)
    assert window.session.consent is ConsentState.DECLINED
    assert not window.record_button.isEnabled()
    assert window.record_button.property("locked") is True
    assert not window.declined_button.isEnabled()
    assert window.granted_button.isEnabled()  # a participant may change their mind
    assert "declined" in window.consent_label.text()


def test_revoking_asks_and_deletes_the_recording(qtbot, live_window, store, tmp_path) -> None:
    window = started(live_window)
    window.grant_consent()
    window.toggle_recording()
    repo = RecordingRepository(store)
    (recording,) = repo.for_interview(window.interview_id)
    path = recording.path
    assert path.exists()
    asked = []
    window.ask_revoke = lambda: asked.append(True) or "delete"  # type: ignore[method-assign]
    qtbot_free_click(window.revoke_button)
    assert asked and "Deleted 1 recording" in window.statusBar().currentMessage()
    assert window.session.consent is ConsentState.REVOKED
    assert not window.session.recording
    assert not path.exists() and repo.for_interview(window.interview_id) == []
    assert not window.record_button.isEnabled()


def test_revoke_cancelled_changes_nothing(live_window) -> None:
    window = started(live_window)
    window.grant_consent()
    window.ask_revoke = lambda: None  # type: ignore[method-assign]
    window.revoke_consent()
    assert window.session.consent is ConsentState.GRANTED


# -- phases -----------------------------------------------------------------------------------------
def test_buttons_and_shortcuts_change_phases(qtbot, live_window) -> None:
    window = live_window
    assert not window.next_button.isEnabled()  # nothing moves before the start
    press(qtbot, window, Qt.Key.Key_E)  # Ctrl+E starts
    assert window.session.state is SessionState.RUNNING
    assert window.phase_label.text() == "Introductions"
    assert not window.prev_button.isEnabled()
    qtbot_free_click(window.next_button)
    assert window.phase_label.text() == "Cover the basics"
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.session.phase_index == 2 and window.phase_label.text() == "Go deeper"
    assert "PHASE 3 OF 4" in window.phase_caps.text()
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.session.phase_index == 3 and not window.next_button.isEnabled()
    press(qtbot, window, Qt.Key.Key_Left)
    qtbot_free_click(window.prev_button)
    assert window.session.phase_index == 1
    assert window.checklist.count() == len(window.session.plan.phases[1].goals)


def test_shortcuts_are_shown_in_tooltips(live_window) -> None:
    window = live_window
    assert "Ctrl+\u2192" in window.next_button.toolTip()
    assert "Ctrl+M" in window.mark_button.toolTip()
    assert "Ctrl+G" in window.granted_button.toolTip()
    assert "Ctrl+D" in window.declined_button.toolTip()
    assert "Ctrl+Space" in window.pause_button.toolTip()
    assert "Ctrl+E" in window.start_end_button.toolTip()
    assert "Ctrl+N" in window.note_edit.toolTip()


def test_pause_stops_the_phase_clock(qtbot, live_window, fake_clock) -> None:
    window = started(live_window)
    fake_clock.advance(60)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.session.state is SessionState.PAUSED
    assert window.pause_button.text() == "Resume"
    fake_clock.advance(600)
    window.refresh()
    assert window.clock_label.text() == "1:00 / 5:00"
    qtbot_free_click(window.pause_button)
    fake_clock.advance(30)
    window.refresh()
    assert window.clock_label.text() == "1:30 / 5:00"


# -- time display -------------------------------------------------------------------------------
def test_phase_bar_turns_amber_at_80_percent_and_red_when_over(live_window, fake_clock) -> None:
    window = started(live_window)  # Introductions: 5 min
    fake_clock.advance(3.9 * MINUTE)
    window.refresh()
    assert window.phase_bar_status() is TimeStatus.OK
    assert close_to(bar_chunk_colour(window), style.OK)
    assert window.remaining_label.text() == "1:06 left"
    fake_clock.advance(0.1 * MINUTE)  # exactly 80 %
    window.refresh()
    assert window.phase_bar_status() is TimeStatus.WARN
    assert close_to(bar_chunk_colour(window), style.WARN)
    fake_clock.advance(1.5 * MINUTE)
    window.refresh()
    assert window.phase_bar_status() is TimeStatus.OVER
    assert close_to(bar_chunk_colour(window), style.OVER)
    assert window.remaining_label.text() == "0:30 over"
    assert window.phase_bar.value() == window.phase_bar.maximum()
    assert window.clock_label.text() == "5:30 / 5:00"


def test_call_bar_tracks_the_plan_and_the_hard_limit(live_window, fake_clock) -> None:
    window = started(live_window)
    assert window.call_bar.plan_fraction() == pytest.approx(30 / 45)
    fake_clock.advance(24 * MINUTE)
    window.refresh()
    assert window.call_bar.status is TimeStatus.WARN
    fake_clock.advance(7 * MINUTE)
    window.refresh()
    assert window.call_bar.status is TimeStatus.OVER
    assert window.call_label.text() == "Call 31:00"
    fake_clock.advance(15 * MINUTE)
    window.refresh()
    assert "past the limit" in window.call_label.text()
    assert window.call_bar.fraction() == 1.0


def test_the_timer_refreshes_the_clock(qtbot, store, plan, fake_clock, settings) -> None:
    from app.live.call import LiveCall
    from app.ui.live.window import LiveWindow

    interview_id = InterviewRepository(store).create(plan)
    call = LiveCall(store, interview_id, plan, clock=fake_clock)
    window = LiveWindow(call, settings=settings, refresh_ms=20)
    window.confirm_end = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.start_interview()
    fake_clock.advance(75)
    qtbot.waitUntil(lambda: window.clock_label.text() == "1:15 / 5:00", timeout=2000)


# -- checklist, marks and notes ------------------------------------------------------------------
def test_checklist_ticks_persist_and_auto_ticks_show(qtbot, live_window, store) -> None:
    window = started(live_window)
    item = window.checklist.item(1)
    item.setCheckState(Qt.CheckState.Checked)  # what a click on the box does
    assert window.session.checklist[0][1] is True
    with store.session() as s:
        saved = s.scalars(select(Interview.checklist).where(Interview.id == window.interview_id))
        assert saved.one()[0] == [False, True, False, False, False]
    # The coach ticks "Ask permission to record" from the transcript.
    window.session.set_goal(0, 2, True, auto=True)
    assert window.checklist.is_checked(2)
    assert window.checklist.item(2).font().italic()
    assert "transcript" in window.checklist.item(2).toolTip()
    # Ticks of another phase are kept and shown when it comes back.
    window.next_phase()
    window.session.set_goal(0, 0, True, auto=True)
    window.previous_phase()
    assert window.checklist.is_checked(0) and window.checklist.is_checked(1)
    events = [e for e in load_timeline(store, window.interview_id).events
              if e.kind is EventKind.CHECKLIST]  # fmt: skip
    assert [(e.data["goal"], e.data["auto"]) for e in events] == [(1, False), (2, True), (0, True)]


def test_mark_and_note_by_shortcut(qtbot, live_window, store, fake_clock) -> None:
    window = started(live_window)
    fake_clock.advance(42)
    press(qtbot, window, Qt.Key.Key_M)
    assert "0:42" in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.note_edit.hasFocus(), timeout=1000)
    qtbot.keyClicks(window.note_edit, "Mentions a spreadsheet workaround")
    qtbot.keyClick(window.note_edit, Qt.Key.Key_Return)
    assert window.note_edit.text() == ""
    timeline = load_timeline(store, window.interview_id)
    assert [m.t for m in timeline.marks] == [42.0]
    assert [n.text for n in timeline.notes] == ["Mentions a spreadsheet workaround"]


def test_always_on_top_toggles_the_window_flag_and_setting(live_window, settings) -> None:
    window = live_window
    window.pin_button.click()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert settings.always_on_top is True
    window.pin_button.click()
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert settings.always_on_top is False


# -- a whole interview ----------------------------------------------------------------------------
def test_a_30_minute_interview_through_all_phases_is_saved(qtbot, live_window, store,
                                                           fake_clock) -> None:  # fmt: skip
    window = live_window
    window.grant_consent()
    window.start_interview()
    window.toggle_recording()
    budgets = [5, 5, 15, 5]
    for index, minutes in enumerate(budgets):
        assert window.session.phase_index == index
        fake_clock.advance(minutes * MINUTE / 2)
        window.mark_moment()
        window.note_edit.setText(f"note in phase {index}")
        window.save_note()
        fake_clock.advance(minutes * MINUTE / 2)
        window.refresh()
        if index < len(budgets) - 1:
            window.next_phase()
    assert window.call_label.text() == "Call 30:00"
    window.end_interview()
    dialog = window.summary_dialog
    assert dialog is not None and dialog.isVisible()
    assert "The call took 30:00" in dialog.body.text()
    assert "Go deeper: 15:00 of 15:00" in dialog.body.text()
    with qtbot.waitSignal(window.finished) as finished:
        dialog.accept()
    assert finished.args == [window.interview_id]

    # Reopened from the store: the timeline is intact.
    summary = InterviewRepository(store).get(window.interview_id)
    assert summary.status == "ended" and summary.duration_s == pytest.approx(30 * MINUTE)
    timeline = load_timeline(store, window.interview_id)
    phases = [e.data["index"] for e in timeline.events if e.kind is EventKind.PHASE]
    assert phases == [0, 1, 2, 3]
    assert [round(t["elapsed_s"]) for t in timeline.phase_timings] == [300, 300, 900, 300]
    assert [m.phase_index for m in timeline.marks] == [0, 1, 2, 3]
    assert [n.text for n in timeline.notes] == [f"note in phase {i}" for i in range(4)]
    assert timeline.consent == [(0.0, "granted")]
    spans = timeline.phase_spans(window.session.plan, 30 * MINUTE)
    assert [(s.index, round(s.start), round(s.end)) for s in spans] == [
        (0, 0, 300), (1, 300, 600), (2, 600, 1500), (3, 1500, 1800)
    ]  # fmt: skip
    kinds = [e.kind for e in timeline.events]
    assert kinds[-2:] == [EventKind.RECORDING_STOPPED, EventKind.ENDED]


def test_closing_mid_call_asks_and_ends(qtbot, live_window, store) -> None:
    window = started(live_window)
    window.confirm_end = lambda: False  # type: ignore[method-assign]
    window.close()
    assert window.isVisible() and window.session.state is SessionState.RUNNING
    window.confirm_end = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(window.finished):
        window.close()
    assert InterviewRepository(store).get(window.interview_id).status == "ended"
