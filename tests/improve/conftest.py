from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile as sf

from app.improve import DecodedRecording, Span
from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker, Word
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository, StoredRecording
from app.store.transcript import SegmentRepository
from tests.model_fixture import whisper_model  # noqa: F401  (session-scoped, reusable fixture)

OFFSET_S = 2.0
LENGTH_S = 20.0


def seg(speaker: Speaker, start: float, end: float, text: str) -> Segment:
    tokens = text.split()
    step = (end - start) / len(tokens)
    words = tuple(Word(w, start + k * step, start + (k + 1) * step) for k, w in enumerate(tokens))
    return Segment(speaker, start, end, text, words)


LIVE = [
    seg(Speaker.INTERVIEWER, 3.0, 5.0, "I did you choose this tool"),
    seg(Speaker.PARTICIPANT, 6.0, 9.0, "because the price was right"),
    seg(Speaker.INTERVIEWER, 10.0, 12.0, "what you pay for this"),
]
IMPROVED = [  # what the better model "hears", in the recording's own clock (offset applied)
    seg(Speaker.INTERVIEWER, 3.0 - OFFSET_S, 5.0 - OFFSET_S, "Why did you choose this tool?"),
    seg(Speaker.PARTICIPANT, 6.0 - OFFSET_S, 9.0 - OFFSET_S, "Because the price was right."),
    seg(Speaker.INTERVIEWER, 10.0 - OFFSET_S, 12.0 - OFFSET_S, "Would you pay for this?"),
]


def make_interview(store: Store, folder: Path, *, consent: str = "granted",
                   recording: bool = True, status: str = "ended") -> int:  # fmt: skip
    interviews = InterviewRepository(store)
    iid = interviews.create(InterviewPlan(Participant("Priya")), interviewer_name="Dana")
    repo = SegmentRepository(store)
    for line in LIVE:
        repo.add(iid, line)
    interviews.update(iid, status=status, consent_state=consent, duration_s=OFFSET_S + LENGTH_S)
    if recording:
        folder.mkdir(parents=True, exist_ok=True)
        recordings = RecordingRepository(store)
        wav = recordings.new_path(iid)
        sf.write(wav, np.zeros((int(LENGTH_S * 16000), 2), dtype="float32"), 16000)
        rec = recordings.add(iid, wav, channels=2, offset_s=OFFSET_S)
        recordings.update(rec, status="complete", duration_s=LENGTH_S)
    return iid


def fake_decoder(segments: list[Segment] = IMPROVED, *,
                 before_done: Callable[[], None] | None = None
                 ) -> Callable[[StoredRecording, Callable[[float], None]], DecodedRecording]:  # fmt: skip
    """Reports progress like the real decoder (which may raise to stop) and returns `segments`
    moved to session time."""
    from app.improve.decode import shifted

    def decode(recording: StoredRecording, progress: Callable[[float], None]) -> DecodedRecording:
        progress(0.5)
        if before_done is not None:
            before_done()
        progress(1.0)
        return DecodedRecording(Span(recording.offset_s, recording.offset_s + LENGTH_S),
                                tuple(shifted(s, recording.offset_s) for s in segments), True)  # fmt: skip

    return decode
