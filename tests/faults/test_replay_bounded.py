"""The import's replay does work per line, not per 5 s of timeline, and stops on Cancel."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.coach import analyze
from app.coach.engine import Coach
from app.importers import ImportedSegment, Transcript, TranscriptFormat
from app.importing import CancelToken, ImportCancelled, ImportJob, ImportRequest
from app.store.db import Store
from app.store.interviews import InterviewRepository


def _two_lines_far_apart(end: float) -> Transcript:
    return Transcript(
        (ImportedSegment(0.0, 2.0, "So tell me about the last time that happened?", "Dana"),
         ImportedSegment(end, end + 2.0, "We used a spreadsheet.", "Priya")),
        TranscriptFormat.JSONL, (),
    )  # fmt: skip


def test_an_end_time_of_a_billion_seconds_replays_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = 0
    real_tick = Coach.on_tick

    def counting_tick(self: Coach, state: object) -> list[object]:
        nonlocal ticks
        ticks += 1
        return real_tick(self, state)  # type: ignore[arg-type]

    monkeypatch.setattr(Coach, "on_tick", counting_tick)
    started = time.perf_counter()
    result = analyze.analyze_transcript(_two_lines_far_apart(1e9), "Dana")
    assert time.perf_counter() - started < 5  # it was 2e8 ticks: hours
    assert ticks < 10 * analyze.LONG_GAP_TICKS  # bounded by lines, not by 1e9 / 5
    texts = {c.text: c.start for c in result.cues}
    # The cues a tick every 5 s would give, at the times it would give them.
    assert texts["The call is past the planned 30 min"] == pytest.approx(1805.0, abs=5)
    assert texts["The call nears the 45 min hard limit"] == pytest.approx(2400.0, abs=5)


def test_long_silences_give_the_same_cues_as_ticking_every_five_seconds() -> None:
    """Ticks are skipped only inside silences over an hour; shorter ones tick as live, so an
    ordinary call replays exactly as before."""
    lines = tuple(ImportedSegment(t, t + 4, "And why was that?" if i % 2 else "Because.",
                                  "Dana" if i % 2 else "Priya")
                  for i, t in enumerate([0, 30, 600, 1700, 1790, 2500, 2600]))  # fmt: skip
    transcript = Transcript(lines, TranscriptFormat.JSONL, ())
    a = analyze.analyze_transcript(transcript, "Dana").cues
    wide = analyze.LONG_GAP_TICKS
    try:
        analyze.LONG_GAP_TICKS = 2  # skip wherever possible
        b = analyze.analyze_transcript(transcript, "Dana").cues
    finally:
        analyze.LONG_GAP_TICKS = wide
    assert [(c.kind, c.text, round(c.start, 3)) for c in a] == [
        (c.kind, c.text, round(c.start, 3)) for c in b
    ]


def test_cancel_during_the_replay_stops_it(store: Store, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    lines = "\n".join(
        f'{{"start": {i * 4}, "end": {i * 4 + 3}, "speaker": "{"Dana" if i % 2 else "Priya"}", '
        f'"text": "Line {i}, and what happened next?"}}'
        for i in range(400)
    )
    path = tmp_path / "call.jsonl"
    path.write_text(lines + "\n", encoding="utf-8")
    replayed = 0
    real = Coach.on_segment

    def counting(self: Coach, segment: object, state: object) -> list[object]:
        nonlocal replayed
        replayed += 1
        return real(self, segment, state)  # type: ignore[arg-type]

    monkeypatch.setattr(Coach, "on_segment", counting)
    token = CancelToken()

    def progress(_fraction: float, message: str) -> None:
        if message.startswith("Computing cues"):
            token.cancel()  # pressed as the replay begins

    job = ImportJob(store, ImportRequest(path), progress=progress, cancel=token)
    with pytest.raises(ImportCancelled):
        job.run()
    assert replayed == 0  # before: all 400 lines were replayed, then the cancel was seen
    assert InterviewRepository(store).list_all() == []
