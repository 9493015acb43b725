"""Importing an existing recording or transcript as a new interview in the library.

The job runs on a worker thread (see app.ui.library.import_task for the Qt side) and is plain
Python: read or transcribe the file, compute cues and the scorecard, then write the interview
with everything it owns in ONE transaction. A failure or a cancel at any step leaves nothing
behind: no interview row, no copied recording.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from app.audio.wavheader import inspect_wav
from app.importing.analysis import Analysis, Analyzer, coach_analyzer
from app.importing.cancel import CancelToken, ImportCancelled
from app.importing.interviewer import InterviewerChoice, InterviewerSource, choose_interviewer
from app.importing.kinds import ImportKind, classify
from app.importing.media import MediaInfo, probe_media
from app.importing.transcribing import FileTranscriber, default_transcriber
from app.session.plan import DEFAULT_PLAN_MINUTES, InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.db import Store
from app.store.interviews import plan_to_row
from app.store.models import (
    CueRow,
    Interview,
    InterviewStatus,
    Mark,
    Plan,
    Recording,
    SessionEventRow,
)
from app.store.people import person_for_name
from app.store.recordings import name_after_interview, private_file_mode
from app.store.transcript import segment_row
from app.transcribe.offline import AudioFileError

Progress = Callable[[float, str], None]  # fraction 0..1, what is happening


class ImportFailed(Exception):
    """The file could not be imported; the message is meant for the user."""


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    participant_name: str = ""
    participant_company: str = ""
    interviewer_name: str = ""
    focus: str = ""
    # Which speaker in a transcript file is the interviewer (a name in the file); guessed if empty.
    interviewer_speaker: str = ""
    # The planned length of the call; phases and the hard limit scale with it.
    plan_minutes: float = DEFAULT_PLAN_MINUTES
    # The interviewer to assume when neither interviewer_name nor the file names one.
    last_interviewer: str = ""


@dataclass(frozen=True)
class ImportResult:
    interview_id: int
    kind: ImportKind
    segment_count: int
    cue_count: int
    warnings: tuple[str, ...] = ()
    interviewer: InterviewerChoice = InterviewerChoice("", InterviewerSource.UNKNOWN)


@dataclass
class _Content:
    segments: list[Segment]
    phase_marks: list[tuple[float, int]] = field(default_factory=list)  # (t, phase index)
    notes: list[tuple[float, str]] = field(default_factory=list)
    media: MediaInfo | None = None
    participant_name: str = ""
    interviewer_name: str = ""
    warnings: list[str] = field(default_factory=list)


def _no_progress(_fraction: float, _message: str) -> None:
    pass


class ImportJob:
    def __init__(
        self,
        store: Store,
        request: ImportRequest,
        *,
        transcriber: FileTranscriber | None = None,
        analyzer: Analyzer | None = None,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        self.store = store
        self.request = request
        self.transcriber = transcriber
        self.analyzer = analyzer
        self.progress = progress or _no_progress
        self.cancel = cancel or CancelToken()

    def run(self) -> ImportResult:
        """Raises ImportFailed (message for the user) or ImportCancelled; on either, nothing of
        the import is left in the store or the recordings folder."""
        path = Path(self.request.path)
        if not path.is_file():
            raise ImportFailed(f"{path} was not found (was it moved or deleted?).")
        kind = classify(path)
        self.progress(0.0, f"Reading {path.name}\u2026")
        if kind is ImportKind.TRANSCRIPT:
            content = self._read_transcript(path)
        else:
            content = self._transcribe(path)
        self.cancel.raise_if_cancelled()
        if not content.segments:
            raise ImportFailed(f"No speech was found in {path.name}; nothing was imported.")
        self.progress(0.9, "Computing cues and the scorecard\u2026")
        plan = self._plan(content)
        analysis = self._analyze(content.segments, plan, content.phase_marks)
        self.cancel.raise_if_cancelled()
        self.progress(0.95, "Saving\u2026")
        copied = self._copy_recording(path) if content.media is not None else None
        try:
            self.cancel.raise_if_cancelled()
            interviewer = choose_interviewer(self.request.interviewer_name,
                                             content.interviewer_name,
                                             self.request.last_interviewer)  # fmt: skip
            interview_id = self._save(kind, plan, content, analysis, copied, interviewer)
        except BaseException:
            if copied is not None:
                with contextlib.suppress(FileNotFoundError):
                    copied.unlink()
            raise
        if copied is not None:
            name_after_interview(self.store, interview_id, copied)
        self.progress(1.0, "Done")
        return ImportResult(interview_id, kind, len(content.segments), len(analysis.cues),
                            tuple(content.warnings + analysis.warnings), interviewer)  # fmt: skip

    # --- reading --------------------------------------------------------------------------

    def _read_transcript(self, path: Path) -> _Content:
        from app.importers import (
            TranscriptFormatError,
            assign_roles,
            guess_interviewer,
            load_transcript,
            resolve_name,
        )

        try:
            transcript = load_transcript(path)
        except TranscriptFormatError as exc:
            raise ImportFailed(f"{path.name} could not be read as a transcript ({exc}).") from None
        wanted = self.request.interviewer_speaker
        interviewer = (resolve_name(transcript, wanted) if wanted else None) or guess_interviewer(
            transcript.segments
        )
        segments = assign_roles(transcript, interviewer)
        others = [n for n in transcript.speaker_names() if n != interviewer]
        content = _Content(
            segments=segments,
            phase_marks=[(m.t, m.phase_index) for m in transcript.marks
                         if m.phase_index is not None],  # fmt: skip
            notes=[(m.t, m.label) for m in transcript.marks if m.phase_index is None and m.label],
            participant_name=others[0] if others else "",
            interviewer_name=interviewer if interviewer in transcript.speaker_names() else "",
        )
        if transcript.timing_estimated:
            content.warnings.append("The file had no times; times were estimated from the text.")
        return content

    def _transcribe(self, path: Path) -> _Content:
        try:
            media = probe_media(path)
        except ValueError as exc:
            raise ImportFailed(f"{path.name} could not be opened as a recording ({exc}).") from None
        transcriber = self.transcriber or default_transcriber()

        def on_progress(fraction: float) -> None:
            self.cancel.raise_if_cancelled()
            self.progress(0.02 + 0.86 * min(1.0, max(0.0, fraction)), "Transcribing\u2026")

        try:
            segments = transcriber(path, on_progress, self.cancel)
        except (ImportCancelled, ImportFailed):
            raise
        except AudioFileError as exc:
            raise ImportFailed(str(exc)) from None
        except Exception as exc:  # a decoder or model error: tell the user, create nothing
            raise ImportFailed(f"{path.name} could not be transcribed ({exc}).") from exc
        if media.channels < 2:
            # Both voices are in one channel: nobody's words are known to be the interviewer's,
            # and coaching the participant's words as questions would give wrong cues.
            segments = [replace(seg, speaker=Speaker.PARTICIPANT) for seg in segments]
        content = _Content(segments=list(segments), media=media)
        layout = inspect_wav(path)
        if layout is not None and layout.mismatch:
            # The transcriber read every sample on disk; say so, and store the real length.
            content.warnings.append(layout.problem(path.name))
            content.media = replace(media, duration_s=layout.present_s)
        if media.channels < 2:
            content.warnings.append(
                "The recording has one channel, so every line is given to the participant; "
                "rename speakers in the review if needed."
            )
        return content

    # --- analysis -------------------------------------------------------------------------

    def _plan(self, content: _Content) -> InterviewPlan:
        participant = self.request.participant_name or content.participant_name
        return InterviewPlan(
            participant=Participant(participant, self.request.participant_company),
            focus=self.request.focus,
        ).scaled_to(self.request.plan_minutes)

    def _analyze(self, segments: Sequence[Segment], plan: InterviewPlan,
                 phase_marks: Sequence[tuple[float, int]]) -> Analysis:  # fmt: skip
        analyzer = self.analyzer or partial(coach_analyzer,
                                            checkpoint=self.cancel.raise_if_cancelled)  # fmt: skip
        try:
            return analyzer(list(segments), plan, phase_marks)
        except ImportCancelled:
            raise  # Cancel pressed during the replay: not a failed analysis
        except Exception as exc:  # noqa: BLE001 - the transcript is still worth having without a scorecard
            return Analysis([], None, [f"Cues could not be computed ({exc})."])

    # --- writing --------------------------------------------------------------------------

    def _copy_recording(self, source: Path) -> Path:
        folder = self.store.recordings_dir
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"import-{uuid.uuid4().hex[:12]}{source.suffix.lower()}"
        partial = target.with_name(target.name + ".part")
        try:
            shutil.copyfile(source, partial)
            partial.replace(target)
            private_file_mode(target)
        except OSError as exc:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            raise ImportFailed(f"The recording could not be copied into the library ({exc}).") from exc
        return target

    def _save(self, kind: ImportKind, plan: InterviewPlan, content: _Content,
              analysis: Analysis, recording: Path | None,
              interviewer: InterviewerChoice) -> int:  # fmt: skip
        segments = content.segments
        duration = max((s.end for s in segments), default=0.0)
        if content.media is not None:
            duration = max(duration, content.media.duration_s)
        title = f"{plan.participant.name or Path(self.request.path).stem}"
        with self.store.session() as s:
            person = person_for_name(s, interviewer.name) if interviewer.name else None
            interview = Interview(
                title="" if plan.participant.name else title,
                participant_name=plan.participant.name,
                participant_company=plan.participant.company,
                interviewer_name=person.name if person else "",
                interviewer_id=person.id if person else None,
                focus=plan.focus,
                status=InterviewStatus.IMPORTED,
                consent_state="granted" if recording is not None else "not_asked",
                duration_s=duration,
                checklist=[[False] * len(p.goals) for p in plan.phases],
                scorecard=analysis.scorecard,
                tags=["imported"],
                plan=Plan(**plan_to_row(plan)),
            )
            s.add(interview)
            s.flush()
            iid = interview.id
            s.add_all(segment_row(iid, seg, kind.value) for seg in segments)
            s.add_all(CueRow(interview_id=iid, **cue) for cue in analysis.cues)
            for t, index in content.phase_marks:
                if 0 <= index < len(plan.phases):
                    s.add(SessionEventRow(interview_id=iid, kind="phase", t=t, wall=0.0,
                                          data={"index": index, "name": plan.phases[index].name}))  # fmt: skip
            s.add_all(Mark(interview_id=iid, t=t, label=label[:200]) for t, label in content.notes)
            if recording is not None and content.media is not None:
                s.add(Recording(interview_id=iid, path=str(recording), status="complete",
                                channels=content.media.channels,
                                samplerate=content.media.samplerate, offset_s=0.0,
                                duration_s=content.media.duration_s))  # fmt: skip
            return iid


