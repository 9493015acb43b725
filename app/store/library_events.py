"""Hearing at once when someone else changes a team library (PostgreSQL LISTEN/NOTIFY).

Migration 0006 puts a statement trigger on `interviews` that NOTIFYs NOTIFY_CHANNEL after
every insert, update or delete, whoever makes it (the app, `tellmemore publish`, psql). A
LibraryListener holds one connection that LISTENs, on a thread of its own, and calls back when
a notification comes: the library window then re-reads its list within a fraction of a second
instead of at its next poll. Polling stays as the fallback: on SQLite (no NOTIFY), and while
the listening connection is lost (a server restart); the listener reconnects by itself.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from app.store.database_url import DatabaseKind
from app.store.db import Store

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "tellmemore_library"  # the same name as in migration 0006
RECONNECT_S = 5.0  # after the listening connection is lost, try again this often
WAIT_S = 0.5  # how long one wait for notifications blocks (and how fast stop() is heard)


class LibraryNotifications:
    """One LISTENing connection: wait() returns how many notifications came (0 on timeout).
    Only for a team library on PostgreSQL (`supported`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._connection: Any = None  # a SQLAlchemy Connection, kept out of the pool

    @staticmethod
    def supported(store: Store) -> bool:
        return store.kind is DatabaseKind.POSTGRESQL

    def open(self) -> None:
        connection = self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            connection.execute(text(f"LISTEN {NOTIFY_CHANNEL}"))
        except BaseException:
            connection.close()
            raise
        self._connection = connection

    def wait(self, timeout_s: float) -> int:
        """Blocks up to timeout_s for a notification; returns how many arrived (all of those
        already waiting are taken at once). Raises SQLAlchemyError or the driver's error
        when the connection is lost."""
        if self._connection is None:
            self.open()
        driver = self._connection.connection.driver_connection  # a psycopg.Connection
        count = 0
        for _note in driver.notifies(timeout=timeout_s, stop_after=1):
            count += 1
        if count:  # take whatever else came in the same breath without waiting again
            for _note in driver.notifies(timeout=0.01):
                count += 1
        return count

    def close(self) -> None:
        if self._connection is not None:
            # Never back to the pool, where it would still be LISTENing; a lost one may fail.
            with contextlib.suppress(Exception):
                self._connection.invalidate()
                self._connection.close()
            self._connection = None


class LibraryListener:
    """Calls `on_change` (on its own thread) whenever the team library's interviews change.
    start() returns False when the library cannot notify (SQLite): keep polling then."""

    def __init__(self, store: Store, on_change: Callable[[], None]) -> None:
        self.store = store
        self.on_change = on_change
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()  # set while a LISTEN connection is up

    def start(self) -> bool:
        if not LibraryNotifications.supported(self.store):
            return False
        self._thread = threading.Thread(target=self._run, name="library listener", daemon=True)
        self._thread.start()
        return True

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        notifications = LibraryNotifications(self.store)
        while not self._stop.is_set():
            try:
                if not self.listening.is_set():
                    notifications.open()
                    self.listening.set()
                changed = notifications.wait(WAIT_S) > 0
            except Exception as exc:  # noqa: BLE001 - SQLAlchemy's and the driver's own errors
                # The server restarted or the network went: poll meanwhile, reconnect later.
                log.info("the team library's notifications stopped (%s); retrying",
                         type(exc).__name__)  # fmt: skip
                self.listening.clear()
                notifications.close()
                deadline = time.monotonic() + RECONNECT_S
                while not self._stop.is_set() and time.monotonic() < deadline:
                    self._stop.wait(0.2)
                continue
            if changed and not self._stop.is_set():
                try:
                    self.on_change()
                except Exception:  # noqa: BLE001 - a failing listener must not stop listening
                    log.exception("reacting to a change of the team library failed")
        notifications.close()
        self.listening.clear()
