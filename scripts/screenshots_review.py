"""Renders the library and the review window with realistic demo data into
resources/screenshots/ (offscreen or under Xvfb), for the README and for looking at.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_review.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

from app.session.plan import InterviewPlan, Participant  # noqa: E402
from app.session.segments import Segment, Speaker, Word  # noqa: E402
from app.store.cards import CardRepository  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.interviews import InterviewRepository  # noqa: E402
from app.store.models import ConsentEvent, CueRow, Mark, Note, SessionEventRow  # noqa: E402
from app.store.recordings import RecordingRepository  # noqa: E402
from app.store.transcript import SegmentRepository  # noqa: E402

OUT = ROOT / "resources" / "screenshots"
I, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT  # noqa: E741
SCRIPT = [
    (I, 4, "Hi Priya, thanks so much for making the time today. I really appreciate it."),
    (P, 9, "Of course, happy to help."),
    (I, 12, "I'm Dana, I work on the expenses team. We're trying to learn how small finance "
            "teams handle travel expenses. It should take about thirty minutes. Is it okay "
            "if I record this call?"),
    (P, 27, "Sure, that's fine."),
    (I, 31, "Thanks. Everything you say stays anonymous. What's your role at Northwind?"),
    (P, 37, "I'm the finance lead, so I approve every expense report for about forty people."),
    (I, 300, "Tell me about the last time you closed the month."),
    (P, 305, "Last month was rough. Three people travelled to Berlin and the receipts came in "
             "as photos on WhatsApp, emails, even a paper envelope on my desk."),
    (I, 322, "You mentioned the paper envelope. Tell me more about that."),
    (P, 327, "Honestly it drives me crazy. I copy every receipt into a spreadsheet by hand, and "
             "it takes me most of a Friday."),
    (I, 345, "Walk me through that Friday."),
    (P, 349, "I open the shared inbox, match each receipt to a card transaction, and chase "
             "people on Slack when something is missing. Usually it's the hotel."),
    (I, 930, "Why don't you use an expense tool?"),
    (P, 936, "We tried one two years ago. Nobody installed the app, so I ended up doing it "
             "myself anyway."),
    (I, 1650, "This was really helpful. One thing I learned is how much time the matching "
              "takes you. Your gift card is on its way. May I follow up by email?"),
    (P, 1668, "Yes, please do."),
]  # fmt: skip
LIBRARY = [
    ("Priya Shah", "Northwind", "Dana", "How do small teams handle travel expenses?", 82),
    ("Omar Haddad", "Globex", "Dana", "What is the biggest roadblock new customers hit?", 67),
    ("Mei Chen", "Initech", "Lee", "How do new customers get through their first week?", 74),
    ("Lars Eriksen", "Umbrella Health", "Lee", "Is there a pain point we are not addressing?", 58),
    ("Ana Souza", "Hooli", "Sam", "What made you start looking for a tool like ours?", 88),
    ("Tomás Ruiz", "Stark Logistics", "Dana", "How do small teams handle travel expenses?", 71),
    ("Grace Okafor", "Wayne Foods", "Sam", "What is the biggest roadblock new customers hit?", 63),
    ("Yuki Tanaka", "Soylent", "Lee", "How do new customers get through their first week?", 79),
]  # fmt: skip


def _words(text: str, start: float, end: float) -> tuple[Word, ...]:
    tokens = text.split()
    step = (end - start) / len(tokens)
    return tuple(Word(" " + w, start + k * step, start + (k + 1) * step)
                 for k, w in enumerate(tokens))  # fmt: skip


def fill(store: Store) -> int:
    repo = InterviewRepository(store)
    rng = random.Random(3)
    first_id = 0
    for n, (name, company, interviewer, focus, score) in enumerate(LIBRARY):
        iid = repo.create(InterviewPlan(Participant(name, company), focus=focus),
                          interviewer_name=interviewer)  # fmt: skip
        first_id = first_id or iid
        repo.update(iid, status="ended", consent_state="granted" if n != 3 else "declined",
                    started_at=datetime(2026, 11, 20, 10) - timedelta(days=3 * n, hours=n),
                    duration_s=1500 + rng.randint(0, 900),
                    scorecard={"score": score, "talk_share": rng.uniform(0.18, 0.4)},
                    tags=["travel"] if "travel" in focus else ["onboarding"])  # fmt: skip
    iid = first_id
    segs = SegmentRepository(store)
    for k, (speaker, start, text) in enumerate(SCRIPT):
        nxt = SCRIPT[k + 1][1] if k + 1 < len(SCRIPT) else start + 8
        end = min(start + len(text.split()) * 0.38, nxt - 0.3)
        segs.add(iid, Segment(speaker, start, end, text, words=_words(text, start, end)))
    segs.rename_speaker(iid, I, "Dana")
    segs.rename_speaker(iid, P, "Priya")
    with store.session() as s:
        for index, (t, name) in enumerate([(0, "Introductions"), (240, "Cover the basics"),
                                           (600, "Go deeper"), (1600, "Wrap it up")]):  # fmt: skip
            s.add(SessionEventRow(interview_id=iid, kind="phase", t=t, wall=0.0,
                                  data={"index": index, "name": name}))  # fmt: skip
        s.add(ConsentEvent(interview_id=iid, state="granted", t=29, wall=0.0))
        s.add(Mark(interview_id=iid, t=330, label="receipts on paper", phase_index=1))
        s.add(Note(interview_id=iid, t=360, text="Ask about the hotel receipts", phase_index=1))
        for kind, t, text, tip in [
            ("why", 930, "Why don't you use an expense tool?",
             "Tell me more about the tools you have tried."),
            ("generality", 349, "Usually it's the hotel",
             "Tell me about the last time that happened."),
            ("overtime", 1500, "", "Go deeper passed its budget: move on to wrap up."),
        ]:  # fmt: skip
            s.add(CueRow(interview_id=iid, kind=kind, start=t, end=t + 4, text=text,
                         suggestion=tip, severity="warn"))  # fmt: skip
    cards = CardRepository(store)
    cards.add(iid, start=331, end=340, quote="I copy every receipt into a spreadsheet by hand",
              tag="workaround", speaker_name="Priya", note="Manual matching every month")  # fmt: skip
    cards.add(iid, start=327, end=330, quote="Honestly it drives me crazy", tag="emotion",
              speaker_name="Priya")  # fmt: skip
    cards.add(iid, start=940, end=946, quote="Nobody installed the app", tag="pain_point",
              speaker_name="Priya", note="Adoption, not features")  # fmt: skip
    recordings = RecordingRepository(store)
    wav = recordings.new_path(iid)
    noise = (np.random.default_rng(1).standard_normal((16000 * 60, 2)) * 0.01).astype("float32")
    sf.write(wav, noise, 16000)
    rec = recordings.add(iid, wav, offset_s=0.0)
    recordings.update(rec, status="complete", duration_s=1700.0)
    return iid


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from app.ui import style
    from app.ui.library import LibraryWindow
    from app.ui.review import ReviewWindow

    app = QApplication.instance() or QApplication([])
    style.apply_style(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data")
        iid = fill(store)
        library = LibraryWindow(store)
        library.resize(1240, 560)
        library.show()
        app.processEvents()
        library.grab().save(str(OUT / "library.png"))
        library.search_edit.setText("receipt spreadsheet")
        library.run_search()
        app.processEvents()
        library.grab().save(str(OUT / "library-search.png"))
        review = ReviewWindow(store, iid, seek_to=331.0)
        review.resize(1240, 800)
        review.show()
        for _ in range(20):
            app.processEvents()
        review.transcript.select_words(9, 3, 9)
        app.processEvents()
        review.grab().save(str(OUT / "review.png"))
        for w in (review, library):
            w.close()
        store.close()
    print(f"wrote {OUT / 'library.png'}, {OUT / 'library-search.png'}, {OUT / 'review.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
