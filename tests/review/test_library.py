"""The library on a real recorded interview: filters, full-text search into the review, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.session.plan import InterviewPlan, Participant
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import Card, Interview, SegmentRow
from app.store.transcript import SegmentRepository
from app.ui.library import LibraryWindow
from app.ui.library.model import Column, scorecard_summary
from tests.review.recorded import RecordedInterview


@pytest.fixture
def library(qtbot, store: Store, recorded: RecordedInterview) -> LibraryWindow:  # noqa: ANN001
    other = InterviewRepository(store).create(InterviewPlan(Participant("Omar", "Globex"),
                                              focus="Onboarding"), interviewer_name="Lee")  # fmt: skip
    InterviewRepository(store).update(other, tags=["onboarding"])
    w = LibraryWindow(store)
    qtbot.addWidget(w)
    w.show()
    return w


def test_lists_every_interview_with_its_summary(library: LibraryWindow) -> None:
    assert library.model.rowCount() == 2
    priya = next(s for s in library.model.summaries() if s.participant_name == "Priya Shah")
    row = library.model.row_of(priya.id)
    cell = lambda c: library.model.index(row, c).data()  # noqa: E731
    assert cell(Column.COMPANY) == "Northwind"
    assert cell(Column.CONSENT) == "Granted"
    assert cell(Column.RECORDING) == "\u25cf"
    assert cell(Column.FOCUS) == "How do people handle travel expenses?"
    assert "2 interviews" in library.count_label.text()


def test_filters(library: LibraryWindow) -> None:
    library.interviewer_combo.setCurrentText("Lee")
    assert [s.participant_name for s in library.visible_summaries()] == ["Omar"]
    library.interviewer_combo.setCurrentText("Any")
    library.recording_combo.setCurrentIndex(1)
    assert [s.participant_name for s in library.visible_summaries()] == ["Priya Shah"]
    library.recording_combo.setCurrentIndex(0)
    library.tag_combo.setCurrentText("onboarding")
    assert [s.participant_name for s in library.visible_summaries()] == ["Omar"]
    library.tag_combo.setCurrentText("Any")
    library.filter_edit.setText("northwind")
    assert [s.participant_name for s in library.visible_summaries()] == ["Priya Shah"]
    library.filter_edit.clear()
    library.date_check.setChecked(True)
    library.date_from.setDate(library.date_from.date().addYears(-10))
    library.date_to.setDate(library.date_from.date().addYears(-9))
    assert library.visible_summaries() == []
    assert "0 of 2" in library.count_label.text()


def test_sorting_by_participant(library: LibraryWindow) -> None:
    from PySide6.QtCore import Qt

    library.table.sortByColumn(Column.PARTICIPANT, Qt.SortOrder.AscendingOrder)
    assert [s.participant_name for s in library.visible_summaries()] == ["Omar", "Priya Shah"]


def test_search_finds_a_phrase_and_opens_the_review_there(qtbot, library: LibraryWindow,  # noqa: ANN001
                                                          recorded: RecordedInterview) -> None:  # fmt: skip
    library.search_edit.setText("receipt spreadsheet")
    qtbot.waitUntil(lambda: len(library.hits_view.hits) == 1, timeout=2000)
    hit = library.hits_view.hits[0]
    assert hit.segment_id == recorded.segment_ids[3]
    assert "[receipt]" in hit.snippet and "[spreadsheet]" in hit.snippet
    assert "<b" in library.hits_view.toHtml() or "font-weight" in library.hits_view.toHtml()
    with qtbot.waitSignal(library.review_opened):
        library.hits_view.activate(0)
    review = library.reviews[recorded.interview_id]
    qtbot.addWidget(review)
    assert review.player.position_s == pytest.approx(recorded.segments[3].start)
    assert review.transcript.current == 3


def test_search_sees_edits_and_empty_queries(library: LibraryWindow, store: Store,
                                             recorded: RecordedInterview) -> None:  # fmt: skip
    SegmentRepository(store).edit_text(recorded.segment_ids[2], "Tell me more about approvals.")
    library.search_edit.setText("approvals")
    assert len(library.run_search()) == 1
    library.search_edit.setText("   ")
    assert library.run_search() == [] and library.hits_box.isHidden()
    library.search_edit.setText("zebra")
    assert library.run_search() == []
    assert "No transcript mentions" in library.hits_view.toPlainText()


def test_delete_asks_first_then_leaves_nothing(qtbot, library: LibraryWindow, store: Store,  # noqa: ANN001
                                               recorded: RecordedInterview, monkeypatch) -> None:  # fmt: skip
    iid = recorded.interview_id
    CardRepository(store).add(iid, start=9.0, end=10.0, quote="three hours", tag="pain_point")
    review = library.open_review(iid)
    qtbot.addWidget(review)
    assert library.select_interview(iid)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)  # fmt: skip
    assert library.delete_selected() is None
    assert recorded.wav.exists() and InterviewRepository(store).exists(iid)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    deleted = library.delete_selected()
    assert deleted == [recorded.wav]
    assert not recorded.wav.exists()
    assert [p for p in store.recordings_dir.iterdir()] == []  # no sidecar or partial file left
    with store.session() as s:
        for model in (Interview, SegmentRow, Card):
            assert s.query(model).filter_by(**({"id": iid} if model is Interview
                                               else {"interview_id": iid})).count() == 0  # fmt: skip
    assert SegmentRepository(store).search("spreadsheet") == []
    assert library.model.rowCount() == 1
    assert iid not in library.reviews


def test_scorecard_summary_reads_what_is_there() -> None:
    assert scorecard_summary(None) == "\u2014"
    assert scorecard_summary({"overall": 82, "talk_share": 0.27, "cue_count": 3}) == (
        "82/100 \u00b7 you 27% \u00b7 3 cues")
    assert scorecard_summary({"cues": {"why": 2, "closed": 1}}) == "3 cues"


def test_deleting_files_already_gone_is_fine(store: Store, recorded: RecordedInterview,
                                             tmp_path: Path) -> None:  # fmt: skip
    recorded.wav.unlink()
    InterviewRepository(store).delete(recorded.interview_id)
    assert not InterviewRepository(store).exists(recorded.interview_id)


def test_the_list_refreshes_itself_when_a_call_ends_elsewhere(
    qtbot, library: LibraryWindow, store: Store, tmp_path: Path
) -> None:  # noqa: ANN001
    """A call ending in another process (`tellmemore listen`) or window shows up unasked."""
    library.watch_timer.setInterval(50)
    assert not library.refresh_if_changed()  # nothing changed: no reload
    other = Store.open(store.data_dir)  # another connection, as another process would have
    new_id = InterviewRepository(other).create(InterviewPlan(Participant("Zoe")))
    qtbot.waitUntil(lambda: library.model.row_of(new_id) is not None, timeout=3000)
    InterviewRepository(other).update(new_id, status="ended", scorecard={"score": 81})
    other.close()
    qtbot.waitUntil(lambda: "81" in str(library.model.index(
        library.model.row_of(new_id), Column.SCORECARD).data()), timeout=3000)  # fmt: skip
