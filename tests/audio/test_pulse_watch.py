"""The PulseAudio source watcher: the source list is read again only after an event."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.audio.pulse_watch import PulseSourceWatcher, is_source_event


def wait_until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_only_source_and_server_events_count() -> None:
    assert is_source_event("Event 'remove' on source #12\n")
    assert is_source_event("Event 'new' on source #3")
    assert is_source_event("Event 'change' on server #4294967295")
    assert not is_source_event("Event 'change' on sink-input #7")
    assert not is_source_event("Event 'new' on source-output #5")
    assert not is_source_event("Event 'change' on sink #1")


def fake_subscribe(tmp_path: Path) -> tuple[tuple[str, ...], Path]:
    """A `pactl subscribe` stand-in that prints the lines appended to a file."""
    feed = tmp_path / "events"
    feed.write_text("")
    script = tmp_path / "subscribe.py"
    script.write_text(
        "import sys, time\n"
        "seen = 0\n"
        "while True:\n"
        f"    lines = open({str(feed)!r}).read().splitlines()\n"
        "    for line in lines[seen:]:\n"
        "        print(line, flush=True)\n"
        "    seen = len(lines)\n"
        "    time.sleep(0.02)\n"
    )
    return (sys.executable, str(script)), feed


def test_waiting_costs_no_listing_and_a_removed_source_is_noticed(tmp_path: Path) -> None:
    sources = {"mic.monitor", "call.monitor"}
    command, feed = fake_subscribe(tmp_path)
    watcher = PulseSourceWatcher(lambda: set(sources), command=command)
    watcher.start()
    try:
        assert watcher.names() == {"mic.monitor", "call.monitor"}
        wait_until(lambda: watcher.subscribed)
        first = watcher.listings
        for _ in range(50):  # 50 health checks with nothing happening: no new listing
            assert "call.monitor" in watcher.names()
        assert watcher.listings == first <= 2
        # The call app quits: the server says so, the next check sees it.
        sources.discard("call.monitor")
        with feed.open("a") as f:
            f.write("Event 'change' on sink-input #9\nEvent 'remove' on source #12\n")
        wait_until(lambda: "call.monitor" not in watcher.names())
        assert watcher.listings == first + 1
    finally:
        watcher.stop()
    assert not watcher.subscribed


def test_without_events_the_list_is_polled_slowly(tmp_path: Path) -> None:
    calls = []

    def listing() -> set[str]:
        calls.append(time.monotonic())
        return {"call.monitor"}

    watcher = PulseSourceWatcher(listing, command=("no-such-pactl-binary",), fallback_poll_s=0.3)
    watcher.start()
    for _ in range(20):
        watcher.names()
    assert len(calls) == 1  # cached between polls
    time.sleep(0.35)
    watcher.names()
    assert len(calls) == 2
    watcher.stop()
