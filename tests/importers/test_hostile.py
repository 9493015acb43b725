"""Hostile transcripts are refused with a clear message, before they can hang or flood."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.importers import TranscriptFormatError, load_transcript, parse_transcript


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "call.vtt"
    os.mkfifo(fifo)
    with pytest.raises(TranscriptFormatError, match="not a regular file"):
        load_transcript(fifo)


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TranscriptFormatError, match="not a regular file"):
        load_transcript("/dev/zero")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.srt"
    with big.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: 60 MB that take no disk
    with pytest.raises(TranscriptFormatError, match="larger than"):
        load_transcript(big)


@pytest.mark.parametrize(
    "text",
    [
        '{"speaker": "a", "start": 0, "end": 1e9, "text": "hi"}\n',
        '{"speaker": "a", "start": 0, "end": ' + "9" * 400 + ', "text": "hi"}\n',
        "[" * 100_000 + "]" * 100_000 + "\n",
    ],
)
def test_absurd_times_and_nesting_are_refused_with_the_line(text: str) -> None:
    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(text, suffix=".jsonl")
    assert refused.value.line == 1


def test_caption_times_beyond_two_days_are_refused_with_the_line() -> None:
    vtt = "WEBVTT\n\n999999:00:00.000 --> 999999:00:01.000\nA: hello\n"
    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(vtt, suffix=".vtt")
    assert refused.value.line == 3
