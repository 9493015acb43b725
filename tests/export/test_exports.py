"""Exports parse back with standard parsers and carry speakers, times, cues and cards."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import srt
import webvtt

from app.export import (
    cards_of,
    cards_to_csv,
    cards_to_markdown,
    draft_follow_up,
    export_transcript,
    load_document,
    to_json,
    to_markdown,
    to_srt,
    to_text,
    to_vtt,
)
from app.export.timefmt import clock, srt_time, vtt_time
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from tests.export.conftest import LINES


def test_time_formats() -> None:
    assert vtt_time(3723.456) == "01:02:03.456"
    assert srt_time(0.0016) == "00:00:00,002"
    assert srt_time(59.9996) == "00:01:00,000"
    assert clock(65.9) == "1:05"
    assert clock(3700) == "1:01:40"


def test_vtt_parses_back_with_webvtt_py(store: Store, interview_id: int, tmp_path: Path) -> None:
    doc = load_document(store, interview_id)
    path = tmp_path / "t.vtt"
    path.write_text(to_vtt(doc), encoding="utf-8")
    captions = webvtt.read(str(path)).captions
    assert len(captions) == len(LINES)
    for caption, (_speaker, start, end, text) in zip(captions, LINES, strict=True):
        assert caption.start == vtt_time(start)
        assert caption.end == vtt_time(end)
        assert caption.start_in_seconds == int(start)
        assert html.unescape(caption.text) == text  # entities escaped as the spec asks
    assert captions[0].voice == "Dana"
    assert captions[1].voice == "Priya Shah"
    assert captions[4].start == "01:01:40.000"


def test_vtt_round_trips_through_our_importer(store: Store, interview_id: int,
                                              tmp_path: Path) -> None:  # fmt: skip
    from app.importers import load_transcript

    path = tmp_path / "t.vtt"
    path.write_text(export_transcript(load_document(store, interview_id), "vtt"), "utf-8")
    transcript = load_transcript(path)
    assert [s.speaker_name for s in transcript.segments][:2] == ["Dana", "Priya Shah"]
    assert "<by hand> & swore" in transcript.segments[3].text
    assert [m.phase_index for m in transcript.marks] == [0, 1, 2, 3]  # phase notes survive


def test_srt_parses_back_with_srt(store: Store, interview_id: int) -> None:
    subs = list(srt.parse(to_srt(load_document(store, interview_id))))
    assert len(subs) == len(LINES)
    assert [s.index for s in subs] == list(range(1, len(LINES) + 1))
    assert subs[3].start.total_seconds() == pytest.approx(68.5)
    assert subs[3].end.total_seconds() == pytest.approx(80.25)
    assert subs[3].content.startswith("Priya Shah: Honestly")
    assert subs[0].content == "Dana: Thanks for joining. Can I record this call?"
    assert srt.compose(subs)  # valid enough for the library to write it out again


def test_zero_length_and_renamed_speakers(store: Store, interview_id: int) -> None:
    from app.session.segments import Segment, Speaker
    from app.store.transcript import SegmentRepository

    repo = SegmentRepository(store)
    repo.add(interview_id, Segment(Speaker.PARTICIPANT, 90.0, 90.0, "Mm."))
    repo.rename_speaker(interview_id, Speaker.PARTICIPANT, "P. Shah")
    doc = load_document(store, interview_id)
    subs = list(srt.parse(to_srt(doc)))
    short = next(s for s in subs if s.content.endswith("Mm."))
    assert short.end > short.start
    assert short.content == "P. Shah: Mm."


def test_text_and_markdown(store: Store, interview_id: int) -> None:
    doc = load_document(store, interview_id)
    text = to_text(doc)
    assert "[1:08] Priya Shah: Honestly it was a nightmare" in text
    assert "== Go deeper ==" in text
    assert "[1:01:40] Dana: Thank you so much" in text
    md = to_markdown(doc)
    assert md.startswith("# Interview with Priya Shah")
    assert "### Go deeper (1:06)" in md
    assert "**Priya Shah** `1:08`" in md
    assert "\\<by hand\\> & swore" in md  # escaped, not swallowed as HTML
    assert "> **Card \u00b7 Pain point** \u201cI spent three hours copying receipts\u201d" in md
    assert "> **Cue \u00b7 closed** at 0:01" in md
    assert "> **Mark** at 1:10: key moment" in md
    assert "> **Note** at 1:15: ask about approvals" in md
    assert "> **Consent granted** at 0:06" in md
    assert "## Insight cards" in md and "## Coaching cues" in md
    # Each annotation follows the line in which it happened.
    assert md.index("key moment") > md.index("Honestly it was") > md.index("last time you filed")


def test_json(store: Store, interview_id: int) -> None:
    data = json.loads(to_json(load_document(store, interview_id)))
    assert data["interview"]["participant"]["name"] == "Priya Shah"
    assert data["interview"]["gift"] == "$50 gift card"
    assert len(data["segments"]) == len(LINES)
    assert data["segments"][3]["speaker"] == "participant"
    assert data["cards"][0]["tag_label"] == "Pain point"
    assert data["cues"][0]["kind"] == "closed"
    assert [p["name"] for p in data["phases"]][2] == "Go deeper"
    assert data["phases"][3]["end"] == pytest.approx(3705.0)


def test_edited_text_exports_correction_and_json_keeps_original(store: Store,
                                                                interview_id: int) -> None:  # fmt: skip
    from app.store.transcript import SegmentRepository

    repo = SegmentRepository(store)
    seg = repo.list(interview_id)[1]
    repo.edit_text(seg.id, "Sure, please go ahead.")
    doc = load_document(store, interview_id)
    assert "Sure, please go ahead." in to_srt(doc)
    data = json.loads(to_json(doc))
    assert data["segments"][1]["original_text"] == "Sure, go ahead."


def test_cards_csv_and_markdown(store: Store, interview_id: int) -> None:
    doc = load_document(store, interview_id)
    rows = list(csv.DictReader(io.StringIO(cards_to_csv(cards_of(doc)))))
    assert len(rows) == 1
    assert rows[0]["quote"] == "I spent three hours copying receipts"
    assert rows[0]["tag"] == "pain_point" and rows[0]["time"] == "1:10"
    assert rows[0]["note"].startswith("'=")  # no formula injection into a spreadsheet
    md = cards_to_markdown(CardRepository(store).list_all())
    assert "## Pain point (1)" in md
    assert "\u201cI spent three hours copying receipts\u201d \u2014 Priya Shah, Northwind" in md


def test_follow_up_email(store: Store, interview_id: int) -> None:
    email = draft_follow_up(load_document(store, interview_id))
    assert email.body.startswith("Hi Priya,")
    assert "Thank you" in email.body
    assert "\u201cI spent three hours copying receipts\u201d" in email.body  # the card stands out
    assert "$50 gift card" in email.body
    assert "follow up by email" in email.body
    assert email.body.rstrip().endswith("Dana")
    parts = urlsplit(email.mailto_url())
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you for your time, Priya"]
    assert unquote(parts.query).count("\r\n") >= 5
    assert query["body"][0].replace("\r\n", "\n") == email.body


def test_email_without_cards_quotes_the_answer_nearest_the_focus(store: Store) -> None:
    from app.session.plan import InterviewPlan, Participant
    from app.session.segments import Segment, Speaker
    from app.store.transcript import SegmentRepository

    iid = InterviewRepository(store).create(
        InterviewPlan(Participant("Sam"), focus="travel expenses", gift=""))
    repo = SegmentRepository(store)
    repo.add(iid, Segment(Speaker.PARTICIPANT, 0, 5, "We mostly talk about football at lunch."))
    repo.add(iid, Segment(Speaker.PARTICIPANT, 6, 9, "Travel expenses are the worst part of my month."))  # noqa: E501
    email = draft_follow_up(load_document(store, iid))
    assert "Travel expenses are the worst part of my month." in email.body
    assert "gift" not in email.body  # no gift promised, none mentioned


def test_empty_transcript_exports(store: Store) -> None:
    from app.session.plan import InterviewPlan, Participant

    iid = InterviewRepository(store).create(InterviewPlan(Participant("Nobody")))
    doc = load_document(store, iid)
    assert list(srt.parse(to_srt(doc))) == []
    assert to_vtt(doc).startswith("WEBVTT")
    assert "The transcript is empty" in to_markdown(doc)
    assert json.loads(to_json(doc))["segments"] == []
    assert draft_follow_up(doc).body.startswith("Hi Nobody,")


def test_unknown_format_is_refused(store: Store, interview_id: int) -> None:
    with pytest.raises(ValueError, match="unknown transcript format"):
        export_transcript(load_document(store, interview_id), "docx")


def test_comment_threads_go_into_the_markdown_and_json(store: Store, interview_id: int) -> None:
    from app.export.document import load_document
    from app.export.transcript import to_dict, to_markdown
    from app.store.comments import CommentRepository

    comments = CommentRepository(store)
    first = comments.add(interview_id, t=65.2, text="Good open question *here*", author="Kim")
    comments.reply(first, text="Agreed, and the follow-up too", author="Dana")
    doc = load_document(store, interview_id)
    markdown = to_markdown(doc)
    assert "## Comments" in markdown and "Agreed, and the follow-up too" in markdown
    assert "\\*here\\*" in markdown  # the user's text is escaped, not rendered
    (thread,) = to_dict(doc)["comments"]
    assert thread["author"] == "Kim" and [r["author"] for r in thread["replies"]] == ["Dana"]
    assert {"confidence", "live"} <= set(to_dict(doc)["cues"][0])
