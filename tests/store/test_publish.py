"""Publishing an interview recorded offline (the laptop's SQLite library) to a team library:
everything copied once, resumable after a kill, deletions in the team copy respected, and
nothing of a participant who declined consent leaving the laptop.

The team library is PostgreSQL (a real server, tests/store/pg.py) and, where the engine does
not matter, a second SQLite library too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.cards import CardRepository
from app.store.comments import CommentRepository
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import (
    ConsentEvent,
    HighlightDecision,
    Interview,
    Mark,
    Note,
    PhaseTiming,
    PublishTombstone,
    Recording,
    SegmentRow,
    SessionEventRow,
)
from app.store.publish import (
    ROW_UNITS,
    PublishCancelled,
    Publisher,
    PublishError,
    PublishOutcome,
    PublishProgress,
    PublishStage,
    local_interviews_to_publish,
)
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from tests.store.conftest import ENGINES
from tests.store.pg import PostgresServer

SECRET = "Zebulon keeps the spreadsheet in a drawer"
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Libraries:
    local: Store
    team: Store
    team_url: str  # what `publish --to` gets ("" for a SQLite team library in its own folder)


@pytest.fixture(params=ENGINES)
def libs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Libraries]:
    """A laptop's SQLite library and a team library: PostgreSQL (its audio in the same data
    folder, as on a real laptop) or another SQLite library in a folder of its own."""
    local = Store.open(tmp_path / "data", local=True)
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("pg_server")
        url = server.url(request.getfixturevalue("pg_database"))
        team = Store.open(tmp_path / "data", url=url)
    else:
        url = ""
        team = Store.open(tmp_path / "team")
    yield Libraries(local, team, url)
    local.close()
    team.close()


def _audio(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    return path


def record_interview(store: Store, *, consent: str = "granted", audio_bytes: int = 300_000,
                     lines: int = 6, title: str = "Dana at Acme") -> int:  # fmt: skip
    """An ended interview with something in every table the publisher copies."""
    plan = InterviewPlan(participant=Participant("Dana", "Acme", "Ops"), focus="spreadsheets")
    iid = InterviewRepository(store).create(plan, interviewer_name="Ana Lima", title=title)
    InterviewRepository(store).update(iid, status="ended", consent_state=consent, duration_s=60.0)
    segments = SegmentRepository(store)
    ids = []
    for n in range(lines):
        speaker = Speaker.INTERVIEWER if n % 2 == 0 else Speaker.PARTICIPANT
        text = SECRET if speaker is Speaker.PARTICIPANT else f"Tell me about the last time {n}"
        ids.append(segments.add(iid, Segment(speaker, n * 5.0, n * 5.0 + 4, text,
                                             speaker_name="Dana" if n % 2 else None)))  # fmt: skip
    segments.edit_text(ids[0], "Tell me about the last time it happened", editor="Ben Okafor")
    card = CardRepository(store).add(iid, start=5, end=9, quote=SECRET, tag="workaround",
                                     speaker_name="Dana", segment_id=ids[1], author="Ana Lima")  # fmt: skip
    CardRepository(store).add(iid, start=0, end=4, quote="Tell me about the last time",
                              tag="question", segment_id=ids[0], author="Ben Okafor")  # fmt: skip
    CueRepository(store).add(iid, kind="generality", start=5, end=9, text=SECRET, suggestion="s")
    cue = CueRepository(store).add(iid, kind="leading", start=0, end=4, text="t", suggestion="s")
    comments = CommentRepository(store)
    root = comments.add(iid, t=5, text="Follow this up", author="Ben Okafor", segment_id=ids[1])
    comments.reply(root, text="Agreed", author="Ana Lima")
    comments.add(iid, t=0, text="Leading?", author="Ana Lima", cue_id=cue)
    with store.session() as s:
        s.add_all([
            SessionEventRow(interview_id=iid, kind="phase", t=1.0, wall=1.0,
                            data={"index": 0, "name": "Opening"}),
            PhaseTiming(interview_id=iid, phase_index=0, name="Opening", budget_s=60,
                        elapsed_s=30),
            ConsentEvent(interview_id=iid, state=consent, t=0.5, wall=0.5),
            Mark(interview_id=iid, t=3.0, label="good bit"),
            Note(interview_id=iid, t=4.0, text="ask about the drawer"),
            HighlightDecision(interview_id=iid, segment_id=ids[3], reason="emotion",
                              decision="kept", card_id=card),
        ])  # fmt: skip
    if audio_bytes:
        recordings = RecordingRepository(store)
        path = _audio(recordings.new_path(iid), audio_bytes)
        recordings.add(iid, path, status="complete")
    return iid


def _count(store: Store, model: type, team_id: int) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)
                            .where(model.interview_id == team_id)) or 0)  # type: ignore[attr-defined]  # fmt: skip


def _team_interviews(store: Store) -> list[int]:
    with store.session() as s:
        return list(s.scalars(select(Interview.id)))


# --- what is copied ----------------------------------------------------------------------------


def test_publishing_copies_the_interview_its_rows_authors_and_audio(libs: Libraries) -> None:
    local_id = record_interview(libs.local)
    seen: list[PublishProgress] = []

    [result] = Publisher(libs.local, libs.team, on_progress=seen.append).publish([local_id])

    assert result.outcome is PublishOutcome.PUBLISHED and result.team_id is not None
    team_id = result.team_id
    team = libs.team
    summary = InterviewRepository(team).get(team_id)
    assert (summary.title, summary.interviewer_name, summary.participant_name) == (
        "Dana at Acme", "Ana Lima", "Dana")
    lines = SegmentRepository(team).list(team_id)
    assert [ln.segment.text for ln in lines] == [
        ln.segment.text for ln in SegmentRepository(libs.local).list(local_id)]
    assert lines[0].edited and lines[0].edited_by == "Ben Okafor"
    assert {h.interview_id for h in SegmentRepository(team).search("zebulon drawer")} == {team_id}
    cards = CardRepository(team).list(team_id)
    assert [(c.quote, c.author) for c in cards] == [
        ("Tell me about the last time", "Ben Okafor"), (SECRET, "Ana Lima")]
    assert cards[1].segment_id == lines[1].id  # references follow the copied rows
    [thread, cue_thread] = sorted(CommentRepository(team).threads(team_id), key=lambda t: -t.t)
    assert [(c.author, c.text) for c in thread.comments] == [("Ben Okafor", "Follow this up"),
                                                            ("Ana Lima", "Agreed")]  # fmt: skip
    assert thread.root.segment_id == lines[1].id
    assert cue_thread.root.cue_id in {c.id for c in CueRepository(team).list(team_id)}
    for model in (SessionEventRow, PhaseTiming, ConsentEvent, Mark, Note, HighlightDecision):
        assert _count(team, model, team_id) == 1, model.__name__
    [recording] = RecordingRepository(team).for_interview(team_id)
    [original] = RecordingRepository(libs.local).for_interview(local_id)
    assert recording.path.parent == team.recordings_dir
    assert recording.path.name == f"interview-{team_id:05d}-1.wav"  # the sweep reads the id
    assert recording.path.read_bytes() == original.path.read_bytes()
    assert not list(team.recordings_dir.glob("publish-*"))  # no staged copy left behind
    # The laptop's copy is marked, and keeps its own rows and audio.
    with libs.local.session() as s:
        mine = s.get(Interview, local_id)
        assert mine is not None and mine.published_at is not None
        assert mine.published_to == team.location and mine.publish_id
    assert original.path.exists()
    assert seen[-1].fraction == 1.0 and seen[0].done <= seen[-1].done


def test_publishing_twice_copies_nothing_twice(libs: Libraries) -> None:
    local_id = record_interview(libs.local)
    publisher = Publisher(libs.local, libs.team)
    [first] = publisher.publish([local_id])
    files = sorted(libs.team.recordings_dir.iterdir())

    [again] = publisher.publish([local_id])

    assert again.outcome is PublishOutcome.ALREADY_PUBLISHED and again.team_id == first.team_id
    assert again.rows == 0 and again.audio_bytes == 0
    assert _team_interviews(libs.team) == [first.team_id]
    assert _count(libs.team, SegmentRow, first.team_id) == 6
    assert sorted(libs.team.recordings_dir.iterdir()) == files


def test_all_publishes_only_what_was_never_published(libs: Libraries) -> None:
    first = record_interview(libs.local, title="one")
    Publisher(libs.local, libs.team).publish([first])
    second = record_interview(libs.local, title="two")
    live = InterviewRepository(libs.local).create(InterviewPlan(), status="live")

    assert local_interviews_to_publish(libs.local) == [second]
    assert live not in local_interviews_to_publish(libs.local)
    with pytest.raises(PublishError, match="still being recorded"):
        Publisher(libs.local, libs.team).publish([live])


def test_an_interview_deleted_in_the_team_library_is_not_brought_back(libs: Libraries) -> None:
    local_id = record_interview(libs.local)
    [published] = Publisher(libs.local, libs.team).publish([local_id])
    assert published.team_id is not None
    InterviewRepository(libs.team).delete(published.team_id)  # a colleague deletes it

    [again] = Publisher(libs.local, libs.team).publish([local_id])

    assert again.outcome is PublishOutcome.DELETED_IN_TEAM
    assert _team_interviews(libs.team) == []
    assert not list(libs.team.recordings_dir.glob("interview-*"))
    with libs.team.session() as s:  # the trigger left the tombstone, whoever deleted the row
        [tombstone] = s.scalars(select(PublishTombstone)).all()
        assert tombstone.interview_id == published.team_id
    assert InterviewRepository(libs.local).exists(local_id)  # the laptop's copy is untouched


def test_nothing_of_a_participant_who_declined_leaves_the_laptop(libs: Libraries) -> None:
    # Their words should never have been kept; if some were (an old version, an import), they
    # still stay on the laptop.
    local_id = record_interview(libs.local, consent="declined")

    [result] = Publisher(libs.local, libs.team).publish([local_id])

    assert result.team_id is not None
    team = libs.team
    assert [ln.segment.speaker for ln in SegmentRepository(team).list(result.team_id)] == [
        Speaker.INTERVIEWER] * 3
    assert [c.quote for c in CardRepository(team).list(result.team_id)] == [
        "Tell me about the last time"]
    assert [c.kind for c in CueRepository(team).list(result.team_id)] == ["leading"]
    assert RecordingRepository(team).for_interview(result.team_id) == []
    assert _count(team, HighlightDecision, result.team_id) == 0
    assert not list(team.recordings_dir.iterdir()) or not any(
        p.suffix == ".wav" for p in team.recordings_dir.iterdir())
    with team.session() as s:
        assert not s.scalar(select(func.count()).select_from(SegmentRow)
                            .where(SegmentRow.text.contains("Zebulon")))  # fmt: skip
    assert any("transcript lines" in w for w in result.withheld)
    assert any("recording" in w for w in result.withheld)
    # The team's own comment on their line stays, no longer pointing at it.
    assert len(CommentRepository(team).threads(result.team_id)) == 2


# --- interrupted and resumed ---------------------------------------------------------------------


def test_a_publish_stopped_after_some_rows_leaves_nothing_and_finishes_next_time(
    libs: Libraries,
) -> None:
    local_id = record_interview(libs.local, lines=1200, audio_bytes=300_000)
    rows_in = 0  # rows inserted so far, as the progress reports count them

    def count_rows(p: PublishProgress) -> None:
        nonlocal rows_in
        if p.stage is PublishStage.ROWS:
            rows_in = (p.done - 300_000) // ROW_UNITS

    publisher = Publisher(libs.local, libs.team, on_progress=count_rows,
                          stop_requested=lambda: rows_in >= 600)  # fmt: skip
    with pytest.raises(PublishCancelled):
        publisher.publish([local_id])
    assert 600 <= rows_in < 1200  # stopped in the middle of the transcript lines
    assert _team_interviews(libs.team) == []  # one transaction: nothing half-published
    assert not list(libs.team.recordings_dir.glob("interview-*"))
    assert list(libs.team.recordings_dir.glob("publish-*"))  # the audio waits, complete

    [result] = Publisher(libs.local, libs.team).publish([local_id])

    assert result.outcome is PublishOutcome.PUBLISHED and result.audio_bytes == 0
    assert _count(libs.team, SegmentRow, result.team_id or 0) == 1200


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from app.store.db import Store
    from app.store.publish import Publisher

    data, team_dir, url, stage, after = sys.argv[1:6]
    local = Store.open(Path(data), local=True)
    team = Store.open(Path(data), url=url) if url else Store.open(Path(team_dir))
    ids = [int(i) for i in sys.argv[6:]]

    def progress(p):
        # Killed during the last interview, in `stage`, once `after` units of it are done.
        if p.position == len(ids) and p.stage.value == stage and p.done >= int(after):
            print("killing", p.done, p.total, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no rollback by the app

    Publisher(local, team, on_progress=progress).publish(ids)
    print("finished", flush=True)
""")


