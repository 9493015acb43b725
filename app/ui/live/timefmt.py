"""How times read on screen (Qt-free, so the wording is tested on its own)."""

from __future__ import annotations


def clock(seconds: float) -> str:
    """12:05 for 725 s; 1:02:05 past an hour. Negative values read as 0:00."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def minutes(seconds: float) -> str:
    """30 for 1800 s, 2.5 for 150 s."""
    return f"{seconds / 60:g}"


def remaining(elapsed: float, budget: float) -> str:
    """What is left of a budget, or how far past it: "3:20 left" / "1:05 over"."""
    if elapsed > budget:
        return f"{clock(elapsed - budget)} over"
    return f"{clock(budget - elapsed)} left"
