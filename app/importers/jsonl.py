"""JSON Lines: one `{"speaker", "start", "end", "text"}` object per line.

A line may instead be a mark: `{"mark": "phase", "phase": 2 or "Go deeper", "start": 600}` or
`{"mark": "note", "label": "...", "start": 12.5}`.
"""

from __future__ import annotations

import json
import math
from typing import Any

from app.importers.model import ImportedSegment, Mark, TranscriptFormatError
from app.importers.timecodes import MAX_TIME_S
from app.session.plan import DEFAULT_PHASES
from app.session.segments import Speaker

_ROLES = {role.value: role for role in Speaker}


MAX_LINE_CHARS = 200_000  # one transcript line; more is not a transcript


def parse_jsonl(text: str) -> tuple[list[ImportedSegment], list[Mark]]:
    segments: list[ImportedSegment] = []
    marks: list[Mark] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            raise TranscriptFormatError(f"a line longer than {MAX_LINE_CHARS} characters", number)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TranscriptFormatError(f"not valid JSON ({exc.msg})", number) from None
        except RecursionError:  # 100,000 nested arrays: not a transcript line
            raise TranscriptFormatError("JSON nested too deeply", number) from None
        except ValueError:  # an integer of more than 4,300 digits (Python's own limit)
            raise TranscriptFormatError("a number far too long to be a time", number) from None
        if not isinstance(obj, dict):
            raise TranscriptFormatError("expected a JSON object", number)
        if "mark" in obj:
            marks.append(_mark(obj, number))
        else:
            segments.append(_segment(obj, number))
    if not segments:
        raise TranscriptFormatError("no segments in the file", 1)
    return segments, marks


def _number(obj: dict[str, Any], key: str, line: int) -> float:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TranscriptFormatError(f'"{key}" must be a number of seconds', line)
    # Compared before any float conversion: a 400-digit integer overflows a float.
    if isinstance(value, float) and not math.isfinite(value):
        raise TranscriptFormatError(f'"{key}" must be a number of seconds', line)
    if value < 0:
        raise TranscriptFormatError(f'"{key}" must not be negative', line)
    if value > MAX_TIME_S:
        raise TranscriptFormatError(f'"{key}" is more than {MAX_TIME_S / 3600:g} hours', line)
    return float(value)


def _segment(obj: dict[str, Any], line: int) -> ImportedSegment:
    missing = [key for key in ("speaker", "start", "end", "text") if key not in obj]
    if missing:
        raise TranscriptFormatError(f"missing {', '.join(repr(k) for k in missing)}", line)
    speaker, text = obj["speaker"], obj["text"]
    if not isinstance(speaker, str) or not speaker.strip():
        raise TranscriptFormatError('"speaker" must be a non-empty string', line)
    if not isinstance(text, str):
        raise TranscriptFormatError('"text" must be a string', line)
    start, end = _number(obj, "start", line), _number(obj, "end", line)
    if end < start:
        raise TranscriptFormatError('"end" is before "start"', line)
    name = speaker.strip()
    return ImportedSegment(
        start, end, text.strip(), speaker_name=name, role=_ROLES.get(name.lower())
    )


def _mark(obj: dict[str, Any], line: int) -> Mark:
    key = "start" if "start" in obj else "t"
    t = _number(obj, key, line)
    label = str(obj.get("label", ""))
    if obj["mark"] != "phase":
        return Mark(t, label)
    phase = obj.get("phase")
    if isinstance(phase, int) and not isinstance(phase, bool):
        return Mark(t, label or f"phase {phase}", phase)
    if isinstance(phase, str):
        for index, spec in enumerate(DEFAULT_PHASES):
            if spec.name.lower() == phase.strip().lower():
                return Mark(t, label or spec.name, index)
    raise TranscriptFormatError('a phase mark needs "phase": an index or a phase name', line)
