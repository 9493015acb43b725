"""Time stamps as the tools write them: 01:02:03.456, 1:2:3.4, 02:03,456, 3.48, 54:04."""

from __future__ import annotations

import re

# Fields of at most 9 digits: a 400-digit "time" is not one (and int() of it is slow).
_TIME = re.compile(r"^(?:(\d{1,9}):)?(?:(\d{1,9}):)?(\d{1,9})(?:[.,](\d{1,9}))?$")
# Longer than any interview: a transcript claiming more is damaged or hostile, and would make
# the replay tick through years of timeline.
MAX_TIME_S = 48 * 3600.0


def parse_timestamp(value: str) -> float | None:
    """Seconds, or None when `value` is not a time stamp.

    Accepts hours and minutes optionally and unpadded fields (Teams writes 0:0:0.570); the
    fraction may follow a period or a comma (SRT).
    """
    match = _TIME.match(value.strip())
    if not match:
        return None
    first, second, seconds, fraction = match.groups()
    if first is not None and second is not None:
        hours, minutes = int(first), int(second)
    elif first is not None:
        hours, minutes = 0, int(first)
    else:
        hours, minutes = 0, 0
    if (first is not None and int(seconds) >= 60) or (second is not None and minutes >= 60):
        return None
    total = hours * 3600 + minutes * 60 + int(seconds)
    if fraction:
        total += int(fraction) / (10 ** len(fraction))
    if total > MAX_TIME_S:
        return None
    return float(total)


def format_timestamp(seconds: float, *, comma: bool = False) -> str:
    """HH:MM:SS.mmm (or with a comma, for SRT)."""
    millis = round(max(0.0, seconds) * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    sep = "," if comma else "."
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"
