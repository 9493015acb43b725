"""Transcript exports: WebVTT (with <v Speaker> voice tags), SRT, plain text and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from app.export import captions
from app.export.captions import Caption
from app.export.captions import one_line as _one_line
from app.export.timefmt import vtt_time
from app.session.segments import Segment, Speaker

FORMATS = ("vtt", "srt", "txt", "json")

DEFAULT_NAMES = {Speaker.INTERVIEWER: "Interviewer", Speaker.PARTICIPANT: "Participant"}


def speaker_label(segment: Segment, names: dict[Speaker, str] | None = None) -> str:
    if segment.speaker_name:
        return segment.speaker_name
    return (names or DEFAULT_NAMES).get(segment.speaker, DEFAULT_NAMES[segment.speaker])


def _captions(segments: Sequence[Segment], names: dict[Speaker, str] | None) -> list[Caption]:
    return [Caption(s.start, s.end, speaker_label(s, names), s.text) for s in segments]


def to_vtt(segments: Sequence[Segment], names: dict[Speaker, str] | None = None) -> str:
    return captions.to_vtt(_captions(segments, names))


def to_srt(segments: Sequence[Segment], names: dict[Speaker, str] | None = None) -> str:
    return captions.to_srt(_captions(segments, names))


def to_txt(segments: Sequence[Segment], names: dict[Speaker, str] | None = None) -> str:
    lines = []
    for segment in segments:
        stamp = vtt_time(segment.start)[:8]
        lines.append(f"[{stamp}] {speaker_label(segment, names)}: {_one_line(segment.text)}")
    return "\n".join(lines) + ("\n" if lines else "")


def to_json(segments: Sequence[Segment], names: dict[Speaker, str] | None = None) -> str:
    data = {
        "segments": [
            {
                "speaker": segment.speaker.value,
                "speaker_name": speaker_label(segment, names),
                "start": round(segment.start, 3),
                "end": round(segment.end, 3),
                "text": segment.text,
                "words": [
                    {
                        "word": w.word,
                        "start": round(w.start, 3),
                        "end": round(w.end, 3),
                        "probability": round(w.probability, 4),
                    }
                    for w in segment.words
                ],
            }
            for segment in segments
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[..., str]] = {
    "vtt": to_vtt,
    "srt": to_srt,
    "txt": to_txt,
    "json": to_json,
}


def render(segments: Sequence[Segment], fmt: str, names: dict[Speaker, str] | None = None) -> str:
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return writer(segments, names)
