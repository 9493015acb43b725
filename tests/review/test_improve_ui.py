"""Improve transcript in the review window: the button, the progress row, Cancel, Replace."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from app.improve import DecodedRecording
from app.store.db import Store
from app.store.recordings import StoredRecording
from app.store.transcript import SegmentRepository
from app.ui.review import ReviewWindow
from tests.improve.conftest import fake_decoder, make_interview


class _HeldDecoder:
    """Reports 40 %, then waits until released (or cancelled, by the progress callback)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self._done = fake_decoder()

    def __call__(self, recording: StoredRecording,
                 progress: Callable[[float], None]) -> DecodedRecording:  # fmt: skip
        progress(0.4)
        while not self.release.wait(0.02):
            progress(0.4)  # raises once Cancel was pressed
        return self._done(recording, progress)


@pytest.fixture
def held() -> _HeldDecoder:
    decoder = _HeldDecoder()
    yield decoder
    decoder.release.set()


def _window(qtbot, store: Store, iid: int, decoder: object) -> ReviewWindow:  # noqa: ANN001
    w = ReviewWindow(store, iid)
    w.improve.decoder_factory = lambda: decoder
    qtbot.addWidget(w)
    w.show()
    return w


def _texts(store: Store, iid: int) -> list[str]:
    return [line.segment.text for line in SegmentRepository(store).list(iid)]


def test_progress_then_cancel_leaves_the_transcript(qtbot, store: Store, tmp_path: Path,  # noqa: ANN001
                                                    held: _HeldDecoder) -> None:  # fmt: skip
    iid = make_interview(store, tmp_path)
    before = _texts(store, iid)
    w = _window(qtbot, store, iid, held)
    w.improve.button.click()
    qtbot.waitUntil(lambda: w.improve.bar.value() == 360, timeout=3000)  # 40 % of the decode
    assert w.improve.isVisible() and w.improve.cancel_button.isVisible()
    assert not w.improve.button.isEnabled()
    assert "Transcribing with" in w.improve.label.text()
    w.improve.cancel_button.click()
    qtbot.waitUntil(lambda: not w.improve.isVisible(), timeout=3000)
    assert "cancelled" in w.banner.message()
    assert w.improve.button.isEnabled()
    assert _texts(store, iid) == before


def test_ready_shows_changes_and_replace_reloads_the_review(qtbot, store: Store,  # noqa: ANN001
                                                           tmp_path: Path) -> None:  # fmt: skip
    iid = make_interview(store, tmp_path)
    w = _window(qtbot, store, iid, fake_decoder())
    w.improve.button.click()
    qtbot.waitUntil(lambda: w.improve.replace_button.isVisible(), timeout=5000)
    assert "2 places read differently" in w.improve.label.text()
    assert _texts(store, iid)[0] == "I did you choose this tool"  # not before Replace
    dialog = w.improve.show_changes()
    assert dialog is not None and "Would you pay for this?" in dialog.browser.toPlainText()
    dialog.close()
    with qtbot.waitSignal(w.changed, timeout=5000):
        w.improve.replace_button.click()
    assert not w.improve.isVisible()
    assert w.doc.segments[0].segment.text == "Why did you choose this tool?"
    assert "Transcript improved" in w.banner.message()


def test_discard_keeps_the_transcript(qtbot, store: Store, tmp_path: Path) -> None:  # noqa: ANN001
    iid = make_interview(store, tmp_path)
    before = _texts(store, iid)
    w = _window(qtbot, store, iid, fake_decoder())
    w.improve.button.click()
    qtbot.waitUntil(lambda: w.improve.discard_button.isVisible(), timeout=5000)
    w.improve.discard_button.click()
    assert not w.improve.isVisible() and "discarded" in w.banner.message()
    assert _texts(store, iid) == before


def test_no_recording_says_why_at_once(qtbot, store: Store, tmp_path: Path) -> None:  # noqa: ANN001
    iid = make_interview(store, tmp_path, consent="declined", recording=False)
    w = _window(qtbot, store, iid, fake_decoder())
    w.improve.button.click()
    assert not w.improve.isVisible()
    assert "declined to be recorded" in w.banner.message()


def test_closing_the_window_mid_way_cancels_and_changes_nothing(
    qtbot,  # noqa: ANN001
    store: Store,
    tmp_path: Path,
    held: _HeldDecoder,
) -> None:
    iid = make_interview(store, tmp_path)
    before = _texts(store, iid)
    w = _window(qtbot, store, iid, held)
    w.improve.button.click()
    qtbot.waitUntil(lambda: w.improve.bar.value() == 360, timeout=3000)
    task = w.improve.task
    assert task is not None
    w.close()
    assert task.flag.cancelled
    qtbot.waitUntil(lambda: not task.is_running(), timeout=3000)
    assert _texts(store, iid) == before