def _publish_and_kill(tmp_path: Path, libs: Libraries, stage: str, after: int,
                      ids: list[int]) -> None:  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, str(tmp_path / "data"), str(tmp_path / "team"),
         libs.team_url, stage, str(after), *map(str, ids)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == -9, done.stdout + done.stderr
    assert "killing" in done.stdout and "finished" not in done.stdout


def test_a_publish_killed_while_copying_audio_resumes_the_copy(
    libs: Libraries, tmp_path: Path
) -> None:
    size = 6 * 1024 * 1024 + 123
    local_id = record_interview(libs.local, audio_bytes=size)
    _publish_and_kill(tmp_path, libs, "audio", 3 * 1024 * 1024, [local_id])  # 3 MB of 6
    [partial] = libs.team.recordings_dir.glob("publish-*.partial")
    assert 0 < partial.stat().st_size < size
    assert _team_interviews(libs.team) == []

    [result] = Publisher(libs.local, libs.team).publish([local_id])

    assert result.outcome is PublishOutcome.PUBLISHED
    assert 0 < result.audio_bytes < size  # carried on; did not start again
    [recording] = RecordingRepository(libs.team).for_interview(result.team_id or 0)
    [original] = RecordingRepository(libs.local).for_interview(local_id)
    assert recording.path.read_bytes() == original.path.read_bytes()
    assert not list(libs.team.recordings_dir.glob("*.partial"))


