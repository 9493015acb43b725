"""Fixtures every test package shares: one real SQLite store per test, in its own folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Headless by default, also when a single test folder is run by hand (make test sets it too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.store.db import Store  # noqa: E402

# pg_server (one throwaway PostgreSQL per session), pg_database, pg_url: any package's tests
# can run on a team library (marked `postgres`; skipped where PostgreSQL is not installed).
pytest_plugins = ("tests.store.pg",)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh data folder with a migrated database, closed after the test."""
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()
