"""Real transcripts for tests and benches: coach-corpus interviews (resources/coach_corpus,
sources and licences in its MANIFEST.md) imported into a store. The corpus has turns, not
times, so each turn is given a duration from its length (2.5 words a second)."""

from __future__ import annotations

import json
from pathlib import Path

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import InterviewStatus
from app.store.transcript import SegmentRepository

CORPUS = Path(__file__).resolve().parent.parent / "resources" / "coach_corpus" / "interviews"
WORDS_PER_S = 2.5


def corpus_turns(name: str) -> list[dict[str, object]]:
    path = CORPUS / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]  # fmt: skip


def participant_name(name: str) -> str:
    """A readable participant name from the file name ("va-caregivers-p12" -> "P12 (va-caregivers)")."""
    turns = corpus_turns(name)
    source = str(turns[0].get("source", "")) if turns else ""
    who = name[len(source):].strip("-") if source and name.startswith(source) else name
    return f"{who.replace('-', ' ').title()} ({source})" if source else who


def import_corpus_interview(store: Store, name: str, focus: str = "",
                            participant: str | None = None) -> int:  # fmt: skip
    """Imports one corpus interview; returns its id. Turn n starts where turn n-1 ended."""
    turns = corpus_turns(name)
    plan = InterviewPlan(participant=Participant(name=participant or participant_name(name)),
                         focus=focus)  # fmt: skip
    interview_id = InterviewRepository(store).create(plan, title=name,
                                                     status=InterviewStatus.IMPORTED)  # fmt: skip
    t = 0.0
    segments = []
    for turn in turns:
        text = str(turn["text"]).strip()
        if not text:
            continue
        length = max(1.0, len(text.split()) / WORDS_PER_S)
        speaker = Speaker.PARTICIPANT if turn["speaker"] == "participant" else Speaker.INTERVIEWER
        segments.append(Segment(speaker=speaker, start=t, end=t + length, text=text))
        t += length + 0.4
    SegmentRepository(store).add_many(interview_id, segments, "import")
    return interview_id


# Six caregiver / benefits usability sessions from two VA teams (public domain, see MANIFEST).
DEMO_INTERVIEWS = (
    "va-caregivers-p12", "va-caregivers-p3", "va-disability-526-suppclaim-p07",
    "va-gov-askva-inquiry-p1", "va-health-enrollment-regflow-p1", "va-gov-askva-dashboard-p4",
)  # fmt: skip
DEMO_FOCUS = "How veterans and caregivers apply for benefits online"


def import_with_cards(store: Store, names: tuple[str, ...] = DEMO_INTERVIEWS,
                      focus: str = DEMO_FOCUS) -> list[int]:  # fmt: skip
    """Imports the interviews and accepts every suggested highlight as a card (what a reviewer
    who agreed with all of them would have); returns the interview ids in import order."""
    from app.coach.embed import embed
    from app.synthesis.sources import accept, repeated_phrases, suggestions_for

    ids = [import_corpus_interview(store, name, focus) for name in names]
    repeated = repeated_phrases(store, ids)
    for interview_id in ids:
        who = InterviewRepository(store).get(interview_id).participant_name
        for suggestion in suggestions_for(store, interview_id, repeated, embed):
            accept(store, suggestion, speaker_name=who)
    return ids
