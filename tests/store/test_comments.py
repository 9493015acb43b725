"""Comment threads on moments: replies, resolve, edit, delete, per interviewer, search, export."""

from __future__ import annotations

import pytest

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.comments import CommentRepository, comments_for_export, comments_markdown
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import Interview, Person
from app.store.transcript import SegmentRepository


def _interview(store: Store, name: str = "Ana", interviewer: str | None = None) -> int:
    iid = InterviewRepository(store).create(InterviewPlan(participant=Participant(name)))
    if interviewer is not None:
        with store.session() as s:
            person = s.query(Person).filter_by(name=interviewer).one_or_none()
            if person is None:
                person = Person(name=interviewer)
                s.add(person)
                s.flush()
            s.get(Interview, iid).interviewer_id = person.id
    return iid


def test_a_thread_keeps_its_replies_in_order_and_a_reply_to_a_reply_joins_it(store: Store) -> None:
    repo = CommentRepository(store)
    iid = _interview(store)
    root = repo.add(iid, t=42.0, text="  Good follow-up here  ", author="Kim")
    first = repo.reply(root, text="Agreed, and she opened up after it.", author="Lee")
    second = repo.reply(first, text="Let's use it in the training.", author="Kim")
    other = repo.add(iid, t=10.0, text="Too long an intro", author="Kim")
    threads = repo.threads(iid)
    assert [th.id for th in threads] == [other, root]  # in order of the moment
    thread = threads[1]
    assert thread.root.text == "Good follow-up here"
    assert [r.id for r in thread.replies] == [first, second]
    assert all(r.parent_id == root and r.t == 42.0 for r in thread.replies)
    assert repo.thread_of(second) == thread


def test_resolve_marks_the_thread_and_a_reply_reopens_it(store: Store) -> None:
    repo = CommentRepository(store)
    iid = _interview(store)
    root = repo.add(iid, t=5.0, text="Why question", author="Kim")
    reply = repo.reply(root, text="Fixed in the next call", author="Lee")
    repo.set_resolved(reply)  # resolving from a reply resolves its thread
    assert repo.threads(iid)[0].resolved
    assert repo.threads(iid, unresolved_only=True) == []
    assert repo.count_open(iid) == 0
    repo.reply(root, text="Not quite: it came back at 12:00", author="Kim")
    assert not repo.threads(iid)[0].resolved
    repo.set_resolved(root, True)
    repo.set_resolved(root, False)
    assert repo.count_open(iid) == 1


def test_edit_marks_the_comment_edited_and_refuses_empty_or_huge_text(store: Store) -> None:
    repo = CommentRepository(store)
    iid = _interview(store)
    cid = repo.add(iid, t=1.0, text="first", author="Kim")
    repo.edit(cid, "first")  # unchanged: not marked edited
    assert repo.get(cid) is not None and not repo.get(cid).edited
    repo.edit(cid, "second")
    stored = repo.get(cid)
    assert stored is not None and stored.text == "second" and stored.edited
    with pytest.raises(ValueError):
        repo.edit(cid, "   ")
    with pytest.raises(ValueError):
        repo.add(iid, t=1.0, text="x" * 10_001)
    with pytest.raises(KeyError):
        repo.edit(999, "text")
    assert repo.get(cid).text == "second"  # nothing lost by the refusals


def test_deleting_the_first_comment_deletes_the_replies_and_a_reply_alone(store: Store) -> None:
    repo = CommentRepository(store)
    iid = _interview(store)
    keep = repo.add(iid, t=3.0, text="keep", author="Kim")
    drop_reply = repo.reply(keep, text="a reply to drop")
    kept_reply = repo.reply(keep, text="a reply to keep")
    root = repo.add(iid, t=9.0, text="thread to delete")
    repo.reply(root, text="goes with it")
    repo.delete(drop_reply)
    repo.delete(root)
    assert [c.id for c in repo.list(iid)] == [keep, kept_reply]
    repo.delete(12345)  # already gone: nothing to do


