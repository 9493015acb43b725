from __future__ import annotations

import numpy as np
import pytest

from app.audio.resample import StreamResampler, resample


def tone(freq: float, rate: int, seconds: float, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_hz(x: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / rate)[np.argmax(spectrum)])


@pytest.mark.parametrize("rate", [48000, 44100, 22050, 8000])
def test_tone_keeps_frequency_amplitude_and_duration(rate: int) -> None:
    out = resample(tone(1000, rate, 2.0), rate)
    assert out.dtype == np.float32
    assert abs(len(out) - 32000) <= 32
    middle = out[4000:28000]
    assert dominant_hz(middle, 16000) == pytest.approx(1000, abs=2)
    assert np.sqrt(np.mean(middle**2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.03)


def test_content_above_8k_is_filtered_out_not_aliased() -> None:
    out = resample(tone(11000, 48000, 1.0), 48000)  # would alias to 5 kHz if merely decimated
    assert np.sqrt(np.mean(out[2000:-2000] ** 2)) < 0.01


def test_stereo_is_mixed_to_mono() -> None:
    left = tone(440, 44100, 1.0)
    stereo = np.stack([left, left], axis=1)
    out = resample(stereo, 44100)
    assert out.ndim == 1 and abs(len(out) - 16000) <= 16
    assert dominant_hz(out[1000:-1000], 16000) == pytest.approx(440, abs=2)


def test_streaming_in_blocks_equals_one_shot() -> None:
    x = tone(300, 48000, 1.0) + tone(2500, 48000, 1.0, 0.2)
    whole = resample(x, 48000)
    r = StreamResampler(48000)
    parts = [r.process(x[i : i + 4800]) for i in range(0, len(x), 4800)]
    parts.append(r.flush())
    streamed = np.concatenate(parts)
    assert len(streamed) == len(whole)
    assert np.allclose(streamed, whole, atol=1e-5)


def test_16k_mono_passes_through_untouched() -> None:
    x = tone(300, 16000, 0.1)
    r = StreamResampler(16000)
    assert r.passthrough
    assert np.array_equal(r.process(x), x)
