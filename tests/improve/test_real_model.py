"""Improve with the real bundled model: espeak speech on two channels, real speech on one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import update

from app.improve import ImproveJob, ModelDecoder
from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import SegmentRow
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from app.transcribe.model import LoadedModel
from tests.review.recorded import have_espeak, make_recorded_interview

JFK = Path(__file__).resolve().parents[2] / "bench" / "data" / "real_speech" / "jfk-inaugural.flac"


def _decoder(model: LoadedModel) -> ModelDecoder:
    decoder = ModelDecoder("tiny.en")
    decoder.loaded = model  # the session's model: loaded once for every test
    return decoder


@pytest.mark.skipif(not have_espeak(), reason="espeak-ng and sox make the recording")
def test_two_channels_get_the_words_back_for_each_speaker(
    store: Store, tmp_path: Path, whisper_model: LoadedModel
) -> None:
    rec = make_recorded_interview(store, tmp_path / "speech")
    repo = SegmentRepository(store)
    lines = repo.list(rec.interview_id)
    with store.session() as s:  # a live transcript that got every line wrong (not an edit)
        for line in lines[:2]:
            s.execute(update(SegmentRow).where(SegmentRow.id == line.id).values(text="um"))
    repo.edit_text(lines[3].id, "I typed every receipt into a spreadsheet. Painful.")
    result = ImproveJob(store, rec.interview_id, decoder=_decoder(whisper_model)).run()
    after = repo.list(rec.interview_id)
    by_speaker = {sp: " ".join(x.segment.text for x in after if x.segment.speaker is sp).lower()
                  for sp in Speaker}  # fmt: skip
    assert "work trip" in by_speaker[Speaker.INTERVIEWER]
    assert "berlin" in by_speaker[Speaker.PARTICIPANT]
    assert "expense report" in by_speaker[Speaker.PARTICIPANT]
    # The hand-corrected line is there once, as written, and its words were not added again.
    assert by_speaker[Speaker.PARTICIPANT].count("spreadsheet") == 1
    assert "i typed every receipt" in by_speaker[Speaker.PARTICIPANT]
    assert result.merge.kept_edited == 1
    # Times stay in session time: the first line starts after the recording's offset.
    assert after[0].segment.start >= 2.0
    assert all(x.segment.end <= 2.0 + 25.0 for x in after)


def test_one_channel_of_real_speech_keeps_the_speaker_of_the_live_lines(
    store: Store, tmp_path: Path, whisper_model: LoadedModel
) -> None:
    interviews = InterviewRepository(store)
    iid = interviews.create(InterviewPlan(Participant("JFK")), interviewer_name="Dana")
    wav = RecordingRepository(store).new_path(iid, ".flac")
    shutil.copyfile(JFK, wav)
    rid = RecordingRepository(store).add(iid, wav, channels=1, offset_s=5.0)
    RecordingRepository(store).update(rid, status="complete", duration_s=11.0)
    SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 5.2, 15.8,
                                              "and so my fellow americans ask what you can do",
                                              speaker_name="John"))  # fmt: skip
    interviews.update(iid, status="ended", consent_state="granted", duration_s=17.0)
    ImproveJob(store, iid, decoder=_decoder(whisper_model)).run()
    after = SegmentRepository(store).list(iid)
    text = " ".join(x.segment.text for x in after).lower()
    assert "ask not what your country can do for you" in text
    assert {(x.segment.speaker, x.segment.speaker_name) for x in after} == {
        (Speaker.PARTICIPANT, "John")
    }
    assert after[0].segment.start >= 5.0
