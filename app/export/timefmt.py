"""Time stamps as people and caption formats write them."""

from __future__ import annotations


def _parts(t: float) -> tuple[int, int, int, int]:
    ms = max(0, round(t * 1000))
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return hours, minutes, seconds, ms


def vtt_time(t: float) -> str:
    h, m, s, ms = _parts(t)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def srt_time(t: float) -> str:
    h, m, s, ms = _parts(t)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def clock(t: float) -> str:
    """12:05 or 1:02:05: what a reader expects beside a line of transcript."""
    h, m, s, _ = _parts(max(0.0, t) // 1)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
