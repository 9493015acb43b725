"""Who made a card, a comment or a correction: a person, on both engines, and two processes
(two reviewers' machines) editing one interview at once without losing each other's work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.export.cards import cards_of, cards_to_csv
from app.export.document import load_document
from app.export.transcript import to_json, to_markdown
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker
from app.store.cards import CardRepository
from app.store.comments import CommentRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import Comment, Person
from app.store.transcript import EditConflict, SegmentRepository
from tests.store.conftest import ENGINES
from tests.store.pg import PostgresServer

REPO_ROOT = Path(__file__).resolve().parents[2]


def _interview(store: Store) -> tuple[int, list[int]]:
    iid = InterviewRepository(store).create(InterviewPlan(), interviewer_name="Ana Lima")
    lines = SegmentRepository(store)
    ids = [lines.add(iid, Segment(Speaker.PARTICIPANT, n * 4.0, n * 4.0 + 3, f"line {n}"))
           for n in range(3)]  # fmt: skip
    return iid, ids


def _people(store: Store) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(Person.name)))


def test_cards_comments_and_corrections_carry_their_author(either_store: Store) -> None:
    store = either_store
    iid, ids = _interview(store)
    card = CardRepository(store).add(iid, start=0, end=3, quote="line 0", tag="workaround",
                                     segment_id=ids[0], author="ben  okafor")  # fmt: skip
    root = CommentRepository(store).add(iid, t=0, text="Why?", author="Ben Okafor")
    CommentRepository(store).reply(root, text="Because.", author="ana lima")
    SegmentRepository(store).edit_text(ids[1], "line one", editor="Ben Okafor")

    assert CardRepository(store).get(card).author == "ben okafor"  # spaces tidied, one person
    assert [c.card.author for c in CardRepository(store).list_all()] == ["ben okafor"]
    lines = SegmentRepository(store).list(iid)
    assert [(ln.edited, ln.edited_by) for ln in lines] == [(False, ""), (True, "ben okafor"),
                                                           (False, "")]  # fmt: skip
    with store.session() as s:
        by = {c.text: c.author_id for c in s.scalars(select(Comment))}
        people = {p.name.lower(): p.id for p in s.scalars(select(Person))}
    assert by == {"Why?": people["ben okafor"], "Because.": people["ana lima"]}
    assert _people(store) == {"Ana Lima", "ben okafor"}  # matched by name, case-insensitively


def test_no_name_in_settings_means_no_author_and_no_made_up_person(either_store: Store) -> None:
    store = either_store
    iid, ids = _interview(store)
    CardRepository(store).add(iid, start=0, end=3, quote="line 0", tag="workaround")
    CommentRepository(store).add(iid, t=0, text="hm", author="  ")
    SegmentRepository(store).edit_text(ids[0], "line zero", editor="")
    assert _people(store) == {"Ana Lima"}
    assert CardRepository(store).list(iid)[0].author == ""
    assert SegmentRepository(store).list(iid)[0].edited_by == ""


def test_the_author_reaches_the_exports(store: Store) -> None:
    iid, ids = _interview(store)
    CardRepository(store).add(iid, start=0, end=3, quote="line 0", tag="workaround",
                              segment_id=ids[0], author="Ben Okafor")  # fmt: skip
    SegmentRepository(store).edit_text(ids[1], "line one", editor="Cleo Park")
    doc = load_document(store, iid)
    data = json.loads(to_json(doc))
    assert data["cards"][0]["author"] == "Ben Okafor"
    assert [s["edited_by"] for s in data["segments"]] == [None, "Cleo Park", None]
    assert "card by Ben Okafor" in to_markdown(doc)
    header, row = cards_to_csv(cards_of(doc)).splitlines()
    assert header.endswith(",author") and row.endswith(",Ben Okafor")


# --- two processes ----------------------------------------------------------------------------

_REVIEWER = """
import json, sys, time
from pathlib import Path
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.transcript import EditConflict, SegmentRepository

data, url, me, own_line, shared_line, go = sys.argv[1:7]
store = Store.open(Path(data), url=url or None)
lines = SegmentRepository(store)
read = {ln.id: ln.version for ln in lines.list(1)}  # what this reviewer has on screen
Path(go + "." + me).touch()  # read: ready
while not Path(go).exists():
    time.sleep(0.005)
