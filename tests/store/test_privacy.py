"""The data folder keeps transcripts private: owner-only files, no writes to a database that
is not ours, and deleted text gone from the database and its WAL at once."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker
from app.store.db import Store, StoreError
from app.store.interviews import InterviewRepository
from app.store.transcript import SegmentRepository

SECRET = "my landlord is Zebulon Quixotic"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_wal_and_folders_are_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    iid = InterviewRepository(store).create(InterviewPlan())
    SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 0, 1, "hello"))
    for name in ("tellmemore.db", "tellmemore.db-wal", "tellmemore.db-shm"):
        assert _mode(data / name) == 0o600, name
    assert _mode(data) == 0o700
    assert _mode(data / "recordings") == 0o700
    store.close()


def test_an_old_world_readable_database_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data).close()
    (data / "tellmemore.db").chmod(0o644)
    data.chmod(0o755)
    Store.open(data).close()
    assert _mode(data / "tellmemore.db") == 0o600 and _mode(data) == 0o700


def test_a_database_made_by_another_program_is_never_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    foreign = data / "tellmemore.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.commit()
    connection.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store.open(data)
    assert foreign.read_bytes() == before
    assert not (data / "tellmemore.db-wal").exists() and not (data / "tellmemore.db-shm").exists()


def test_deleted_text_is_not_left_in_the_database_or_its_wal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    repo = InterviewRepository(store)
    iid = repo.create(InterviewPlan())
    SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 0, 2, SECRET))
    assert any(SECRET.encode() in (data / n).read_bytes()
               for n in ("tellmemore.db", "tellmemore.db-wal"))  # fmt: skip
    repo.delete(iid)
    # The store is still open (no clean close has checkpointed anything).
    for name in ("tellmemore.db", "tellmemore.db-wal"):
        path = data / name
        if path.exists():
            assert SECRET.encode() not in path.read_bytes(), name
    store.close()


def test_revoked_consent_forgets_the_participants_words_everywhere(tmp_path: Path) -> None:
    from app.store.cards import CardRepository
    from app.store.cues import CueRepository

    data = tmp_path / "data"
    store = Store.open(data)
    iid = InterviewRepository(store).create(InterviewPlan())
    lines = SegmentRepository(store)
    mine = lines.add(iid, Segment(Speaker.INTERVIEWER, 0, 2, "Tell me about your landlord."))
    theirs = lines.add(iid, Segment(Speaker.PARTICIPANT, 2, 5, SECRET, speaker_name="Dana"))
    CardRepository(store).add(iid, start=2, end=5, quote=SECRET, tag="workaround",
                              speaker_name="Dana", segment_id=theirs)  # fmt: skip
    CueRepository(store).add(iid, kind="generality", start=2, end=5, text=SECRET, suggestion="s")
    CueRepository(store).add(iid, kind="why", start=0, end=2, text="Why?", suggestion="s")
    assert lines.search("Zebulon")

    assert lines.forget(iid, Speaker.PARTICIPANT) == 1

    assert [s.id for s in lines.list(iid)] == [mine]
    assert lines.search("Zebulon") == [] and lines.search("landlord")
    assert CardRepository(store).list(iid) == []
    assert [c.kind for c in CueRepository(store).list(iid)] == ["why"]
    for name in ("tellmemore.db", "tellmemore.db-wal"):
        path = data / name
        if path.exists():
            assert b"Zebulon" not in path.read_bytes(), name
    store.close()


def test_a_transcript_can_be_deleted_and_the_notes_kept(tmp_path: Path) -> None:
    from app.session.session import InterviewSession
    from app.store.timeline import SessionPersister, load_timeline

    store = Store.open(tmp_path / "data")
    iid = InterviewRepository(store).create(InterviewPlan())
    session = InterviewSession(InterviewPlan())
    SessionPersister(store, iid, session)
    session.start()
    session.note("call back on Friday")
    SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 0, 2, SECRET))
    SegmentRepository(store).add(iid, Segment(Speaker.INTERVIEWER, 2, 3, "Thanks."))
    assert SegmentRepository(store).forget(iid) == 2
    assert SegmentRepository(store).list(iid) == []
    assert [n.text for n in load_timeline(store, iid).notes] == ["call back on Friday"]
    store.close()


def test_a_search_of_a_thousand_repeated_words_asks_for_each_word_once(tmp_path: Path) -> None:
    from app.store.transcript import MAX_SEARCH_TERMS, _fts_query

    # FTS5's cost grows faster than the number of prefix terms: 1,000 repeats took 67 s.
    assert _fts_query(" ".join(["export"] * 1000 + ["rep"] * 1000)) == '"export"* "rep"*'
    many = " ".join(f"word{i}" for i in range(500))
    assert _fts_query(many).count("*") == MAX_SEARCH_TERMS
    store = Store.open(tmp_path / "data")
    iid = InterviewRepository(store).create(InterviewPlan())
    SegmentRepository(store).add(iid, Segment(Speaker.INTERVIEWER, 0, 1, "export export report"))
    assert len(SegmentRepository(store).search(" ".join(["export"] * 1000 + ["rep"]))) == 1
    store.close()
