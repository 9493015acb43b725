"""The importers and the analyzer on real exports (skipped when the shared folder is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.coach.analyze import analyze_transcript
from app.importers import TranscriptFormatError, load_transcript

REPO = Path(__file__).resolve().parents[2]
REALWORLD = (REPO / ".." / "shared" / "realworld-transcripts").resolve()
FILES = sorted(p for p in REALWORLD.glob("*/*") if p.is_file()) if REALWORLD.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="shared/realworld-transcripts is absent")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_real_transcript_is_read_and_analysed(path: Path) -> None:
    if path.parent.name == "zoom-chat":
        with pytest.raises(TranscriptFormatError, match="not a transcript"):
            load_transcript(path)
        return
    transcript = load_transcript(path)
    assert transcript.segments
    assert all(s.end >= s.start >= 0 for s in transcript.segments)
    assert all(s.text and "<" not in s.text and "-->" not in s.text for s in transcript.segments)
    result = analyze_transcript(transcript)
    encoded = json.loads(json.dumps(result.to_dict()))
    assert encoded["interviewer"]
    assert 0 <= encoded["scorecard"]["score"] <= 100
    assert sum(encoded["metrics"]["talk_share"].values()) == pytest.approx(1.0, abs=1e-3)


def test_named_speakers_are_found_in_real_exports() -> None:
    expect = {
        "zse-GMT20240124-transcript.vtt": {"Srijani Ghosh", "Conor Healy", "Dr. Melissa Ko"},
        "webvtt-py-teams_timeframe-fixture.vtt": {"Yuri Bakulin", "Adrian Petrescu"},
        "podcastindex-buzzsprout-example.srt": {"Travis", "Sarah"},
        "ladybug-62-security-otter.txt": {"Emma", "Kelly", "Unknown Speaker"},
        "changelog-577-storygraph-founder.md": {"Jerod Santo", "Nadia Odunayo"},
        "google-meet-polygon-ppgc27.md": {"Harry Rook", "Manav Darji"},
    }
    by_name = {p.name: p for p in FILES}
    for name, speakers in expect.items():
        found = set(load_transcript(by_name[name]).speaker_names())
        assert speakers <= found, name
