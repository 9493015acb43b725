from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.db import Store
from tests.store.pg import PostgresServer

# The engines a repository test runs on: the SQLite default and a team's PostgreSQL.
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """The SQLite library alone: for what only SQLite has (its file, pragmas, FTS5)."""
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture(params=ENGINES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Every store test runs on SQLite and on a real PostgreSQL server (the whole store suite
    on both engines); a test of what only one engine has asks for `sqlite_store`/`pg_store`."""
    s = _open(request, tmp_path)
    yield s
    s.close()


@pytest.fixture
def pg_store(tmp_path: Path, pg_url: str) -> Iterator[Store]:
    """A team library: a fresh PostgreSQL database, the recordings in a local data folder."""
    s = Store.open(tmp_path / "data", url=pg_url)
    yield s
    s.close()


def _open(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("pg_server")
        url = server.url(request.getfixturevalue("pg_database"))
        return Store.open(tmp_path / "data", url=url)
    return Store.open(tmp_path / "data")


@pytest.fixture(params=ENGINES)
def either_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL."""
    s = _open(request, tmp_path)
    yield s
    s.close()
