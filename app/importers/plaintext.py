"""Plain-text transcripts: `Name: text` turns, Otter's `Name  m:ss` headers, `**Name:**` turns.

Time stamps found on their own line (Google Meet's `00:05:00`), in a header (Otter) or inline
(`[54:04]`, `\\[54:04\\]`) anchor the clock; between anchors, and where there are none, time is
spread over the turns by their word counts at a conversational 150 words a minute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.importers.cleanup import split_speaker_prefix
from app.importers.model import ImportedSegment, Mark, TranscriptFormatError
from app.importers.timecodes import parse_timestamp
from app.session.plan import DEFAULT_PHASES

WORDS_PER_SECOND = 2.5
_OTTER_HEADER = re.compile(r"^(.{1,60}?)\s{2,}(\d{1,2}(?::\d{2}){1,2})\s*$")
_BOLD_TURN = re.compile(r"^\*\*([^*]{1,60}?):?\*\*:?\s*(.*)$")
_BARE_TIME = re.compile(r"^\s*\[?(\d{1,2}(?::\d{2}){1,2})\]?\s*$")
_INLINE_TIME = re.compile(r"\\?\[(\d{1,2}(?::\d{2}){1,2})\\?\]\s*")
_PHASE_LINE = re.compile(r"^\s*[\[#(-]*\s*phase\s*:\s*([^\]\)]+?)\s*[\])-]*\s*$", re.IGNORECASE)
_FOOTER = re.compile(r"^(transcribed by https?://otter\.ai|meeting ended after\b)", re.IGNORECASE)
_MARKDOWN_ESCAPE = re.compile(r"\\([\[\]*_#`])")


@dataclass
class _Turn:
    name: str
    line: int
    parts: list[str] = field(default_factory=list)
    anchor: float | None = None  # start time given by the file

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts)).strip()


def parse_text(text: str) -> tuple[list[ImportedSegment], list[Mark], bool]:
    """Returns segments, marks and whether any time was estimated."""
    turns: list[_Turn] = []
    phase_marks: list[tuple[int, int]] = []  # (turn index it precedes, phase index)
    pending_anchor: float | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#") and not _PHASE_LINE.match(line):
            continue
        if _FOOTER.match(line):
            continue
        phase = _PHASE_LINE.match(line)
        if phase:
            index = _phase_by_name(phase.group(1))
            if index is None:
                raise TranscriptFormatError(f"unknown phase {phase.group(1)!r}", number)
            phase_marks.append((len(turns), index))
            continue
        bare = _BARE_TIME.match(line)
        if bare:
            pending_anchor = parse_timestamp(bare.group(1))
            continue
        turn = _turn_start(line, number)
        if turn is not None:
            if turn.anchor is None and pending_anchor is not None:
                turn.anchor = pending_anchor
            pending_anchor = None
            turns.append(turn)
            continue
        if not turns:
            continue  # a preamble (title, attendee list) before the first turn
        turns[-1].parts.append(_strip_inline_times(line, turns[-1]))
    turns = [t for t in turns if t.text]
    if not turns:
        raise TranscriptFormatError(
            "no speaker turns found (expected lines like 'Name: text' or 'Name  0:00')", 1
        )
    segments, estimated = _timeline(turns)
    marks = [
        Mark(
            segments[i].start if i < len(segments) else segments[-1].end, DEFAULT_PHASES[p].name, p
        )
        for i, p in phase_marks
    ]
    return segments, marks, estimated


def _phase_by_name(name: str) -> int | None:
    name = name.strip().lower()
    if name.isdigit() and int(name) < len(DEFAULT_PHASES):
        return int(name)
    for index, spec in enumerate(DEFAULT_PHASES):
        if spec.name.lower() == name:
            return index
    return None


def _strip_inline_times(text: str, turn: _Turn) -> str:
    match = _INLINE_TIME.search(text)
    if match and turn.anchor is None and not turn.parts and match.start() == 0:
        turn.anchor = parse_timestamp(match.group(1))
    text = _INLINE_TIME.sub("", text)
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


def _turn_start(line: str, number: int) -> _Turn | None:
    otter = _OTTER_HEADER.match(line)
    if otter and parse_timestamp(otter.group(2)) is not None:
        return _Turn(otter.group(1).strip(), number, anchor=parse_timestamp(otter.group(2)))
    bold = _BOLD_TURN.match(line)
    if bold:
        turn = _Turn(bold.group(1).strip(), number)
        turn.parts.append(_strip_inline_times(bold.group(2), turn))
        return turn
    name, rest = split_speaker_prefix(line)
    if name is not None:
        turn = _Turn(name, number)
        turn.parts.append(_strip_inline_times(rest, turn))
        return turn
    return None


def _timeline(turns: list[_Turn]) -> tuple[list[ImportedSegment], bool]:
    """Times for every turn: anchors where given (kept increasing), word counts between."""
    durations = [max(1.0, len(t.text.split()) / WORDS_PER_SECOND) for t in turns]
    anchors: list[float | None] = []
    last = -1.0
    for turn in turns:
        if turn.anchor is not None and turn.anchor > last:
            anchors.append(turn.anchor)
            last = turn.anchor
        else:
            anchors.append(None)
    estimated = any(a is None for a in anchors)
    starts: list[float] = [0.0] * len(turns)
    i = 0
    clock = 0.0
    while i < len(turns):
        if anchors[i] is not None:
            clock = anchors[i]  # type: ignore[assignment]
        starts[i] = clock
        # Find the next anchor; spread the turns in between over the interval when it is known.
        j = i + 1
        while j < len(turns) and anchors[j] is None:
            j += 1
        words_time = sum(durations[i:j])
        if j < len(turns) and anchors[j] is not None:
            scale = min(1.0, (anchors[j] - clock) / words_time) if words_time else 1.0  # type: ignore[operator]
        else:
            scale = 1.0
        for k in range(i, j):
            starts[k] = clock
            clock += durations[k] * scale
        i = j
    segments = []
    for k, turn in enumerate(turns):
        end = starts[k] + durations[k]
        if k + 1 < len(turns):
            end = min(end, starts[k + 1]) if starts[k + 1] > starts[k] else end
        segments.append(
            ImportedSegment(
                round(starts[k], 3),
                round(max(end, starts[k]), 3),
                turn.text,
                speaker_name=turn.name,
            )
        )
    return segments, estimated
