from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.db import Store
from tests.store.pg import PostgresServer

# The engines a repository test runs on: the SQLite default and a team's PostgreSQL.
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def pg_store(tmp_path: Path, pg_url: str) -> Iterator[Store]:
    """A team library: a fresh PostgreSQL database, the recordings in a local data folder."""
    s = Store.open(tmp_path / "data", url=pg_url)
    yield s
    s.close()


@pytest.fixture(params=ENGINES)
def either_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("pg_server")
        url = server.url(request.getfixturevalue("pg_database"))
        s = Store.open(tmp_path / "data", url=url)
    else:
        s = Store.open(tmp_path / "data")
    yield s
    s.close()
