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
    cursor.close()


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
            db_path = data_dir / DB_FILENAME
            _check_sqlite_file(db_path)
            url = f"sqlite:///{db_path}"
        engine = create_engine(url, connect_args=_connect_args(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, data_dir)
        store.migrate()
        store.recordings_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(store.recordings_dir, 0o700)
        return store

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
            raise StoreError(
                "This database was made by a newer version of Tell Me More "
                f"(schema {', '.join(unknown)}). Update the app, or choose another data folder; "
                "the database was left untouched."
            )
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
