"""WebVTT and SRT caption files (Zoom, Teams, YouTube, podcast tools, subtitle editors)."""

from __future__ import annotations

import re

from app.importers.cleanup import clean_caption_text
from app.importers.model import ImportedSegment, Mark, TranscriptFormatError
from app.importers.timecodes import parse_timestamp
from app.session.plan import DEFAULT_PHASES

_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$")
_PHASE_NOTE = re.compile(r"^NOTE\s+phase\s*:?\s*(.+)$", re.IGNORECASE)


def _timing(line: str, number: int) -> tuple[float, float] | None:
    match = _TIMING.match(line)
    if not match:
        return None
    start, end = parse_timestamp(match.group(1)), parse_timestamp(match.group(2))
    if start is None or end is None:
        raise TranscriptFormatError(f"cannot read the time stamps in {line.strip()!r}", number)
    if end < start:
        raise TranscriptFormatError("the cue ends before it starts", number)
    return start, end


def _phase_index(name: str) -> int | None:
    name = name.strip().lower()
    if name.isdigit():
        return int(name)
    for index, spec in enumerate(DEFAULT_PHASES):
        if spec.name.lower() == name:
            return index
    return None


def parse_cues(text: str, *, vtt: bool) -> tuple[list[ImportedSegment], list[Mark]]:
    """Both formats are blocks of: optional id, a `start --> end` line, text lines.

    A new timing line also ends the cue before it, even without a blank line (YouTube writes
    that). In VTT the header, STYLE/REGION blocks and NOTE blocks are skipped; a
    `NOTE phase: Go deeper` block marks a phase change at the next cue.
    """
    lines = text.splitlines()
    index = 0
    if vtt:
        if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
            raise TranscriptFormatError("a WebVTT file must start with WEBVTT", 1)
        index = 1
        while index < len(lines) and lines[index].strip():  # header lines (Kind:, Style:)
            index += 1
    segments: list[ImportedSegment] = []
    marks: list[Mark] = []
    pending_phase: int | None = None
    cue_start = cue_end = 0.0
    cue_lines: list[str] | None = None
    block_first = True  # at the first line of a block
    skipping = False  # inside a NOTE/STYLE/REGION block

    def flush() -> None:
        nonlocal cue_lines
        if cue_lines is not None:
            raw = "\n".join(cue_lines)
            clean, voice = clean_caption_text(raw)
            if clean:
                segments.append(ImportedSegment(cue_start, cue_end, clean, speaker_name=voice))
        cue_lines = None

    while index < len(lines):
        number = index + 1
        line = lines[index].rstrip("\r").lstrip("\ufeff")
        index += 1
        if not line.strip():
            flush()
            block_first, skipping = True, False
            continue
        if skipping:
            continue
        if "-->" in line:
            timing = _timing(line, number)
            if timing is None:
                raise TranscriptFormatError(f"cannot read the cue timing {line.strip()!r}", number)
            flush()
            cue_start, cue_end = timing
            cue_lines = []
            if pending_phase is not None:
                marks.append(Mark(cue_start, DEFAULT_PHASES[pending_phase].name, pending_phase))
                pending_phase = None
            block_first = False
            continue
        if block_first:
            block_first = False
            word = line.strip().split(" ", 1)[0]
            if vtt and word in ("NOTE", "STYLE", "REGION"):
                note = _PHASE_NOTE.match(line.strip())
                if note:
                    found = _phase_index(note.group(1))
                    if found is not None and 0 <= found < len(DEFAULT_PHASES):
                        pending_phase = found
                skipping = True
                continue
            if cue_lines is None:
                # A cue id (a number, or any text in VTT) before its timing line.
                if index < len(lines) and "-->" in lines[index]:
                    continue
                raise TranscriptFormatError(
                    f"expected a cue number or a timing line, found {line.strip()[:40]!r}", number
                )
        if cue_lines is None:
            raise TranscriptFormatError("text outside a cue", number)
        cue_lines.append(line)
    flush()
    if not segments:
        raise TranscriptFormatError("no cues with text in the file", 1)
    return segments, marks
