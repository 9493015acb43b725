"""Start-up recovery: interviews and recordings left behind by a crash or a kill.

A live session holds a lock file naming its process; an interview still marked live whose lock
names no running process was interrupted. Its recording (whose header may not match the data
written) is repaired, its transcript so far kept, and it is marked "recovered".
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.audio.recording_file import RecordingFileError, find_unfinished_recordings, recover
from app.store.db import Store, describe_refusal
from app.store.interviews import InterviewRepository
from app.store.models import InterviewStatus
from app.store.recordings import RecordingRepository
from app.store.timeline import load_timeline

log = logging.getLogger(__name__)

LOCKS_DIRNAME = "live"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class LiveLock:
    """Says "interview N is live in process P" on disk for as long as the session runs."""

    def __init__(self, store: Store, interview_id: int) -> None:
        self.path = self.path_for(store, interview_id)

    @staticmethod
    def path_for(store: Store, interview_id: int) -> Path:
        return store.data_dir / LOCKS_DIRNAME / f"interview-{interview_id}.json"

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"pid": os.getpid()}))

    def release(self) -> None:
        self.path.unlink(missing_ok=True)

    @staticmethod
    def holder(store: Store, interview_id: int) -> int | None:
        try:
            return int(json.loads(LiveLock.path_for(store, interview_id).read_text())["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class RecoveryReport:
    interview_id: int
    title: str
    audio_s: float | None  # seconds of audio recovered, None when there was no recording
    segments: int
    problem: str = ""

    def message(self) -> str:
        parts = [f"\u201c{self.title}\u201d was interrupted and has been recovered"]
        if self.audio_s is not None:
            parts.append(f"with {self.audio_s:.0f} s of audio")
        parts.append(f"and {self.segments} transcript lines")
        text = " ".join(parts) + "."
        return f"{text} {self.problem}" if self.problem else text


# A recording the recorder stopped itself ("partial": a full disk, a lost device) has a
# header that may not describe all its data, and its stored length may be a guess: it is
# measured from the file like one left by a crash.
_REPAIRABLE = ("recording", "partial")


def _repair_recordings(recordings: RecordingRepository,
                       interview_id: int) -> tuple[float | None, list[str]]:  # fmt: skip
    """Repairs the interview's unfinished recordings and stores their real lengths; returns
    (seconds of audio recovered or None, problems for the user)."""
    audio_s: float | None = None
    problems: list[str] = []
    for rec in recordings.for_interview(interview_id):
        if rec.status not in _REPAIRABLE:
            continue
        try:
            recovered = recover(rec.path)
            recordings.update(rec.id, status="recovered", duration_s=recovered.duration_s)
            audio_s = (audio_s or 0.0) + recovered.duration_s
        except FileNotFoundError:
            recordings.remove(rec.id)  # nothing reached the disk
        except (RecordingFileError, OSError) as exc:
            problems.append(f"Its audio file {rec.path} could not be repaired ({exc}).")
    return audio_s, problems


def recover_interrupted(store: Store) -> list[RecoveryReport]:
    interviews = InterviewRepository(store)
    recordings = RecordingRepository(store)
    reports: list[RecoveryReport] = []
    for interview_id in interviews.find_interrupted():
        holder = LiveLock.holder(store, interview_id)
        if holder is not None and _pid_alive(holder):
            continue  # live in another window or `listen` right now
        try:
            audio_s, problems = _repair_recordings(recordings, interview_id)
            timeline = load_timeline(store, interview_id)
            # The call lasted as long as its longest evidence: the last event, or the end of
            # the audio actually on disk (a recording stopped by a full disk included).
            ends = [e.t for e in timeline.events]
            ends += [r.offset_s + r.duration_s for r in recordings.for_interview(interview_id)]
            duration = max([*ends, 0.0])
            interviews.update(interview_id, status=InterviewStatus.RECOVERED,
                              duration_s=duration)  # fmt: skip
        except Exception as exc:
            if describe_refusal(exc) is None:
                raise
            # A full disk (or a lock): the interview stays "live" and is recovered at the next
            # start; the app must open meanwhile so the user can free space.
            log.warning("recovery of interview %s postponed: %s", interview_id, exc)
            continue
        summary = interviews.get(interview_id)
        with contextlib.suppress(OSError):
            LiveLock.path_for(store, interview_id).unlink(missing_ok=True)
        reports.append(RecoveryReport(interview_id, summary.display_title, audio_s,
                                      summary.segment_count, " ".join(problems)))  # fmt: skip
    # Files with a marker but no interview row still marked recording (e.g. the row was
    # already recovered): repair them too so every file on disk is playable.
    for path in find_unfinished_recordings(store.recordings_dir):
        try:
            recover(path)
        except (RecordingFileError, OSError):
            log.exception("could not repair %s", path)
    return reports
