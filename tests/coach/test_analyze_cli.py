"""`tellmemore analyze`: same cues for one call saved three ways; JSON shape; errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


def _run_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[dict, str]:
    assert main(["analyze", str(path), "--json", *extra]) == 0
    out = capsys.readouterr()
    return json.loads(out.out), out.err


def test_same_cues_from_jsonl_vtt_and_srt(capsys: pytest.CaptureFixture[str]) -> None:
    results = [
        _run_json(DATA / f"same_interview.{ext}", capsys)[0] for ext in ("jsonl", "vtt", "srt")
    ]
    assert results[0]["cues"] == results[1]["cues"] == results[2]["cues"]
    assert results[0]["metrics"] == results[1]["metrics"] == results[2]["metrics"]
    kinds = {c["kind"] for c in results[0]["cues"]}
    # The textbook lines of this made-up call are caught (the coach's quality on real
    # interviews is measured by tests/coach/test_corpus_folds.py and bench/cues.py).
    assert {"why", "selling", "hypothetical", "leading"} <= kinds
    for cue in results[0]["cues"]:
        assert 0.0 <= cue["confidence"] <= 1.0 and isinstance(cue["live"], bool)
    why = next(c for c in results[0]["cues"] if c["kind"] == "why")
    assert why["suggestion"] == "Tell me about picking the annual plan."


def test_json_shape_and_guessed_interviewer_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    data, err = _run_json(DATA / "same_interview.vtt", capsys)
    assert set(data) == {"interviewer", "cues", "metrics", "scorecard"}
    assert data["interviewer"] == "Maya"
    assert "Maya" in err and "most questions" in err
    assert {"kind", "start", "end", "text", "suggestion"} <= set(data["cues"][0])
    assert 0 <= data["scorecard"]["score"] <= 100


def test_named_interviewer_changes_the_roles(capsys: pytest.CaptureFixture[str]) -> None:
    data, err = _run_json(DATA / "same_interview.srt", capsys, "--interviewer", "tom")
    assert data["interviewer"] == "Tom" and "most questions" not in err
    assert not any(c["kind"] == "why" for c in data["cues"])


def test_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(DATA / "same_interview.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "Interviewer: Maya (guessed)" in out
    assert "Score:" in out and " why (" in out and "shown live" in out


def test_malformed_file_exits_2_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"speaker": "a", "start": 0, "end": 1, "text": "hi"}\n{"speaker": "a"}\n')
    assert main(["analyze", str(bad), "--json"]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:2" in err and "missing" in err


def test_unknown_interviewer_and_missing_file_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(DATA / "same_interview.srt"), "--interviewer", "Zed"]) == 2
    assert "Maya" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path / "nope.vtt")]) == 2
    assert "cannot read" in capsys.readouterr().err
