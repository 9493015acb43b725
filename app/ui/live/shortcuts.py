"""The live window's keyboard shortcuts, in one place: the keys, and the labels tooltips show."""

from __future__ import annotations

# One place for every shortcut: (action name, key sequence, human label for tooltips).
SHORTCUTS: dict[str, tuple[str, str]] = {
    "next": ("Ctrl+Right", "Ctrl+\u2192"),
    "previous": ("Ctrl+Left", "Ctrl+\u2190"),
    "mark": ("Ctrl+M", "Ctrl+M"),
    "note": ("Ctrl+N", "Ctrl+N"),
    "granted": ("Ctrl+G", "Ctrl+G"),
    "declined": ("Ctrl+D", "Ctrl+D"),
    "record": ("Ctrl+R", "Ctrl+R"),
    "pause": ("Ctrl+Space", "Ctrl+Space"),
    "start_end": ("Ctrl+E", "Ctrl+E"),
}


def tip(text: str, action: str) -> str:
    """A tooltip that names the action's shortcut."""
    return f"{text} ({SHORTCUTS[action][1]})"
