"""Opening the store: the data folder, the SQLite file in WAL mode, and migrations at start-up.

Every failure a user can meet (a folder that cannot be written, a corrupt file, a database
from a newer version of the app) becomes a StoreError whose message says what to do; nothing
is overwritten on the way.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.store.database_url import (
    DatabaseKind,
    DatabaseUrlError,
    database_kind,
    display_url,
    mask_secrets,
    parse_database_url,
)
from app.store.paths import (
    DB_FILENAME,
    ENV_DATABASE_URL,
    RECORDINGS_DIRNAME,
    team_recordings_root,
)

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


# Below this, SQLite may fail to create its 32 KB -shm file or to grow its WAL: a failure to
# open is then put down to the full disk, not to a damaged database.
DISK_FULL_BYTES = 4 * 1024 * 1024


def _free_bytes(folder: Path) -> int | None:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def _disk_is_full(folder: Path) -> bool:
    free = _free_bytes(folder)
    return free is not None and free < DISK_FULL_BYTES


def _disk_full_error(folder: Path) -> StoreError:
    free = _free_bytes(folder) or 0
    return StoreError(
        f"The disk holding {folder} is full ({free // 1024} KB free), so Tell Me More cannot "
        "open its database. Free some space (delete or move large files, empty the bin) and "
        "start again; nothing was changed."
    )


def _check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A name of this process's own: two processes opening the folder at once (the app and
        # `tellmemore listen`, two reviewers' scripts) would delete each other's probe.
        probe = folder / f".write-test-{os.getpid()}-{threading.get_ident()}"
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
        # Where transcript lines wait when the database refuses them (app.store.journal): the
        # data folder for its SQLite file; a team library's own folder (see _open_server).
        self.journal_dir = data_dir
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # On a team library every ORM query reads only what the login may see.
        from app.store import scorecard_headline  # noqa: F401 - kept with every scorecard
        from app.store.access import limit_sessions_to_visible  # imports the models

        limit_sessions_to_visible(self._sessions)

    @property
    def kind(self) -> DatabaseKind:
        return database_kind(self.engine.url)

    @property
    def location(self) -> str:
        """Where the library is, to show a person: the SQLite file, or the server's URL with
        its password masked."""
        if self.kind is DatabaseKind.SQLITE:
            return self.engine.url.database or ":memory:"
        return display_url(self.engine.url)

    @classmethod
    def open(cls, data_dir: Path, url: str | None = None, *, local: bool = False) -> Store:
        """Raises StoreError (a message for the user) for every failure a user can meet,
        a full disk included: SQLite then fails to create its -shm file or to migrate, and
        the user must be told to free space, not that the database is damaged.

        Without a url, TELLMEMORE_DATABASE_URL decides; local=True opens the folder's own
        SQLite file whatever it says (the app's fallback when a team library is out of reach)."""
        data_dir = Path(data_dir)
        server = None if local else _server_url(url or os.environ.get(ENV_DATABASE_URL))
        if server is not None:
            return cls._open_server(data_dir, server)
        try:
            return cls._open(data_dir, None if local else (url or _sqlite_url_from_environment()))
        except StoreError as exc:
            if _disk_is_full(data_dir):
                raise _disk_full_error(data_dir) from exc
            raise _open_failure(exc, data_dir / DB_FILENAME) from exc.__cause__
        except (OperationalError, DatabaseError, OSError) as exc:
            if _disk_is_full(data_dir):
                raise _disk_full_error(data_dir) from exc
            raise _open_failure(exc, data_dir / DB_FILENAME) from exc

    @classmethod
    def _open(cls, data_dir: Path, url: str | None) -> Store:
        _check_writable(data_dir)
        if url is None:
            os.chmod(data_dir, PRIVATE_DIR_MODE)
            db_path = data_dir / DB_FILENAME
            if db_path.is_dir():
                raise StoreError(
                    f"{db_path} is a folder, not a database file. Move it away or choose "
                    "another data folder; nothing was changed."
                )
            if db_path.exists() and not os.access(db_path, os.R_OK | os.W_OK):
                raise _read_only_error(db_path)
            _check_sqlite_file(db_path)
            _create_private(db_path)
            url = f"sqlite:///{db_path}"
        engine = create_engine(url, connect_args=_connect_args(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, data_dir)
        store.migrate()
        if engine.dialect.name == "sqlite":
            _probe_write(engine)
        store.recordings_dir.mkdir(parents=True, exist_ok=True)
        if engine.dialect.name == "sqlite":
            make_private(data_dir)
        # Transcript lines a full disk kept out of the database last time go in now.
        from app.store.journal import replay_journals  # imports this module

        replay_journals(store)
        return store

    @classmethod
    def _open_server(cls, data_dir: Path, url: URL) -> Store:
        """A team library on PostgreSQL; the recordings stay in the local data folder. Every
        failure becomes one StoreError naming the server with its password masked, and with
        no exception chained (a driver's message could quote the connection string)."""
        engine: Engine | None = None
        try:
            _check_writable(data_dir)
            engine = create_engine(
                url,
                pool_pre_ping=True,  # a server restarted overnight is reconnected, not an error
                connect_args={"connect_timeout": SERVER_CONNECT_TIMEOUT_S},
            )
            store = cls(engine, data_dir)
            root, shared = team_recordings_root(data_dir)
            if shared and not root.is_dir():
                raise StoreError(f"The team recordings folder {root} is not there (is the shared "
                                 "folder mounted?). Nothing was changed.")  # fmt: skip
            store.recordings_dir = root / team_recordings_folder(url)
            # Its waiting lines apart from the SQLite library's (interview numbers overlap) and
            # on this machine, even when the recordings are on a share.
            store.journal_dir = data_dir / RECORDINGS_DIRNAME / team_recordings_folder(url)
            store.migrate()
            store.recordings_dir.mkdir(parents=True, exist_ok=True)
            store.journal_dir.mkdir(parents=True, exist_ok=True)
            make_private(data_dir)
            os.chmod(store.journal_dir, PRIVATE_DIR_MODE)
            if not shared:  # a share's permissions are the team's to set
                os.chmod(store.recordings_dir, PRIVATE_DIR_MODE)
            from app.store.journal import replay_journals  # imports this module
            from app.store.recordings import remove_audio_of_deleted_interviews

            replay_journals(store)
            # Interviews other members deleted since the last start take their audio here too.
            remove_audio_of_deleted_interviews(store)
            return store
        except (StoreError, SQLAlchemyError, OSError) as exc:
            if engine is not None:
                engine.dispose()
            if isinstance(exc, StoreError) and not isinstance(exc.__cause__, SQLAlchemyError):
                message = str(exc)  # already a sentence for the user (a newer schema, a folder)
            else:
                cause = exc.__cause__ if isinstance(exc, StoreError) else exc
                original = getattr(cause, "orig", None) or cause
                reason = str(original).strip().splitlines()[0] if str(original).strip() else ""
                message = (
                    f"The team database {display_url(url)} could not be opened "
                    f"({reason or type(original).__name__}); nothing was changed. Check the "
                    "address, that the server is running, and the user name and password (in "
                    "the URL, ~/.pgpass or PGPASSWORD)."
                )
        raise StoreError(mask_secrets(message, url)) from None

    def forget_deleted(self) -> None:
        """Move the WAL's pages into the database and empty it, so deleted text is not left
        readable in tellmemore.db-wal until the next clean close (secure_delete has already
        zeroed the pages in the database)."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def migrate(self) -> None:
        # The migrations run on the connection handed over below: the URL Alembic keeps needs
        # no password, so none is held where a log or an error could show it.
        config = alembic_config(self.engine.url.render_as_string(hide_password=True))
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
            if connection.dialect.name == "postgresql":
                # Two team members starting the app at once: one migrates, the other waits
                # for it (the lock goes with the transaction) and then finds nothing to do.
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short-lived session per unit of work; safe to use from any thread."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


# How long to wait for a team server before telling the user it cannot be reached.
SERVER_CONNECT_TIMEOUT_S = 10
# pg_advisory_xact_lock key held while migrating a team database ("TMM" in ASCII).
MIGRATION_LOCK_ID = 0x544D4D


def _sqlite_url_from_environment() -> str | None:
    """TELLMEMORE_DATABASE_URL when it names a SQLite file (a server URL is opened by
    _open_server instead), else None: the data folder's own file."""
    url = os.environ.get(ENV_DATABASE_URL) or None
    return url if url is not None and _server_url(url) is None else None


def team_recordings_folder(url: URL) -> str:
    """The folder, under the data folder's recordings, of one team library's audio: apart from
    the SQLite library's (the two number their interviews independently, so file names would
    clash) and from any other team library. Named by the server and database, not the user."""
    where = [url.host or "", str(url.port or ""), url.database or ""]
    where += [str(url.query.get(key, "")) for key in ("host", "port")]
    digest = hashlib.sha256("\n".join(where).encode()).hexdigest()[:10]
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", url.database or "").strip("-")[:40] or "team"
    return f"team-{name}-{digest}"


def _server_url(raw: str | None) -> URL | None:
    """The parsed URL when it names a database server, None for SQLite (the data folder's
    file, or a sqlite:/// URL, opened by the SQLite path exactly as before)."""
    if raw is None or not raw.strip():
        return None
    try:
        url = parse_database_url(raw)
    except DatabaseUrlError as exc:
        raise StoreError(str(exc)) from None
    return None if database_kind(url) is DatabaseKind.SQLITE else url


def _probe_write(engine: Engine) -> None:
    """Take the write lock once and let it go: a database another program holds locked, or
    one the OS will not let us write, is refused now with a sentence, not at the first line
    of a call with a traceback."""
    with engine.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.exec_driver_sql("ROLLBACK")


_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_PERM = 5, 6, 8, 3
_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def _read_only_error(db_path: Path) -> StoreError:
    return StoreError(
        f"{db_path} is read-only, and Tell Me More needs to write to it. Make it writable "
        "(or choose another data folder) and start again; nothing was changed."
    )


def _open_failure(exc: BaseException, db_path: Path) -> StoreError:
    """One sentence for what went wrong while opening: locked, read-only, or else the cause."""
    original = getattr(exc, "orig", None) or exc
    if isinstance(exc, StoreError) and exc.__cause__ is not None:
        original = getattr(exc.__cause__, "orig", None) or exc.__cause__
    code = getattr(original, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError(
            f"{db_path} is locked by another program (or another Tell Me More) and stayed "
            "locked for 15 s. Close it and start again; nothing was changed."
        )
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or (
        isinstance(original, OSError) and original.errno in _READ_ONLY_ERRNOS
    ):
        return _read_only_error(db_path)
    if isinstance(exc, StoreError):
        return exc
    reason = getattr(original, "strerror", None) or str(original).splitlines()[0]
    return StoreError(
        f"The database {db_path} could not be opened ({reason}); nothing was changed."
    )


def _connect_args(url: str) -> dict[str, object]:
    # Worker threads write segments while the GUI thread reads: one connection per session,
    # never shared across threads at the same time, so SQLite's same-thread check is moot.
    return {"check_same_thread": False, "timeout": 15} if url.startswith("sqlite") else {}


def describe_refusal(exc: BaseException) -> str | None:
    """A sentence for a database write the machine refused after the store was open (a full
    disk, a lock held by another program), or None for any other error."""
    original = getattr(exc, "orig", None)
    if type(original).__module__.startswith("psycopg"):
        return _describe_server_refusal(original)
    code = getattr(original, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if primary == 13:  # SQLITE_FULL
        return "the disk is full; free some space and try again (nothing saved was lost)"
    if primary == 10:  # SQLITE_IOERR: a full disk on some file systems
        return "the database could not be written (disk I/O error); is the disk full?"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return "the database is locked by another program; close it and try again"
    if primary == _SQLITE_READONLY:
        return "the database is read-only; make it writable and try again"
    return None


# PostgreSQL error classes (SQLSTATE's first two characters) a team member can do something
# about, and what to tell them; the driver's own text is not shown (it may name the server).
_SERVER_REFUSALS = {
    "08": "the team database could not be reached; check the network and try again "
    "(nothing saved was lost)",
    "53": "the team database's server is out of space or memory; tell whoever runs it",
    "57": "the team database's server is shutting down or restarting; try again in a moment",
}  # anything else (bad SQL, a missing table) is a bug: its traceback is for the developers


def _server_refusal_class(original: BaseException) -> str | None:
    """The SQLSTATE class of a driver error a team member can wait out, else None."""
    sqlstate = str(getattr(original, "sqlstate", None) or "")
    if not sqlstate:  # no answer from the server at all: the connection is gone
        return "08" if "Operational" in type(original).__name__ else None
    return sqlstate[:2] if sqlstate[:2] in _SERVER_REFUSALS else None


def _describe_server_refusal(original: BaseException) -> str | None:
    refusal = _server_refusal_class(original)
    return _SERVER_REFUSALS[refusal] if refusal else None


def server_unavailable(exc: BaseException) -> bool:
    """True when a team database is out of reach for now (network, restart, no room): what
    waiting cures, like a full disk for SQLite. A transcript line is then kept, not dropped."""
    original = getattr(exc, "orig", None) or exc
    if not type(original).__module__.startswith("psycopg"):
        return False
    return _server_refusal_class(original) is not None
