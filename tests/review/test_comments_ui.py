"""Comments on moments in the review window: on a line, a cue, a time; replies, resolve, edit,
delete, search; shown in the side tab, beside the transcript and on the timeline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, Qt

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.comments import CommentRepository
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.transcript import SegmentRepository
from app.ui.practice import PracticeWindow
from app.ui.review import ReviewWindow
from app.ui.review.timeline_data import ItemKind

LINES = [(Speaker.INTERVIEWER, 0.0, 3.0, "Thanks for your time."),
         (Speaker.PARTICIPANT, 3.5, 9.0, "Sure, happy to help."),
         (Speaker.INTERVIEWER, 30.0, 33.0, "Why did you stop using it?"),
         (Speaker.PARTICIPANT, 34.0, 50.0, "We lost a whole interview because of the audio.")]  # fmt: skip


class Answers:
    """Stands in for the text dialogs: hands out queued answers, records the prompts."""

    def __init__(self) -> None:
        self.queue: list[str | None] = []
        self.prompts: list[str] = []

    def __call__(self, _parent: object, _title: str, label: str, text: str) -> str | None:
        self.prompts.append(label)
        return self.queue.pop(0) if self.queue else None


@pytest.fixture
def interview(store: Store) -> int:
    iid = InterviewRepository(store).create(InterviewPlan(participant=Participant("Daniel")))
    for speaker, start, end, text in LINES:
        SegmentRepository(store).add(iid, Segment(speaker, start, end, text), source="jsonl")
    CueRepository(store).add(iid, kind="why", start=30.0, end=33.0, text="Why did you stop?",
                             suggestion="Tell me more about\u2026", severity="warn")  # fmt: skip
    return iid


@pytest.fixture
def window(qtbot, store: Store, interview: int) -> Iterator[tuple[ReviewWindow, Answers]]:  # noqa: ANN001
    w = ReviewWindow(store, interview)
    answers = Answers()
    w.comments.ask_text = answers
    w.comments.author = lambda: "Kim"
    w.comments.confirm_delete = lambda _parent, _question: True
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitExposed(w)
    yield w, answers
    w.close()


def listed(w: ReviewWindow) -> list[str]:
    lst = w.comments.panel.list
    return [lst.item(i).text() for i in range(lst.count())]


def test_comment_on_a_line_shows_in_the_tab_the_margin_and_the_timeline(
        window: tuple[ReviewWindow, Answers], store: Store) -> None:  # fmt: skip
    w, answers = window
    answers.queue = ["Listen to how defensive he gets."]
    w.transcript.comment_requested.emit(2)  # "Comment on this line…" on the why question
    assert answers.prompts == ["Your comment on the line at 0:30:"]
    threads = CommentRepository(store).threads(w.interview_id)
    assert len(threads) == 1
    root = threads[0].root
    assert (root.t, root.author, root.text) == (30.0, "Kim", "Listen to how defensive he gets.")
    assert root.segment_id == w.doc.segments[2].id
    assert listed(w) == ["0:30 \u00b7 Kim\nListen to how defensive he gets."]
    assert w.tabs.tabText(w.tabs.indexOf(w.comments.panel)) == "Comments (1)"
    comments_on_timeline = [i for i in w.timeline.data.items if i.kind is ItemKind.COMMENT]
    assert [(i.t, i.ref) for i in comments_on_timeline] == [(30.0, root.id)]
    # Beside the transcript: a note level with its line, which selects the thread when clicked.
    w.comments.margin.repaint()
    rect, thread_id = w.comments.margin._boxes[0]
    line_y = w.comments.margin.line_y(2)
    assert thread_id == root.id and abs(rect.top() - line_y) < 2
    w.comments.panel.list.setCurrentRow(-1)
    w.comments.margin.thread_clicked.emit(root.id)
    assert w.comments.panel.selected_id() == root.id
    assert w.player.position_s == pytest.approx(30.0)


def test_comment_on_a_cue_marker_or_a_time_of_the_timeline(
        window: tuple[ReviewWindow, Answers], store: Store) -> None:  # fmt: skip
    w, answers = window
    answers.queue = ["The why question.", "Quiet stretch here."]
    w.timeline.comment_requested.emit(30.0, 30.0)  # right-click on the cue marker
    w.timeline.comment_requested.emit(20.0, -1.0)  # right-click on an empty time
    threads = CommentRepository(store).threads(w.interview_id)
    cue_id = w.doc.cues[0].id
    assert [(th.t, th.root.cue_id) for th in threads] == [(20.0, None), (30.0, cue_id)]
    assert threads[0].root.segment_id == w.doc.segments[1].id  # the line playing at 0:20
    assert "the why cue at 0:30" in answers.prompts[0]


def test_the_m_key_comments_on_the_line_playing_now(qtbot, window: tuple[ReviewWindow, Answers],
                                                    store: Store) -> None:  # fmt: skip  # noqa: ANN001
    w, answers = window
    w.seek_to(40.0)
    answers.queue = ["Good long answer."]
    qtbot.keyClick(w, Qt.Key.Key_M)
    (thread,) = CommentRepository(store).threads(w.interview_id)
    assert thread.root.segment_id == w.doc.segments[3].id and thread.t == 34.0


def test_reply_resolve_edit_delete_and_search_through_the_panel(
        qtbot, window: tuple[ReviewWindow, Answers], store: Store) -> None:  # fmt: skip  # noqa: ANN001
    w, answers = window
    repo = CommentRepository(store)
    first = repo.add(w.interview_id, t=30.0, text="Why question", author="Sam")
    repo.add(w.interview_id, t=3.5, text="Warm start", author="Sam")
    w.comments.reload()
    panel = w.comments.panel
    assert panel.select(first)
    answers.queue = ["Agreed, ask it as tell me more"]
    qtbot.mouseClick(panel.reply_button, Qt.MouseButton.LeftButton)
    assert listed(w)[2] == "      \u21b3 Kim: Agreed, ask it as tell me more"
    panel.select(first)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert repo.threads(w.interview_id)[1].resolved
    assert "\u2713 resolved" in listed(w)[1]
    assert w.tabs.tabText(w.tabs.indexOf(panel)) == "Comments (1)"
    assert panel.resolve_button.text() == "Reopen"
    panel.show_resolved.setChecked(False)
    assert len(listed(w)) == 1 and listed(w)[0].startswith("0:03")
    panel.show_resolved.setChecked(True)
    panel.select(first)
    answers.queue = ["Why question at 0:30"]
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert repo.get(first).text == "Why question at 0:30" and repo.get(first).edited
    panel.search.setText("tell ME more")
    assert len(listed(w)) == 2 and listed(w)[0].startswith("0:30")  # the thread, by its reply
    panel.search.setText("nothing like this")
    assert listed(w) == ["No comment matches."]
    panel.search.clear()
    panel.select(first)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [th.root.text for th in repo.threads(w.interview_id)] == ["Warm start"]
    assert [i.kind for i in w.timeline.data.items].count(ItemKind.COMMENT) == 1


def test_a_cancelled_or_empty_comment_stores_nothing(window: tuple[ReviewWindow, Answers],
                                                     store: Store) -> None:  # fmt: skip
    w, answers = window
    answers.queue = [None, "   "]
    assert w.comments.ask_new(w.comments.moment_of_line(0)) is None
    assert w.comments.ask_new(w.comments.moment_of_line(0)) is None
    assert CommentRepository(store).list(w.interview_id) == []
    assert listed(w)[0].startswith("No comments yet")


def test_the_practice_button_opens_the_interview_in_practice(qtbot, window) -> None:  # noqa: ANN001
    w, _answers = window
    qtbot.mouseClick(w.practice_button, Qt.MouseButton.LeftButton)
    practice = w.practice_window
    assert isinstance(practice, PracticeWindow) and practice.isVisible()
    assert practice.interview_id == w.interview_id
    assert len(practice.script.segments) == len(LINES)
    practice.close()


def test_margin_point_lookup_ignores_empty_space(window: tuple[ReviewWindow, Answers]) -> None:
    w, _answers = window
    w.comments.margin.repaint()
    assert w.comments.margin.thread_at(QPointF(5, 5)) is None
