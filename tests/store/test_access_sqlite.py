"""On SQLite the library is one person's file: the access rule adds nothing (app.store.access)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store.access import current_viewer
from app.store.access_rls import AccessError, enable_row_level_security, row_level_security_tables
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.transcript import SegmentRepository
from tests.store.test_access import _interview


def test_sqlite_is_one_persons_library_where_everything_is_visible(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    iid = _interview(store, "Ana", "all mine")
    _interview(store, "Ben", "also mine")
    viewer = current_viewer(store)
    assert (viewer.login, viewer.sees_all) == (None, True)
    assert len(InterviewRepository(store).list_for_library()) == 2
    assert SegmentRepository(store).list(iid)[0].segment.text == "all mine"
    with pytest.raises(AccessError):
        enable_row_level_security(store)
    assert row_level_security_tables(store) == {}
    store.close()
