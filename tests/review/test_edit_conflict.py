"""Two reviewers correcting the same line: the second save is shown as a conflict with both
texts, never written over the first (optimistic concurrency, SegmentRepository.edit_text)."""

from __future__ import annotations

from app.store.db import Store
from app.store.transcript import SegmentRepository
from app.ui.review.window import ReviewWindow
from tests.review.recorded import RecordedInterview


def test_a_line_changed_by_another_reviewer_is_a_conflict_shown_not_overwritten(
    qtbot, store: Store, recorded: RecordedInterview  # noqa: ANN001
) -> None:
    window = ReviewWindow(store, recorded.interview_id)
    qtbot.addWidget(window)
    changed: list[bool] = []
    window.changed.connect(lambda: changed.append(True))
    line = window.doc.segments[1]
    # Another reviewer (or another machine on the team library) saves first.
    SegmentRepository(store).edit_text(line.id, "Their correction of the line.",
                                       expected_version=line.version)  # fmt: skip

    window.edit_segment(1, "My   correction of the line.")

    (saved,) = [s for s in SegmentRepository(store).list(recorded.interview_id) if s.id == line.id]
    assert saved.segment.text == "Their correction of the line."
    assert "Their correction" in window.transcript.toPlainText()  # reloaded: what is saved now
    message = window.banner.message()
    assert "Someone else changed this line" in message
    assert "Their correction of the line." in message and "My correction of the line." in message
    assert changed == []
    window.edit_segment(1, "My correction, made again.")  # now on the current version
    assert SegmentRepository(store).list(recorded.interview_id)[1].segment.text == (
        "My correction, made again.")  # fmt: skip
    assert changed == [True]
