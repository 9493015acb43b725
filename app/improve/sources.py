"""The recordings an improvement decodes, or why there are none (consent first)."""

from __future__ import annotations

from app.improve.errors import ImproveRefused
from app.session.consent import ConsentState
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import InterviewStatus
from app.store.recordings import RecordingRepository, StoredRecording

# A recording still marked "recording" is being written, or the app stopped while writing it
# (crash recovery repairs it on the next start).
WRITING = "recording"


def _no_recording(consent: ConsentState, status: str) -> str:
    if consent is ConsentState.DECLINED:
        return ("This interview has no recording: the participant declined to be recorded, so "
                "there is no audio to transcribe again.")  # fmt: skip
    if consent is ConsentState.REVOKED:
        return ("This interview has no recording: consent was revoked and the recording "
                "deleted, so there is no audio to transcribe again.")  # fmt: skip
    if status == InterviewStatus.IMPORTED:
        return ("This interview was imported from a transcript: there is no recording to "
                "transcribe again.")  # fmt: skip
    if consent is ConsentState.NOT_ASKED:
        return ("This interview has no recording: consent to record was never given, so there "
                "is no audio to transcribe again.")  # fmt: skip
    return "This interview has no recording, so there is no audio to transcribe again."


def recordings_to_decode(store: Store, interview_id: int) -> list[StoredRecording]:
    """The interview's finished recordings, in time order; ImproveRefused says why not."""
    interviews = InterviewRepository(store)
    if not interviews.exists(interview_id):
        raise ImproveRefused(f"There is no interview {interview_id}.")
    summary = interviews.get(interview_id)
    recordings = RecordingRepository(store).for_interview(interview_id)
    if not recordings:
        raise ImproveRefused(_no_recording(ConsentState(summary.consent_state), summary.status))
    finished = [r for r in recordings if r.status != WRITING]
    if not finished:
        raise ImproveRefused("The recording is still being written, or Tell Me More stopped "
                             "while writing it: open Tell Me More again to recover it first.")  # fmt: skip
    missing = [r for r in finished if not r.path.is_file()]
    if missing:
        raise ImproveRefused(f"The recording is not at {missing[0].path}: locate it in the "
                             "review window first.")  # fmt: skip
    return sorted(finished, key=lambda r: r.offset_s)
