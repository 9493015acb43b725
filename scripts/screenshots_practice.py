"""Screenshots of comments in the review, the practice window mid-replay and a drill's score,
on the built-in demo interview, reproducibly (a temporary data folder, a fake clock).

    xvfb-run -a .venv/bin/python scripts/screenshots_practice.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_practice.py

Writes review_comments.png, practice_replay.png, practice_reask.png and
practice_drill_score.png into
resources/screenshots/ (or the folder given as the first argument).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TMP = Path(tempfile.mkdtemp(prefix="tellmemore-practice-shots-"))
os.environ["TELLMEMORE_SETTINGS_ORG"] = "TellMeMoreScreenshots"
os.environ["TELLMEMORE_SETTINGS_DIR"] = str(TMP / "settings")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from shots import save, settle  # noqa: E402, F401  (scripts/: the shared grab)

from app.demo import load_demo  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.store.comments import CommentRepository  # noqa: E402
from app.store.cues import CueRepository  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.transcript import SegmentRepository  # noqa: E402
from app.ui.main import create_application  # noqa: E402
from app.ui.practice import PracticeWindow  # noqa: E402
from app.ui.review import ReviewWindow  # noqa: E402


def seed_comments(store: Store, interview_id: int) -> None:
    repo = CommentRepository(store)
    segments = SegmentRepository(store).list(interview_id)
    cues = CueRepository(store).list(interview_id)

    def line_with(words: str) -> tuple[int, float]:
        seg = next(s for s in segments if words in s.segment.text)
        return seg.id, seg.segment.start

    why = next(c for c in cues if c.kind == "why")
    seg_id, _t = line_with("Why didn't he test")
    first = repo.add(interview_id, t=why.start, segment_id=seg_id, cue_id=why.id,
                     author="Sam (trainer)",
                     text="Listen to how defensive he gets right after this. "
                          "Try: \u201cWalk me through how he set it up.\u201d")  # fmt: skip
    repo.reply(first, author="Priya", text="Ouch, yes. I asked the better version two lines later.")
    seg_id, t = line_with("Walk me through the last time")
    good = repo.add(interview_id, t=t, segment_id=seg_id, author="Sam (trainer)",
                    text="Great recovery: a specific, recent story. Use this one in the training.")  # fmt: skip
    repo.set_resolved(good)
    seg_id, t = line_with("Wouldn't it be great")
    repo.add(interview_id, t=t, segment_id=seg_id, author="Sam (trainer)",
             text="Leading: he agrees with anything here. Compare with his answer at 10:10.")  # fmt: skip
    seg_id, t = line_with("Actually, we just released")
    repo.add(interview_id, t=t, segment_id=seg_id, author="Sam (trainer)",
             text="The pitch starts here and runs a full minute.")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    settings = Settings()
    settings.interviewer_name = "Sam (trainer)"
    store = Store.open(TMP / "data")
    interview_id = load_demo(store).interview_id
    seed_comments(store, interview_id)

    review = ReviewWindow(store, interview_id)
    review.resize(1280, 800)
    review.show()
    review.tabs.setCurrentWidget(review.comments.panel)
    why = next(c for c in review.doc.cues if c.kind == "why")
    review.seek_to(why.start - 20)
    settle(app, review)
    index = review.transcript.index_at_time(why.start - 20)
    if index is not None:
        review.transcript.scroll_to_line(index)
    review.comments.margin.update()
    save(app, review, out, "review_comments")
    review.close()

    wall = [1000.0]
    practice = PracticeWindow(store, interview_id, settings, now=lambda: wall[0], play_audio=False)
    practice.resize(1100, 720)
    practice.show()
    practice.seek(why.end - 6)
    practice.play()
    for _ in range(18):  # nine seconds of replay, ticked as the timer would
        wall[0] += 0.5
        practice.tick()
    practice.pause()
    save(app, practice, out, "practice_replay")
    dialog = practice.open_reask()
    assert dialog is not None
    dialog.text.setPlainText("Walk me through how he set it up before that call.")
    dialog.check()
    save(app, dialog, out, "practice_reask")
    dialog.close()

    practice.seek(0.0)
    practice.set_speed(4.0)
    practice.set_drill(True)
    practice.play()
    flags = {c.end + 2.0 for c in practice.cues if c.live and c.kind not in ("talk_share",)}
    flags = set(sorted(flags)[:-2]) | {300.0, 1000.0}  # two missed, two false alarms
    t = 0.0
    while t < practice.script.end_t:
        wall[0] += 0.25
        t = practice.clock.position()
        for f in [f for f in flags if f <= t]:
            flags.discard(f)
            practice.presses.append(f)  # as if F was pressed exactly then
        practice.tick()
        if not practice.clock.playing:
            break
    if practice.drilling:
        practice.finish_drill()
    save(app, practice, out, "practice_drill_score")
    practice.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
