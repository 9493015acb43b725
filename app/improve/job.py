"""Improving an interview's transcript after the call (Qt-free; runs on a worker).

    job = ImproveJob(store, interview_id, progress=cb, cancel=flag)
    proposal = job.decode()        # the slow part: nothing is written; Cancel stops it
    result = job.apply(proposal)   # re-runs the coach, then writes everything in one transaction

`decode` raises ImproveRefused (no recording: consent, a missing file), ImproveFailed or
ImproveCancelled; `apply` raises ImproveFailed or ImproveCancelled. On any of them the
interview is as it was. The review shows the proposal's changes before applying; the
`improve` command applies at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from app.coach.cues import Cue, CueKind, Severity
from app.coach.metrics import compute_metrics
from app.coach.scorecard import build_scorecard, stored_scorecard
from app.importing.analysis import Analysis, Analyzer, coach_analyzer
from app.improve.decode import DecodedRecording, ModelDecoder, RecordingDecoder
from app.improve.errors import CancelFlag, ImproveCancelled, ImproveFailed, TranscriptChanged
from app.improve.merge import TranscriptMerge, assign_speakers, keep_speaker_names, merge_transcript
from app.improve.save import Snapshot, read_snapshot, write_improvement
from app.improve.sources import recordings_to_decode
from app.session.plan import InterviewPlan
from app.session.segments import Segment
from app.session.session import EventKind
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import Interview, InterviewStatus
from app.store.timeline import load_timeline

Progress = Callable[[float, str], None]  # fraction 0..1, what is happening

DECODE_SHARE = 0.9  # of the progress bar; the coach and the save take the rest
SAVE_ATTEMPTS = 3  # a reviewer editing lines meanwhile makes the save start over


@dataclass(frozen=True)
class Proposal:
    interview_id: int
    decoded: tuple[DecodedRecording, ...]
    model_label: str
    audio_s: float
    decode_s: float  # wall seconds
    preview: TranscriptMerge  # against the transcript as it was when decoding ended
    note: str | None = None  # e.g. that no better model than the live one is installed


@dataclass(frozen=True)
class ImproveResult:
    interview_id: int
    model_label: str
    lines_before: int
    lines_after: int
    merge: TranscriptMerge
    cues_before: int
    cues_after: int
    score_before: int | None
    score_after: int | None
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        """One sentence for the status line and the command's output."""
        parts = [f"Transcript improved with {self.model_label}: {self.merge.changed} "
                 f"place{'s' * (self.merge.changed != 1)} read differently"]  # fmt: skip
        if self.merge.kept_edited:
            parts.append(f"{self.merge.kept_edited} line{'s' * (self.merge.kept_edited != 1)} "
                         "you corrected kept as you wrote them")  # fmt: skip
        if self.merge.kept_referenced:
            parts.append(f"{self.merge.kept_referenced} quoted line"
                         f"{'s' * (self.merge.kept_referenced != 1)} with no new text kept")  # fmt: skip
        parts.append(f"cues {self.cues_before} \u2192 {self.cues_after}")
        if self.score_before is not None or self.score_after is not None:
            parts.append(f"score {_score(self.score_before)} \u2192 {_score(self.score_after)}")
        return "; ".join(parts) + "."


def _score(value: int | None) -> str:
    return "\u2014" if value is None else str(value)


def _score_of(card: dict[str, Any] | None) -> int | None:
    if not card:
        return None
    value = card.get("score")
    return int(value) if isinstance(value, int | float) else None


def _no_progress(_fraction: float, _message: str) -> None:
    pass


