"""Which PulseAudio/PipeWire sources exist, learnt from the server's events instead of polling.

Capture used to spawn `pactl -f json list sources` about once a second per pulse source to
notice an unplugged device (issue 14: capture should cost nothing while it waits). Here one
`pactl subscribe` process per capture reports every change; the source list is read again only
after an event about a source (or the server), and a slow poll takes over only when
`pactl subscribe` cannot run or dies.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import subprocess
import threading
import time
from collections.abc import Callable

from app.audio.devices import pulse_sources

log = logging.getLogger(__name__)

# Without events (no `pactl subscribe`), how often the source list is read.
FALLBACK_POLL_S = 15.0
# A dead `pactl subscribe` (server restarted) is started again at most this often.
RESTART_INTERVAL_S = 5.0


def is_source_event(line: str) -> bool:
    """`pactl subscribe` prints lines like "Event 'remove' on source #12"; events about the
    server (default source changed, restart) matter too."""
    line = line.strip().lower()
    return line.startswith("event") and (" on source " in line or " on server" in line)


class PulseSourceWatcher:
    """Knows the current source names; `names()` is cheap unless something changed."""

    def __init__(
        self,
        list_names: Callable[[], set[str]] | None = None,
        command: tuple[str, ...] = ("pactl", "subscribe"),
        fallback_poll_s: float = FALLBACK_POLL_S,
    ) -> None:
        self._list_names = list_names or (lambda: {s.name for s in pulse_sources()})
        self._command = command
        self.fallback_poll_s = fallback_poll_s
        self._lock = threading.Lock()
        self._generation = 0  # bumped by every relevant event
        self._listed_generation = -1  # the generation the cached names belong to
        self._listed_at = 0.0
        self._names: set[str] = set()
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._stopped = False
        self._last_start = 0.0
        self.listings = 0  # how often the source list was read (for tests and benches)

    @property
    def subscribed(self) -> bool:
        proc = self._proc
        return proc is not None and proc.poll() is None

    def start(self) -> None:
        """Allow the subscription; `pactl subscribe` itself starts with the first `names()`, so
        a capture without pulse sources never runs it."""
        with self._lock:
            self._stopped = False

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=2)
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.join(timeout=2)

    def names(self) -> set[str]:
        """The source names now: read again only after an event (or, without events, when the
        slow poll is due)."""
        if not self.subscribed and not self._stopped:
            self._start_subscription()
        with self._lock:
            generation = self._generation
            fresh = self._listed_generation == generation
            if fresh and not self.subscribed:
                fresh = time.monotonic() - self._listed_at < self.fallback_poll_s
            if fresh:
                return set(self._names)
        names = self._list_names()  # outside the lock: it spawns pactl
        with self._lock:
            self.listings += 1
            self._names = names
            # Events that came in while listing leave the cache stale for the next call.
            self._listed_generation = generation
            self._listed_at = time.monotonic()
            return set(names)

    # -- the subscription ------------------------------------------------------------------------
    def _start_subscription(self) -> None:
        now = time.monotonic()
        with self._lock:
            if self._stopped or (self._proc is not None and self._proc.poll() is None):
                return
            if now - self._last_start < RESTART_INTERVAL_S:
                return
            self._last_start = now
            if shutil.which(self._command[0]) is None:
                return
            try:
                proc = subprocess.Popen(
                    list(self._command),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    stdin=subprocess.DEVNULL,
                    text=True,
                )
            except OSError as exc:
                log.info("no PulseAudio events (%s): polling the sources instead", exc)
                return
            self._proc = proc
            # Whatever happened before the subscription started is unknown: list again.
            self._generation += 1
        self._reader = threading.Thread(
            target=self._read_events, args=(proc,), name="pulse-events", daemon=True
        )
        self._reader.start()

    def _read_events(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        with contextlib.suppress(ValueError, OSError):
            for line in proc.stdout:
                if is_source_event(line):
                    with self._lock:
                        self._generation += 1
        with self._lock:
            self._generation += 1  # the subscription ended (server gone?): list again
