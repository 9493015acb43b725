"""Importers: every supported format, its quirks, and clear errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importers import (
    TranscriptFormat,
    TranscriptFormatError,
    assign_roles,
    detect_format,
    guess_interviewer,
    load_transcript,
    parse_transcript,
)
from app.importers.timecodes import parse_timestamp
from app.session.segments import Speaker

DATA = Path(__file__).resolve().parents[1] / "data"


def test_same_interview_in_three_formats_gives_the_same_segments() -> None:
    loaded = [load_transcript(DATA / f"same_interview.{ext}") for ext in ("jsonl", "vtt", "srt")]
    assert [t.format for t in loaded] == [
        TranscriptFormat.JSONL,
        TranscriptFormat.VTT,
        TranscriptFormat.SRT,
    ]
    as_tuples = [
        [(s.speaker_name, round(s.start, 3), round(s.end, 3), s.text) for s in t.segments]
        for t in loaded
    ]
    assert as_tuples[0] == as_tuples[1] == as_tuples[2]
    assert len(as_tuples[0]) == 27


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:01:02.500", 62.5),
        ("0:0:0.570", 0.57),
        ("01:02,250", 62.25),
        ("3.48", 3.48),
        ("1:02:03", 3723.0),
        ("54:04", 3244.0),
        ("abc", None),
        ("00:61:00.000", None),
    ],
)
def test_timestamps(text: str, seconds: float | None) -> None:
    assert parse_timestamp(text) == seconds


def test_vtt_voice_tags_entities_and_inline_timing() -> None:
    text = (
        "WEBVTT\nKind: captions\n\n"
        "00:00:01.000 --> 00:00:03.000 align:start\n<v Ana Lopes>Tell me Q&amp;A <00:00:02.000><c>story.</c></v>\n\n"
        "NOTE phase: Go deeper\n\n"
        "00:00:04.000 --> 00:00:05.000\n<v.loud Ben>It broke.\n"
        "00:00:05.000 --> 00:00:06.000\n<v Ben>Twice.\n"
    )
    t = parse_transcript(text)
    assert [(s.speaker_name, s.text) for s in t.segments] == [
        ("Ana Lopes", "Tell me Q&A story."),
        ("Ben", "It broke."),
        ("Ben", "Twice."),
    ]
    assert [(m.t, m.phase_index) for m in t.marks] == [(4.0, 2)]


def test_zoom_names_and_srt_speaker_only_at_turn_start() -> None:
    srt = (
        "1\n00:00:00,000 --> 00:00:02,000\nDr. Mia Ko: So when you first\n\n"
        "2\n00:00:02,000 --> 00:00:04,000\nstarted, what happened?\n\n"
        "3\n00:00:04,500 --> 00:00:06,000\nSam: It was slow.\n\n"
        "4\n00:00:06,000 --> 00:00:07,000\nDr. Mia Ko: Go on.\n"
    )
    t = parse_transcript(srt)
    assert t.format is TranscriptFormat.SRT
    assert [(s.speaker_name, s.text) for s in t.segments] == [
        ("Dr. Mia Ko", "So when you first started, what happened?"),
        ("Sam", "It was slow."),
        ("Dr. Mia Ko", "Go on."),
    ]


def test_rolling_captions_keep_each_word_once() -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nhow did you\n\n"
        "00:00:02.000 --> 00:00:04.000\nhow did you find the export\n\n"
        "00:00:03.500 --> 00:00:05.000\nfind the export tool\n"
    )
    t = parse_transcript(vtt)
    assert [s.text for s in t.segments] == ["how did you find the export tool"]


def test_otter_headers_and_footer() -> None:
    text = (
        "Ana  0:00  \nThanks for joining. How did you\nstart?\n\n"
        "Unknown Speaker  1:05  \nBy accident.\n\nTranscribed by https://otter.ai\n"
    )
    t = parse_transcript(text)
    assert t.format is TranscriptFormat.TEXT
    assert [(s.speaker_name, s.start, s.text) for s in t.segments] == [
        ("Ana", 0.0, "Thanks for joining. How did you start?"),
        ("Unknown Speaker", 65.0, "By accident."),
    ]


def test_name_turns_without_times_are_spread_by_word_count() -> None:
    text = "# Call notes\nAna: What happened last week?\nBen: " + "word " * 25 + "\nAna: Go on.\n"
    t = parse_transcript(text)
    assert t.timing_estimated
    starts = [s.start for s in t.segments]
    assert starts[0] == 0.0 and starts[1] < starts[2]
    assert t.segments[2].start - t.segments[1].start == pytest.approx(25 / 2.5)


def test_markdown_bold_turns_and_inline_anchors() -> None:
    text = "**Ana:** Welcome.\n\n**Ben:** \\[01:00\\] Thanks for having me.\n"
    t = parse_transcript(text)
    assert [(s.speaker_name, s.start, s.text) for s in t.segments] == [
        ("Ana", 0.0, "Welcome."),
        ("Ben", 60.0, "Thanks for having me."),
    ]


def test_jsonl_roles_and_marks() -> None:
    text = (
        '{"speaker": "interviewer", "start": 0, "end": 2, "text": "Hi."}\n'
        '{"mark": "phase", "phase": "Go deeper", "start": 2}\n'
        '{"speaker": "participant", "start": 2.5, "end": 4, "text": "Hello."}\n'
    )
    t = parse_transcript(text)
    assert [s.role for s in t.segments] == [Speaker.INTERVIEWER, Speaker.PARTICIPANT]
    assert t.marks[0].phase_index == 2
    assert guess_interviewer(t.segments) == "interviewer"
    segments = assign_roles(t, "interviewer")
    assert [s.speaker for s in segments] == [Speaker.INTERVIEWER, Speaker.PARTICIPANT]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            '{"speaker": "a", "start": 0, "end": 1, "text": "x"}\n{"speaker": "a", "start": 0}\n',
            2,
            "missing",
        ),
        ('{"speaker": "a", "start": 0, "end": 1, "text": "x"}\n\n{not json\n', 3, "JSON"),
        ('{"speaker": "a", "start": 5, "end": 1, "text": "x"}\n', 1, "before"),
        ('{"speaker": "a", "start": "soon", "end": 1, "text": "x"}\n', 1, "number"),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:xx --> 00:00:03.000\nbad\n",
            6,
            "time",
        ),
        ("1\n00:00:01,000 --> 00:00:02,000\nok\n\nstray text\nmore\n", 5, "cue"),
        ("", 1, "empty"),
        ("just some prose with no speakers at all\n", 1, "no speaker turns"),
        ("00:05:16\tRyan:\tHello all\n00:06:00\tAna:\tHi\n", 1, "chat"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_transcript(text)
    assert caught.value.line == line
    assert words.lower() in caught.value.message.lower()


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "audio.vtt"
    path.write_bytes(b"WEBVTT\n\xff\xfe\x00garbage")
    with pytest.raises(TranscriptFormatError, match="UTF-8"):
        load_transcript(path)


def test_detect_format_prefers_content_over_extension() -> None:
    assert detect_format("WEBVTT\n\n", ".txt") is TranscriptFormat.VTT
    assert detect_format("Ana: hi\n", ".vtt") is TranscriptFormat.VTT
    assert detect_format("1\n00:00:01,000 --> 00:00:02,000\nx\n") is TranscriptFormat.SRT
    assert detect_format('{"speaker": "a"}\n') is TranscriptFormat.JSONL
    assert detect_format("Ana: hi\n") is TranscriptFormat.TEXT


def test_guess_interviewer_is_who_asks_most() -> None:
    t = parse_transcript("Ana: Hi.\nBen: What do you do? And how?\nAna: I sell. You?\n")
    assert guess_interviewer(t.segments) == "Ben"
    roles = {s.speaker_name: s.speaker for s in assign_roles(t, "Ben")}
    assert roles == {"Ana": Speaker.PARTICIPANT, "Ben": Speaker.INTERVIEWER}
