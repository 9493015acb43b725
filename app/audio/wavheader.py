"""WAV files whose header disagrees with the data they hold: found, read in full, reported.

A WAV header states how many bytes of audio follow. Writers that crash or stream (and hostile
files) leave a size that is too small or too large. Decoders trust the header: a file claiming
1,000 bytes but holding 31 s transcribed as empty. `inspect_wav` reads the chunk list (never the
audio); `read_pcm` reads the PCM samples actually on disk, whatever the header says. The
user's file is never modified.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE
_UNKNOWN_SIZES = (0, 0xFFFFFFFF)  # streaming writers: "until the end of the file"
_MAX_CHUNKS = 64  # a chunk list longer than this is not a WAV we should walk


@dataclass(frozen=True)
class WavLayout:
    channels: int
    samplerate: int
    bits: int
    format_tag: int
    data_offset: int  # where the samples start
    declared_bytes: int  # what the data chunk's header says
    present_bytes: int  # whole frames of audio actually in the file after data_offset

    @property
    def frame_bytes(self) -> int:
        return max(1, self.channels * self.bits // 8)

    @property
    def declared_s(self) -> float:
        return self.declared_bytes / self.frame_bytes / self.samplerate

    @property
    def present_s(self) -> float:
        return self.present_bytes / self.frame_bytes / self.samplerate

    @property
    def readable_pcm(self) -> bool:
        """Samples numpy can read directly (integer PCM or 32-bit float)."""
        if self.format_tag == _FLOAT:
            return self.bits == 32
        return self.format_tag in (_PCM, _EXTENSIBLE) and self.bits in (8, 16, 32)

    @property
    def hides_audio(self) -> bool:
        """The header announces less than the file holds: decoders would stop early."""
        return self.mismatch and self.declared_bytes < self.present_bytes

    @property
    def mismatch(self) -> bool:
        if self.declared_bytes in _UNKNOWN_SIZES:
            return False  # decoders read such files to the end
        return abs(self.declared_bytes - self.present_bytes) >= self.frame_bytes

    def problem(self, name: str) -> str:
        """One sentence for the user about the mismatch ('' when there is none)."""
        if not self.mismatch:
            return ""
        if self.declared_bytes > self.present_bytes:
            return (f"{name} is shorter than its header says ({self.present_s:.1f} s on disk, "
                    f"{self.declared_s:.1f} s announced): the file was cut off; "
                    "the audio that is there was used.")  # fmt: skip
        return (f"The header of {name} announces {self.declared_s:.1f} s of audio but the file "
                f"holds {self.present_s:.1f} s (a recording that was not closed properly); "
                "all of it was used.")  # fmt: skip


def inspect_wav(path: str | os.PathLike[str]) -> WavLayout | None:
    """The layout of a RIFF/WAVE file, or None for any other file (or one too odd to walk)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        with open(p, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            fmt: tuple[int, int, int, int] | None = None
            position = 12
            for _ in range(_MAX_CHUNKS):
                f.seek(position)
                chunk = f.read(8)
                if len(chunk) < 8:
                    return None
                chunk_id, chunk_size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if chunk_id == b"fmt ":
                    body = f.read(min(chunk_size, 40))
                    if len(body) < 16:
                        return None
                    tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
                    if tag == _EXTENSIBLE and len(body) >= 26:
                        tag = struct.unpack("<H", body[24:26])[0]  # the sub-format's tag
                    fmt = (tag, channels, rate, bits)
                elif chunk_id == b"data":
                    if fmt is None or fmt[1] <= 0 or fmt[2] <= 0 or fmt[3] <= 0:
                        return None
                    tag, channels, rate, bits = fmt
                    offset = position + 8
                    frame = max(1, channels * bits // 8)
                    present = _data_bytes_present(f, offset, chunk_size, size)
                    return WavLayout(channels, rate, bits, tag, offset, chunk_size,
                                     present // frame * frame)  # fmt: skip
                position += 8 + chunk_size + (chunk_size & 1)
                if position >= size:
                    return None
    except OSError:
        return None
    return None


def _data_bytes_present(f: object, offset: int, declared: int, size: int) -> int:
    """The audio bytes in the file: all that follow the data header, unless a real chunk
    (LIST, id3) starts where the declared data ends, in which case the header was right."""
    after = offset + declared + (declared & 1)
    if declared not in (0, 0xFFFFFFFF) and after + 8 <= size:
        f.seek(after)  # type: ignore[attr-defined]
        nxt = f.read(8)  # type: ignore[attr-defined]
        chunk_id, chunk_size = nxt[:4], struct.unpack("<I", nxt[4:])[0]
        if all(32 <= c < 127 for c in chunk_id) and after + 8 + chunk_size <= size:
            return declared
    return max(0, size - offset)


def read_pcm(path: str | os.PathLike[str], layout: WavLayout) -> np.ndarray:
    """(frames, channels) float32 in -1..1 from the bytes on disk (needs layout.readable_pcm)."""
    if not layout.readable_pcm:
        raise ValueError("only PCM or 32-bit float WAV samples can be read directly")
    count = layout.present_bytes // (layout.bits // 8)
    if layout.format_tag == _FLOAT:
        dtype, scale, shift = np.dtype("<f4"), 1.0, 0.0
    elif layout.bits == 8:
        dtype, scale, shift = np.dtype("u1"), 1 / 128, -128.0  # 8-bit WAV is unsigned
    else:
        dtype = np.dtype(f"<i{layout.bits // 8}")
        scale, shift = 1 / float(2 ** (layout.bits - 1)), 0.0
    samples = np.fromfile(path, dtype=dtype, count=count, offset=layout.data_offset)
    frames = samples.size // layout.channels
    out = samples[: frames * layout.channels].astype(np.float32)
    if shift:
        out += shift
    if scale != 1.0:
        out *= scale
    return out.reshape(frames, layout.channels)
