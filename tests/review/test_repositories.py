"""Cards, comments and the library's summary query."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.session.plan import InterviewPlan, Participant
from app.store.cards import CARD_TAGS, CardRepository
from app.store.comments import CommentRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository


def _interview(store: Store, name: str) -> int:
    return InterviewRepository(store).create(InterviewPlan(Participant(name, "Co")))


def test_card_tags_follow_the_guide() -> None:
    assert list(CARD_TAGS) == ["focus", "repeated", "emotion", "pain_point", "product_feedback",
                               "question", "workaround", "feature_request"]  # fmt: skip


def test_cards_crud_and_synthesis_across_interviews(store: Store) -> None:
    a, b = _interview(store, "Ann"), _interview(store, "Bo")
    repo = CardRepository(store)
    c1 = repo.add(a, start=5, end=7, quote=" It takes hours ", tag="pain_point")
    repo.add(b, start=1, end=2, quote="We use a spreadsheet", tag="workaround")
    repo.add(b, start=3, end=4, quote="Hours every month", tag="pain_point")
    assert repo.get(c1).quote == "It takes hours"
    repo.update(c1, note="big", tag="emotion")
    assert (repo.get(c1).tag, repo.get(c1).note) == ("emotion", "big")
    assert [c.card.quote for c in repo.list_all(tag="pain_point")] == ["Hours every month"]
    assert {c.participant_name for c in repo.list_all()} == {"Ann", "Bo"}
    with pytest.raises(ValueError, match="unknown card tag"):
        repo.add(a, start=0, end=1, quote="x", tag="nonsense")
    with pytest.raises(ValueError, match="needs a quote"):
        repo.add(a, start=0, end=1, quote="  ", tag="focus")
    repo.delete(c1)
    assert repo.list(a) == []


def test_comments(store: Store) -> None:
    iid = _interview(store, "Ann")
    repo = CommentRepository(store)
    first = repo.add(iid, t=30, text="Good follow-up here", author="Coach")
    repo.add(iid, t=10, text="Leading question")
    assert [c.t for c in repo.list(iid)] == [10, 30]
    repo.edit(first, "Great follow-up")
    assert repo.list(iid)[1].text == "Great follow-up"
    with pytest.raises(ValueError):
        repo.add(iid, t=1, text=" ")
    InterviewRepository(store).delete(iid)
    assert repo.list(iid) == []


def test_list_summaries_matches_list_all(store: Store, tmp_path) -> None:  # noqa: ANN001
    repo = InterviewRepository(store)
    ids = [_interview(store, n) for n in ("Ann", "Bo", "Cy")]
    repo.update(ids[1], scorecard={"score": 70}, tags=["x"], duration_s=12.5,
                started_at=datetime(2026, 1, 2) + timedelta(hours=1))  # fmt: skip
    RecordingRepository(store).add(ids[2], tmp_path / "a.wav")
    assert repo.list_summaries() == repo.list_all()


def test_library_sorts_dates_newest_first(qtbot, store: Store) -> None:  # noqa: ANN001
    from app.ui.library import LibraryWindow

    repo = InterviewRepository(store)
    for n, day in (("Old", 1), ("New", 20), ("Mid", 10)):
        repo.update(_interview(store, n), started_at=datetime(2026, 3, day))
    w = LibraryWindow(store)
    qtbot.addWidget(w)
    assert [s.participant_name for s in w.visible_summaries()] == ["New", "Mid", "Old"]
