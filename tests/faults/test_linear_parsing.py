"""Caption markup is stripped in linear time: 200 KB of '<' in one cue must not hang the import."""

from __future__ import annotations

import time

import pytest

from app.importers import parse_transcript
from app.importers.cleanup import clean_caption_text

LINE = 200_000
# A time limit, not a benchmark: the quadratic regexes took 7 s to 200 s on these lines.
LIMIT_S = 2.0


@pytest.mark.parametrize("unit", ["<", "<v ", "<v.a ", "<a", "< ", "<v" + " " * 50])
@pytest.mark.parametrize("suffix", [".vtt", ".srt"])
def test_a_cue_full_of_angle_brackets_parses_at_once(unit: str, suffix: str) -> None:
    payload = (unit * (LINE // len(unit) + 1))[:LINE]
    head = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" if suffix == ".vtt" else (
        "1\n00:00:01,000 --> 00:00:02,000\n")  # fmt: skip
    started = time.perf_counter()
    parse_transcript(head + payload + "\n", suffix=suffix)
    assert time.perf_counter() - started < LIMIT_S


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<v Alice>Hello <i>there</i>", ("Hello there", "Alice")),
        ("<v.loud Bob Smith>Yes</v>", ("Yes", "Bob Smith")),
        ("<c.yellow>plain</c> &amp; simple", ("plain & simple", None)),
        ("<00:00:01.500>timed <b>word</b>", ("timed word", None)),
        ("a < b and c > d", ("a d", None)),
        ("<<b>x", ("<x", None)),  # a tag holds no '<': the stray one stays as text
    ],
)
def test_tags_and_voices_are_read_as_before(raw: str, expected: tuple[str, str | None]) -> None:
    assert clean_caption_text(raw) == expected


def test_a_five_thousand_digit_integer_in_jsonl_is_refused_with_a_message() -> None:
    from app.importers import TranscriptFormatError

    line = f'{{"speaker": "A", "start": {"9" * 5000}, "end": 1, "text": "x"}}\n'
    with pytest.raises(TranscriptFormatError, match="far too long"):
        parse_transcript(line, suffix=".jsonl")
