"""The team library on PostgreSQL: migrations, search, deletion and credentials, on a real
server the tests start themselves (tests/store/pg.py)."""

from __future__ import annotations

import logging
import threading
import traceback
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.cards import CardRepository
from app.store.cues import CueRepository
from app.store.db import Store, StoreError, alembic_config
from app.store.interviews import InterviewRepository
from app.store.transcript import SegmentRepository
from tests.store.pg import PASSWORD, SUPERUSER, PostgresServer

pytestmark = pytest.mark.postgres

SECRET = "Zebulon Quixote told us his landlord's name"
HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _texts_containing(store: Store, needle: str) -> dict[str, int]:
    """Every table's rows whose text (all columns, as PostgreSQL prints the row) has the words."""
    found = {}
    with store.engine.connect() as c:
        for table in inspect(c).get_table_names():
            n = c.execute(text(f'SELECT count(*) FROM "{table}" t WHERE t::text ILIKE :p'),
                          {"p": f"%{needle}%"}).scalar()  # fmt: skip
            if n:
                found[table] = n
    return found


# --- migrations ------------------------------------------------------------------------------


def test_migrations_build_every_table_and_the_search_index_on_an_empty_database(
    pg_store: Store,
) -> None:
    tables = set(inspect(pg_store.engine).get_table_names())
    assert {"interviews", "plans", "segments", "cues", "cards", "comments", "people", "drills",
            "studies", "highlight_decisions", "alembic_version"} <= tables  # fmt: skip
    with pg_store.engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        index = c.execute(text("SELECT indexdef FROM pg_indexes "
                               "WHERE indexname = 'ix_segments_search_vector'")).scalar()  # fmt: skip
        generated = c.execute(text(
            "SELECT is_generated FROM information_schema.columns "
            "WHERE table_name = 'segments' AND column_name = 'search_vector'")).scalar()  # fmt: skip
    assert index is not None and "USING gin (search_vector)" in index
    assert generated == "ALWAYS"
    assert pg_store.kind == "postgresql"
    assert PASSWORD not in pg_store.location


def test_models_match_the_migrations_on_postgresql(pg_store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.store.models import Base

    with pg_store.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)

    def search_index(d: tuple) -> bool:  # the migrations' own, like segments_fts on SQLite
        name = getattr(d[1], "name", "") if len(d) > 1 else ""
        column = d[3] if d[0] == "remove_column" else None
        return name == "ix_segments_search_vector" or getattr(column, "name", "") == "search_vector"

    assert [d for d in diff if not search_index(d)] == []


def test_reopening_runs_no_migration_twice(tmp_path: Path, pg_url: str) -> None:
    Store.open(tmp_path / "a", url=pg_url).close()
    store = Store.open(tmp_path / "b", url=pg_url)
    with store.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    store.close()


