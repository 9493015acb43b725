"""ImproveJob against a real store, with a stand-in decoder (the real model: test_real_model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.importing.analysis import Analysis
from app.improve import CancelFlag, ImproveCancelled, ImproveJob, ImproveRefused
from app.improve import save as save_module
from app.store.cards import CardRepository
from app.store.comments import CommentRepository
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.models import (
    HighlightDecision,
    Hypothesis,
    HypothesisMark,
    HypothesisQuote,
    Study,
)
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from tests.improve.conftest import fake_decoder, make_interview


def _texts(store: Store, iid: int) -> list[str]:
    return [line.segment.text for line in SegmentRepository(store).list(iid)]


@pytest.mark.parametrize(("consent", "status", "says"), [
    ("declined", "ended", "declined to be recorded"),
    ("not_asked", "ended", "consent to record was never given"),
    ("revoked", "ended", "consent was revoked"),
    ("not_asked", "imported", "imported from a transcript"),
])  # fmt: skip
def test_no_recording_is_refused_with_the_reason(store: Store, tmp_path: Path, consent: str,
                                                 status: str, says: str) -> None:  # fmt: skip
    iid = make_interview(store, tmp_path, consent=consent, recording=False, status=status)
    with pytest.raises(ImproveRefused, match=says):
        ImproveJob(store, iid, decoder=fake_decoder()).decode()


def test_a_missing_or_unfinished_recording_is_refused(store: Store, tmp_path: Path) -> None:
    iid = make_interview(store, tmp_path)
    recording = RecordingRepository(store).for_interview(iid)[0]
    recording.path.unlink()
    with pytest.raises(ImproveRefused, match="locate it in the review window"):
        ImproveJob(store, iid, decoder=fake_decoder()).decode()
    RecordingRepository(store).update(recording.id, status="recording")
    with pytest.raises(ImproveRefused, match="still being written"):
        ImproveJob(store, iid, decoder=fake_decoder()).decode()
    with pytest.raises(ImproveRefused, match="no interview 999"):
        ImproveJob(store, 999, decoder=fake_decoder()).decode()


def test_improving_replaces_lines_keeps_corrections_and_moves_what_pointed_at_them(
    store: Store, tmp_path: Path
) -> None:
    iid = make_interview(store, tmp_path)
    repo = SegmentRepository(store)
    first, second, third = repo.list(iid)
    repo.edit_text(second.id, "Because the price was right for us.")
    card = CardRepository(store).add(iid, start=3.0, end=5.0, quote="I did you choose",
                                     tag="pain_point", segment_id=first.id)  # fmt: skip
    comment = CommentRepository(store).add(iid, t=10.5, text="leading?", segment_id=third.id)
    with store.session() as s:
        study = Study(name="s")
        s.add(study)
        s.flush()
        hypothesis = Hypothesis(study_id=study.id, text="price matters")
        s.add(hypothesis)
        s.flush()
        mark = HypothesisMark(interview_id=iid, hypothesis_id=hypothesis.id, mark="supported")
        s.add(mark)
        s.flush()
        s.add(HypothesisQuote(mark_id=mark.id, segment_id=third.id, start=10.0, end=12.0,
                              quote="what you pay"))  # fmt: skip
        s.add(HighlightDecision(interview_id=iid, segment_id=first.id, reason="pain",
                                decision="dismissed"))  # fmt: skip
    progress: list[float] = []
    job = ImproveJob(store, iid, decoder=fake_decoder(),
                     progress=lambda f, _m: progress.append(f))  # fmt: skip
    proposal = job.decode()
    assert _texts(store, iid)[0] == "I did you choose this tool"  # nothing written yet
    assert [c.after for c in proposal.preview.changes] == ["Why did you choose this tool?",
                                                           "Would you pay for this?"]  # fmt: skip
    result = job.apply(proposal)

    assert _texts(store, iid) == ["Why did you choose this tool?",
                                  "Because the price was right for us.",  # corrected: kept
                                  "Would you pay for this?"]  # fmt: skip
    assert result.merge.kept_edited == 1 and result.merge.changed == 2
    lines = repo.list(iid)
    stored_card = CardRepository(store).get(card)
    assert stored_card.quote == "I did you choose"  # the user's quote, as they chose it
    assert stored_card.segment_id == lines[0].id
    with store.session() as s:
        assert s.scalar(select(HypothesisQuote.segment_id)) == lines[2].id
        assert s.scalar(select(HighlightDecision.segment_id)) == lines[0].id
    assert CommentRepository(store).get(comment).segment_id == lines[2].id
    assert progress == sorted(progress) and progress[-1] == 1.0
    assert result.score_after is not None


def test_cancel_while_decoding_changes_nothing(store: Store, tmp_path: Path) -> None:
    iid = make_interview(store, tmp_path)
    before = _texts(store, iid)
    flag = CancelFlag()
    job = ImproveJob(store, iid, decoder=fake_decoder(before_done=flag.cancel), cancel=flag)
    with pytest.raises(ImproveCancelled):
        job.decode()
    assert _texts(store, iid) == before


def test_cancel_while_the_coach_runs_changes_nothing(store: Store, tmp_path: Path) -> None:
    iid = make_interview(store, tmp_path)
    before = _texts(store, iid)
    flag = CancelFlag()

    def analyzer(*_args: object) -> Analysis:
        flag.cancel()
        return Analysis([], None)

    job = ImproveJob(store, iid, decoder=fake_decoder(), analyzer=analyzer, cancel=flag)
    with pytest.raises(ImproveCancelled):
        job.run()
    assert _texts(store, iid) == before


def test_a_crash_while_saving_loses_nothing(store: Store, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    iid = make_interview(store, tmp_path)
    CueRepository(store).add(iid, kind="closed", start=10.0, end=12.0, text="what you pay",
                             suggestion="ask open")  # fmt: skip
    before = (_texts(store, iid), [c.kind for c in CueRepository(store).list(iid)])

    def crash(*_args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(save_module, "_replace_cues", crash)  # after the lines were written
    with pytest.raises(RuntimeError, match="power cut"):
        ImproveJob(store, iid, decoder=fake_decoder()).run()
    assert (_texts(store, iid), [c.kind for c in CueRepository(store).list(iid)]) == before


def test_an_edit_made_while_saving_is_kept(store: Store, tmp_path: Path) -> None:
    iid = make_interview(store, tmp_path)
    repo = SegmentRepository(store)
    calls = []

    def analyzer(segments: list, *_args: object) -> Analysis:
        if not calls:  # the reviewer corrects a line while the coach runs
            repo.edit_text(repo.list(iid)[0].id, "Why did you pick this tool?")
        calls.append(len(segments))
        return Analysis([], None)

    result = ImproveJob(store, iid, decoder=fake_decoder(), analyzer=analyzer).run()
    assert len(calls) == 2  # the save noticed and started over
    assert _texts(store, iid)[0] == "Why did you pick this tool?"
    assert result.merge.kept_edited == 1


def test_cues_are_replaced_and_keep_their_dismissal_and_comments(store: Store,
                                                                 tmp_path: Path) -> None:  # fmt: skip
    iid = make_interview(store, tmp_path)
    cues = CueRepository(store)
    old = cues.add(iid, kind="closed", start=10.0, end=12.0, text="what you pay",
                   suggestion="ask open")  # fmt: skip
    gone = cues.add(iid, kind="why", start=3.0, end=5.0, text="I did you", suggestion="x")
    cues.set_dismissed(old)
    comment = CommentRepository(store).add(iid, t=10.0, text="yes", cue_id=old)

    def analyzer(*_args: object) -> Analysis:
        return Analysis([{"kind": "closed", "start": 10.5, "end": 12.0,
                          "text": "Would you pay for this?", "suggestion": "ask open",
                          "severity": "info", "confidence": 0.9, "live": True}], None)  # fmt: skip

    ImproveJob(store, iid, decoder=fake_decoder(), analyzer=analyzer).run()
    (new,) = cues.list(iid)
    assert new.text == "Would you pay for this?" and new.dismissed and new.id not in (old, gone)
    assert CommentRepository(store).get(comment).cue_id == new.id


@pytest.mark.postgres
def test_improving_a_team_library_interview(tmp_path: Path, pg_url: str) -> None:
    """The same transaction on PostgreSQL: lines replaced, a correction kept, a card moved."""
    store = Store.open(tmp_path / "data", url=pg_url)
    try:
        iid = make_interview(store, tmp_path)
        repo = SegmentRepository(store)
        first, second, _third = repo.list(iid)
        repo.edit_text(second.id, "Because the price was right for us.")
        card = CardRepository(store).add(iid, start=3.0, end=5.0, quote="I did you choose",
                                         tag="pain_point", segment_id=first.id)  # fmt: skip
        result = ImproveJob(store, iid, decoder=fake_decoder()).run()
        assert _texts(store, iid) == ["Why did you choose this tool?",
                                      "Because the price was right for us.",
                                      "Would you pay for this?"]  # fmt: skip
        assert CardRepository(store).get(card).segment_id == repo.list(iid)[0].id
        assert result.merge.kept_edited == 1
        assert [hit.segment_id for hit in repo.search("pay for this")] == [repo.list(iid)[2].id]
    finally:
        store.close()
