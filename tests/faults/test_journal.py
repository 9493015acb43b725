"""Transcript lines survive a full disk: pending in memory and in a journal, saved later."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker, Word
from app.store.db import Store, StoreError
from app.store.interviews import InterviewRepository
from app.store.journal import (
    JOURNAL_PREFIX,
    PENDING,
    JournaledSegmentWriter,
    journal_path,
    read_journal,
)
from app.store.transcript import SegmentRepository
from tests.faults.fulldisk import can_mount, fill, small_disk


def _line(i: int) -> Segment:
    return Segment(Speaker.PARTICIPANT if i % 2 else Speaker.INTERVIEWER, i * 3.0, i * 3.0 + 2.5,
                   f"line {i}: we tried the spreadsheet first and it broke every week",
                   words=(Word("line", i * 3.0, i * 3.0 + 0.3, 0.9),))  # fmt: skip


class _PageLimit:
    """Simulated full disk without root: SQLite's max_page_count makes every insert that
    needs a new page fail with SQLITE_FULL ("database or disk is full")."""

    def __init__(self, store: Store) -> None:
        self.limit: int | None = None
        event.listen(store.engine, "connect", self._apply)
        store.engine.dispose()  # new connections get the limit

    def _apply(self, dbapi_connection: object, _record: object) -> None:
        if self.limit is not None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            cursor.execute(f"PRAGMA max_page_count={self.limit}")
            cursor.close()

    def full(self, store: Store) -> None:
        with store.engine.connect() as c:
            self.limit = int(c.exec_driver_sql("PRAGMA page_count").scalar_one())
        store.engine.dispose()

    def free(self, store: Store) -> None:
        self.limit = None
        store.engine.dispose()


def test_lines_said_while_sqlite_is_full_are_pending_then_saved_in_order(store: Store) -> None:
    iid = InterviewRepository(store).create(InterviewPlan(), title="full")
    limit = _PageLimit(store)
    counts: list[int] = []
    writer = JournaledSegmentWriter(store, on_pending=counts.append)
    assert writer.add(iid, _line(0)) > 0
    limit.full(store)
    results = [writer.add(iid, _line(i)) for i in range(1, 40)]
    assert PENDING in results, "the page limit did not fill the database"
    assert writer.pending == results.count(PENDING)
    assert "waiting" in writer.status_message()
    assert len(read_journal(journal_path(store.data_dir))) == writer.pending  # all journalled
    limit.free(store)
    assert writer.flush() == 0
    assert counts[-1] == 0
    texts = [s.segment.text for s in SegmentRepository(store).list(iid)]
    assert texts == [_line(i).text for i in range(40)]  # none lost, none twice, in order
    assert writer.close() == 0
    assert not journal_path(store.data_dir).exists()


def test_a_later_add_flushes_the_pending_lines_first(store: Store) -> None:
    iid = InterviewRepository(store).create(InterviewPlan(), title="full")
    limit = _PageLimit(store)
    writer = JournaledSegmentWriter(store)
    limit.full(store)
    while writer.add(iid, _line(writer.pending)) != PENDING:
        pass
    limit.free(store)
    row = writer.add(iid, _line(99))
    assert row > 0 and writer.pending == 0
    assert len(SegmentRepository(store).list(iid)) >= 2


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_a_journal_left_by_a_killed_process_is_replayed_at_the_next_open(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    iid = InterviewRepository(store).create(InterviewPlan(), title="killed")
    limit = _PageLimit(store)
    writer = JournaledSegmentWriter(store)
    limit.full(store)
    for i in range(30):
        writer.add(iid, _line(i))
    pending = writer.pending
    assert pending > 0
    saved_before = len(SegmentRepository(store).list(iid))
    # As if killed: the journal stays under the dead process's id, the memory copy is gone.
    left = journal_path(store.data_dir, _dead_pid())
    journal_path(store.data_dir).rename(left)
    store.close()

    reopened = Store.open(tmp_path / "data")
    try:
        texts = [s.segment.text for s in SegmentRepository(reopened).list(iid)]
        assert len(texts) == saved_before + pending == 30
        assert sorted(texts) == sorted(_line(i).text for i in range(30))
        assert not left.exists()
    finally:
        reopened.close()


def test_a_torn_last_journal_line_keeps_the_whole_ones(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    iid = InterviewRepository(store).create(InterviewPlan(), title="torn")
    store.close()
    from app.store.journal import PendingLine

    good = PendingLine(iid, _line(1), "live").to_json()
    left = journal_path(tmp_path / "data", _dead_pid())
    left.write_bytes((good + "\n" + good[:20]).encode() + b"\0" * 100)
    reopened = Store.open(tmp_path / "data")
    try:
        assert [s.segment.text for s in SegmentRepository(reopened).list(iid)] == [_line(1).text]
    finally:
        reopened.close()


needs_root = pytest.mark.skipif(not can_mount(), reason="mounting a small tmpfs needs root")


@needs_root
def test_on_a_real_full_disk_no_line_is_lost_and_the_app_still_starts(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", size_kb=6144) as disk:
        data = disk / "data"
        store = Store.open(data)
        iid = InterviewRepository(store).create(InterviewPlan(), title="tmpfs")
        writer = JournaledSegmentWriter(store)
        assert writer.add(iid, _line(0)) > 0
        filler = fill(disk)
        results = [writer.add(iid, _line(i)) for i in range(1, 200)]
        pending = results.count(PENDING)
        assert pending > 0, "the full tmpfs took every line: the test proves nothing"
        assert writer.journalled  # the reserved journal had room although the disk had none
        assert len(read_journal(journal_path(data))) == writer.pending
        store.close()

        # A start while the disk is full opens (the WAL and -shm files are still there) or
        # says so in one sentence; never a traceback.
        try:
            Store.open(data).close()
        except StoreError as exc:
            assert "is full" in str(exc)

        filler.unlink()
        assert writer.flush() == 0
        writer.close()
        reopened = Store.open(data)
        texts = [s.segment.text for s in SegmentRepository(reopened).list(iid)]
        reopened.close()
        assert texts == [_line(i).text for i in range(200)]
        assert not list(data.glob(f"{JOURNAL_PREFIX}*"))


@needs_root
def test_a_start_on_a_full_disk_says_so_instead_of_calling_the_database_damaged(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", size_kb=4096) as disk:
        data = disk / "data"
        store = Store.open(data)
        InterviewRepository(store).create(InterviewPlan(), title="before")
        store.close()  # a clean close removes -wal and -shm: the next open must create them
        before = (data / "tellmemore.db").read_bytes()
        filler = fill(disk)
        with pytest.raises(StoreError, match=r"disk holding .* is full .* Free some space"):
            Store.open(data)
        assert (data / "tellmemore.db").read_bytes() == before
        filler.unlink()
        Store.open(data).close()


@needs_root
def test_transcribe_refuses_an_out_file_on_a_full_disk_before_the_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    with small_disk(tmp_path / "disk", size_kb=1024) as disk:
        fill(disk)
        code = main(["transcribe", "/nonexistent.wav", "--out", str(disk / "out.vtt")])
        err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "is full" in err


def test_revoked_consent_drops_the_participants_pending_lines(store: Store) -> None:
    iid = InterviewRepository(store).create(InterviewPlan(), title="revoked")
    limit = _PageLimit(store)
    writer = JournaledSegmentWriter(store)
    limit.full(store)
    i = 0
    while writer.add(iid, _line(i)) != PENDING:  # until the last free page is used
        i += 1
    for j in range(i + 1, i + 6):
        writer.add(iid, _line(j))
    pending = [_line(k).speaker for k in range(i, i + 6)]
    assert writer.pending == 6
    dropped = pending.count(Speaker.PARTICIPANT)
    assert writer.discard(iid, Speaker.PARTICIPANT) == dropped
    journal = read_journal(journal_path(store.data_dir))
    assert [p.segment.speaker for p in journal] == [Speaker.INTERVIEWER] * (6 - dropped)
    saved_participant = sum(_line(k).speaker is Speaker.PARTICIPANT for k in range(i))
    limit.free(store)
    assert writer.flush() == 0
    rows = SegmentRepository(store).list(iid)
    assert sum(r.segment.speaker is Speaker.PARTICIPANT for r in rows) == saved_participant
    assert len(rows) == i + 6 - dropped
