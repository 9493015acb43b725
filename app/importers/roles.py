"""From speaker names to the two roles the coach knows: interviewer and participant."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from app.importers.model import ImportedSegment, Transcript
from app.session.segments import Segment, Speaker

UNKNOWN_SPEAKER = "Unknown speaker"
_QUESTION = re.compile(r"\?")


def display_name(seg: ImportedSegment) -> str:
    return seg.speaker_name or UNKNOWN_SPEAKER


def guess_interviewer(segments: Iterable[ImportedSegment]) -> str:
    """The speaker who asks the most questions (ties: who speaks first).

    A file whose segments already carry roles names its interviewer outright.
    """
    segments = list(segments)
    for seg in segments:
        if seg.role is Speaker.INTERVIEWER:
            return display_name(seg)
    questions: Counter[str] = Counter()
    order: dict[str, int] = {}
    for seg in segments:
        name = display_name(seg)
        order.setdefault(name, len(order))
        questions[name] += len(_QUESTION.findall(seg.text))
    if not order:
        return UNKNOWN_SPEAKER
    return max(order, key=lambda name: (questions[name], -order[name]))


def resolve_name(transcript: Transcript, wanted: str) -> str | None:
    """The speaker name in the file matching `wanted` (case and spacing aside), or None."""
    key = " ".join(wanted.split()).casefold()
    names = {display_name(s) for s in transcript.segments}
    names.update(s.role.value for s in transcript.segments if s.role)
    for name in names:
        if " ".join(name.split()).casefold() == key:
            return name
    return None


def assign_roles(transcript: Transcript, interviewer: str) -> list[Segment]:
    """Segments with roles: `interviewer` (a name, or the role word) is the interviewer."""
    segments: list[Segment] = []
    for seg in sorted(transcript.segments, key=lambda s: (s.start, s.end)):
        name = display_name(seg)
        is_interviewer = name == interviewer or (seg.role is not None and seg.role == interviewer)
        if seg.role is not None and interviewer in (r.value for r in Speaker):
            is_interviewer = seg.role is Speaker.INTERVIEWER
        speaker = Speaker.INTERVIEWER if is_interviewer else Speaker.PARTICIPANT
        segments.append(
            Segment(speaker, seg.start, seg.end, seg.text, speaker_name=seg.speaker_name)
        )
    return segments
