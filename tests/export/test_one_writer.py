"""One transcript, one WebVTT: the review's export and `tellmemore transcribe` render through
the same caption writer (they used to escape differently)."""

from __future__ import annotations

from app.export.document import load_document
from app.export.transcript import to_srt as export_srt
from app.export.transcript import to_vtt as export_vtt
from app.store.db import Store
from app.store.transcript import SegmentRepository
from app.transcribe.writers import to_srt as cli_srt
from app.transcribe.writers import to_vtt as cli_vtt


def _cue_blocks(vtt: str) -> list[str]:
    return [b for b in vtt.split("\n\n") if b.strip() and not b.startswith(("WEBVTT", "NOTE"))]


def test_the_cli_and_the_review_write_the_same_captions(store: Store, interview_id: int) -> None:
    doc = load_document(store, interview_id)
    segments = [s.segment for s in SegmentRepository(store).list(interview_id)]
    names = {s.segment.speaker: doc.speaker_label(s) for s in doc.segments}
    from_review, from_cli = export_vtt(doc), cli_vtt(segments, names)
    assert _cue_blocks(from_review) == _cue_blocks(from_cli)
    assert "&lt;by hand&gt; &amp; swore" in from_cli
    assert export_srt(doc) == cli_srt(segments, names)