def test_two_team_members_starting_at_once_migrate_once(tmp_path: Path, pg_url: str) -> None:
    stores: list[Store] = []
    errors: list[BaseException] = []

    def open_one(folder: str) -> None:
        try:
            stores.append(Store.open(tmp_path / folder, url=pg_url))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one, args=(f"member{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(stores) == 3
    for s in stores:
        s.close()


def test_upgrading_from_the_previous_version_keeps_the_rows(pg_url: str) -> None:
    """A team database at 0002 (before people) upgraded to head: interviewers become people,
    and a line saved before the upgrade is found by the search built at 0001."""
    engine = create_engine(pg_url)
    config = alembic_config(pg_url)
    with engine.begin() as c:
        config.attributes["connection"] = c
        command.upgrade(config, "0002")
    with engine.begin() as c:
        for name in ("Ana", "Ana ", "Ben"):
            c.execute(text(
                "INSERT INTO interviews (title, participant_name, participant_company, "
                "participant_role, interviewer_name, focus, status, consent_state, created_at, "
                "duration_s, checklist, tags) VALUES ('t', 'p', '', '', :n, '', 'ended', "
                "'granted', '2026-01-01', 0, '[]', '[]')"), {"n": name})  # fmt: skip
        c.execute(text(
            "INSERT INTO segments (interview_id, speaker, start, \"end\", text, words, source) "
            "SELECT min(id), 'participant', 0, 1, 'the spreadsheet workaround', '[]', 'live' "
            "FROM interviews"))  # fmt: skip
    with engine.begin() as c:
        config.attributes["connection"] = c
        command.upgrade(config, "head")
    with engine.connect() as c:
        people = dict(c.execute(text("SELECT name, id FROM people")).all())
        rows = c.execute(text("SELECT interviewer_name, interviewer_id FROM interviews "
                              "ORDER BY id")).all()  # fmt: skip
    engine.dispose()
    assert set(people) == {"Ana", "Ben"}
    assert [tuple(r) for r in rows] == [("Ana", people["Ana"]), ("Ana ", people["Ana"]),
                                        ("Ben", people["Ben"])]  # fmt: skip


def test_the_migrations_go_down_to_nothing_and_up_again(pg_url: str) -> None:
    engine = create_engine(pg_url)
    config = alembic_config(pg_url)
    for target, step in (("head", command.upgrade), ("base", command.downgrade),
                         ("head", command.upgrade)):  # fmt: skip
        with engine.begin() as c:
            config.attributes["connection"] = c
            step(config, target)
        if target == "base":
            with engine.connect() as c:
                assert set(inspect(c).get_table_names()) == {"alembic_version"}
                assert c.execute(text("SELECT count(*) FROM pg_ts_config "
                                      "WHERE cfgname = 'tellmemore_search'")).scalar() == 0  # fmt: skip
    engine.dispose()


# --- search and deletion ---------------------------------------------------------------------


def test_deleting_an_interview_leaves_its_words_nowhere(pg_store: Store) -> None:
    repo = InterviewRepository(pg_store)
    iid = repo.create(InterviewPlan(participant=Participant("Zebulon Quixote")), title=SECRET)
    other = repo.create(InterviewPlan(), title="kept")
    lines = SegmentRepository(pg_store)
    sid = lines.add(iid, Segment(Speaker.PARTICIPANT, 0, 2, SECRET))
    lines.add(other, Segment(Speaker.PARTICIPANT, 0, 2, "nothing to hide"))
    CardRepository(pg_store).add(iid, start=0, end=2, quote=SECRET, tag="workaround",
                                 segment_id=sid)  # fmt: skip
    CueRepository(pg_store).add(iid, kind="generality", start=0, end=2, text=SECRET,
                                suggestion="s")  # fmt: skip
    assert lines.search("zebulon quix")
    audio = pg_store.recordings_dir / f"interview-{iid}.wav"
    audio.write_bytes(b"RIFF")
    from app.store.recordings import RecordingRepository

    RecordingRepository(pg_store).add(iid, audio)

    repo.delete(iid)

    assert _texts_containing(pg_store, "Zebulon") == {}
    assert lines.search("zebulon") == [] and lines.search("hide")
    assert not audio.exists()
    with pg_store.engine.connect() as c:
        # The GIN index answers from the column: no segment row, no search entry.
        assert c.execute(text("SELECT count(*) FROM segments WHERE search_vector @@ "
                              "to_tsquery('tellmemore_search', 'zebulon')")).scalar() == 0  # fmt: skip


def test_revoked_consent_forgets_the_participants_words_on_the_team_copy(pg_store: Store) -> None:
    iid = InterviewRepository(pg_store).create(InterviewPlan())
    lines = SegmentRepository(pg_store)
    mine = lines.add(iid, Segment(Speaker.INTERVIEWER, 0, 2, "Tell me about your landlord."))
    theirs = lines.add(iid, Segment(Speaker.PARTICIPANT, 2, 5, SECRET, speaker_name="Dana"))
    CardRepository(pg_store).add(iid, start=2, end=5, quote=SECRET, tag="workaround",
                                 speaker_name="Dana", segment_id=theirs)  # fmt: skip
    CueRepository(pg_store).add(iid, kind="generality", start=2, end=5, text=SECRET,
                                suggestion="s")  # fmt: skip

    assert lines.forget(iid, Speaker.PARTICIPANT) == 1

    assert [s.id for s in lines.list(iid)] == [mine]
    assert lines.search("Zebulon") == [] and lines.search("landlord")
    assert _texts_containing(pg_store, "Zebulon") == {}


# --- credentials -----------------------------------------------------------------------------

ODD_PASSWORD = "p@ss:w/rd%41&x=1 Wr0ngPa55"


def _full_text(exc: BaseException) -> str:
    """All a user or a log could see: the message and the whole printed traceback."""
    return str(exc) + "".join(traceback.format_exception(exc))


def test_a_wrong_password_is_refused_without_being_shown(
    tmp_path: Path, pg_server: PostgresServer, pg_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    from urllib.parse import quote

    caplog.set_level(logging.DEBUG)
    url = pg_server.url(pg_database, tcp=True, password=quote(ODD_PASSWORD, safe=""))
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "data", url=url)
    message = _full_text(caught.value)
    assert "password authentication failed" in message  # the reason is kept...
    assert "could not be opened" in message and "***" in message
    for form in (ODD_PASSWORD, quote(ODD_PASSWORD, safe=""), "p@ss", "Wr0ngPa55"):
        assert form not in message  # ...the password is not
        assert form not in caplog.text


def test_an_unreachable_server_or_a_bad_address_never_shows_the_password(
    tmp_path: Path, pg_server: PostgresServer
) -> None:
    unreachable = f"postgresql+psycopg://{SUPERUSER}:{PASSWORD}@127.0.0.1:1/nothing"
    unknown_driver = f"postgresql+asyncpg://{SUPERUSER}:{PASSWORD}@db/x"
    not_a_url = f"postgresql+psycopg://{SUPERUSER}:{PASSWORD}@db:notaport/x"
    other_engine = f"mysql://{SUPERUSER}:{PASSWORD}@db/x"
    for url in (unreachable, unknown_driver, not_a_url, other_engine):
        with pytest.raises(StoreError) as caught:
            Store.open(tmp_path / "data", url=url)
        assert PASSWORD not in _full_text(caught.value), url
        assert str(caught.value)


def test_the_password_can_come_from_the_url_pgpassword_or_a_pgpass_file(
    tmp_path: Path, pg_server: PostgresServer, pg_database: str, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with_password = pg_server.url(pg_database, tcp=True, password=PASSWORD)
    without = pg_server.url(pg_database, tcp=True)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "nothing"))
    Store.open(tmp_path / "data", url=with_password).close()
    with pytest.raises(StoreError):
        Store.open(tmp_path / "data", url=without)  # no password anywhere: refused
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    Store.open(tmp_path / "data", url=without).close()
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:{pg_database}:{SUPERUSER}:{PASSWORD}\n")
    pgpass.chmod(0o600)  # libpq ignores a .pgpass others can read
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    store = Store.open(tmp_path / "data", url=without)
    InterviewRepository(store).create(InterviewPlan())
    store.close()
    assert PASSWORD not in caplog.text


