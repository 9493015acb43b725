from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

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


@pytest.fixture
def store(either_store: Store) -> Store:
    """Every test here runs on SQLite and on a PostgreSQL team library."""
    return either_store


def search_entries(store: Store) -> int:
    """Rows in the search index: FTS5's table, or the segments carrying a tsvector."""
    sql = ("SELECT count(*) FROM segments_fts" if store.engine.dialect.name == "sqlite"
           else "SELECT count(*) FROM segments WHERE search_vector IS NOT NULL")  # fmt: skip
    with store.engine.connect() as c:
        return int(c.execute(text(sql)).scalar() or 0)


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
    spans = timeline.phase_spans(PLAN, 1800)
    assert [(s.index, s.start, s.end, s.paused_s) for s in spans] == [
        (0, 0, 240, 0),
        (1, 240, 540, 0),
        (2, 540, 1500, 0),
        (3, 1500, 1800, 0),
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
    # Recorded on this machine (on a team library, only such calls are this machine's to
    # recover: see test_postgres.py::test_a_call_live_on_a_colleagues_laptop_...).
    recordings = RecordingRepository(store)
    recordings.add(iid, recordings.new_path(iid))
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
    assert search_entries(store) == 1
    InterviewRepository(store).delete(iid)
    assert segments.search("painful") == []
    assert search_entries(store) == 0


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


def test_the_scorecard_counts_phases_without_pauses_as_the_live_clock_did(store: Store) -> None:
    """A 10-minute break inside Go deeper (15 min budget, 12 min talked) is not an overrun:
    the live overtime cue did not fire, so the scorecard must not count it either."""
    from app.live.scoring import score_interview

    repo = InterviewRepository(store)
    iid = repo.create(PLAN)
    clock = FakeClock()
    session = InterviewSession(repo.load_plan(iid), clock)
    SessionPersister(store, iid, session)
    session.start()
    session.next_phase()
    session.next_phase()
    clock.advance(300)
    session.pause()
    clock.advance(600)
    session.resume()
    clock.advance(420)
    assert session.phase_status().value != "over"
    session.end()
    timeline = load_timeline(store, iid)
    (deeper,) = [s for s in timeline.phase_spans(PLAN, 1320) if s.index == 2]
    assert (deeper.duration, deeper.paused_s, deeper.active_s) == (1320, 600, 720)
    saved = {t["phase_index"]: t["elapsed_s"] for t in timeline.phase_timings}
    assert saved[2] == deeper.active_s  # the persister's pause-free row agrees
    card = score_interview(store, iid, PLAN)
    (row,) = [p for p in card["metrics"]["phase_timings"] if p["index"] == 2]
    assert row["elapsed_s"] == 720 and row["overrun_s"] == 0 and row["paused_s"] == 600


def test_search_ranks_and_snips_alike_on_both_engines(store: Store) -> None:
    """FTS5 (bm25, snippet) on SQLite and tsvector (ts_rank, ts_headline) on PostgreSQL give
    the same hits in the same order, prefixes and short words included, and snippets cut
    with an ellipsis around the match."""
    iid = InterviewRepository(store).create(PLAN, title="Northwind call")
    lines = SegmentRepository(store)
    often = lines.add(iid, Segment(Speaker.PARTICIPANT, 1, 2,
                                   "The export button exports a CSV export"))  # fmt: skip
    once = lines.add(iid, Segment(Speaker.PARTICIPANT, 3, 4, "We export it once a month"))
    lines.add(iid, Segment(Speaker.INTERVIEWER, 5, 6, "Nothing relevant here"))
    long_line = ("So every Monday morning before the standup I open the shared drive and copy the "
                 "numbers into my own spreadsheet because the dashboard never shows last week and "
                 "then I email it to my manager who prints it")  # fmt: skip
    middle = lines.add(iid, Segment(Speaker.PARTICIPANT, 7, 9, long_line))

    hits = lines.search("export")
    assert [h.segment_id for h in hits] == [often, once]
    assert hits[0].interview_title == "Northwind call" and hits[0].start == 1
    assert "[export]" in hits[0].snippet and "[exports]" in hits[0].snippet
    assert [h.segment_id for h in lines.search("exp")] == [often, once]  # a prefix
    assert [h.segment_id for h in lines.search("the button")] == [often]  # "the" is a word too
    assert [h.segment_id for h in lines.search("EXPORT month")] == [once]
    (hit,) = lines.search("spreadsheet")
    assert hit.segment_id == middle
    assert "[spreadsheet]" in hit.snippet
    assert hit.snippet.startswith("\u2026") and hit.snippet.endswith("\u2026")
    assert len(hit.snippet.split()) <= 14
    assert lines.search("spreadsheet", limit=0) == []
    assert lines.search("zebra") == []


def test_an_edit_of_a_line_changed_meanwhile_is_a_conflict_not_an_overwrite(store: Store) -> None:
    from app.store.transcript import EditConflict

    iid = InterviewRepository(store).create(PLAN)
    lines = SegmentRepository(store)
    sid = lines.add(iid, Segment(Speaker.PARTICIPANT, 0, 2, "we use a spred sheet"))
    (read_by_ana,) = lines.list(iid)
    (read_by_ben,) = lines.list(iid)
    assert read_by_ana.version == read_by_ben.version == 1

    assert lines.edit_text(sid, "we use a spreadsheet", expected_version=read_by_ana.version) == 2
    with pytest.raises(EditConflict) as caught:
        lines.edit_text(sid, "we use a spread sheet!", expected_version=read_by_ben.version)
    conflict = caught.value
    assert (conflict.current_text, conflict.current_version) == ("we use a spreadsheet", 2)
    assert conflict.unsaved_text == "we use a spread sheet!"  # Ben's words are handed back
    (now,) = lines.list(iid)
    assert (now.segment.text, now.original_text, now.version) == (
        "we use a spreadsheet", "we use a spred sheet", 2)  # fmt: skip
    assert lines.search("spreadsheet") and not lines.search("spred")
    assert lines.edit_text(sid, "we use a spreadsheet, daily", expected_version=2) == 3
    assert lines.edit_text(sid, "no version named: saved as before") == 4
    with pytest.raises(KeyError):
        lines.edit_text(sid + 100, "x", expected_version=1)


def _save_at_once(reviewers: list[SegmentRepository], segment_id: int, version: int,
                  texts: list[str]) -> list[str]:
    """Each reviewer saves its text naming the same version, released at the same moment."""
    import threading

    from app.store.transcript import EditConflict

    start = threading.Barrier(len(reviewers))
    outcomes: list[str] = []

    def save(repo: SegmentRepository, new_text: str) -> None:
        start.wait()
        try:
            repo.edit_text(segment_id, new_text, expected_version=version)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=pair)
               for pair in zip(reviewers, texts, strict=True)]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(outcomes)


def test_two_reviewers_saving_the_same_line_at_once_never_both_win(store: Store) -> None:
    """Each round, two reviewers (their own connections) read the line and save at the same
    moment: exactly one edit is saved, the other is told."""
    iid = InterviewRepository(store).create(PLAN)
    sid = SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 0, 2, "first"))
    second = Store(create_engine(store.engine.url, **(
        {"connect_args": {"check_same_thread": False, "timeout": 15}}
        if store.engine.dialect.name == "sqlite" else {})), store.data_dir)  # fmt: skip
    reviewers = [SegmentRepository(store), SegmentRepository(second)]
    for round_ in range(10):
        version = reviewers[0].list(iid)[0].version
        outcomes = _save_at_once(reviewers, sid, version, [f"A {round_}", f"B {round_}"])
        assert outcomes == ["conflict", "saved"], round_
        (line,) = reviewers[1].list(iid)
        assert line.version == version + 1 and line.segment.text.endswith(str(round_))
    second.close()
