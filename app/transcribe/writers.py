"""Transcript exports: WebVTT (with <v Speaker> voice tags), SRT, plain text and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from app.export.timefmt import srt_time, vtt_time
from app.session.segments import Segment, Speaker

FORMATS = ("vtt", "srt", "txt", "json")

DEFAULT_NAMES = {Speaker.INTERVIEWER: "Interviewer", Speaker.PARTICIPANT: "Participant"}


def speaker_label(segment: Segment, names: dict[Speaker, str] | None = None) -> str:
    if segment.speaker_name:
        return segment.speaker_name
    return (names or DEFAULT_NAMES).get(segment.speaker, DEFAULT_NAMES[segment.speaker])


def _cue_times(segment: Segment) -> tuple[float, float]:
    # Players reject cues that end before they start; give an instant a visible length.
    return segment.start, max(segment.end, segment.start + 0.001)


def _one_line(text: str) -> str:
    # A blank line ends a cue in both formats; "-->" would be read as a timing line.
    return " ".join(text.split()).replace("-->", "->")


def to_vtt(segments: Sequence[Segment], names: dict[Speaker, str] | None = None) -> str:
    lines = ["WEBVTT", ""]
    for segment in segments:
        start, end = _cue_times(segment)
        voice = speaker_label(segment, names).replace(">", "").strip() or "Speaker"
        text = _one_line(segment.text).replace("&", "&amp;").replace("<", "&lt;")
        lines += [f"{vtt_time(start)} --> {vtt_time(end)}", f"<v {voice}>{text}", ""]
    return "\n".join(lines)


def to_srt(segments: Sequence[Segment], names: dict[Speaker, str] | None = None) -> str:
    lines: list[str] = []
    for index, segment in enumerate(segments, start=1):
        start, end = _cue_times(segment)
        text = _one_line(segment.text)
        lines += [
            str(index),
            f"{srt_time(start)} --> {srt_time(end)}",
            f"{speaker_label(segment, names)}: {text}",
            "",
        ]
    return "\n".join(lines)


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
