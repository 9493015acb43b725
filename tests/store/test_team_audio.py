"""An imported (or published) interview's audio carries its interview's id in its file name,
so the other machines of a team library remove it when the interview is deleted anywhere."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.importing import ImportJob, ImportRequest
from app.importing.cancel import CancelToken
from app.session.segments import Segment, Speaker
from app.store.db import Store, StoreError
from app.store.interviews import InterviewRepository
from app.store.publish import Publisher
from app.store.recordings import RecordingRepository
from tests.store.test_publish import record_interview


def _wav(folder: Path) -> Path:
    path = folder / "call with Priya.wav"
    samples = (np.random.default_rng(2).standard_normal((16000 * 3, 2)) * 0.01).astype("float32")
    sf.write(path, samples, 16000)
    return path


def _transcriber(path: Path, progress, cancel: CancelToken) -> list[Segment]:  # noqa: ANN001
    return [Segment(Speaker.INTERVIEWER, 0.0, 1.0, "Tell me about the last time."),
            Segment(Speaker.PARTICIPANT, 1.2, 2.8, "Last Friday, with the receipts.")]  # fmt: skip


def _import(store: Store, source: Path) -> tuple[int, Path]:
    result = ImportJob(store, ImportRequest(source), transcriber=_transcriber).run()
    [recording] = RecordingRepository(store).for_interview(result.interview_id)
    return result.interview_id, recording.path


def test_an_imported_recording_is_named_after_its_interview(store: Store, tmp_path: Path) -> None:
    interview_id, path = _import(store, _wav(tmp_path))
    assert path.name.startswith(f"interview-{interview_id:05d}-import-")
    assert path.is_file() and path.parent == store.recordings_dir
    assert not list(store.recordings_dir.glob("import-*"))  # no copy left under the old name
    assert InterviewRepository(store).delete(interview_id) == [path] and not path.exists()


@pytest.mark.postgres
def test_an_import_deleted_by_another_member_takes_its_audio_from_this_machine(
    tmp_path: Path, pg_url: str
) -> None:
    ana = Store.open(tmp_path / "ana", url=pg_url)
    imported, audio = _import(ana, _wav(tmp_path))
    kept, kept_audio = _import(ana, _wav(tmp_path))
    ana.close()

    ben = Store.open(tmp_path / "ben", url=pg_url)
    InterviewRepository(ben).delete(imported)  # on Ben's machine: Ana's file is not there
    ben.close()
    assert audio.exists()

    ana = Store.open(tmp_path / "ana", url=pg_url)  # her next start sweeps
    assert not audio.exists() and kept_audio.exists()
    assert InterviewRepository(ana).exists(kept)
    ana.close()


@pytest.mark.postgres
def test_published_audio_goes_from_the_publishers_machine_when_a_colleague_deletes_it(
    tmp_path: Path, pg_url: str
) -> None:
    local = Store.open(tmp_path / "ana", local=True)
    local_id = record_interview(local)
    team = Store.open(tmp_path / "ana", url=pg_url)
    [published] = Publisher(local, team).publish([local_id])
    [copy] = RecordingRepository(team).for_interview(published.team_id or 0)
    team.close()

    ben = Store.open(tmp_path / "ben", url=pg_url)
    InterviewRepository(ben).delete(published.team_id or 0)
    ben.close()

    team = Store.open(tmp_path / "ana", url=pg_url)
    assert not copy.path.exists()
    [original] = RecordingRepository(local).for_interview(local_id)
    assert original.path.exists()  # the laptop's own library keeps its copy
    team.close()
    local.close()


@pytest.mark.postgres
def test_a_shared_recordings_folder_plays_a_colleagues_call_and_deleting_removes_it(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings › Team recordings (TELLMEMORE_TEAM_RECORDINGS): every member's app keeps the
    team library's audio on the share; each keeps its waiting lines on its own machine."""
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv("TELLMEMORE_TEAM_RECORDINGS", str(share))
    ana = Store.open(tmp_path / "ana", url=pg_url)
    interview_id, audio = _import(ana, _wav(tmp_path))
    assert audio.parent == ana.recordings_dir and ana.recordings_dir.parent == share
    assert ana.journal_dir.is_relative_to(tmp_path / "ana")
    ana.close()

    ben = Store.open(tmp_path / "ben", url=pg_url)  # another machine, the same share
    [recording] = RecordingRepository(ben).for_interview(interview_id)
    assert recording.path == audio and recording.path.is_file()  # Ben can play Ana's call
    assert InterviewRepository(ben).delete(interview_id) == [audio] and not audio.exists()
    ben.close()

    monkeypatch.setenv("TELLMEMORE_TEAM_RECORDINGS", str(tmp_path / "unmounted"))
    with pytest.raises(StoreError, match="is not there"):
        Store.open(tmp_path / "cleo", url=pg_url)