class ImproveJob:
    def __init__(self, store: Store, interview_id: int, *,
                 decoder: RecordingDecoder | None = None, analyzer: Analyzer | None = None,
                 progress: Progress | None = None, cancel: CancelFlag | None = None) -> None:  # fmt: skip
        self.store = store
        self.interview_id = interview_id
        self.decoder = decoder or ModelDecoder()
        self.analyzer = analyzer
        self.progress = progress or _no_progress
        self.cancel = cancel or CancelFlag()

    @property
    def model_label(self) -> str:
        return str(getattr(self.decoder, "label", "the offline model"))

    def run(self) -> ImproveResult:
        return self.apply(self.decode())

    # --- decoding -----------------------------------------------------------------------------

    def decode(self) -> Proposal:
        recordings = recordings_to_decode(self.store, self.interview_id)
        total = sum(max(r.duration_s, 1.0) for r in recordings)
        done = 0.0
        decoded: list[DecodedRecording] = []
        started = time.monotonic()
        self.progress(0.0, f"Loading {self.model_label}\u2026")
        for recording in recordings:
            self.cancel.raise_if_cancelled()
            weight = max(recording.duration_s, 1.0)

            def on_progress(fraction: float, done: float = done, weight: float = weight) -> None:
                self.cancel.raise_if_cancelled()  # raising here stops faster-whisper between segments
                share = (done + weight * min(1.0, max(0.0, fraction))) / total
                self.progress(DECODE_SHARE * share, f"Transcribing with {self.model_label}\u2026")

            try:
                decoded.append(self.decoder(recording, on_progress))
            except (ImproveCancelled, ImproveFailed):
                raise
            except Exception as error:  # a decoder or model error: say so, change nothing
                raise ImproveFailed(f"The recording could not be transcribed ({error}).") from error
            done += weight
        self.cancel.raise_if_cancelled()
        audio_s = sum(d.span.end - d.span.start for d in decoded)
        preview = self._merge(read_snapshot(self.store, self.interview_id), decoded)
        note = getattr(self.decoder, "note", None)
        return Proposal(self.interview_id, tuple(decoded), self.model_label, audio_s,
                        time.monotonic() - started, preview, note)  # fmt: skip

    @staticmethod
    def _merge(snapshot: Snapshot, decoded: Sequence[DecodedRecording]) -> TranscriptMerge:
        old = [line.segment for line in snapshot.lines]
        new: list[Segment] = []
        for recording in decoded:
            segments = list(recording.segments)
            if not recording.one_speaker_per_channel:
                nearby = [o for o in old if recording.span.holds(o)]
                segments = assign_speakers(segments, nearby or old)
            new += segments
        return merge_transcript(snapshot.lines, keep_speaker_names(new, old),
                                [d.span for d in decoded], snapshot.referenced)  # fmt: skip

    # --- applying -----------------------------------------------------------------------------

    def apply(self, proposal: Proposal) -> ImproveResult:
        before = InterviewRepository(self.store).get(self.interview_id)
        cues_before = len(_stored_cues(self.store, self.interview_id))
        for attempt in range(SAVE_ATTEMPTS):
            self.cancel.raise_if_cancelled()
            snapshot = read_snapshot(self.store, self.interview_id)
            merge = self._merge(snapshot, proposal.decoded)
            kept = [line.segment for line in snapshot.lines
                    if line.id not in set(merge.deleted)]  # fmt: skip
            segments = sorted([*kept, *merge.added], key=lambda s: (s.start, s.speaker))
            self.progress(DECODE_SHARE, "Computing cues and the scorecard\u2026")
            cues, scorecard, warnings = self._coach(segments)
            self.cancel.raise_if_cancelled()
            self.progress(0.98, "Saving\u2026")
            try:
                write_improvement(self.store, self.interview_id, snapshot, merge, cues, scorecard)
            except TranscriptChanged:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise ImproveFailed("The transcript kept changing while the improved one "
                                        "was saved; nothing was changed. Try again.") from None  # fmt: skip
                continue
            self.progress(1.0, "Done")
            return ImproveResult(
                self.interview_id, proposal.model_label, len(snapshot.lines), len(segments),
                merge, cues_before, len(cues) if cues is not None else cues_before,
                _score_of(before.scorecard),
                _score_of(scorecard) if cues is not None else _score_of(before.scorecard),
                tuple(warnings),
            )  # fmt: skip
        raise AssertionError("unreachable")

    def _coach(self, segments: list[Segment]) -> tuple[list[dict[str, Any]] | None,
                                                         dict[str, Any] | None, list[str]]:  # fmt: skip
        """The new cues and scorecard, by the path imports take (app.importing.analysis);
        (None, None, why) when the coach fails: the transcript is still worth saving."""
        plan = InterviewRepository(self.store).load_plan(self.interview_id)
        timeline = load_timeline(self.store, self.interview_id)
        marks = [(e.t, int(e.data["index"])) for e in timeline.events
                 if e.kind is EventKind.PHASE and "index" in e.data]  # fmt: skip
        analyzer = self.analyzer or partial(coach_analyzer, checkpoint=self.cancel.raise_if_cancelled)
        try:
            analysis: Analysis = analyzer(segments, plan, marks)
        except ImproveCancelled:
            raise
        except Exception as error:  # noqa: BLE001 - keep the old cues rather than lose the words
            return None, None, [f"Cues could not be computed again ({error}); the old cues "
                                "and score are kept."]  # fmt: skip
        scorecard = analysis.scorecard
        with self.store.session() as s:
            interview = s.get(Interview, self.interview_id)
            live = interview is not None and interview.status != InterviewStatus.IMPORTED
            checklist = [list(p) for p in interview.checklist] if interview else None
            duration = interview.duration_s if interview else 0.0
        if live:
            # A call is scored with its own phase timeline and checklist, as at its end.
            scorecard = _live_scorecard(segments, analysis.cues, plan, timeline, duration,
                                        checklist)  # fmt: skip
        return analysis.cues, scorecard, list(analysis.warnings)


def _stored_cues(store: Store, interview_id: int) -> list[Any]:
    from app.store.cues import CueRepository

    return CueRepository(store).list(interview_id)


def _live_scorecard(segments: list[Segment], cues: list[dict[str, Any]], plan: InterviewPlan,
                    timeline: Any, duration_s: float,
                    checklist: list[list[bool]] | None) -> dict[str, Any]:  # fmt: skip
    """What app.live.scoring.score_interview stores, over the new lines and cues."""
    objects = [Cue(CueKind(c["kind"]), c["start"], c["end"], c.get("text", ""),
                   c.get("suggestion", ""), Severity(c.get("severity", "info")),
                   c.get("confidence", 1.0), c.get("live", True)) for c in cues]  # fmt: skip
    end_t = max([duration_s, *(s.end for s in segments)], default=0.0)
    phases = timeline.phase_spans(plan, end_t)
    metrics = compute_metrics(segments, objects, phases, plan, checklist)
    return stored_scorecard(metrics, build_scorecard(metrics))