lines.edit_text(int(own_line), f"corrected by {me}", read[int(own_line)], editor=me)
CardRepository(store).add(1, start=0, end=1, quote=f"{me}'s card", tag="workaround", author=me)
try:
    lines.edit_text(int(shared_line), f"{me} says so", read[int(shared_line)], editor=me)
    outcome = "saved"
except EditConflict as conflict:
    outcome = "conflict: " + conflict.current_text
print(json.dumps({"shared": outcome}), flush=True)
store.close()
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_two_processes_editing_one_interview_lose_nothing(
    request: pytest.FixtureRequest, tmp_path: Path, engine: str
) -> None:
    url = ""
    if engine == "postgresql":
        server: PostgresServer = request.getfixturevalue("pg_server")
        url = server.url(request.getfixturevalue("pg_database"))
    store = Store.open(tmp_path / "data", url=url or None)
    iid, ids = _interview(store)
    assert iid == 1
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    reviewers = [
        subprocess.Popen([sys.executable, "-c", _REVIEWER, str(tmp_path / name), url, who,
                          str(own), str(ids[2]), str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for name, who, own in (("data", "Ana Lima", ids[0]), ("data", "Ben Okafor", ids[1]))
    ]  # fmt: skip
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}.{who}").exists() for who in ("Ana Lima", "Ben Okafor")):
        for process in reviewers:
            assert process.poll() is None, process.communicate()[1][-2000:]
        assert time.monotonic() < deadline
        time.sleep(0.01)
    go.touch()  # both have read the same versions; now both save at once
    outs = []
    for process in reviewers:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        outs.append(json.loads(out.strip().splitlines()[-1])["shared"])

    assert sorted(o.split(":")[0] for o in outs) == ["conflict", "saved"]  # one wins, once
    lines = SegmentRepository(store).list(iid)
    assert [(ln.segment.text, ln.edited_by) for ln in lines[:2]] == [
        ("corrected by Ana Lima", "Ana Lima"), ("corrected by Ben Okafor", "Ben Okafor")]
    winner = lines[2].edited_by
    assert lines[2].segment.text == f"{winner} says so" and lines[2].version == 2
    loser_saw = next(o for o in outs if o.startswith("conflict"))
    assert loser_saw == f"conflict: {winner} says so"  # told what the line says now
    assert sorted((c.quote, c.author) for c in CardRepository(store).list(iid)) == [
        ("Ana Lima's card", "Ana Lima"), ("Ben Okafor's card", "Ben Okafor")]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 2  # one row per person
    with pytest.raises(EditConflict):  # this process's stale view is refused as well
        SegmentRepository(store).edit_text(ids[2], "mine", expected_version=1, editor="Cleo")
    store.close()


@pytest.mark.postgres
def test_a_card_is_kept_when_the_team_library_lets_only_trainers_add_people(
    pg_store: Store,
) -> None:
    """Row-level security may refuse this login a new person: the card is saved without an
    author, not refused; a person already there is still linked."""
    from sqlalchemy import text

    iid, ids = _interview(pg_store)
    with pg_store.engine.begin() as c:  # the server's refusal, with the SQLSTATE a policy gives
        c.execute(text(
            "CREATE FUNCTION refuse_people() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'new row violates row-level security policy for table people' "
            "USING ERRCODE = '42501'; END $$"))
        c.execute(text("CREATE TRIGGER refuse_people BEFORE INSERT ON people FOR EACH ROW "
                       "EXECUTE FUNCTION refuse_people()"))  # fmt: skip
    cards = CardRepository(pg_store)
    unknown = cards.add(iid, start=0, end=3, quote="line 0", tag="workaround", author="Zoe New")
    known = cards.add(iid, start=4, end=7, quote="line 1", tag="workaround", author="ana lima")
    SegmentRepository(pg_store).edit_text(ids[2], "line two", editor="Zoe New")

    assert (cards.get(unknown).author, cards.get(known).author) == ("", "Ana Lima")
    assert SegmentRepository(pg_store).list(iid)[2].segment.text == "line two"
    assert _people(pg_store) == {"Ana Lima"}
