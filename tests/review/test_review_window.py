"""The review window on a real recorded interview (espeak-ng speech, two channels)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtMultimedia import QMediaPlayer

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Speaker
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.transcript import SegmentRepository
from app.ui.review import ReviewWindow
from app.ui.review.timeline_data import ItemKind
from tests.review.recorded import OFFSET_S, RecordedInterview


@pytest.fixture
def window(qtbot, store: Store, recorded: RecordedInterview) -> ReviewWindow:  # noqa: ANN001
    w = ReviewWindow(store, recorded.interview_id)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.player.player.mediaStatus() in (
        QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia), timeout=5000)  # fmt: skip
    return w


def _click_word(qtbot, w: ReviewWindow, index: int, word: int) -> None:  # noqa: ANN001
    view = w.transcript
    pos = view.word_position(index, word)
    view.scroll_to_line(index)
    cursor = view.textCursor()
    cursor.setPosition(pos)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 2,
                                                                            rect.center().y()))  # fmt: skip


def test_opens_with_transcript_recording_and_timeline(window: ReviewWindow,
                                                      recorded: RecordedInterview) -> None:  # fmt: skip
    assert window.player.has_media
    assert window.player.offset_s == OFFSET_S
    assert window.player.duration_s > 10
    assert len(window.transcript.lines) == len(recorded.segments)
    data = window.timeline.data
    assert [b.name for b in data.phases] == ["Introductions", "Cover the basics", "Go deeper",
                                             "Wrap it up"]  # fmt: skip
    kinds = {i.kind for i in data.items}
    assert {ItemKind.CUE, ItemKind.MARK, ItemKind.NOTE, ItemKind.CONSENT} <= kinds
    assert window.locate_row.isHidden()


def test_clicking_a_word_seeks_the_player_there(qtbot, window: ReviewWindow,
                                                recorded: RecordedInterview) -> None:  # fmt: skip
    seg = recorded.segments[3]
    _click_word(qtbot, window, 3, 4)
    expected = seg.words[4].start
    assert window.player.position_s == pytest.approx(expected, abs=0.01)
    # The media player itself is at session time minus the recording's offset.
    qtbot.waitUntil(lambda: abs(window.player.player.position() / 1000
                                - (expected - OFFSET_S)) < 0.05, timeout=3000)  # fmt: skip
    assert window.transcript.current == 3


def test_playing_position_highlights_the_right_segment(qtbot, window: ReviewWindow,
                                                       recorded: RecordedInterview) -> None:  # fmt: skip
    seg = recorded.segments[1]
    window.seek_to(seg.start + 0.2)
    window.player.play()
    qtbot.waitUntil(lambda: window.player.position_s > seg.start + 0.6, timeout=5000)
    window.player.pause()
    t = window.player.position_s
    playing = max(i for i, s in enumerate(recorded.segments) if s.start <= t)
    assert window.transcript.current == playing == 1
    assert window.transcript.is_line_visible(1)
    assert window.timeline.position == pytest.approx(t)


def test_keyboard_controls(qtbot, window: ReviewWindow, recorded: RecordedInterview) -> None:  # noqa: ANN001
    window.seek_to(recorded.segments[1].start)
    window.transcript.setFocus()
    qtbot.keyClick(window.transcript, Qt.Key.Key_Right)
    assert window.player.position_s == pytest.approx(recorded.segments[1].start + 10, abs=0.01)
    qtbot.keyClick(window.transcript, Qt.Key.Key_J)
    assert window.player.position_s == pytest.approx(recorded.segments[1].start, abs=0.01)
    qtbot.keyClick(window.transcript, Qt.Key.Key_Down)
    assert window.player.position_s == pytest.approx(recorded.segments[2].start)
    qtbot.keyClick(window.transcript, Qt.Key.Key_Up)
    assert window.transcript.current == 1
    qtbot.keyClick(window.transcript, Qt.Key.Key_Space)
    qtbot.waitUntil(window.player.is_playing, timeout=3000)
    qtbot.keyClick(window.transcript, Qt.Key.Key_L)
    assert window.player.rate == 1.25
    assert window.player.player.playbackRate() == pytest.approx(1.25)
    qtbot.keyClick(window.transcript, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: not window.player.is_playing(), timeout=3000)
    assert window.player.set_rate(5.0) == 2.0 and window.player.set_rate(0.1) == 0.75


def test_skip_is_clamped_to_the_recording(window: ReviewWindow) -> None:
    window.seek_to(0.0)
    assert window.player.position_s == OFFSET_S  # before sample 0 there is nothing to play
    window.player.skip(10_000)
    assert window.player.position_s == pytest.approx(OFFSET_S + window.player.duration_s)


def test_timeline_click_on_a_cue_seeks_there(qtbot, window: ReviewWindow,
                                             recorded: RecordedInterview) -> None:  # fmt: skip
    cue = next(i for i in window.timeline.data.items if i.kind is ItemKind.CUE)
    width = window.timeline.width() - 2
    x = round(window.timeline.data.x_of(cue.t, width)) + 1 + 2  # 2 px off: still the cue
    qtbot.mouseClick(window.timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, 8))
    assert window.player.position_s == pytest.approx(cue.t)
    assert cue.t == recorded.segments[1].start


def test_card_from_selection_is_saved_listed_played_and_exported(
    qtbot, window: ReviewWindow, store: Store, recorded: RecordedInterview, tmp_path: Path  # noqa: ANN001
) -> None:
    window.transcript.select_words(3, 1, 5)  # "copied every receipt into a"
    selection = window.transcript.selection()
    assert selection is not None
    assert selection.quote == "copied every receipt into a"
    seg = recorded.segments[3]
    assert selection.start == pytest.approx(seg.words[1].start)
    assert selection.end == pytest.approx(seg.words[6].start)
    card_id = window.create_card(selection, "workaround", note="manual re-keying")
    cards = CardRepository(store).list(recorded.interview_id)
    assert [c.id for c in cards] == [card_id]
    assert cards[0].speaker_name == "Priya Shah" and cards[0].tag == "workaround"
    assert window.cards_panel.list.count() == 1
    window.seek_to(recorded.segments[0].start)
    window.cards_panel.play(0)
    assert window.player.position_s == pytest.approx(selection.start, abs=0.01)
    qtbot.waitUntil(window.player.is_playing, timeout=3000)
    window.player.pause()
    out = window.export_cards("csv", tmp_path / "cards.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows[0]["quote"] == "copied every receipt into a" and rows[0]["tag"] == "workaround"


def test_card_dialog_path(qtbot, window: ReviewWindow, monkeypatch) -> None:  # noqa: ANN001
    from app.ui.review.cards import CardDialog

    window.transcript.select_words(1, 0, 3)

    def accept(dialog: CardDialog) -> int:
        dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findData("pain_point"))
        dialog.note_edit.setText("three hours")
        return CardDialog.DialogCode.Accepted

    monkeypatch.setattr(CardDialog, "exec", accept)
    card_id = window.new_card()
    assert card_id is not None
    card = window.card_repo.get(card_id)
    assert (card.quote, card.tag, card.note) == ("Last month I booked", "pain_point", "three hours")


def test_no_selection_no_card(window: ReviewWindow) -> None:
    assert window.new_card() is None
    assert "Select the words" in window.banner.message()


def test_editing_keeps_the_original_and_is_searchable(window: ReviewWindow, store: Store,
                                                      recorded: RecordedInterview) -> None:  # fmt: skip
    window.edit_segment(1, "Last month I booked a flight to Munich, and the expense report "
                           "took me three hours.")  # fmt: skip
    stored = SegmentRepository(store).list(recorded.interview_id)[1]
    assert stored.original_text is not None and "Berlin" in stored.original_text
    assert "Munich" in window.transcript.toPlainText() and "edited" in window.transcript.toPlainText()
    repo = SegmentRepository(store)
    assert [h.segment_id for h in repo.search("Munich")] == [stored.id]
    assert repo.search("Berlin") == []
    window.rename_speaker(Speaker.PARTICIPANT, "Priya")
    assert "Priya   " in window.transcript.toPlainText()
    assert window.doc.speaker_label(window.doc.segments[1]) == "Priya"


def test_follow_up_email(window: ReviewWindow, qtbot) -> None:  # noqa: ANN001
    dialog = window.show_email()
    qtbot.addWidget(dialog)
    assert dialog.body_edit.toPlainText().startswith("Hi Priya,")
    text = dialog.copy()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == text
    assert window.follow_up_email().mailto_url().startswith("mailto:?subject=Thank%20you")


def test_missing_recording_opens_transcript_and_lets_the_user_locate_it(
    qtbot, store: Store, recorded: RecordedInterview, tmp_path: Path  # noqa: ANN001
) -> None:
    moved = tmp_path / "elsewhere" / "call.wav"
    moved.parent.mkdir()
    shutil.move(recorded.wav, moved)
    w = ReviewWindow(store, recorded.interview_id, seek_to=recorded.segments[2].start)
    qtbot.addWidget(w)
    assert not w.player.has_media
    assert str(recorded.wav) in w.locate_label.text()
    assert not w.locate_row.isHidden() or not w.isVisible()
    assert len(w.transcript.lines) == 4
    assert w.transcript.current == 2  # position still works without sound
    w.seek_to(recorded.segments[3].start + 0.1)
    assert w.transcript.current == 3
    assert not w.play_button.isEnabled()
    assert w.locate_recording(moved)
    assert w.player.has_media and w.locate_row.isHidden()
    from app.store.recordings import RecordingRepository

    assert RecordingRepository(store).for_interview(recorded.interview_id)[0].path == moved


def test_empty_transcript_and_no_recording(qtbot, store: Store) -> None:  # noqa: ANN001
    iid = InterviewRepository(store).create(InterviewPlan(Participant("Ana")))
    w = ReviewWindow(store, iid)
    qtbot.addWidget(w)
    w.show()
    assert w.transcript.lines == []
    assert "no transcript" in w.transcript.toPlainText()
    assert not w.player.has_media
    w.seek_to(3.0)
    w.step_line(1)
    assert w.transcript.current is None
    assert w.new_card() is None


def test_the_first_play_starts_where_the_window_opened(qtbot, store: Store,
                                                      recorded: RecordedInterview) -> None:  # noqa: ANN001
    # A search hit opens the review at a line: Play must start there, not at the beginning.
    target = recorded.segments[2].start
    w = ReviewWindow(store, recorded.interview_id, seek_to=target)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.player.player.mediaStatus() in (
        QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia), timeout=5000)  # fmt: skip
    w.player.play()
    qtbot.waitUntil(lambda: w.player.is_playing(), timeout=5000)
    qtbot.wait(300)
    w.player.pause()
    assert w.player.position_s >= target - 0.05, (w.player.position_s, target)


def test_deleting_the_transcript_keeps_notes_marks_and_the_recording(
    window: ReviewWindow, store: Store, recorded: RecordedInterview
) -> None:
    from app.store.models import Mark, Note

    with store.session() as s:
        s.add(Note(interview_id=recorded.interview_id, t=3.0, text="ask about approvals"))
        s.add(Mark(interview_id=recorded.interview_id, t=4.0, label="key moment"))
    CardRepository(store).add(recorded.interview_id, start=1.0, end=2.0, tag="pain_point",
                              quote="a quote", speaker_name="Priya Shah")  # fmt: skip
    lines = SegmentRepository(store)
    word = lines.list(recorded.interview_id)[0].segment.text.split()[0].strip(".,?!")
    window.confirm_delete_transcript = lambda: False  # type: ignore[method-assign]
    assert window.delete_transcript() == 0 and lines.list(recorded.interview_id)
    window.confirm_delete_transcript = lambda: True  # type: ignore[method-assign]
    assert window.delete_transcript() > 0
    assert lines.list(recorded.interview_id) == []
    assert not [h for h in lines.search(word) if h.interview_id == recorded.interview_id]
    assert CardRepository(store).list(recorded.interview_id) == []
    assert "ask about approvals" in [n.text for n in window.doc.notes]
    assert "key moment" in [m.label for m in window.doc.marks]
    assert recorded.wav.exists()
