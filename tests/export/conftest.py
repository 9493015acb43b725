
import pytest

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker, Word
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import ConsentEvent, CueRow, Mark, Note, SessionEventRow
from app.store.transcript import SegmentRepository

LINES = [
    (Speaker.INTERVIEWER, 1.0, 4.5, "Thanks for joining. Can I record this call?"),
    (Speaker.PARTICIPANT, 5.0, 7.0, "Sure, go ahead."),
    (Speaker.INTERVIEWER, 65.2, 68.0, "Tell me about the last time you filed expenses."),
    (Speaker.PARTICIPANT, 68.5, 80.25,
     "Honestly it was a nightmare: I spent three hours copying receipts into a spreadsheet <by hand> & swore."),  # noqa: E501
    (Speaker.INTERVIEWER, 3700.0, 3702.5, "Thank you so much, your gift card is on its way."),
]  # fmt: skip


@pytest.fixture
def interview_id(store: Store) -> int:
    plan = InterviewPlan(Participant("Priya Shah", "Northwind", "Finance lead"),
                         focus="How do small teams handle travel expenses?",
                         gift="$50 gift card")  # fmt: skip
    iid = InterviewRepository(store).create(plan, interviewer_name="Dana")
    repo = SegmentRepository(store)
    for speaker, start, end, text in LINES:
        words = tuple(Word(" " + w, start, end) for w in text.split())
        repo.add(iid, Segment(speaker, start, end, text, words=words))
    with store.session() as s:
        for index, (t, name) in enumerate([(0.0, "Introductions"), (60.0, "Cover the basics"),
                                           (66.0, "Go deeper"), (3690.0, "Wrap it up")]):  # fmt: skip
            s.add(SessionEventRow(interview_id=iid, kind="phase", t=t, wall=0.0,
                                  data={"index": index, "name": name}))  # fmt: skip
        s.add(ConsentEvent(interview_id=iid, state="granted", t=6.0, wall=0.0))
        s.add(Mark(interview_id=iid, t=70.0, label="key moment", phase_index=2))
        s.add(Note(interview_id=iid, t=75.0, text="ask about approvals", phase_index=2))
        s.add(CueRow(interview_id=iid, kind="closed", start=1.0, end=4.5,
                     text="Can I record this call?", suggestion="Walk me through...",
                     severity="info"))  # fmt: skip
    InterviewRepository(store).update(iid, consent_state="granted", duration_s=3705.0)
    CardRepository(store).add(iid, start=70.0, end=74.0, tag="pain_point",
                              quote="I spent three hours copying receipts",
                              speaker_name="Priya Shah", note="=SUM(A1) not a formula")  # fmt: skip
    return iid
