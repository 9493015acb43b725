import os
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.store.db import Store, StoreError, alembic_config
from app.store.paths import ENV_DATA_DIR, resolve_data_dir


def test_migrations_build_every_table_from_an_empty_database(sqlite_store: Store) -> None:
    # (PostgreSQL: tests/store/test_postgres.py, with its search column instead of FTS5.)
    store = sqlite_store
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "interviews", "plans", "session_events", "phase_timings", "consent_events", "marks",
        "notes", "recordings", "segments", "cues", "cards", "comments", "segments_fts",
        "alembic_version",
    } <= tables  # fmt: skip
    with store.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_reopening_runs_no_migration_twice(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    store = Store.open(tmp_path)
    with store.engine.connect() as c:
        version = c.execute(text("SELECT version_num FROM alembic_version")).scalar()
    store.close()
    assert version == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_models_match_the_migrations(sqlite_store: Store) -> None:
    """A column added to a model without a migration (or the reverse) fails here (PostgreSQL:
    tests/store/test_postgres.py)."""
    store = sqlite_store
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.store.models import Base

    with store.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    # The FTS5 tables are the migrations' own (SQLAlchemy has no model for a virtual table).
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("segments_fts"))]
    assert diff == []


def test_interviewers_named_before_people_existed_become_people(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "tellmemore.db"
    config = alembic_config(f"sqlite:///{db}")
    command.upgrade(config, "0002")
    with sqlite3.connect(db) as c:
        for name in ("Ana", "Ana ", "Ben", ""):
            c.execute(
                "INSERT INTO interviews (title, participant_name, participant_company, "
                "participant_role, interviewer_name, focus, status, consent_state, created_at, "
                "duration_s, checklist, tags) VALUES ('t', 'p', '', '', ?, '', 'ended', "
                "'granted', '2026-01-01', 0, '[]', '[]')", (name,),
            )  # fmt: skip
    command.upgrade(config, "head")
    with sqlite3.connect(db) as c:
        people = dict(c.execute("SELECT name, id FROM people").fetchall())
        rows = c.execute("SELECT interviewer_name, interviewer_id FROM interviews").fetchall()
    assert set(people) == {"Ana", "Ben"}
    assert [(n, i) for n, i in rows] == [("Ana", people["Ana"]), ("Ana ", people["Ana"]),
                                         ("Ben", people["Ben"]), ("", None)]  # fmt: skip


def test_data_dir_from_cli_beats_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"
    assert resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="cannot write"):
        Store.open(locked / "data")


def test_a_file_where_the_folder_should_be_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="Choose another folder"):
        Store.open(blocker)


def test_corrupt_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "tellmemore.db"
    garbage = b"this is not sqlite at all" * 100
    db.write_bytes(garbage)
    with pytest.raises(StoreError, match="damaged"):
        Store.open(tmp_path)
    assert db.read_bytes() == garbage


def test_damaged_pages_are_refused_and_left_untouched(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    db = tmp_path / "tellmemore.db"
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # wreck the second page, keep the header
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    with pytest.raises(StoreError):
        Store.open(tmp_path)
    assert db.read_bytes() == before


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    db = tmp_path / "tellmemore.db"
    with sqlite3.connect(db) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(tmp_path)
    assert db.read_bytes() == before
