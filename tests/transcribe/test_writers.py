import html
import io
import json

import srt
import webvtt

from app.session.segments import Segment, Speaker, Word
from app.transcribe.writers import render, to_json, to_srt, to_txt, to_vtt

SEGMENTS = [
    Segment(
        Speaker.INTERVIEWER, 0.5, 2.25, "Tell me about the last time.", (Word("Tell", 0.5, 0.8),)
    ),
    Segment(Speaker.PARTICIPANT, 2.5, 3661.5, "It was <bad> & --> odd\n\nreally"),
    Segment(Speaker.PARTICIPANT, 4.0, 4.0, "Hm.", speaker_name="Dana"),
]


def test_vtt_parses_back_with_voices_and_times() -> None:
    captions = webvtt.from_buffer(io.StringIO(to_vtt(SEGMENTS)))
    assert len(captions) == 3
    assert captions[0].voice == "Interviewer"
    assert captions[0].start == "00:00:00.500" and captions[0].end == "00:00:02.250"
    assert captions[0].text == "Tell me about the last time."
    assert captions[1].voice == "Participant"
    assert captions[1].end == "01:01:01.500"
    # The WebVTT spec needs & and < escaped (and > inside "-->"); webvtt-py leaves entities as
    # they are, so the text comes back exactly once unescaped.
    assert html.unescape(captions[1].text) == "It was <bad> & --> odd really"
    assert captions[2].voice == "Dana"


def test_srt_parses_back() -> None:
    subtitles = list(srt.parse(to_srt(SEGMENTS)))
    assert [s.index for s in subtitles] == [1, 2, 3]
    assert subtitles[0].content == "Interviewer: Tell me about the last time."
    assert subtitles[1].start.total_seconds() == 2.5
    assert subtitles[1].end.total_seconds() == 3661.5
    assert subtitles[2].end > subtitles[2].start


def test_txt_has_one_line_per_segment() -> None:
    lines = to_txt(SEGMENTS).splitlines()
    assert lines[0] == "[00:00:00] Interviewer: Tell me about the last time."
    assert lines[1].startswith("[00:00:02] Participant: It was")
    assert len(lines) == 3


def test_json_keeps_words_and_speakers() -> None:
    data = json.loads(to_json(SEGMENTS))
    first = data["segments"][0]
    assert first["speaker"] == "interviewer" and first["words"][0]["word"] == "Tell"
    assert data["segments"][2]["speaker_name"] == "Dana"


def test_render_rejects_unknown_format() -> None:
    try:
        render(SEGMENTS, "doc")
    except ValueError as error:
        assert "vtt" in str(error)
    else:
        raise AssertionError("an unknown format must fail")
