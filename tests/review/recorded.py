"""A real recorded interview for the review tests: espeak-ng speech, two voices, two channels.

Channel 1 is the interviewer (en-us), channel 2 the participant (en-gb), as the live recorder
writes them. Segments are stored with the times at which each utterance was placed, in session
time: the recording starts OFFSET_S into the session, as when consent came after a greeting.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker, Word
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import ConsentEvent, CueRow, Mark, Note, SessionEventRow
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository

RATE = 16000
OFFSET_S = 2.0
GAP_S = 0.6
LINES = (
    (Speaker.INTERVIEWER, "en-us", "Thanks for making time today. Tell me about the last time "
                                   "you booked a work trip."),
    (Speaker.PARTICIPANT, "en-gb", "Last month I booked a flight to Berlin, and the expense "
                                   "report took me three hours."),
    (Speaker.INTERVIEWER, "en-us", "Tell me more about the expense report."),
    (Speaker.PARTICIPANT, "en-gb", "I copied every receipt into a spreadsheet by hand. "
                                   "It was painful."),
)  # fmt: skip


@dataclass(frozen=True)
class RecordedInterview:
    interview_id: int
    wav: Path
    segments: list[Segment]
    segment_ids: list[int]


def have_espeak() -> bool:
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def speak(text: str, voice: str, folder: Path, name: str) -> np.ndarray:
    raw, resampled = folder / f"{name}-raw.wav", folder / f"{name}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", str(resampled)], check=True)
    audio, rate = sf.read(resampled, dtype="float32")
    assert rate == RATE
    return audio


def _words(text: str, start: float, end: float) -> tuple[Word, ...]:
    tokens = text.split()
    step = (end - start) / len(tokens)
    return tuple(Word(" " + w, start + i * step, start + (i + 1) * step)
                 for i, w in enumerate(tokens))  # fmt: skip


def make_recorded_interview(store: Store, folder: Path, *, interviewer: str = "Dana",
                            participant: str = "Priya Shah", company: str = "Northwind",
                            with_timeline: bool = True) -> RecordedInterview:  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    clips = [(spk, text, speak(text, voice, folder, f"line{i}"))
             for i, (spk, voice, text) in enumerate(LINES)]  # fmt: skip
    total = sum(len(a) for _, _, a in clips) + int(GAP_S * RATE) * (len(clips) + 1)
    stereo = np.zeros((total, 2), dtype="float32")
    cursor = int(GAP_S * RATE)
    segments: list[Segment] = []
    for spk, text, audio in clips:
        channel = 0 if spk is Speaker.INTERVIEWER else 1
        stereo[cursor : cursor + len(audio), channel] = audio
        start = OFFSET_S + cursor / RATE
        end = OFFSET_S + (cursor + len(audio)) / RATE
        segments.append(Segment(spk, round(start, 3), round(end, 3), text,
                                words=_words(text, start, end)))  # fmt: skip
        cursor += len(audio) + int(GAP_S * RATE)

    interviews = InterviewRepository(store)
    plan = InterviewPlan(Participant(participant, company, "Finance lead"),
                         focus="How do people handle travel expenses?", gift="$50 gift card")  # fmt: skip
    iid = interviews.create(plan, interviewer_name=interviewer)
    recordings = RecordingRepository(store)
    wav = recordings.new_path(iid)
    sf.write(wav, stereo, RATE, subtype="PCM_16")
    duration = total / RATE
    rec_id = recordings.add(iid, wav, channels=2, samplerate=RATE, offset_s=OFFSET_S)
    recordings.update(rec_id, status="complete", duration_s=duration)
    repo = SegmentRepository(store)
    ids = [repo.add(iid, seg) for seg in segments]
    interviews.update(iid, status="ended", consent_state="granted",
                      duration_s=OFFSET_S + duration, tags=["travel"])  # fmt: skip
    if with_timeline:
        add_timeline(store, iid, segments)
    return RecordedInterview(iid, wav, segments, ids)


def add_timeline(store: Store, iid: int, segments: list[Segment]) -> None:
    """Four phases, a cue, a mark, a note and the consent moment, as a live session saves them."""
    names = ("Introductions", "Cover the basics", "Go deeper", "Wrap it up")
    starts = (0.0, segments[1].start - 0.2, segments[2].start - 0.2, segments[3].end + 0.1)
    with store.session() as s:
        for index, t in enumerate(starts):
            s.add(SessionEventRow(interview_id=iid, kind="phase", t=t, wall=0.0,
                                  data={"index": index, "name": names[index]}))  # fmt: skip
        s.add(ConsentEvent(interview_id=iid, state="granted", t=1.5, wall=0.0))
        s.add(Mark(interview_id=iid, t=segments[1].start + 1.0, label="expense pain",
                   phase_index=1))  # fmt: skip
        s.add(Note(interview_id=iid, t=segments[3].start + 0.5, text="Spreadsheet workaround",
                   phase_index=2))  # fmt: skip
        s.add(CueRow(interview_id=iid, kind="generality", start=segments[1].start,
                     end=segments[1].end, text="took me three hours",
                     suggestion="Tell me about the last time that happened", severity="info"))  # fmt: skip
