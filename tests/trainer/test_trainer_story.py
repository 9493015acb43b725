"""The trainer's story from issue #11, end to end on real parts: the built-in demo and three
imported interviews by two interviewers (coached by the real coach); both interviewers' trends,
a comment on a moment, a coaching report as PDF, a spot-the-cue drill and a re-ask."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from app.cli import main  # noqa: E402
from app.demo import load_demo  # noqa: E402
from app.importing.job import ImportJob, ImportRequest  # noqa: E402
from app.practice.drill import DrillKind, moments_from_cues  # noqa: E402
from app.store.comments import CommentRepository  # noqa: E402
from app.store.cues import CueRepository  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.drills import DrillRepository  # noqa: E402
from app.store.people import PersonRepository  # noqa: E402
from app.store.transcript import SegmentRepository  # noqa: E402

# Throwaway settings (the practice window reads the trainee's name from them).
from tests.ui.conftest import settings, throwaway_settings  # noqa: E402, F401

# Written for this test: Sam runs two calls, Priya (the demo's interviewer) one more.
CALLS = {
    "sam-1.txt": ("Sam", "Lena", [
        "Hi Lena, thanks for making the time. Is it OK if I record this call?",
        "Sure, go ahead.",
        "Tell me about the last time you planned a delivery route.",
        "Last Tuesday I rebuilt the whole route by hand because the van broke down.",
        "Why did you do it by hand?",
        "The planner we pay for cannot handle a missing van.",
        "Would you pay for a tool that re-plans routes automatically?",
        "Maybe, I don't know.",
        "Thanks, that's all I had.",
        "You're welcome.",
    ]),
    "sam-2.txt": ("Sam", "Omar", [
        "Hello Omar, thank you for joining. May I record?",
        "Yes, that's fine.",
        "Walk me through how you handled returns last month.",
        "We logged every return in a spreadsheet and called each customer.",
        "Why didn't you use the returns module?",
        "Nobody trained us on it.",
        "Wouldn't it be great if returns were logged automatically?",
        "I suppose so.",
        "Thanks so much for your time.",
        "Bye.",
    ]),
    "priya-2.txt": ("Priya", "Ines", [
        "Hi Ines, thanks for talking with me. Can I record this?",
        "Of course.",
        "What happened the last time a new customer got stuck during setup?",
        "Two weeks ago a clinic could not connect their calendar and gave up for a day.",
        "Tell me more about that day.",
        "They emailed support three times and then phoned me directly.",
        "Why did they phone you?",
        "Because support took too long to answer.",
        "Thank you, this was really helpful.",
        "Happy to help.",
    ]),
}


def _write(path: Path, interviewer: str, participant: str, lines: list[str]) -> Path:
    blocks = []
    for i, text in enumerate(lines):
        who = interviewer if i % 2 == 0 else participant
        blocks.append(f"{who}  0:{10 * i:02d}\n{text}\n")
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


@pytest.fixture
def team(store: Store, tmp_path: Path) -> dict[str, int]:
    ids = {"demo": load_demo(store).interview_id}
    for name, (interviewer, participant, lines) in CALLS.items():
        path = _write(tmp_path / name, interviewer, participant, lines)
        result = ImportJob(store, ImportRequest(path, interviewer_name=interviewer,
                                                participant_name=participant)).run()  # fmt: skip
        assert result.interviewer.name == interviewer
        ids[name] = result.interview_id
    return ids


def test_a_trainer_sees_both_interviewers_comments_reports_and_drills(
    qtbot, store: Store, team: dict[str, int], tmp_path: Path, settings,  # noqa: ANN001, F811
) -> None:  # fmt: skip
    from app.ui.practice import PracticeWindow
    from app.ui.trainer import TrainerWindow

    people = PersonRepository(store)
    sam, priya = people.find("Sam"), people.find("Priya")
    assert sam is not None and priya is not None
    assert sorted(people.interview_ids(priya.id)) == sorted([team["demo"], team["priya-2.txt"]])

    # Both interviewers' trends, each against the team.
    window = TrainerWindow(store)
    qtbot.addWidget(window)
    window.resize(1240, 860)
    window.show()
    qtbot.waitExposed(window)
    listed = {window.person_combo.itemData(i) for i in range(window.person_combo.count())}
    assert {sam.id, priya.id} <= listed
    for person in (sam, priya):
        window.select_person(person.id)
        assert window.table.rowCount() == 2
        assert window.trends is not None and window.trends.team_size == 4
        why = next(s for s in window.trends.series if s.key.metric.value == "why")
        assert len(why.points) == 2 and any(p.value and p.value > 0 for p in why.points)
    # A point opens that interview's review at its worst moment.
    window.select_person(sam.id)
    with qtbot.waitSignal(window.review_opened, timeout=10_000) as opened:
        window.open_interview(team["sam-1.txt"])
    interview_id, at = opened.args
    assert interview_id == team["sam-1.txt"] and at >= 0
    worst = [c for c in CueRepository(store).list(interview_id) if c.start == at]
    assert worst, "the review opens on a cue"

    # A comment on that moment, on its transcript line.
    line = next(s for s in SegmentRepository(store).list(interview_id)
                if s.segment.start <= at <= s.segment.end + 0.01)  # fmt: skip
    comments = CommentRepository(store)
    thread = comments.add(interview_id, t=at, text="Try 'Tell me more about doing it by hand'.",
                          author="Tess (trainer)", segment_id=line.id)  # fmt: skip
    comments.reply(thread, text="Will do next time.", author="Sam")

    # The coaching report as PDF, and its HTML carries the comment.
    pdf = tmp_path / "sam.pdf"
    assert main(["--data-dir", str(store.data_dir), "report", "--interviewer", "Sam",
                 "--out", str(pdf)]) == 0  # fmt: skip
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5_000
    html = tmp_path / "sam.html"
    assert main(["--data-dir", str(store.data_dir), "report", "--interviewer", "Sam",
                 "--out", str(html)]) == 0  # fmt: skip
    text = html.read_text(encoding="utf-8")
    assert "Tell me more about doing it by hand" in text and "Will do next time" in text

    # A spot-the-cue drill on the demo, and a typed re-ask; both saved with the trainee.
    settings.interviewer_name = "Sam"
    practice = PracticeWindow(store, team["demo"], settings, play_audio=False)
    qtbot.addWidget(practice)
    practice.show()
    practice.set_drill(True)
    confident = [m for m in moments_from_cues(practice.cues) if m.confident]
    assert len(confident) >= 2
    practice.clock.seek(confident[0].window[0] + 0.5)  # flagged in time
    practice.flag()
    practice.clock.seek(confident[1].window[1] + 1.0)  # the second one passes unflagged
    score = practice.finish_drill()
    assert score is not None and score.hits >= 1 and score.misses >= 1
    cue_index = next(i for i, c in enumerate(practice.cues) if c.kind in ("why", "leading",
                     "hypothetical", "closed"))  # fmt: skip
    dialog = practice._open_reask_dialog(cue_index)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.text, "Tell me about the last time that happened.")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.passed
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    kinds = sorted(d.kind for d in DrillRepository(store).list(team["demo"]))
    assert kinds == sorted([DrillKind.REASK.value, DrillKind.SPOT.value])