def test_a_publish_killed_in_the_middle_of_its_rows_finishes_on_the_next_run(
    libs: Libraries, tmp_path: Path
) -> None:
    first = record_interview(libs.local, title="first")
    second = record_interview(libs.local, lines=1200, title="second", audio_bytes=300_000)
    # Killed while the second interview's rows are going in: 600 of its ~1,220 rows are in.
    _publish_and_kill(tmp_path, libs, "rows", 300_000 + 600 * ROW_UNITS, [first, second])
    team_titles = [InterviewRepository(libs.team).get(i).title for i in _team_interviews(libs.team)]
    assert team_titles == ["first"]  # the first is whole, the second not there at all

    results = Publisher(libs.local, libs.team).publish([first, second])

    assert [r.outcome for r in results] == [PublishOutcome.ALREADY_PUBLISHED,
                                            PublishOutcome.PUBLISHED]  # fmt: skip
    assert len(_team_interviews(libs.team)) == 2
    assert _count(libs.team, SegmentRow, results[1].team_id or 0) == 1200
    assert _count(libs.team, Recording, results[1].team_id or 0) == 1


def test_the_team_library_must_be_another_library(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    with pytest.raises(PublishError, match="this library"):
        Publisher(store, store)
    store.close()


def test_a_copy_the_team_library_hides_from_this_login_is_not_published_twice(
    libs: Libraries, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With row-level security on, a login may not see an interview it published (its
    interviewer is someone else): the unique publish id still refuses a second copy."""
    local_id = record_interview(libs.local)
    [first] = Publisher(libs.local, libs.team).publish([local_id])
    monkeypatch.setattr(Publisher, "_in_team", lambda self, publish_id: None)

    [again] = Publisher(libs.local, libs.team).publish([local_id])

    assert again.outcome is PublishOutcome.ALREADY_PUBLISHED and again.team_id is None
    assert _team_interviews(libs.team) == [first.team_id]
    assert not list(libs.team.recordings_dir.glob("publish-*"))  # the staged audio is gone
    assert len(list(libs.team.recordings_dir.glob("interview-*"))) == 1


def test_a_person_created_by_a_colleagues_publish_meanwhile_is_reused(
    libs: Libraries, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.store.authors as authors_module
    from app.store.models import Person
    from app.store.people import person_for_name

    local_id = record_interview(libs.local)
    raced: list[str] = []

    def racing(s, name: str):  # noqa: ANN001, ANN202
        if not raced:  # the colleague's transaction commits "Ana Lima" between look-up and insert
            raced.append(name)
            with libs.team.session() as other:
                other.add(Person(name=name, team=""))
            person = Person(name=name, team="")
            s.add(person)
            s.flush()
            return person
        return person_for_name(s, name)

    monkeypatch.setattr(authors_module, "person_for_name", racing)
    [result] = Publisher(libs.local, libs.team).publish([local_id])

    assert raced and result.outcome is PublishOutcome.PUBLISHED
    assert InterviewRepository(libs.team).get(result.team_id or 0).interviewer_name == "Ana Lima"
    with libs.team.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)
                        .where(Person.name == "Ana Lima")) == 1  # fmt: skip


@pytest.mark.postgres
def test_publishing_works_where_this_login_may_not_add_people(
    tmp_path: Path, pg_url: str
) -> None:
    """Row-level security may let only trainers add people: the interview still goes, its
    interviewer's name in words, the unknown authors left out."""
    from sqlalchemy import text

    local = Store.open(tmp_path / "data", local=True)
    team = Store.open(tmp_path / "data", url=pg_url)
    local_id = record_interview(local)
    with team.engine.begin() as c:
        c.execute(text(
            "CREATE FUNCTION refuse_people() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'new row violates row-level security policy for table people' "
            "USING ERRCODE = '42501'; END $$"))
        c.execute(text("CREATE TRIGGER refuse_people BEFORE INSERT ON people FOR EACH ROW "
                       "EXECUTE FUNCTION refuse_people()"))  # fmt: skip

    [result] = Publisher(local, team).publish([local_id])

    assert result.outcome is PublishOutcome.PUBLISHED
    summary = InterviewRepository(team).get(result.team_id or 0)
    assert summary.interviewer_name == "Ana Lima"
    assert {c.author for c in CardRepository(team).list(result.team_id or 0)} == {""}
    assert len(SegmentRepository(team).list(result.team_id or 0)) == 6
    team.close()
    local.close()


def test_what_the_team_deleted_is_no_longer_offered(libs: Libraries) -> None:
    from app.store.publish import waiting_to_publish

    gone = record_interview(libs.local, title="deleted by a colleague")
    [published] = Publisher(libs.local, libs.team).publish([gone])
    InterviewRepository(libs.team).delete(published.team_id or 0)
    with libs.local.session() as s:  # as if the laptop never heard it went out
        s.get(Interview, gone).published_at = None  # type: ignore[union-attr]
    interrupted = record_interview(libs.local, title="half-way")
    Publisher(libs.local, libs.team)._publish_id(interrupted)  # its first attempt began
    fresh = record_interview(libs.local, title="new")

    assert local_interviews_to_publish(libs.local) == [gone, interrupted, fresh]
    assert waiting_to_publish(libs.local, libs.team) == [interrupted, fresh]
