"""Opening the store: the data folder, the SQLite file in WAL mode, and migrations at start-up.

Every failure a user can meet (a folder that cannot be written, a corrupt file, a database
from a newer version of the app) becomes a StoreError whose message says what to do; nothing
is overwritten on the way.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.store.paths import DB_FILENAME, ENV_DATABASE_URL, RECORDINGS_DIRNAME

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreError(RuntimeError):
    """A problem with the data folder or database, with a message meant for the user."""


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a crash loses no committed row
    # Deleted rows are overwritten with zeros, not left in free pages for anyone to read.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


# Only the user may read the database, its WAL and the recordings: transcripts are private.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _create_private(path: Path) -> None:
    """Create the database file empty and 0600 before SQLite does: SQLite gives the -wal and
    -shm files the database file's permissions, so all three stay private."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        os.close(fd)


def make_private(data_dir: Path) -> None:
    """0700 for the data folder and recordings, 0600 for the files in them (older versions
    created the database world-readable)."""
    for folder in (data_dir, data_dir / RECORDINGS_DIRNAME):
        if folder.is_dir():
            os.chmod(folder, PRIVATE_DIR_MODE)
    for name in (DB_FILENAME, DB_FILENAME + "-wal", DB_FILENAME + "-shm"):
        path = data_dir / name
        if path.is_file():
            os.chmod(path, PRIVATE_FILE_MODE)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StoreError(
            f"Tell Me More cannot write to its data folder {folder} ({exc.strerror or exc}). "
            "Choose another folder."
        ) from exc


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database before SQLAlchemy or Alembic touch it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise StoreError(
            f"The database {path} is damaged or is not a Tell Me More database. It was left "
            "untouched. Choose another data folder, or move the file away to start afresh."
        )
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"The database {path} is damaged ({exc}). It was left untouched. "
            "Choose another data folder, or restore a backup."
        ) from exc
    if not result or result[0] != "ok":
        raise StoreError(
            f"The database {path} is damaged ({result[0] if result else 'unreadable'}). It was "
            "left untouched. Choose another data folder, or restore a backup."
        )
    _check_ours(path)


def _newer_version(unknown: list[str]) -> StoreError:
    return StoreError(
        "This database was made by a newer version of Tell Me More "
        f"(schema {', '.join(unknown)}). Update the app, or choose another data folder; "
        "the database was left untouched."
    )


def _check_ours(path: Path) -> None:
    """Refuse, read-only and before anything writes to it, a SQLite file that another program
    made (tables but no Tell Me More schema version) or a newer version of the app made."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        versions = (
            [r[0] for r in connection.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"The database {path} could not be read ({exc}). It was left untouched."
        ) from exc
    finally:
        connection.close()
    if tables and not versions:
        raise StoreError(
            f"{path} is a SQLite database made by another program, not by Tell Me More. It was "
            "left untouched. Choose another data folder, or move the file away."
        )
    known = {rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    unknown = [v for v in versions if v not in known]
    if unknown:
        raise _newer_version(unknown)


class Store:
    """The database and the recordings folder of one data folder."""

    def __init__(self, engine: Engine, data_dir: Path) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.recordings_dir = data_dir / RECORDINGS_DIRNAME
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, data_dir: Path, url: str | None = None) -> Store:
        data_dir = Path(data_dir)
        _check_writable(data_dir)
        url = url or os.environ.get(ENV_DATABASE_URL)
        if url is None:
            os.chmod(data_dir, PRIVATE_DIR_MODE)
            db_path = data_dir / DB_FILENAME
            _check_sqlite_file(db_path)
            _create_private(db_path)
            url = f"sqlite:///{db_path}"
        engine = create_engine(url, connect_args=_connect_args(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, data_dir)
        store.migrate()
        store.recordings_dir.mkdir(parents=True, exist_ok=True)
        if engine.dialect.name == "sqlite":
            make_private(data_dir)
        return store

    def forget_deleted(self) -> None:
        """Move the WAL's pages into the database and empty it, so deleted text is not left
        readable in tellmemore.db-wal until the next clean close (secure_delete has already
        zeroed the pages in the database)."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def migrate(self) -> None:
        config = alembic_config(self.engine.url.render_as_string(hide_password=False))
        script = ScriptDirectory.from_config(config)
        known = {rev.revision for rev in script.walk_revisions()}
        try:
            with self.engine.connect() as connection:
                current = MigrationContext.configure(connection).get_current_heads()
        except (OperationalError, DatabaseError) as exc:
            raise StoreError(f"The database could not be opened: {exc.orig}") from exc
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise _newer_version(unknown)
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short-lived session per unit of work; safe to use from any thread."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _connect_args(url: str) -> dict[str, object]:
    # Worker threads write segments while the GUI thread reads: one connection per session,
    # never shared across threads at the same time, so SQLite's same-thread check is moot.
    return {"check_same_thread": False, "timeout": 15} if url.startswith("sqlite") else {}
