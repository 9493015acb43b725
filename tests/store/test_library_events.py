"""LISTEN/NOTIFY on a team library: a second connection (or process) learns of a new
interview within a second; SQLite says it cannot, so the window keeps polling."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.session.plan import InterviewPlan
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.library_events import NOTIFY_CHANNEL, LibraryListener, LibraryNotifications

REPO_ROOT = Path(__file__).resolve().parents[2]


class _Heard:
    def __init__(self) -> None:
        self.times: list[float] = []
        self.event = threading.Event()

    def __call__(self) -> None:
        self.times.append(time.monotonic())
        self.event.set()


def _listening(store: Store) -> tuple[LibraryListener, _Heard]:
    heard = _Heard()
    listener = LibraryListener(store, heard)
    assert listener.start()
    assert listener.listening.wait(5), "the listener never connected"
    return listener, heard


@pytest.mark.postgres
def test_a_second_connection_learns_of_a_new_interview_within_a_second(
    tmp_path: Path, pg_url: str
) -> None:
    ana = Store.open(tmp_path / "ana", url=pg_url)
    ben = Store.open(tmp_path / "ben", url=pg_url)
    listener, heard = _listening(ben)
    try:
        began = time.monotonic()
        InterviewRepository(ana).create(InterviewPlan(), title="Ana's new call")
        assert heard.event.wait(1.0), "no notification within a second"
        assert heard.times[0] - began < 1.0
        assert [s.title for s in InterviewRepository(ben).list_all()] == ["Ana's new call"]
    finally:
        listener.stop()
        ana.close()
        ben.close()


@pytest.mark.postgres
def test_another_process_adding_an_interview_is_heard(tmp_path: Path, pg_url: str) -> None:
    ben = Store.open(tmp_path / "ben", url=pg_url)
    Store.open(tmp_path / "ana", url=pg_url).close()  # migrated before the race below
    listener, heard = _listening(ben)
    script = ("import sys, time; from pathlib import Path; from app.store.db import Store; "
              "from app.store.interviews import InterviewRepository; "
              "from app.session.plan import InterviewPlan; "
              "s = Store.open(Path(sys.argv[1]), url=sys.argv[2]); "
              "InterviewRepository(s).create(InterviewPlan(), title='from afar'); "
              "print(time.monotonic(), flush=True); s.close()")  # fmt: skip
    try:
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "ana"), pg_url],
                              capture_output=True, text=True, timeout=60, check=True,
                              env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})  # fmt: skip
        committed = float(done.stdout.strip())  # CLOCK_MONOTONIC: one clock on this machine
        assert heard.event.wait(1.0)
        assert heard.times[0] - committed < 1.0
    finally:
        listener.stop()
        ben.close()


@pytest.mark.postgres
def test_deleting_and_renaming_are_heard_too_and_one_statement_is_one_notification(
    pg_store: Store,
) -> None:
    repo = InterviewRepository(pg_store)
    first = repo.create(InterviewPlan())
    notes = LibraryNotifications(pg_store)
    notes.open()
    try:
        assert notes.wait(0.05) == 0
        repo.update(first, title="renamed")
        assert notes.wait(1.0) == 1
        repo.delete(first)
        assert notes.wait(1.0) >= 1
        assert notes.wait(0.1) == 0  # nothing else pending
    finally:
        notes.close()


def test_sqlite_cannot_notify_so_the_window_keeps_polling(sqlite_store: Store) -> None:
    assert not LibraryNotifications.supported(sqlite_store)
    assert LibraryListener(sqlite_store, lambda: None).start() is False


def test_the_channel_is_the_one_the_migration_notifies() -> None:
    import importlib

    migration = importlib.import_module(
        "app.store.migrations.versions.0006_publish_authors_notify")
    assert migration.NOTIFY_CHANNEL == NOTIFY_CHANNEL


@pytest.mark.postgres
def test_the_listener_comes_back_after_a_server_restart(tmp_path: Path) -> None:
    """While the server is down the listener says so (the window keeps polling); once the
    server is back it listens again by itself and hears the next change."""
    from tests.store.pg import server_bindir, start_server, stop_server

    bindir = server_bindir()
    assert bindir is not None  # the session server started, so the binaries are there
    server = start_server(bindir)  # its own server: this test stops it
    try:
        url = server.url(server.create_database())
        store = Store.open(tmp_path / "data", url=url)
        listener, heard = _listening(store)
        server.stop()
        deadline = time.monotonic() + 10
        while listener.listening.is_set():
            assert time.monotonic() < deadline, "the lost connection went unnoticed"
            time.sleep(0.05)
        server.start()
        assert listener.listening.wait(15), "it never listened again"
        heard.event.clear()
        InterviewRepository(store).create(InterviewPlan(), title="after the restart")
        assert heard.event.wait(2.0)
        listener.stop()
        store.close()
    finally:
        stop_server(server)
