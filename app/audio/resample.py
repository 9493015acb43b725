"""Streaming conversion to 16 kHz mono float32, outside the audio callback.

PyAV's resampler (libswresample, already installed with faster-whisper) keeps filter state
between blocks, so a stream resampled block by block equals the whole signal resampled at once.
"""

from __future__ import annotations

import av
import numpy as np

TARGET_RATE = 16000


def _layout(channels: int) -> str:
    if channels == 1:
        return "mono"
    if channels == 2:
        return "stereo"
    raise ValueError("only mono or stereo input is resampled; downmix wider input first")


class StreamResampler:
    """Feed (frames,) or (frames, channels) float32 blocks at `in_rate`; get mono at `out_rate`."""

    def __init__(self, in_rate: int, channels: int = 1, out_rate: int = TARGET_RATE) -> None:
        self.in_rate = int(in_rate)
        self.out_rate = int(out_rate)
        self.channels = int(channels)
        self._layout = _layout(self.channels)
        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=self.out_rate)
        self._empty = np.zeros(0, dtype=np.float32)

    @property
    def passthrough(self) -> bool:
        return self.in_rate == self.out_rate and self.channels == 1

    def process(self, block: np.ndarray) -> np.ndarray:
        if block.size == 0:
            return self._empty
        block = np.asarray(block, dtype=np.float32)
        if self.passthrough:
            return block.reshape(-1)
        # Packed "flt" frames are interleaved: shape (1, frames * channels).
        interleaved = np.ascontiguousarray(block.reshape(-1, self.channels)).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(interleaved, format="flt", layout=self._layout)
        frame.sample_rate = self.in_rate
        return self._collect(self._resampler.resample(frame))

    def flush(self) -> np.ndarray:
        """The samples still held in the filter (call once at the end of a stream)."""
        if self.passthrough:
            return self._empty
        return self._collect(self._resampler.resample(None))

    def _collect(self, frames: list[av.AudioFrame]) -> np.ndarray:
        if not frames:
            return self._empty
        parts = [f.to_ndarray().reshape(-1) for f in frames]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)


def resample(x: np.ndarray, in_rate: int, out_rate: int = TARGET_RATE) -> np.ndarray:
    """A whole signal ((frames,) or (frames, channels)) to mono `out_rate`."""
    channels = 1 if x.ndim == 1 else x.shape[1]
    if channels > 2:
        x = x.mean(axis=1)
        channels = 1
    r = StreamResampler(in_rate, channels, out_rate)
    head = r.process(x)
    tail = r.flush()
    return np.concatenate([head, tail]) if tail.size else head
