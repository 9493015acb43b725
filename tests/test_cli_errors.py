"""Bad input to any command: exit 2 with one clear line, checked before the long work."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


def test_bad_arguments_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["transcribe", "x.wav", "--beam-size", "0"])
    assert stopped.value.code == 2
    assert "beam size" in _one_line(capsys)
    with pytest.raises(SystemExit) as stopped:
        main(["analyze"])
    assert stopped.value.code == 2
    _one_line(capsys)


@pytest.mark.parametrize("target", ["folder", "missing/out.vtt"])
def test_transcribe_refuses_an_output_it_cannot_write_before_transcribing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    (tmp_path / "folder").mkdir()
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"not audio at all")  # never read: the output is checked first
    assert main(["transcribe", str(audio), "--out", str(tmp_path / target)]) == 2
    err = _one_line(capsys)
    assert "folder" in err
