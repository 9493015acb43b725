"""The live transcript: partial lines replaced by finals, and a view that follows or holds."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.session.segments import Segment, Speaker
from app.ui.live.transcript import Role, TranscriptModel, TranscriptView
from tests.ui.lines import Lines


def test_partial_is_replaced_in_place_by_the_final(qtbot) -> None:
    model = TranscriptModel("Ana Ruiz")
    model.show_partial(Speaker.PARTICIPANT, "we usually", 1.0, 2.0)
    model.show_partial(Speaker.INTERVIEWER, "tell me", 1.5, 2.0)
    model.show_partial(Speaker.PARTICIPANT, "we usually start with", 1.0, 3.0)
    assert model.rowCount() == 2
    first = model.index(0)
    assert first.data() == "we usually start with"
    assert first.data(Role.PARTIAL) is True
    assert first.data(Role.NAME) == "Ana Ruiz"
    assert model.index(1).data(Role.NAME) == "You"
    lines = Lines(model.show_line)
    with qtbot.waitSignal(model.dataChanged):
        lines.final(Segment(Speaker.PARTICIPANT, 1.0, 3.2, "We usually start with a call."))
    assert model.rowCount() == 2
    assert first.data() == "We usually start with a call."
    assert first.data(Role.PARTIAL) is False
    # A final with no partial before it is appended.
    lines.final(Segment(Speaker.PARTICIPANT, 4.0, 5.0, "Then a spreadsheet."))
    assert model.rowCount() == 3 and model.index(2).data(Role.START) == 4.0


def test_an_empty_partial_removes_the_speakers_partial_line() -> None:
    model = TranscriptModel()
    model.show_partial(Speaker.PARTICIPANT, "uh", 1.0, 1.2)
    model.show_partial(Speaker.PARTICIPANT, "", 1.0, 1.4)
    assert model.rowCount() == 0
    assert model.speaker_name(Speaker.PARTICIPANT) == "Participant"


def _fill(model: TranscriptModel, count: int, start: int = 0) -> None:
    lines = Lines(model.show_line)
    for i in range(start, start + count):
        lines.final(Segment(Speaker.PARTICIPANT if i % 2 else Speaker.INTERVIEWER, i, i + 1,
                                f"Line {i}: a sentence long enough to wrap in a narrow view."))  # fmt: skip


def test_view_follows_the_newest_line_until_the_user_scrolls_up(qtbot) -> None:
    model = TranscriptModel("Ana")
    view = TranscriptView(model)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    bar = view.list.verticalScrollBar()
    _fill(model, 40)
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=2000)
    assert view.following and view.jump_button.isHidden()

    bar.setValue(0)  # the user scrolls up to read
    assert not view.following
    assert view.jump_button.isVisible()
    _fill(model, 5, start=40)
    model.show_partial(Speaker.PARTICIPANT, "and another thing", 45, 46)
    qtbot.wait(50)
    assert bar.value() == 0, "a new line must not yank the reader back down"
    assert not view.following

    qtbot.mouseClick(view.jump_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=2000)
    assert view.following and view.jump_button.isHidden()
    _fill(model, 5, start=50)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=2000)
    last = view.list.indexAt(view.list.viewport().rect().bottomLeft()).row()
    assert last == model.rowCount() - 1


def test_a_growing_partial_gets_a_taller_row(qtbot) -> None:
    model = TranscriptModel("Ana")
    view = TranscriptView(model)
    qtbot.addWidget(view)
    view.resize(260, 300)
    view.show()
    qtbot.waitExposed(view)
    model.show_partial(Speaker.PARTICIPANT, "short", 0, 1)
    qtbot.waitUntil(lambda: view.list.visualRect(model.index(0)).height() > 0, timeout=1000)
    short = view.list.visualRect(model.index(0)).height()
    model.show_partial(Speaker.PARTICIPANT, "a much longer partial " * 8, 0, 4)
    qtbot.waitUntil(lambda: view.list.visualRect(model.index(0)).height() > short, timeout=1000)


def test_fragments_of_one_turn_read_as_one_line() -> None:
    model = TranscriptModel("Dana")
    iv, p = Speaker.INTERVIEWER, Speaker.PARTICIPANT
    lines = Lines(model.show_line)
    lines.final(Segment(iv, 0.0, 0.8, "why did you"))
    model.show_partial(iv, "choose the annual plan", 0.8, 1.9)
    lines.final(Segment(iv, 0.8, 1.6, "choose the annual"))
    lines.final(Segment(iv, 1.6, 2.0, "plan?"))
    model.show_partial(iv, "", 2.0, 2.0)
    lines.final(Segment(p, 2.5, 3.0, "we compared"))
    lines.final(Segment(p, 5.0, 6.0, "three vendors."))  # after a pause: a new line
    lines.final(Segment(iv, 6.5, 7.0, "I see."))
    assert [(line.speaker, line.text) for line in model.lines] == [
        (iv, "why did you choose the annual plan?"),
        (p, "we compared"),
        (p, "three vendors."),
        (iv, "I see."),
    ]
    assert not any(line.partial for line in model.lines)
