"""Which kind of transcript a file is, from its content (the extension is only a hint)."""

from __future__ import annotations

import re

from app.importers.model import TranscriptFormat, TranscriptFormatError

_SRT_TIMING = re.compile(r"^\s*\d+:\d{1,2}:\d{1,2},\d+\s+-->\s+")
_ANY_TIMING = re.compile(r"^\s*\S+\s+-->\s+\S+")
_ZOOM_CHAT = re.compile(r"^\d{2}:\d{2}:\d{2}\t[^\t]+:\t")


def detect_format(text: str, suffix: str = "") -> TranscriptFormat:
    """Raises TranscriptFormatError for content that is no transcript we know (a chat log)."""
    lines = [line.strip().lstrip("\ufeff") for line in text.splitlines()]
    first = next((line for line in lines if line), "")
    if not first:
        raise TranscriptFormatError("the file is empty", 1)
    if first.startswith("WEBVTT"):
        return TranscriptFormat.VTT
    if first.startswith("{"):
        return TranscriptFormat.JSONL
    raw_lines = text.splitlines()
    chat_lines = sum(1 for line in raw_lines[:50] if _ZOOM_CHAT.match(line.lstrip("\ufeff")))
    if chat_lines >= max(1, min(len(raw_lines), 50) // 2):
        raise TranscriptFormatError(
            "this looks like a Zoom chat export (time, name, message), not a transcript of "
            "speech; use the meeting's transcript (.vtt) instead",
            1,
        )
    head = lines[:200]
    if any(_SRT_TIMING.match(line) for line in head):
        return TranscriptFormat.SRT
    if any(_ANY_TIMING.match(line) for line in head):
        # Caption timings without a WEBVTT header: read as SRT, which has no header.
        return TranscriptFormat.SRT
    if suffix.lower() in (".vtt",):
        return TranscriptFormat.VTT
    return TranscriptFormat.TEXT
