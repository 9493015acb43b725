"""The library on a team's PostgreSQL: another member's new interview, score and deletion show
up by themselves (the window polls InterviewRepository.fingerprint every 2 s)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.session.plan import InterviewPlan, Participant
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.ui.library import LibraryWindow
from app.ui.library.model import Column

pytestmark = pytest.mark.postgres


@pytest.fixture
def team(tmp_path: Path, pg_url: str) -> Iterator[tuple[Store, Store]]:
    mine, theirs = Store.open(tmp_path / "mine", url=pg_url), Store.open(tmp_path / "theirs",
                                                                          url=pg_url)  # fmt: skip
    yield mine, theirs
    mine.close()
    theirs.close()


def test_the_team_library_follows_what_other_members_do(qtbot, team: tuple[Store, Store]) -> None:  # noqa: ANN001
    mine, theirs = team
    library = LibraryWindow(mine)
    qtbot.addWidget(library)
    library.watch_timer.setInterval(50)
    assert not library.refresh_if_changed()
    new_id = InterviewRepository(theirs).create(InterviewPlan(Participant("Zoe")),
                                                interviewer_name="Ben")  # fmt: skip
    qtbot.waitUntil(lambda: library.model.row_of(new_id) is not None, timeout=3000)
    InterviewRepository(theirs).update(new_id, status="ended", scorecard={"score": 81})
    qtbot.waitUntil(lambda: "81" in str(library.model.index(
        library.model.row_of(new_id), Column.SCORECARD).data()), timeout=3000)  # fmt: skip
    InterviewRepository(theirs).delete(new_id)
    qtbot.waitUntil(lambda: library.model.row_of(new_id) is None, timeout=3000)
    library.close()
