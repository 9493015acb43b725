"""A throwaway PostgreSQL server for the store tests, started and stopped by the tests.

`initdb` makes a cluster in a temporary folder, `pg_ctl` starts it on a free TCP port of
127.0.0.1 with its Unix socket in that folder, and it is stopped and deleted at the end of the
session. PostgreSQL refuses to run as root, so under root the server runs as the `postgres`
system user (Debian's package creates it) through `runuser`. Tests SKIP, with the reason, only
when the server binaries are not installed (`make test` installs Debian's `postgresql`).

Connections over the socket are trusted; over TCP they need the password (scram-sha-256), so
tests can check what happens with a wrong one.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "tellmemore"
PASSWORD = "s3cret-Pa55word"  # the test cluster's superuser password (TCP logins only)
SERVER_USER = "postgres"  # who runs the server when the tests run as root
_database_numbers = itertools.count(1)


def server_bindir() -> Path | None:
    """Debian keeps the binaries in /usr/lib/postgresql/<version>/bin (not on PATH): the newest
    there, else initdb on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)  # fmt: skip
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    bindir: Path
    folder: Path
    port: int
    run_as: list[str]

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, database: str, *, tcp: bool = False, password: str | None = None) -> str:
        """A SQLAlchemy URL: over the socket (trusted), or over TCP (the password decides)."""
        if tcp:
            secret = f":{password}" if password is not None else ""
            return f"postgresql+psycopg://{SUPERUSER}{secret}@127.0.0.1:{self.port}/{database}"
        return (f"postgresql+psycopg://{SUPERUSER}@/{database}"
                f"?host={self.socket_dir}&port={self.port}")  # fmt: skip

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as connection:  # fmt: skip
            connection.execute(sql)

    def create_database(self) -> str:
        name = f"tmm_test_{os.getpid()}_{next(_database_numbers)}"
        self.admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def start(self) -> None:
        # Throwaway data: no fsync, so creating a database per test costs milliseconds.
        options = (f"-c port={self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.socket_dir} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")  # fmt: skip
        _run(self, str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-l",
             str(self.folder / "server.log"), "-o", options, "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        """Stops the server, keeping its data (start() brings it back: an outage)."""
        subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.data_dir),
                        "-m", "fast", "-w", "stop"], capture_output=True, timeout=60,
                       check=False)  # fmt: skip


def _run(server: PostgresServer, *command: str) -> None:
    result = subprocess.run([*server.run_as, *command], capture_output=True, text=True,
                            timeout=120, check=False)  # fmt: skip
    if result.returncode != 0:
        log = server.folder / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n"
                           f"{result.stdout}{result.stderr}{tail}")  # fmt: skip


def _run_as() -> tuple[list[str], int | None, int | None]:
    """The command prefix, uid and gid that run the server: ourselves unless we are root."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        user = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise RuntimeError(f"the tests run as root and there is no {SERVER_USER!r} user to run "
                           "PostgreSQL as (Debian's postgresql package creates it)") from None  # fmt: skip
    return ["runuser", "-u", SERVER_USER, "--"], user.pw_uid, user.pw_gid


def start_server(bindir: Path) -> PostgresServer:
    """initdb into a new temporary folder and pg_ctl start; stop_server undoes both. Also
    usable outside pytest (a benchmark's throwaway server)."""
    run_as, uid, gid = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="tmm-pg-"))
    server = PostgresServer(bindir, folder, _free_port(), run_as)
    try:
        server.socket_dir.mkdir()
        pwfile = folder / "pwfile"
        pwfile.write_text(PASSWORD + "\n")
        if uid is not None and gid is not None:
            for path in (folder, server.socket_dir, pwfile):
                os.chown(path, uid, gid)
        _run(server, str(bindir / "initdb"), "-D", str(server.data_dir), "-U", SUPERUSER,
             "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
             f"--pwfile={pwfile}")  # fmt: skip
        server.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return server


def stop_server(server: PostgresServer) -> None:
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    bindir = server_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's "
                    "postgresql package (make test does) to run the team-library tests")  # fmt: skip
    server = start_server(bindir)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture
def pg_database(pg_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database for one test, dropped after it."""
    name = pg_server.create_database()
    try:
        yield name
    finally:
        pg_server.drop_database(name)


@pytest.fixture
def pg_url(pg_server: PostgresServer, pg_database: str) -> str:
    return pg_server.url(pg_database)