def test_a_comment_on_a_line_or_cue_keeps_it_and_refuses_another_interviews(store: Store) -> None:
    repo = CommentRepository(store)
    iid, other = _interview(store), _interview(store, "Bo")
    seg_id = SegmentRepository(store).add(iid, Segment(Speaker.INTERVIEWER, 4.0, 6.0, "Why?"))
    cue_id = CueRepository(store).add(iid, kind="why", start=4.0, end=6.0, text="Why?",
                                      suggestion="Tell me more")  # fmt: skip
    cid = repo.add(iid, t=4.0, text="on the line", segment_id=seg_id, cue_id=cue_id)
    stored = repo.get(cid)
    assert stored is not None and (stored.segment_id, stored.cue_id) == (seg_id, cue_id)
    with pytest.raises(ValueError, match="not in this interview"):
        repo.add(other, t=4.0, text="wrong place", segment_id=seg_id)
    with pytest.raises(ValueError, match="not in this interview"):
        repo.add(other, t=4.0, text="wrong place", cue_id=cue_id)
    with pytest.raises(KeyError):
        repo.add(9999, t=0.0, text="no interview")


def test_listed_per_interviewer_and_searched_by_every_word(store: Store) -> None:
    repo = CommentRepository(store)
    a1 = _interview(store, "Ana", interviewer="Sam")
    a2 = _interview(store, "Bo", interviewer="Sam")
    b1 = _interview(store, "Cy", interviewer="Ria")
    _interview(store, "Di", interviewer="Sam")  # no comments: not listed
    repo.add(a1, t=1.0, text="Leading question at the start")
    repo.add(a2, t=2.0, text="Great silence after the question")
    repo.add(b1, t=3.0, text="Leading again 100%_sure")
    with store.session() as s:
        sam = s.query(Person).filter_by(name="Sam").one().id
    listed = repo.for_interviewer(sam)
    assert {x.interview_id for x in listed} == {a1, a2}
    assert all(len(x.threads) == 1 for x in listed)
    hits = repo.search("leading QUESTION")
    assert [h.interview_id for h in hits] == [a1]
    assert {h.interview_id for h in repo.search("leading")} == {a1, b1}
    assert [h.interview_id for h in repo.search("leading", interviewer_id=sam)] == [a1]
    assert [h.interview_id for h in repo.search("100%_")] == [b1]  # wildcards taken literally
    assert [h.interview_id for h in repo.search("%")] == [b1]
    assert repo.search("zzz") == [] and repo.search("   ") == []


def test_export_data_and_markdown_carry_threads_replies_and_state(store: Store) -> None:
    repo = CommentRepository(store)
    iid = _interview(store)
    assert comments_for_export(store, iid) == []
    assert comments_markdown([]) == []
    root = repo.add(iid, t=75.5, text="Two questions\nat once", author="Kim")
    repo.reply(root, text="Yes: ask one", author="Lee")
    repo.set_resolved(root)
    data = comments_for_export(store, iid)
    assert data[0]["t"] == 75.5 and data[0]["resolved"] is True
    assert data[0]["author"] == "Kim" and data[0]["replies"][0]["text"] == "Yes: ask one"
    lines = comments_markdown(data)
    assert lines[0] == "## Comments"
    assert lines[2] == "- **1:15** (resolved) Kim: Two questions\n  at once"
    assert lines[3] == "  - Lee: Yes: ask one"


def test_deleting_the_interview_deletes_its_comments(store: Store) -> None:
    repo = CommentRepository(store)
    iid = _interview(store)
    root = repo.add(iid, t=1.0, text="x")
    repo.reply(root, text="y")
    InterviewRepository(store).delete(iid)
    assert repo.list(iid) == []


def test_markdown_uses_the_exporters_clock_and_escaping(store: Store) -> None:
    iid = _interview(store)
    CommentRepository(store).add(iid, t=3725.0, text="*not bold*", author="K_m")
    lines = comments_markdown(comments_for_export(store, iid), clock=lambda t: f"<{t:g}>",
                              escape=lambda s: s.replace("*", "\\*").replace("_", "\\_"))  # fmt: skip
    assert lines[2] == "- **<3725>** K\\_m: \\*not bold\\*"


def test_by_interview_lists_every_commented_interview_with_or_without_an_interviewer(
        store: Store) -> None:  # fmt: skip
    repo = CommentRepository(store)
    nobody = _interview(store, "Ana")
    led = _interview(store, "Bo", interviewer="Sam")
    _interview(store, "Cy")  # no comment: not listed
    repo.add(nobody, t=1.0, text="x")
    repo.add(led, t=2.0, text="y")
    assert [g.interview_id for g in repo.by_interview()] == [led, nobody]  # newest first
    assert [g.title for g in repo.by_interview()] == ["Bo", "Ana"]
