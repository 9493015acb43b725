"""The built-in demo: its files, its import (once), `tellmemore demo` and "Try the demo"."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app import demo
from app.cli import main
from app.coach.cues import CueKind
from app.importing.analysis import Analysis
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository

MAX_DEMO_BYTES = 10 * 1024 * 1024


def transcript_rows() -> list[dict[str, object]]:
    files = demo.demo_files()
    return [json.loads(line) for line in files.transcript.read_text().splitlines() if line]


def test_the_demo_files_are_small_two_voiced_and_20_to_30_minutes() -> None:
    files = demo.demo_files()
    assert files.audio is not None
    assert files.audio.stat().st_size <= MAX_DEMO_BYTES
    info = sf.info(str(files.audio))
    assert (info.channels, info.samplerate) == (2, 16_000)
    assert 20 * 60 <= info.frames / info.samplerate <= 30 * 60
    rows = transcript_rows()
    assert [r["phase"] for r in rows if "mark" in r] == [0, 1, 2, 3]
    speakers = {r["speaker"] for r in rows if "speaker" in r}
    assert speakers == {"Priya", "Daniel"}
    # The interviewer is on the left channel, the participant on the right.
    with sf.SoundFile(str(files.audio)) as f:
        for row in rows[1:12]:
            if "speaker" not in row:
                continue
            f.seek(int(float(row["start"]) * 16_000))  # type: ignore[arg-type]
            block = f.read(int(1.0 * 16_000), dtype="float32")
            left, right = np.abs(block[:, 0]).mean(), np.abs(block[:, 1]).mean()
            if row["speaker"] == "Priya":
                assert left > 10 * right, row
            else:
                assert right > 10 * left, row


def test_load_demo_imports_it_once_with_every_cue_kind(store: Store) -> None:
    first = demo.load_demo(store)
    again = demo.load_demo(store)
    assert first.created and not again.created and again.interview_id == first.interview_id
    iid = first.interview_id
    summary = InterviewRepository(store).get(iid)
    assert summary.display_title == demo.TITLE and "demo" in summary.tags
    assert summary.interviewer_name == demo.INTERVIEWER
    kinds = {c.kind for c in CueRepository(store).list(iid)}
    assert kinds == {k.value for k in CueKind}
    segments = SegmentRepository(store).list(iid)
    assert len(segments) == sum(1 for r in transcript_rows() if "speaker" in r)
    (recording,) = RecordingRepository(store).for_interview(iid)
    assert recording.path.parent == store.recordings_dir and recording.path.is_file()
    assert recording.channels == 2 and recording.duration_s > 20 * 60
    assert len(InterviewRepository(store).list_all()) == 1


def test_a_missing_demo_or_a_failed_analysis_leaves_nothing(store: Store, tmp_path: Path) -> None:
    with pytest.raises(demo.DemoError, match="missing from this installation"):
        demo.load_demo(store, tmp_path / "nowhere")

    def broken(*_args: object) -> Analysis:
        return Analysis([], None, ["Cues could not be computed (model file locked)."])

    with pytest.raises(demo.DemoError, match="model file locked"):
        demo.load_demo(store, analyzer=broken)
    assert InterviewRepository(store).list_all() == []
    assert not any(store.recordings_dir.glob("demo-*")) if store.recordings_dir.exists() else True
    assert demo.load_demo(store).created  # the next try works


def test_demo_command_imports_once_and_prints_the_id(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    data = str(tmp_path / "data")
    assert main(["demo", "--import-only", "--data-dir", data]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["demo", "--import-only", "--data-dir", data]) == 0
    assert capsys.readouterr().out.strip() == first == "1"


def test_demo_command_without_the_demo_files_exits_2_with_one_line(
        tmp_path: Path, capsys, monkeypatch) -> None:  # fmt: skip  # noqa: ANN001
    monkeypatch.setattr(demo, "demo_dir", lambda: tmp_path / "empty")
    assert main(["demo", "--import-only", "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tellmemore demo: The demo interview is missing")
    assert main(["demo", "--live", "--data-dir", str(tmp_path / "data")]) == 2
    assert "missing" in capsys.readouterr().err


def test_demo_live_replays_the_recording_through_listen(tmp_path: Path, monkeypatch) -> None:
    calls: list[list[str]] = []
    import app.cli

    real_main = app.cli.main

    def spy(argv: list[str] | None = None) -> int:
        if argv and "listen" in argv:
            calls.append(list(argv))
            return 0
        return real_main(argv)

    monkeypatch.setattr(app.cli, "main", spy)
    assert spy(["demo", "--live", "--data-dir", str(tmp_path), "--duration", "5"]) == 0
    (argv,) = calls
    assert argv[:2] == ["--data-dir", str(tmp_path)]
    assert argv[2:4] == ["listen", "--file"] and argv[4].endswith("demo.ogg")
    assert "--consent" in argv and argv[argv.index("--duration") + 1] == "5.0"


def test_try_the_demo_on_the_start_screen_opens_it_in_review(qtbot, settings, tmp_path,
                                                             monkeypatch) -> None:  # fmt: skip  # noqa: ANN001
    from app.store.paths import ENV_DATA_DIR
    from app.ui.controller import AppController
    from app.ui.start_window import StartWindow

    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    window = StartWindow(settings)
    qtbot.addWidget(window)
    controller = AppController(window, settings, str(tmp_path / "data"))
    window.attach(controller)
    assert controller.start()
    assert "Try the demo" in window.empty_label.text()
    opened: list[int] = []
    monkeypatch.setattr(controller, "open_review", opened.append)
    qtbot.mouseClick(window.demo_button, qtbot_left())
    assert len(opened) == 1 and window.model.rowCount() == 1  # listed among the recent ones
    qtbot.mouseClick(window.demo_button, qtbot_left())
    assert opened == [opened[0], opened[0]] and window.model.rowCount() == 1
    controller.close()


def qtbot_left():  # noqa: ANN201
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
