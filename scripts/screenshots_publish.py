"""Renders publishing to a team library into resources/screenshots/: the laptop's library with
published rows marked and others selected, the Publish dialog before, during and after, and
the review's cards with their authors. Needs Debian's postgresql package (a throwaway server
is started and removed, as in the tests).

    xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python scripts/screenshots_publish.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots_review import fill  # noqa: E402
from shots import save, settle  # noqa: E402

from app.store.cards import CardRepository  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.interviews import InterviewRepository  # noqa: E402
from app.store.publish import Publisher  # noqa: E402
from app.store.recordings import RecordingRepository  # noqa: E402
from app.store.transcript import SegmentRepository  # noqa: E402
from tests.store.pg import server_bindir, start_server, stop_server  # noqa: E402

OUT = ROOT / "resources" / "screenshots"
BIG_AUDIO_BYTES = 120 * 1024 * 1024  # long enough to catch the bar half-way


def _select(library, ids: list[int]) -> None:  # noqa: ANN001
    selection = library.table.selectionModel()
    selection.clearSelection()
    for interview_id in ids:
        row = library.model.row_of(interview_id)
        index = library.proxy.mapFromSource(library.model.index(row, 0))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip


def _show_edited_tooltip(app: QApplication, review) -> None:  # noqa: ANN001
    """Hover the "edited" mark of the corrected line and grab the screen around it (a tooltip
    is a window of its own, so only a screen grab shows it)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip

    view = review.transcript
    document = view.document()
    found = document.find("edited")
    cursor = view.cursorForPosition(QPoint(0, 0))
    cursor.setPosition(found.selectionStart() + 2)
    rect = view.cursorRect(cursor)
    tip = found.charFormat().toolTip()
    where = view.viewport().mapToGlobal(rect.center())
    QToolTip.showText(where, tip, view.viewport())
    settle(app, review)
    time.sleep(0.3)
    settle(app, review)
    top_left = review.mapToGlobal(QPoint(0, 0))
    shot = app.primaryScreen().grabWindow(0, top_left.x(), top_left.y() + 380, 760, 330)
    path = OUT / "review-edited-by-tooltip.png"
    shot.save(str(path))
    print(path)


def main() -> int:
    from app.ui import style
    from app.ui.library import LibraryWindow
    from app.ui.review import ReviewWindow

    bindir = server_bindir()
    if bindir is None:
        print("install Debian's postgresql package first", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication([])
    style.apply_style(app)
    OUT.mkdir(parents=True, exist_ok=True)
    server = start_server(bindir)
    try:
        url = server.url(server.create_database())
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            local = Store.open(data, local=True)
            first = fill(local)
            ids = [s.id for s in sorted(InterviewRepository(local).list_all(),
                                        key=lambda s: s.started_at or s.created_at,
                                        reverse=True)]  # newest call first  # fmt: skip
            # Cards and a correction by two reviewers on the first interview.
            cards = CardRepository(local)
            for card in cards.list(first):
                cards.delete(card.id)
            cards.add(first, start=331, end=340, tag="workaround", speaker_name="Priya",
                      quote="I copy every receipt into a spreadsheet by hand",
                      note="Manual matching every month", author="Dana Whitfield")  # fmt: skip
            cards.add(first, start=327, end=330, quote="Honestly it drives me crazy",
                      tag="emotion", speaker_name="Priya", author="Lee Chen")  # fmt: skip
            cards.add(first, start=940, end=946, quote="Nobody installed the app",
                      tag="pain_point", speaker_name="Priya", note="Adoption, not features",
                      author="Lee Chen")  # fmt: skip
            lines = SegmentRepository(local)
            line = next(s for s in lines.list(first) if "Berlin" in s.segment.text)
            lines.edit_text(line.id, line.segment.text.replace("on WhatsApp", "in WhatsApp"),
                            line.version, editor="Lee Chen")  # fmt: skip
            big = ids[1]
            recordings = RecordingRepository(local)
            path = recordings.new_path(big)
            with path.open("wb") as handle:
                for _ in range(BIG_AUDIO_BYTES // (1024 * 1024)):
                    handle.write(os.urandom(1024 * 1024))
            recordings.add(big, path, status="complete")

            team = Store.open(data, url=url)
            Publisher(local, team).publish(ids[4:])  # the oldest four went out last week
            team.close()

            library = LibraryWindow(local)
            library.resize(1320, 520)
            library.show()
            library.refresh()
            _select(library, ids[:3])
            save(app, library, OUT, "library-publish")

            dialog = library.choose_publish(team_url=url.split("?")[0] + "?host=db.team.local")
            assert dialog is not None
            dialog.url_edit.setText(url)
            dialog.url_edit.setCursorPosition(0)
            save(app, dialog, OUT, "publish-dialog")
            task = dialog.start()
            assert task is not None
            grabbed = False
            deadline = time.monotonic() + 120
            while task.is_running() and time.monotonic() < deadline:
                app.processEvents()
                if not grabbed and 250 <= dialog.progress.value() <= 700:
                    save(app, dialog, OUT, "publish-dialog-progress")
                    grabbed = True
                time.sleep(0.01)
            for _ in range(20):
                app.processEvents()
                time.sleep(0.01)
            save(app, dialog, OUT, "publish-dialog-done")
            dialog.close()
            library.refresh()
            _select(library, [])
            save(app, library, OUT, "library-published")

            review = ReviewWindow(local, first, seek_to=331.0)
            review.resize(1320, 820)
            review.show()
            settle(app, review)
            save(app, review, OUT, "review-authors")
            _show_edited_tooltip(app, review)
            review.close()
            library.close()
            local.close()

            # Back in the team library: what was recorded here offline is offered.
            team = Store.open(data, url=url)
            team_library = LibraryWindow(team)
            team_library.resize(1320, 520)
            team_library.show()
            save(app, team_library, OUT, "library-team-offline-publish")
            team_library.close()
            team_library.listener.stop()
            team.close()
    finally:
        stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
