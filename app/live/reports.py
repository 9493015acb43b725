"""What a live call tells its view: one report type per kind of news, through one hook.

A view (the live window through its Qt adapter, or `listen`'s console printer) implements
`CallView.report`. Reports may arrive on any thread; the Qt adapter re-emits them as a signal so
widgets are only touched on the GUI thread, and the console printer writes under a lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from app.coach.cues import Cue
from app.live.utterances import Utterance
from app.session.segments import Segment, Speaker


class StatusLevel(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class PartialText:
    """Words someone is still saying; replaced by the final text."""

    speaker: Speaker
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class FinalFragment:
    """Words the transcriber committed (a piece of an utterance), as soon as they are final."""

    segment: Segment


@dataclass(frozen=True)
class UtteranceUpdate:
    """The one transcript line both the screen and the store show: an utterance that grew by a
    fragment (still open) or that closed (and was coached)."""

    utterance: Utterance


@dataclass(frozen=True)
class CueFired:
    """Every cue, once: saved (when allowed) and kept for the review, shown live or not."""

    cue: Cue


@dataclass(frozen=True)
class CueShown:
    """The cue to put on screen now, for `display_s` seconds unless dismissed earlier."""

    cue: Cue
    display_s: float


@dataclass(frozen=True)
class QuestionsAsked:
    """Planned questions (by index) the interviewer just asked, judged by meaning."""

    indices: tuple[int, ...]


@dataclass(frozen=True)
class Status:
    message: str
    level: StatusLevel
    # A status that replaces an earlier one of the same topic (e.g. the model loading, the
    # audio devices) names it, so the view can clear it when the news is over.
    topic: str = ""


@dataclass(frozen=True)
class StatusCleared:
    topic: str


@dataclass(frozen=True)
class ModelState:
    ready: bool
    message: str


@dataclass(frozen=True)
class RecordingState:
    recording: bool
    path: Path | None
    message: str


@dataclass(frozen=True)
class Keeping:
    """What is being written to disk right now, said plainly in the window."""

    participant_words: bool
    audio: bool
    message: str


@dataclass(frozen=True)
class Levels:
    levels_db: dict[Speaker, float]
    backlog_s: float
    dropped_s: float
    recording_s: float


@dataclass(frozen=True)
class ParticipantForgotten:
    """Consent was revoked and the participant's words deleted: the screen must forget them."""

    lines: int
    recordings: int


@dataclass(frozen=True)
class CallClosed:
    """The last words are saved and the call is scored (or scoring failed, with a message)."""

    interview_id: int
    message: str = ""


LiveReport = (
    PartialText | FinalFragment | UtteranceUpdate | CueFired | CueShown | QuestionsAsked | Status
    | StatusCleared | ModelState | RecordingState | Keeping | Levels | ParticipantForgotten
    | CallClosed
)


class CallView(Protocol):
    def report(self, report: LiveReport) -> None: ...


class NoView:
    """A call without a screen (tests of the core, a call whose window already closed)."""

    def report(self, report: LiveReport) -> None:
        pass
