"""A search does bounded work on both engines (app.store.search_limits): a one-letter word is
matched whole, not as the prefix of nearly every word, and only the newest matches are ranked."""

from __future__ import annotations

import pytest

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store import search_limits
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.search_postgres import tsquery
from app.store.search_sqlite import fts_match
from app.store.transcript import SegmentRepository


def _lines(store: Store, texts: list[str]) -> list[int]:
    iid = InterviewRepository(store).create(InterviewPlan(participant=Participant("P", "Co")))
    repo = SegmentRepository(store)
    return [repo.add(iid, Segment(Speaker.PARTICIPANT, float(k), k + 0.5, t))
            for k, t in enumerate(texts)]  # fmt: skip


def test_a_one_letter_word_is_matched_whole_and_longer_words_as_prefixes() -> None:
    assert fts_match(["t", "exp"]) == '"t" "exp"*'
    assert tsquery(["t", "exp"]) == "'t' & 'exp':*"


def test_a_one_letter_word_finds_itself_not_every_word_it_starts(either_store: Store) -> None:
    ids = _lines(either_store, ["the team thinks so", "plan B was better", "then they left"])
    repo = SegmentRepository(either_store)
    assert repo.search("t") == []
    assert [h.segment_id for h in repo.search("b")] == [ids[1]]
    assert {h.segment_id for h in repo.search("th")} == {ids[0], ids[2]}


def test_only_the_newest_matches_are_ranked(either_store: Store,
                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # The oldest line says "refund" three times (it would rank first), the newer ones once.
    ids = _lines(either_store, ["refund refund refund please"] + [f"a refund {n}" for n in range(6)])
    repo = SegmentRepository(either_store)
    assert repo.search("refund", limit=1)[0].segment_id == ids[0]  # all seven ranked
    monkeypatch.setattr(search_limits, "RANKED_CANDIDATES", 3)
    assert {h.segment_id for h in repo.search("refund", limit=3)} == set(ids[-3:])
    # A page larger than the bound still fills: the bound is never below the page.
    assert len(repo.search("refund", limit=5)) == 5
