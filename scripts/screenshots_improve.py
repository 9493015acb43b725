"""Screenshots of Improve transcript in the review window: decoding (progress bar, Cancel) and
ready (what changed, Replace / Discard), on the espeak-ng recorded interview of the review
tests, decoded by the real bundled model.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_improve.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
TMP = Path(tempfile.mkdtemp(prefix="tellmemore-shots-"))
os.environ["TELLMEMORE_SETTINGS_ORG"] = "TellMeMoreScreenshots"
os.environ["TELLMEMORE_SETTINGS_DIR"] = str(TMP / "settings")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from shots import save  # noqa: E402

from app.improve import ModelDecoder  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.transcript import SegmentRepository  # noqa: E402
from app.ui.main import create_application  # noqa: E402
from app.ui.review import ReviewWindow  # noqa: E402
from tests.review.recorded import make_recorded_interview  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "resources" / "screenshots"
    app = create_application()
    store = Store.open(TMP / "data")
    rec = make_recorded_interview(store, TMP / "speech")
    repo = SegmentRepository(store)
    lines = repo.list(rec.interview_id)
    repo.edit_text(lines[2].id, "Tell me more about that expense report.")  # a hand correction
    real = ModelDecoder("tiny.en")
    gate = threading.Event()

    def held(recording, progress):  # noqa: ANN001, ANN202 - stops at 45 % for the first shot
        progress(0.45)
        gate.wait()
        return real(recording, progress)

    held.label = real.label  # type: ignore[attr-defined]  (what the progress row names)
    held.note = real.note  # type: ignore[attr-defined]
    window = ReviewWindow(store, rec.interview_id)
    window.improve.decoder_factory = lambda: held
    window.show()
    window.improve.start()
    while window.improve.bar.value() < 400:
        app.processEvents()
    save(app, window, out, "review-improve-progress")
    gate.set()
    while not window.improve.replace_button.isVisible():
        app.processEvents()
    save(app, window, out, "review-improve-ready")
    dialog = window.improve.show_changes()
    assert dialog is not None
    save(app, dialog, out, "review-improve-changes")
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
