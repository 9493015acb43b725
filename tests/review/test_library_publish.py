"""Library › select interviews › Publish to team library…: a progress bar, a line per
interview, and the rows marked as published; and the team library's window hearing of a new
interview through NOTIFY, without waiting for its poll."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.session.plan import InterviewPlan, Participant
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.ui.library import LibraryWindow
from app.ui.library.model import Column
from tests.store.test_publish import record_interview


def _select(library: LibraryWindow, ids: list[int]) -> None:
    selection = library.table.selectionModel()
    selection.clearSelection()
    for interview_id in ids:
        row = library.model.row_of(interview_id)
        assert row is not None
        index = library.proxy.mapFromSource(library.model.index(row, 0))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip


@pytest.mark.postgres
def test_publishing_selected_interviews_shows_progress_and_marks_them(
    qtbot, tmp_path: Path, pg_url: str  # noqa: ANN001
) -> None:
    local = Store.open(tmp_path / "data", local=True)
    first = record_interview(local, title="first", audio_bytes=2_000_000)
    second = record_interview(local, title="second", consent="declined")
    library = LibraryWindow(local)
    qtbot.addWidget(library)
    assert library.publish_button.isVisible() or not library.isVisible()
    assert not library.publish_button.isEnabled()
    _select(library, [first, second])
    assert library.publish_button.isEnabled() and not library.delete_button.isEnabled()

    dialog = library.choose_publish(team_url=pg_url)
    assert dialog is not None
    qtbot.addWidget(dialog)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    task = dialog.start()
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running() and dialog.close_button.isEnabled(),
                    timeout=30_000)  # fmt: skip

    assert dialog.progress.value() == 1000 and dialog.status_label.text() == "Done."
    assert len(values) > 2 and values == sorted(values)  # it moved forward, step by step
    lines = [dialog.results_list.item(i).text() for i in range(dialog.results_list.count())]
    assert len(lines) == 2
    [line_first] = [ln for ln in lines if ln.startswith("first")]
    [line_second] = [ln for ln in lines if ln.startswith("second")]
    assert "published as team interview" in line_first and "MB of audio" in line_first
    assert "consent was not given" in line_second
    qtbot.waitUntil(lambda: library.model.index(library.model.row_of(first) or 0, Column.DATE)
                    .data(Qt.ItemDataRole.ToolTipRole) is not None)  # fmt: skip
    tip = library.model.index(library.model.row_of(second) or 0, Column.DATE).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "Published to the team library" in tip and "postgresql" in tip
    team = Store.open(tmp_path / "data", url=pg_url)
    assert sorted(s.title for s in InterviewRepository(team).list_all()) == ["first", "second"]
    team.close()
    dialog.close()
    library.close()
    local.close()


def test_a_team_address_that_is_not_postgresql_is_refused_in_the_dialog(
    qtbot, store: Store  # noqa: ANN001
) -> None:
    iid = record_interview(store)
    library = LibraryWindow(store)
    qtbot.addWidget(library)
    _select(library, [iid])
    dialog = library.choose_publish(team_url="")
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.start() is None and "address" in dialog.url_problem.text()
    dialog.url_edit.setText("sqlite:///other.db")
    assert dialog.start() is None and "PostgreSQL" in dialog.url_problem.text()
    dialog.close()
    library.close()


@pytest.mark.postgres
def test_a_team_library_has_nothing_to_publish_and_hears_new_interviews_at_once(
    qtbot, tmp_path: Path, pg_url: str  # noqa: ANN001
) -> None:
    mine = Store.open(tmp_path / "mine", url=pg_url)
    theirs = Store.open(tmp_path / "theirs", url=pg_url)
    library = LibraryWindow(mine)
    qtbot.addWidget(library)
    library.show()
    assert not library.publish_button.isVisible()
    library.watch_timer.stop()  # no polling: only the notification can bring the row
    qtbot.waitUntil(library.listener.listening.is_set, timeout=5000)
    new_id = InterviewRepository(theirs).create(InterviewPlan(Participant("Zoe")))
    qtbot.waitUntil(lambda: library.model.row_of(new_id) is not None, timeout=1000)
    library.close()
    library.listener.stop()
    mine.close()
    theirs.close()


@pytest.mark.postgres
def test_the_team_library_offers_what_was_recorded_here_while_it_was_out_of_reach(
    qtbot, tmp_path: Path, pg_url: str  # noqa: ANN001
) -> None:
    local = Store.open(tmp_path / "data", local=True)  # the app's fallback while offline
    offline = [record_interview(local, title="on the train"),
               record_interview(local, title="in the cafe")]  # fmt: skip
    local.close()
    team = Store.open(tmp_path / "data", url=pg_url)  # back online: the team library opens
    library = LibraryWindow(team)
    qtbot.addWidget(library)
    library.show()
    assert library.offline_waiting == offline
    assert library.publish_button.isVisible() and library.publish_button.isEnabled()
    assert library.publish_button.text() == "Publish 2 from this computer\u2026"

    dialog = library.choose_publish()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.url_edit.isReadOnly() and dialog.url_edit.text() == team.location
    task = dialog.start()
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running() and dialog.close_button.isEnabled(),
                    timeout=30_000)  # fmt: skip

    qtbot.waitUntil(lambda: not library.publish_button.isVisible(), timeout=3000)
    assert library.offline_waiting == []
    qtbot.waitUntil(lambda: library.model.rowCount() == 2, timeout=3000)
    assert sorted(s.title for s in library.visible_summaries()) == ["in the cafe", "on the train"]
    dialog.close()
    library.close()
    library.listener.stop()
    team.close()


@pytest.mark.postgres
def test_a_team_library_without_a_local_library_offers_nothing_and_creates_none(
    qtbot, tmp_path: Path, pg_url: str  # noqa: ANN001
) -> None:
    team = Store.open(tmp_path / "data", url=pg_url)
    library = LibraryWindow(team)
    qtbot.addWidget(library)
    library.show()
    assert library.offline_waiting == [] and not library.publish_button.isVisible()
    assert library.choose_publish() is None
    assert not (tmp_path / "data" / "tellmemore.db").exists()
    library.close()
    library.listener.stop()
    team.close()


def test_the_published_mark_says_where_to_or_where_from() -> None:
    from datetime import datetime

    from app.session.consent import ConsentState
    from app.store.interviews import InterviewSummary
    from app.store.models import InterviewStatus
    from app.ui.library.model import published_tooltip

    base = dict(id=1, title="t", participant_name="p", participant_company="", participant_role="",
                interviewer_name="", focus="", status=InterviewStatus.ENDED,
                consent_state=ConsentState.GRANTED, created_at=datetime(2026, 11, 1),
                started_at=None, duration_s=0.0, has_recording=False, segment_count=0,
                scorecard=None, tags=(), published_at=datetime(2026, 11, 27, 21, 5))  # fmt: skip
    laptop = InterviewSummary(**base, published_to="postgresql+psycopg://ana@db/team")  # type: ignore[arg-type]
    team = InterviewSummary(**base, published_to="")  # type: ignore[arg-type]
    assert published_tooltip(laptop) == ("Published to the team library "
                                         "(postgresql+psycopg://ana@db/team) on 2026-11-27 21:05 UTC")
    assert published_tooltip(team).startswith("Recorded offline on a laptop and published")
