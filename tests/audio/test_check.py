"""The audio check: both sides heard, and the same device on both sides caught from the
signal itself (a delayed, quieter copy counts as the same)."""

from __future__ import annotations

import numpy as np

from app.audio.check import AudioCheck, SideState, same_signal
from app.session.segments import Speaker
from tests.live.fakes import RATE, FakeSource

IV, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT


def speechlike(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal(int(seconds * RATE)).astype(np.float32)
    envelope = (np.sin(np.arange(noise.size) / RATE * 2 * np.pi * 3) > 0).astype(np.float32)
    return 0.2 * noise * envelope


def test_a_delayed_quieter_copy_is_the_same_signal_and_another_voice_is_not() -> None:
    a = speechlike(1.0, 1)
    delayed = np.concatenate([np.zeros(320, np.float32), 0.5 * a[:-320]])  # 20 ms late
    assert same_signal(a, delayed, RATE)
    assert not same_signal(a, speechlike(1.0, 2), RATE)
    assert not same_signal(a, np.zeros_like(a), RATE)


def test_each_side_is_waited_for_then_heard() -> None:
    source = FakeSource()
    check = AudioCheck(source)
    first = check.update()
    assert first.sides == {IV: SideState.WAITING, P: SideState.WAITING}
    assert "microphone" in first.message and not first.ok
    source.rings[IV].write(speechlike(0.5, 3))
    assert "call side" in check.update().message
    source.rings[P].write(speechlike(0.5, 4))
    result = check.update()
    assert result.ok and result.message == "" and not result.identical


def test_one_device_on_both_sides_is_named() -> None:
    source = FakeSource()
    check = AudioCheck(source)
    rng = np.random.default_rng(5)
    for _ in range(3):
        block = 0.2 * rng.standard_normal(RATE).astype(np.float32)
        source.rings[IV].write(block)
        source.rings[P].write(0.7 * block)
        result = check.update()
    assert result.identical and "same device" in result.message and not result.ok


def test_no_call_device_is_said_plainly() -> None:
    check = AudioCheck(FakeSource(participant=False))
    result = check.update()
    assert result.sides[P] is SideState.MISSING and "No call audio" in result.message
