"""Fixtures for practice and demo tests: offscreen Qt, throwaway settings, a fresh store, and
a small interview with known lines, cues and phases."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.session.plan import InterviewPlan, Participant  # noqa: E402
from app.session.segments import Segment, Speaker  # noqa: E402
from app.store.cues import CueRepository  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.interviews import InterviewRepository  # noqa: E402
from app.store.models import SessionEventRow  # noqa: E402
from app.store.transcript import SegmentRepository  # noqa: E402
from app.ui.practice import PracticeWindow  # noqa: E402
from tests.model_fixture import whisper_model  # noqa: E402, F401
from tests.practice.replay import Wall  # noqa: E402

# Offscreen Qt with throwaway settings, as for every UI test (autouse).
from tests.ui.conftest import settings, throwaway_settings  # noqa: E402, F401

IV, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT
LINES = (
    (IV, 1.0, 4.0, "Thanks for making the time today."),
    (P, 4.5, 6.0, "Happy to help."),
    (IV, 20.0, 23.0, "Why did you stop using it?"),  # a why cue, sure (30 s)
    (P, 24.0, 40.0, "We lost a whole interview because only my side was recorded."),
    (IV, 60.0, 64.0, "Wouldn't it be great if it set itself up?"),  # leading, unsure (70 s)
    (P, 65.0, 70.0, "I guess so."),
    (IV, 100.0, 105.0, "We have a discount on the annual plan this month."),  # selling (110 s)
    (P, 106.0, 120.0, "Okay, I can look at that later."),
)
CUES = (  # kind, start, end, text, live
    ("why", 20.0, 23.0, "Why did you stop using it?", True),
    ("leading", 60.0, 64.0, "Wouldn't it be great if it set itself up?", False),
    ("selling", 100.0, 105.0, "We have a discount on the annual plan this month.", True),
)


@dataclass(frozen=True)
class SmallInterview:
    interview_id: int


@pytest.fixture
def small(store: Store) -> SmallInterview:
    iid = InterviewRepository(store).create(InterviewPlan(participant=Participant("Daniel")))
    segments = SegmentRepository(store)
    for speaker, start, end, text in LINES:
        segments.add(iid, Segment(speaker, start, end, text), source="jsonl")
    cues = CueRepository(store)
    for kind, start, end, text, live in CUES:
        cues.add(iid, kind=kind, start=start, end=end, text=text, suggestion=f"Advice on {kind}",
                 severity="warn", confidence=0.9 if live else 0.5, live=live)  # fmt: skip
    with store.session() as s:
        for t, index, name in ((0.5, 0, "Introductions"), (18.0, 2, "Go deeper")):
            s.add(SessionEventRow(interview_id=iid, kind="phase", t=t, wall=0.0,
                                  data={"index": index, "name": name}))  # fmt: skip
    return SmallInterview(iid)


@pytest.fixture
def wall() -> Wall:
    return Wall()


@pytest.fixture
def window(qtbot, store: Store, small: SmallInterview, settings, wall: Wall) -> PracticeWindow:  # noqa: ANN001, F811
    settings.interviewer_name = "Tess Trainee"
    w = PracticeWindow(store, small.interview_id, settings, now=wall, play_audio=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
