from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.session.clock import FakeClock
from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker, Word
from app.session.session import EventKind, InterviewSession
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import SegmentRow, SessionEventRow
from app.store.recordings import RecordingRepository
from app.store.timeline import SessionPersister, load_timeline
from app.store.transcript import SegmentRepository

PLAN = InterviewPlan(
    participant=Participant("Dana Ruiz", "Northwind", "Ops lead"),
    focus="What is the biggest roadblock our new customers hit?",
    core_questions=("a?", "b?", "c?", "d?", "e?"),
    gift="$50 gift card",
)


def test_plan_round_trips(store: Store) -> None:
    repo = InterviewRepository(store)
    iid = repo.create(PLAN.with_phase_budget(2, 1200), interviewer_name="Sam")
    plan = repo.load_plan(iid)
    assert plan.participant == PLAN.participant
    assert plan.phases[2].budget_s == 1200
    assert plan.phases[0].label() == "under 5 min"
    assert plan.core_questions == PLAN.core_questions
    assert repo.get(iid).interviewer_name == "Sam"


def run_thirty_minute_call(store: Store) -> tuple[int, InterviewSession]:
    repo = InterviewRepository(store)
    iid = repo.create(PLAN)
    clock = FakeClock()
    session = InterviewSession(repo.load_plan(iid), clock)
    SessionPersister(store, iid, session)
    session.start()
    clock.advance(60)
    session.grant_consent()
    session.set_goal(0, 2, True, auto=True)
    clock.advance(180)
    session.next_phase()
    clock.advance(300)
    session.next_phase()
    session.mark("they built a spreadsheet workaround")
    clock.advance(960)  # 16 min: one over the Go deeper budget
    session.next_phase()
    session.note("send the survey link")
    clock.advance(300)
    session.end()
    return iid, session


def test_a_thirty_minute_session_reloads_with_its_timeline_intact(store: Store) -> None:
    iid, session = run_thirty_minute_call(store)
    timeline = load_timeline(store, iid)
    assert [e.kind for e in timeline.events] == [e.kind for e in session.events]
    assert [e.t for e in timeline.events] == [e.t for e in session.events]
    assert timeline.consent == [(60, "granted")]
    assert [(m.t, m.label) for m in timeline.marks] == [
        (540, "they built a spreadsheet workaround")
    ]
    assert [(n.t, n.text, n.phase_index) for n in timeline.notes] == [
        (1500, "send the survey link", 3)
    ]
    elapsed = [p["elapsed_s"] for p in timeline.phase_timings]
    assert elapsed == [240, 300, 960, 300]
    assert timeline.phase_spans(1800) == [
        (0, 0, 240),
        (1, 240, 540),
        (2, 540, 1500),
        (3, 1500, 1800),
    ]
    summary = InterviewRepository(store).get(iid)
    assert summary.status == "ended" and summary.duration_s == 1800
    assert summary.consent_state == "granted"


def test_events_are_saved_as_they_happen(store: Store) -> None:
    repo = InterviewRepository(store)
    iid = repo.create(PLAN)
    clock = FakeClock()
    session = InterviewSession(PLAN, clock)
    SessionPersister(store, iid, session)
    session.start()
    clock.advance(10)
    session.mark()
    # no end(): as if the app died here
    timeline = load_timeline(store, iid)
    assert [e.kind for e in timeline.events] == [EventKind.STARTED, EventKind.PHASE, EventKind.MARK]
    assert repo.find_interrupted() == [iid]


def test_full_text_search_follows_edits_and_deletions(store: Store) -> None:
    iid = InterviewRepository(store).create(PLAN)
    segments = SegmentRepository(store)
    sid = segments.add(iid, Segment(Speaker.PARTICIPANT, 12.0, 15.0,
                                    "Honestly the onboarding checklist was confusing"))  # fmt: skip
    hits = segments.search("onboarding confus")
    assert [(h.interview_id, h.segment_id, h.start) for h in hits] == [(iid, sid, 12.0)]
    assert "[onboarding]" in hits[0].snippet
    segments.edit_text(sid, "Honestly the signup form was painful")
    assert segments.search("onboarding") == []
    assert len(segments.search("painful")) == 1
    stored = segments.list(iid)[0]
    assert stored.original_text == "Honestly the onboarding checklist was confusing"
    assert stored.edited
    InterviewRepository(store).delete(iid)
    assert segments.search("painful") == []
    with store.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM segments_fts")).scalar() == 0


def test_search_survives_odd_user_input(store: Store) -> None:
    iid = InterviewRepository(store).create(PLAN)
    SegmentRepository(store).add(iid, Segment(Speaker.INTERVIEWER, 0, 1, "Tell me more about it"))
    for query in ['"', "AND OR NOT", "tell*(", "", "   "]:
        SegmentRepository(store).search(query)  # no FTS syntax error reaches the user


def test_words_and_speaker_names_round_trip(store: Store) -> None:
    iid = InterviewRepository(store).create(PLAN)
    repo = SegmentRepository(store)
    words = (Word("Tell", 1.0, 1.2, 0.9), Word("me", 1.2, 1.3))
    repo.add(iid, Segment(Speaker.INTERVIEWER, 1.0, 1.3, "Tell me", words))
    repo.rename_speaker(iid, Speaker.INTERVIEWER, "Sam")
    (stored,) = repo.list(iid)
    assert stored.segment.words == words
    assert stored.segment.speaker_name == "Sam"


def test_delete_removes_rows_and_audio_files(store: Store) -> None:
    iid, _ = run_thirty_minute_call(store)
    recordings = RecordingRepository(store)
    path = recordings.new_path(iid)
    path.write_bytes(b"RIFF....")
    Path(str(path) + ".partial").write_bytes(b"x")
    recordings.add(iid, path)
    SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 0, 1, "hello"))
    CueRepository(store).add(iid, kind="why", start=0, end=1, text="why?", suggestion="Tell me")
    InterviewRepository(store).delete(iid)
    assert not path.exists()
    assert list(store.recordings_dir.iterdir()) == []
    with store.session() as s:
        assert s.scalar(select(func.count(SessionEventRow.id))) == 0
        assert s.scalar(select(func.count(SegmentRow.id))) == 0
    with pytest.raises(KeyError):
        InterviewRepository(store).load_plan(iid)
