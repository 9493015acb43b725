"""The built-in demo interview (resources/demo/), imported into the store once.

A 22-minute customer conversation written for this product (Priya, from Tell Me More, asks
Daniel, head of product at Fieldline, about the biggest roadblock his team hit in its first
month), spoken by two espeak-ng voices: the interviewer on the left channel, the participant
on the right. It has good practice and every kind of cue, with phase marks, so a newcomer's
first screen is never empty and a trainer has something to practise on.

    result = load_demo(store)        # imports it the first time, else finds it
    result.interview_id, result.created

Qt-free: the start window, `tellmemore demo` and tests call it alike.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.importing.analysis import Analyzer
from app.importing.job import ImportFailed, ImportJob, ImportRequest
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import Interview, Recording
from app.store.recordings import private_file_mode

DEMO_TAG = "demo"
TRANSCRIPT_NAME = "demo.jsonl"
AUDIO_NAME = "demo.ogg"
INTERVIEWER = "Priya"  # as the transcript names her
PARTICIPANT = "Daniel Brooks"
COMPANY = "Fieldline"
FOCUS = "What is the biggest roadblock our new customers hit?"
TITLE = "Demo: Daniel Brooks, Fieldline"
AUDIO_CHANNELS = 2
AUDIO_RATE = 16_000


class DemoError(Exception):
    """The demo cannot be loaded; the message is written for the user."""


@dataclass(frozen=True)
class DemoFiles:
    transcript: Path
    audio: Path | None  # None when only the transcript ships (the review works without sound)


@dataclass(frozen=True)
class DemoResult:
    interview_id: int
    created: bool  # False: it was already in the store


def demo_dir() -> Path:
    """resources/demo in a checkout; inside a PyInstaller bundle, under its data folder."""
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "resources" / "demo"
    return Path(__file__).resolve().parents[1] / "resources" / "demo"


def demo_files(folder: Path | None = None) -> DemoFiles:
    folder = folder or demo_dir()
    transcript = folder / TRANSCRIPT_NAME
    if not transcript.is_file():
        raise DemoError(f"The demo interview is missing from this installation ({transcript} "
                        "was not found).")  # fmt: skip
    audio = folder / AUDIO_NAME
    return DemoFiles(transcript, audio if audio.is_file() else None)


def find_demo(store: Store) -> int | None:
    """The demo interview already in the store (the oldest, should there be several)."""
    with store.session() as s:
        rows = s.execute(select(Interview.id, Interview.tags).order_by(Interview.id))
        for interview_id, tags in rows:
            if isinstance(tags, list) and DEMO_TAG in tags:
                return int(interview_id)
    return None


def load_demo(store: Store, folder: Path | None = None, *,
              analyzer: Analyzer | None = None) -> DemoResult:  # fmt: skip
    """Imports the demo (transcript, cues, scorecard, phases, recording) unless it is there.
    Raises DemoError with a message for the user; a failed import leaves nothing behind."""
    existing = find_demo(store)
    if existing is not None:
        return DemoResult(existing, created=False)
    files = demo_files(folder)
    request = ImportRequest(path=files.transcript, participant_name=PARTICIPANT,
                            participant_company=COMPANY, interviewer_name=INTERVIEWER,
                            focus=FOCUS, interviewer_speaker=INTERVIEWER)  # fmt: skip
    try:
        result = ImportJob(store, request, analyzer=analyzer).run()
    except ImportFailed as exc:
        raise DemoError(f"The demo could not be loaded: {exc}") from None
    interview_id = result.interview_id
    if result.cue_count == 0:
        # The coach failed on it (its warning says why): kept, the demo would stay without
        # cues for good, since it is imported only once. Remove it; the next try redoes it.
        InterviewRepository(store).delete(interview_id)
        reason = "; ".join(result.warnings) or "the coach found no cue"
        raise DemoError(f"The demo could not be analysed ({reason}). Try again.")
    copied = _copy_audio(store, files.audio, interview_id) if files.audio else None
    try:
        _finish(store, interview_id, copied)
    except BaseException:
        if copied is not None:
            with contextlib.suppress(FileNotFoundError):
                copied.unlink()
        raise
    return DemoResult(interview_id, created=True)


def _copy_audio(store: Store, source: Path, interview_id: int) -> Path | None:
    """A private copy in the recordings folder, so deleting the demo deletes only the copy.
    Without it (a full disk) the demo still opens, without sound."""
    folder = store.recordings_dir
    target = folder / f"demo-{interview_id:05d}{source.suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        private_file_mode(target)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        return None
    return target


def _audio_duration(path: Path) -> float:
    import soundfile as sf

    try:
        info = sf.info(str(path))
    except RuntimeError:  # unreadable: the player will say so; the length is then unknown
        return 0.0
    return float(info.frames) / float(info.samplerate or AUDIO_RATE)


def _finish(store: Store, interview_id: int, audio: Path | None) -> None:
    """Marks the imported interview as the demo, names its interviewer, adds its recording."""
    from app.store.people import person_for_name

    with store.session() as s:
        interview = s.get(Interview, interview_id)
        assert interview is not None
        interview.title = TITLE
        interview.tags = [DEMO_TAG]
        interview.consent_state = "granted"  # the two voices agreed to be recorded
        interview.interviewer_id = person_for_name(s, INTERVIEWER).id
        if audio is not None:
            duration = _audio_duration(audio)
            interview.duration_s = max(interview.duration_s, duration)
            s.add(Recording(interview_id=interview_id, path=str(audio), status="complete",
                            channels=AUDIO_CHANNELS, samplerate=AUDIO_RATE, offset_s=0.0,
                            duration_s=duration))  # fmt: skip
