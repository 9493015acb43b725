"""Screenshots of the trainer view and a coaching report's first PDF page, from a temporary
data folder: two interviewers, each with real transcripts imported through the real importer
(tests/data and the coach corpus, timed from their word counts) and made-up scored interviews
(tests/trainer/synthetic.py) for a longer history.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_trainer.py [OUT_DIR]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
TMP = Path(tempfile.mkdtemp(prefix="tellmemore-trainer-shots-"))
os.environ["TELLMEMORE_SETTINGS_ORG"] = "TellMeMoreScreenshots"
os.environ["TELLMEMORE_SETTINGS_DIR"] = str(TMP / "settings")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.importing import ImportJob, ImportRequest  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.models import Interview  # noqa: E402
from app.store.people import PersonRepository  # noqa: E402
from tests.trainer.synthetic import fill  # noqa: E402

CORPUS = REPO / "resources" / "coach_corpus" / "interviews"
WORDS_PER_S = 2.6
# (transcript, interviewer, participant, days after the first interview)
REAL = [
    (REPO / "tests" / "data" / "same_interview.jsonl", "", "", 30),
    (CORPUS / "changelog-founderstalk-linear-jori-lallo.jsonl", "Jon Okafor", "Jori", 33),
    (CORPUS / "changelog-founderstalk-fly-kurt-mackey.jsonl", "Maya", "Kurt", 36),
    (
        CORPUS / "changelog-founderstalk-honeycomb-christine-yen.jsonl",
        "Jon Okafor",
        "Christine",
        38,
    ),
]


def timed_copy(source: Path, interviewer: str, participant: str) -> Path:
    """A corpus file (turns without times) as timed JSONL: times from the words spoken."""
    out = TMP / f"{source.stem}.jsonl"
    t = 0.0
    with source.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            turn = json.loads(line)
            length = max(1.5, len(turn["text"].split()) / WORDS_PER_S)
            who = interviewer if turn["speaker"] == "interviewer" else participant
            dst.write(json.dumps({"speaker": who, "start": round(t, 2), "end": round(t + length, 2),
                                  "text": turn["text"]}) + "\n")  # fmt: skip
            t += length + 0.6
    return out


def seed(store: Store) -> int:
    fill(store, ["Maya", "Jon Okafor"], 9, seed=3, segments=True)
    base = datetime(2026, 9, 1, 10, 0)
    report_on = 0
    for path, interviewer, participant, days in REAL:
        source = path if not interviewer else timed_copy(path, interviewer, participant)
        result = ImportJob(store, ImportRequest(source, interviewer_name=interviewer)).run()
        print(f"imported {path.name}: {result.interviewer.report()} {result.cue_count} cues")
        with store.session() as s:
            s.get(Interview, result.interview_id).created_at = base + timedelta(days=days)
        if interviewer == "Jon Okafor":
            report_on = result.interview_id
    people = PersonRepository(store)
    for person in people.list():
        people.set_team(person.id, "Research")
    return report_on


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from app.ui.main import create_application

    app = create_application()
    store = Store.open(TMP / "data")
    report_on = seed(store)
    from app.trainer.report import interview_report, person_report
    from app.ui.pdf import pdf_page_image, render_pdf
    from app.ui.trainer import TrainerWindow

    window = TrainerWindow(store)
    window.resize(1320, 980)
    window.show()
    jon = PersonRepository(store).find("Jon Okafor")
    assert jon is not None
    window.select_person(jon.id)
    window.table.selectRow(1)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out / "trainer.png"))
    print(out / "trainer.png")
    from app.store.comments import CommentRepository
    from app.trainer.moments import moments_to_discuss

    first = moments_to_discuss(store, report_on, 1)[0]
    comments = CommentRepository(store)
    root = comments.add(report_on, t=first.start, author="Rosa (trainer)",
                        text="Good energy, but this ran long: where could you have stopped "
                        "and asked?")  # fmt: skip
    comments.reply(root, author="Jon Okafor", text="After the funding story; I'll try "
                   "'Tell me more about that' next time.")  # fmt: skip
    report = interview_report(store, report_on)
    pdf = render_pdf(report.html, TMP / "interview-report.pdf", report.title)
    pdf_page_image(pdf, out / "report-interview-page1.png")
    pdf_page_image(pdf, TMP / "report-interview-page2.png", page=1)  # the moments, to check
    print(out / "report-interview-page1.png", pdf, TMP / "report-interview-page2.png")
    from app.ui.trainer.report_dialog import ReportDialog

    dialog = ReportDialog(report.html, report.title)
    dialog.show()
    for _ in range(5):
        app.processEvents()
    dialog.browser.verticalScrollBar().setValue(dialog.browser.verticalScrollBar().maximum() // 2)
    app.processEvents()
    dialog.grab().save(str(TMP / "report-dialog.png"))
    print(TMP / "report-dialog.png")
    report = person_report(store, jon.id)
    pdf = render_pdf(report.html, TMP / "person-report.pdf", report.title)
    pdf_page_image(pdf, out / "report-interviewer-page1.png")
    print(out / "report-interviewer-page1.png", pdf)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
