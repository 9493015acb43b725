"""The one writer of caption formats (WebVTT and SRT): the review's exports and
`tellmemore transcribe` both render through here, so one transcript reads the same from both."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.export.timefmt import srt_time, vtt_time

# A caption must not end before it starts; a zero-length one is legal but useless to a player.
MIN_CAPTION_S = 0.001


@dataclass(frozen=True)
class Caption:
    start: float
    end: float
    speaker: str  # the name shown: a voice tag in WebVTT, a "Name: " prefix in SRT
    text: str


def one_line(text: str) -> str:
    # A blank line ends a caption block in both formats: keep each caption's text on one line.
    return " ".join(text.split())


def vtt_escape(text: str) -> str:
    """WebVTT cue text: the three markup characters escaped, and no "-->" (a timing line)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("-->", "\u2192")


def _times(caption: Caption) -> tuple[float, float]:
    return caption.start, max(caption.end, caption.start + MIN_CAPTION_S)


def to_vtt(captions: Sequence[Caption], *, title: str = "",
           notes: Mapping[int, Sequence[str]] | None = None) -> str:  # fmt: skip
    """WebVTT with <v Speaker> voice tags, numbered cues, and NOTE blocks: `title` first, and
    `notes[i]` just before caption i (e.g. where a phase starts)."""
    out = ["WEBVTT", ""]
    if title:
        out += [f"NOTE {one_line(title).replace('-->', chr(0x2192))}", ""]
    for number, caption in enumerate(captions, start=1):
        for note in (notes or {}).get(number - 1, ()):
            out += [f"NOTE {one_line(note).replace('-->', chr(0x2192))}", ""]
        start, end = _times(caption)
        voice = vtt_escape(one_line(caption.speaker)).replace(">", "") or "Speaker"
        out += [
            str(number),
            f"{vtt_time(start)} --> {vtt_time(end)}",
            f"<v {voice}>{vtt_escape(one_line(caption.text))}",
            "",
        ]
    return "\n".join(out)


def to_srt(captions: Sequence[Caption]) -> str:
    """SRT with the speaker as a `Name: ` prefix, the convention most tools read back."""
    out: list[str] = []
    for number, caption in enumerate(captions, start=1):
        start, end = _times(caption)
        text = one_line(caption.text).replace("-->", "\u2192")
        out += [
            str(number),
            f"{srt_time(start)} --> {srt_time(end)}",
            f"{one_line(caption.speaker)}: {text}",
            "",
        ]
    return "\n".join(out)
