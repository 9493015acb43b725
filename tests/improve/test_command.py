"""`tellmemore improve`: one line and exit 2 on every refusal; --dry-run changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from tests.improve.conftest import make_interview
from tests.improve.test_real_model import JFK


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


def test_refusals_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    declined = make_interview(store, tmp_path / "a", consent="declined", recording=False)
    missing = make_interview(store, tmp_path / "b")
    RecordingRepository(store).for_interview(missing)[0].path.unlink()
    store.close()
    base = ["--data-dir", str(data), "improve", "--quiet", "--interview"]
    assert main([*base, "999"]) == 2
    assert "no interview 999" in _one_line(capsys)
    assert main([*base, str(declined)]) == 2
    assert "declined to be recorded" in _one_line(capsys)
    assert main([*base, str(missing)]) == 2
    assert "locate it" in _one_line(capsys)
    assert main([*base, str(missing), "--model", "large-v9"]) == 2
    assert "not on this computer" in _one_line(capsys)
    assert main([*base, str(missing), "--model", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in _one_line(capsys)


def test_dry_run_prints_the_changes_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    iid = InterviewRepository(store).create(InterviewPlan(Participant("JFK")))
    wav = RecordingRepository(store).new_path(iid, ".flac")
    shutil.copyfile(JFK, wav)
    rid = RecordingRepository(store).add(iid, wav, channels=1)
    RecordingRepository(store).update(rid, status="complete", duration_s=11.0)
    SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 0.2, 10.8, "ask what you"))
    InterviewRepository(store).update(iid, status="ended", consent_state="granted")
    store.close()
    assert main(["--data-dir", str(data), "improve", "--quiet", "--dry-run",
                 "--interview", str(iid)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "ask what you \u2192" in out and "ask not what your country" in out.lower()
    assert "nothing was changed" in out
    store = Store.open(data)
    assert [x.segment.text for x in SegmentRepository(store).list(iid)] == ["ask what you"]
    store.close()