def test_the_environment_variable_opens_the_team_library(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELLMEMORE_DATABASE_URL", pg_url)
    store = Store.open(tmp_path / "data")
    assert store.kind == "postgresql"
    assert not (tmp_path / "data" / "tellmemore.db").exists()  # no SQLite file beside it
    assert store.recordings_dir.is_dir()
    store.close()


# --- the library window's refresh ------------------------------------------------------------


def test_the_library_fingerprint_sees_another_members_interview(tmp_path: Path, pg_url: str) -> None:
    mine = Store.open(tmp_path / "mine", url=pg_url)
    theirs = Store.open(tmp_path / "theirs", url=pg_url)
    before = InterviewRepository(mine).fingerprint()
    iid = InterviewRepository(theirs).create(InterviewPlan(), title="their call")
    added = InterviewRepository(mine).fingerprint()
    InterviewRepository(theirs).update(iid, title="their call, renamed")
    renamed = InterviewRepository(mine).fingerprint()
    InterviewRepository(theirs).mark_ended(iid, 60.0)
    ended = InterviewRepository(mine).fingerprint()
    assert len({before, added, renamed, ended}) == 4
    assert InterviewRepository(mine).fingerprint() == ended  # stable when nothing changed
    mine.close()
    theirs.close()


# --- deletion across the team ----------------------------------------------------------------


def test_an_interview_deleted_by_another_member_takes_its_audio_from_this_machine(
    tmp_path: Path, pg_url: str
) -> None:
    from app.store.recordings import RecordingRepository

    # Ana's laptop also has her own SQLite library in the same data folder: its files (whose
    # interview numbers overlap the team's) must never be touched by the team library.
    local = Store.open(tmp_path / "ana", url="")
    local_id = InterviewRepository(local).create(InterviewPlan())
    local_audio = RecordingRepository(local).new_path(local_id)
    local_audio.write_bytes(b"RIFF local")
    RecordingRepository(local).add(local_id, local_audio)
    local.close()

    ana = Store.open(tmp_path / "ana", url=pg_url)
    ben = Store.open(tmp_path / "ben", url=pg_url)
    assert ana.recordings_dir.parent == tmp_path / "ana" / "recordings"
    assert ana.recordings_dir.name == ben.recordings_dir.name  # one folder name per library
    recorded = InterviewRepository(ana).create(InterviewPlan(), title="Ana's call")
    kept = InterviewRepository(ana).create(InterviewPlan(), title="another call")
    audio = RecordingRepository(ana).new_path(recorded)
    audio.write_bytes(b"RIFF team")
    Path(f"{audio}.partial").write_bytes(b"x")
    RecordingRepository(ana).add(recorded, audio)
    kept_audio = RecordingRepository(ana).new_path(kept)
    kept_audio.write_bytes(b"RIFF kept")
    ana.close()
    assert local_audio.name == audio.name  # both libraries' interview 1: the names clash

    InterviewRepository(ben).delete(recorded)  # on Ben's machine: Ana's file is not there
    ben.close()
    assert audio.exists()  # Ana's laptop was closed

    ana = Store.open(tmp_path / "ana", url=pg_url)  # her next start
    assert not audio.exists() and not Path(f"{audio}.partial").exists()
    assert kept_audio.exists() and local_audio.exists()
    assert InterviewRepository(ana).exists(kept) and not InterviewRepository(ana).exists(recorded)
    ana.close()


def test_a_team_row_cannot_make_delete_remove_a_file_outside_the_recordings(
    tmp_path: Path, pg_store: Store
) -> None:
    from app.store.recordings import RecordingRepository

    outside = tmp_path / "precious.txt"
    outside.write_text("not a recording")
    iid = InterviewRepository(pg_store).create(InterviewPlan())
    RecordingRepository(pg_store).add(iid, outside)  # a path another machine (or anyone) wrote
    InterviewRepository(pg_store).delete(iid)
    assert outside.exists()
    assert not InterviewRepository(pg_store).exists(iid)


def test_a_server_lost_mid_command_is_a_sentence_not_a_traceback(pg_store: Store) -> None:
    from sqlalchemy.exc import OperationalError

    from app.store.db import describe_refusal

    with pytest.raises(OperationalError) as caught, pg_store.session() as s:
        s.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))  # as a restart does
    assert describe_refusal(caught.value) == (
        "the team database's server is shutting down or restarting; try again in a moment")
    with pytest.raises(Exception) as bug, pg_store.session() as s:
        s.execute(text("SELECT * FROM no_such_table"))
    assert describe_refusal(bug.value) is None  # a bug keeps its traceback
    # The pool notices the dead connection: the next unit of work simply works.
    assert InterviewRepository(pg_store).list_all() == []


