"""Transcript importers: read JSONL, WebVTT, SRT and plain-text transcripts from any tool.

transcript = load_transcript(path)            # raises TranscriptFormatError(message, line)
name = guess_interviewer(transcript.segments)
segments = assign_roles(transcript, name)     # app.session.segments.Segment with roles
"""

from __future__ import annotations

import stat
from pathlib import Path

from app.importers.captions import parse_cues
from app.importers.cleanup import (
    apply_speaker_prefixes,
    drop_rolling_overlap,
    inherit_speakers,
    merge_sentences,
)
from app.importers.detect import detect_format
from app.importers.jsonl import parse_jsonl
from app.importers.model import (
    ImportedSegment,
    Mark,
    Transcript,
    TranscriptFormat,
    TranscriptFormatError,
)
from app.importers.plaintext import parse_text
from app.importers.roles import UNKNOWN_SPEAKER, assign_roles, guess_interviewer, resolve_name

__all__ = [
    "UNKNOWN_SPEAKER",
    "ImportedSegment",
    "Mark",
    "Transcript",
    "TranscriptFormat",
    "TranscriptFormatError",
    "assign_roles",
    "detect_format",
    "guess_interviewer",
    "load_transcript",
    "parse_transcript",
    "resolve_name",
]

MAX_BYTES = 50 * 1024 * 1024


def load_transcript(path: str | Path) -> Transcript:
    path = Path(path)
    try:
        info = path.stat()
        # Only a regular file: a FIFO would block forever and /dev/zero never ends.
        if not stat.S_ISREG(info.st_mode):
            raise TranscriptFormatError(f"{path} is not a regular file")
        if info.st_size > MAX_BYTES:  # checked before reading a gigabyte into memory
            raise TranscriptFormatError(f"{path.name} is larger than {MAX_BYTES // 2**20} MB")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a file that grows meanwhile is still bounded
    except OSError as exc:
        raise TranscriptFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise TranscriptFormatError(f"{path.name} is larger than {MAX_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TranscriptFormatError("not UTF-8 text (is this a transcript?)", line) from None
    return parse_transcript(text, suffix=path.suffix, source=str(path))


def parse_transcript(text: str, *, suffix: str = "", source: str = "") -> Transcript:
    fmt = detect_format(text, suffix)
    estimated = False
    if fmt is TranscriptFormat.JSONL:
        segments, marks = parse_jsonl(text)
    elif fmt in (TranscriptFormat.VTT, TranscriptFormat.SRT):
        segments, marks = parse_cues(text, vtt=fmt is TranscriptFormat.VTT)
        segments = apply_speaker_prefixes(segments)
        segments = drop_rolling_overlap(segments)
    else:
        segments, marks, estimated = parse_text(text)
    segments = inherit_speakers(segments)
    segments = merge_sentences(sorted(segments, key=lambda s: (s.start, s.end)))
    return Transcript(
        tuple(segments),
        fmt,
        tuple(sorted(marks, key=lambda m: m.t)),
        timing_estimated=estimated,
        source=source,
    )
