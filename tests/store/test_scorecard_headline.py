"""Each scorecard's headline is kept beside it (app.store.scorecard_headline): the library
reads those few figures, not every whole scorecard."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.session.plan import InterviewPlan, Participant
from app.store.db import Store, alembic_config
from app.store.interviews import InterviewRepository

FULL = {"score": 72, "areas": {"listening": 80}, "tips": ["Ask why less"], "talk_share": 0.31,
        "cue_count": 4, "metrics": {"questions": {"open": 9}, "phase_timings": [1, 2, 3]}}  # fmt: skip
HEADLINE = {"score": 72, "talk_share": 0.31, "cue_count": 4}


def test_every_scorecard_write_keeps_its_headline(either_store: Store) -> None:
    repo = InterviewRepository(either_store)
    iid = repo.create(InterviewPlan(participant=Participant("Ann", "Co")))
    before = repo.fingerprint()
    repo.update(iid, scorecard=FULL)
    assert repo.fingerprint() != before  # the library notices a scoring
    assert repo.list_for_library()[0].scorecard == HEADLINE
    assert repo.get(iid).scorecard == repo.list_summaries()[0].scorecard == FULL
    assert repo.get(iid).segment_count == 0
    assert repo.list_for_library()[0].segment_count is None  # not counted for the table
    repo.update(iid, scorecard={**FULL, "score": 40})
    assert repo.list_for_library()[0].scorecard == {**HEADLINE, "score": 40}
    repo.update(iid, scorecard=None)
    assert repo.list_for_library()[0].scorecard is None


def test_the_migration_fills_the_headline_of_interviews_scored_before(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "data" / "tellmemore.db"
    db.parent.mkdir()
    config = alembic_config(f"sqlite:///{db}")
    command.upgrade(config, "0006")
    with sqlite3.connect(db) as c:
        for scorecard in (json.dumps(FULL), None, "{damaged"):
            c.execute(
                "INSERT INTO interviews (title, participant_name, participant_company, "
                "participant_role, interviewer_name, focus, status, consent_state, created_at, "
                "duration_s, checklist, tags, scorecard, published_to) VALUES ('t', 'p', '', '', "
                "'', '', 'ended', 'granted', '2026-01-01', 0, '[]', '[]', ?, '')", (scorecard,),
            )  # fmt: skip
    store = Store.open(tmp_path / "data")
    rows = InterviewRepository(store).list_for_library()
    assert sorted((r.scorecard or {}).get("score", 0) for r in rows) == [0, 0, 72]
    assert [r.scorecard for r in rows if r.scorecard] == [HEADLINE]
    store.close()