def test_the_command_line_option_opens_the_team_library(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main

    monkeypatch.setenv("TELLMEMORE_DATABASE_URL", "")  # main() sets it; restored after
    store = Store.open(tmp_path / "elsewhere", url=pg_url)
    InterviewRepository(store).create(InterviewPlan(), interviewer_name="Ana Team")
    store.close()
    code = main(["--data-dir", str(tmp_path / "data"), "--database-url", pg_url,
                 "report", "--interviewer", "Nobody"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "known: Ana Team" in err  # the people of the team library
    assert not (tmp_path / "data" / "tellmemore.db").exists()


def test_the_app_opens_the_team_library_when_it_is_in_reach(tmp_path: Path, pg_url: str) -> None:
    from app.store.library_opener import LibraryOpener

    opener = LibraryOpener(pg_url)
    store = opener(tmp_path / "data")
    assert store.kind == "postgresql" and opener.fallback_reason is None
    store.close()


# --- a team library and this machine's own state ---------------------------------------------


def test_a_call_live_on_a_colleagues_laptop_is_not_recovered_here(tmp_path: Path, pg_url: str) -> None:
    from app.store.recordings import RecordingRepository

    ana = Store.open(tmp_path / "ana", url=pg_url)
    ben = Store.open(tmp_path / "ben", url=pg_url)
    live_at_ana = InterviewRepository(ana).create(InterviewPlan(), title="Ana is on a call")
    InterviewRepository(ana).mark_started(live_at_ana)
    RecordingRepository(ana).add(live_at_ana, RecordingRepository(ana).new_path(live_at_ana))
    assert InterviewRepository(ben).find_interrupted() == []  # Ben's start leaves it alone
    assert InterviewRepository(ana).find_interrupted() == [live_at_ana]  # Ana's would recover it
    ana.close()
    ben.close()


def test_lines_waiting_for_the_sqlite_library_are_not_replayed_into_the_team_one(
    tmp_path: Path, pg_url: str
) -> None:
    from app.store.journal import PendingLine, journal_path

    local = Store.open(tmp_path / "data", url="")
    local_id = InterviewRepository(local).create(InterviewPlan(), title="mine")
    local.close()
    left = journal_path(tmp_path / "data", 999_999_999)  # a dead process's journal
    left.write_text(PendingLine(local_id, Segment(Speaker.PARTICIPANT, 0, 2, SECRET),
                                "live").to_json() + "\n")  # fmt: skip

    team = Store.open(tmp_path / "data", url=pg_url)
    team_id = InterviewRepository(team).create(InterviewPlan(), title="theirs")
    team.close()
    team = Store.open(tmp_path / "data", url=pg_url)  # a start with the journal present
    assert team_id == local_id  # the same number: the line would land in a stranger's call
    assert SegmentRepository(team).list(team_id) == []
    assert left.exists()  # kept for the SQLite library
    team.close()
    local = Store.open(tmp_path / "data", url="")
    assert [s.segment.text for s in SegmentRepository(local).list(local_id)] == [SECRET]
    local.close()


def test_lines_said_while_the_team_server_is_down_wait_and_are_saved_when_it_is_back(
    tmp_path: Path,
) -> None:
    """A network outage or a server restart during a call: lines are kept (memory and a
    journal in this library's folder), the window can say why, and they are saved in order
    once the server answers."""
    from app.store.journal import PENDING, JournaledSegmentWriter, journal_path
    from tests.store.pg import server_bindir, start_server, stop_server

    bindir = server_bindir()
    assert bindir is not None  # the session server started, so the binaries are there
    server = start_server(bindir)  # its own server: this test stops it
    try:
        url = server.url(server.create_database())
        store = Store.open(tmp_path / "data", url=url)
        iid = InterviewRepository(store).create(InterviewPlan())
        writer = JournaledSegmentWriter(store)
        assert writer.add(iid, Segment(Speaker.INTERVIEWER, 0, 1, "line 0")) != PENDING
        server.stop()
        for i in (1, 2, 3):
            assert writer.add(iid, Segment(Speaker.PARTICIPANT, i, i + 1, f"line {i}")) == PENDING
        assert writer.pending == 3 and writer.journalled
        assert "team database is out of reach" in writer.status_message()
        assert journal_path(store.journal_dir).exists()  # this library's folder, not data/
        server.start()
        writer.flush()
        assert writer.pending == 0
        texts = [s.segment.text for s in SegmentRepository(store).list(iid)]
        assert texts == ["line 0", "line 1", "line 2", "line 3"]
        store.close()
    finally:
        stop_server(server)
