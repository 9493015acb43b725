"""Screenshots of the board (piles, each arrangement, hypotheses, repeated phrases) and of the
suggested highlights in the review, from six real usability sessions in the coach corpus.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/board_screenshots.py [folder]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.store.db import Store  # noqa: E402
from app.store.hypotheses import HypothesisRepository, Verdict  # noqa: E402
from app.store.studies import Scale  # noqa: E402
from app.ui.board.window import BoardWindow  # noqa: E402
from app.ui.main import create_application  # noqa: E402
from bench.corpus_store import DEMO_FOCUS, import_corpus_interview, import_with_cards  # noqa: E402


def grab(widget: QWidget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(folder / name))
    print(folder / name)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "resources" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    app = create_application()
    store = Store.open(Path(tempfile.mkdtemp(prefix="tellmemore-board-")))
    ids = import_with_cards(store)
    window = BoardWindow(store)
    window.resize(1400, 860)
    window.show()
    window.create_study("Caregiver benefits, round 1", ids, DEMO_FOCUS)
    window.suggest()
    grab(window, folder, "board-suggested.png")
    window.accept_all_suggestions()
    grab(window, folder, "board.png")
    for scale in Scale:
        window.tabs.setCurrentIndex(1)
        window.set_scale(scale)
        grab(window, folder, f"board-arrange-{scale.value}.png")
    repo = HypothesisRepository(store)
    assert window.study is not None
    h1 = repo.add(window.study.id, "Caregivers find the online application form confusing")
    h2 = repo.add(window.study.id, "Veterans would rather call someone than use the website")
    repo.add(window.study.id, "People check the status of their claim online every week")
    for n, iid in enumerate(ids):
        dialog = window.mark_dialog(h1, iid)
        dialog.check_all()
        repo.mark(h1, iid, dialog.verdict, dialog.segment_ids)
        if n % 2 == 0:
            repo.mark(h2, iid, Verdict.CONTRADICTED if n == 2 else Verdict.NOT_DISCUSSED)
    window.tabs.setCurrentIndex(3)
    window.refresh()
    grab(window, folder, "board-hypotheses.png")
    dialog = window.mark_dialog(h1, ids[0])
    dialog.resize(640, 420)
    dialog.show()
    grab(dialog, folder, "board-hypothesis-mark.png")
    dialog.close()
    window.tabs.setCurrentIndex(2)
    window.refresh_repeated()
    grab(window, folder, "board-repeated.png")
    box = window.delete_confirmation()  # what deleting the study would lose, asked first
    box.show()
    grab(box, folder, "board-delete-study.png")
    box.close()

    from app.ui.review.window import ReviewWindow

    fresh = import_corpus_interview(store, "va-caregivers-p3", DEMO_FOCUS)
    review = ReviewWindow(store, fresh)
    review.show()
    if hasattr(review, "suggestions_panel"):
        review.tabs.setCurrentWidget(review.suggestions_panel)
        review.suggestions_panel.refresh()
    grab(review, folder, "review-suggestions.png")
    if hasattr(review, "suggestions_panel"):  # the less sure reasons, last and marked
        panel = review.suggestions_panel
        panel.list.setCurrentRow(panel.list.count() - 1)
        panel.list.scrollToBottom()
        grab(review, folder, "review-suggestions-less-sure.png")
    review.release_media()
    store.close()
    del app


if __name__ == "__main__":
    main()
