"""Who may see which interviews on a team library (app.store.access), on a real PostgreSQL
server with real database logins: in every repository, and in raw SQL once the team turns
row-level security on (app.store.access_rls). Deleting an interview removes it and its audio
from every machine."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import inspect, text

from app.session.plan import InterviewPlan, Participant
from app.session.segments import Segment, Speaker
from app.store.access import Role, current_viewer
from app.store.access_members import AccessRepository
from app.store.access_rls import (
    disable_row_level_security,
    enable_row_level_security,
    grant_library_to,
    row_level_security_tables,
)
from app.store.cards import CardRepository
from app.store.comments import CommentRepository
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.recordings import RecordingRepository
from app.store.studies import StudyRepository
from app.store.timeline import load_timeline
from app.store.transcript import SegmentRepository
from app.synthesis.sources import participant_lines, study_lines
from app.trainer.facts import load_facts
from tests.store.pg import PostgresServer

_logins = itertools.count(1)


@dataclass
class Team:
    owner: Store
    members: dict[str, Store]  # first name -> the store their app opens, as their login
    logins: dict[str, str]
    server: PostgresServer
    database: str

    def raw(self, name: str) -> psycopg.Connection:
        """A plain psql-like connection as a member's login (no app code in between)."""
        return psycopg.connect(host=str(self.server.socket_dir), port=self.server.port,
                               user=self.logins[name], dbname=self.database, autocommit=True)  # fmt: skip


def _interview(store: Store, interviewer: str, secret: str) -> int:
    iid = InterviewRepository(store).create(
        InterviewPlan(participant=Participant(f"Participant of {interviewer}", "Co")),
        interviewer_name=interviewer, title=f"{interviewer}'s call",
    )
    SegmentRepository(store).add(iid, Segment(Speaker.PARTICIPANT, 1.0, 4.0, secret))
    CardRepository(store).add(iid, start=1.0, end=4.0, quote=secret, tag="pain_point")
    CommentRepository(store).add(iid, t=2.0, text=f"comment on {secret}")
    CueRepository(store).add(iid, kind="why", start=1.0, end=2.0, text=secret, suggestion="s")
    return iid


@pytest.fixture
def team(tmp_path: Path, pg_server: PostgresServer, pg_database: str) -> Iterator[Team]:
    """The owner (the login that made the library), two interviewers and a trainer, each with
    their own login and person; every member's app granted the tables."""
    owner = Store.open(tmp_path / "owner", url=pg_server.url(pg_database))
    logins = {name: f"tmm_{name}_{next(_logins)}" for name in ("ana", "ben", "cleo")}
    for login in logins.values():
        pg_server.admin(f'CREATE ROLE "{login}" LOGIN')
        grant_library_to(owner, login)
    access = AccessRepository(owner)
    access.set_person("Ana", logins["ana"], Role.INTERVIEWER)
    access.set_person("Ben", logins["ben"], Role.INTERVIEWER)
    access.set_person("Cleo", logins["cleo"], Role.TRAINER)
    members = {}
    for name, login in logins.items():
        url = pg_server.url(pg_database).replace(f"//{'tellmemore'}@", f"//{login}@")
        members[name] = Store.open(tmp_path / name, url=url)
    yield Team(owner, members, logins, pg_server, pg_database)
    for store in (*members.values(), owner):
        store.close()
    pg_server.drop_database(pg_database)  # the roles own nothing once the database is gone
    for login in logins.values():
        pg_server.admin(f'DROP ROLE IF EXISTS "{login}"')


pytestmark = pytest.mark.postgres


def test_each_login_is_a_person_with_a_role(team: Team) -> None:
    ana = current_viewer(team.members["ana"])
    assert (ana.login, ana.role, ana.sees_all) == (team.logins["ana"], Role.INTERVIEWER, False)
    cleo = current_viewer(team.members["cleo"])
    assert (cleo.role, cleo.sees_all) == (Role.TRAINER, True)
    owner = current_viewer(team.owner)  # made the tables: sees all, with no person
    assert (owner.person_id, owner.role, owner.sees_all) == (None, Role.ADMIN, True)


def test_an_interviewer_sees_their_own_interviews_their_studies_and_a_trainer_sees_all(
    team: Team,
) -> None:
    ana, ben, cleo = (team.members[n] for n in ("ana", "ben", "cleo"))
    mine = _interview(ana, "Ana", "Ana's participant hates receipts")
    theirs = _interview(ben, "Ben", "Ben's participant fears audits")

    def library(store: Store) -> set[int]:
        return {s.id for s in InterviewRepository(store).list_for_library()}

    assert library(ana) == {mine}
    assert library(ben) == {theirs}
    assert library(cleo) == library(team.owner) == {mine, theirs}
    assert InterviewRepository(ana).fingerprint()[0] == 1  # the count of what she may see
    assert [h.interview_id for h in SegmentRepository(ana).search("participant")] == [mine]

    # Ben's interview joins a study Ana is a member of: now she may see it, and nothing else.
    study = StudyRepository(cleo).create("Audits", [theirs])
    AccessRepository(team.owner).add_member(study, "Ana")
    assert library(ana) == {mine, theirs}
    assert {h.interview_id for h in SegmentRepository(ana).search("participant")} == {mine, theirs}
    AccessRepository(team.owner).remove_member(study, "Ana")
    assert library(ana) == {mine}


def test_no_repository_reads_another_logins_interview(team: Team) -> None:
    ana, ben = team.members["ana"], team.members["ben"]
    secret = "Zebulon audits the landlord"
    theirs = _interview(ben, "Ben", secret)
    RecordingRepository(ben).add(theirs, ben.recordings_dir / f"interview-{theirs}-1.wav")
    study = StudyRepository(team.owner).create("Everything", [theirs])

    interviews = InterviewRepository(ana)
    with pytest.raises(KeyError):
        interviews.get(theirs)
    with pytest.raises(KeyError):
        interviews.load_plan(theirs)
    with pytest.raises(KeyError):
        interviews.update(theirs, title="mine now")
    assert not interviews.exists(theirs)
    assert interviews.list_all() == interviews.list_recent() == []
    assert SegmentRepository(ana).list(theirs) == []
    assert SegmentRepository(ana).search("Zebulon") == []
    assert CardRepository(ana).list(theirs) == CardRepository(ana).list_all() == []
    assert CommentRepository(ana).list(theirs) == []
    assert CueRepository(ana).list(theirs) == []
    assert RecordingRepository(ana).for_interview(theirs) == []
    assert load_timeline(ana, theirs).events == []
    assert load_facts(ana) == load_facts(ana, interview_ids=[theirs]) == []  # the trainer's view
    assert StudyRepository(ana).cards(study) == []  # the board
    assert study_lines(ana, [theirs]) == participant_lines(ana, theirs) == []
    # Nor can she change or delete what she cannot see.
    segment_id = SegmentRepository(ben).list(theirs)[0].id
    with pytest.raises(KeyError):
        SegmentRepository(ana).edit_text(segment_id, "rewritten")
    InterviewRepository(ana).delete(theirs)
    assert InterviewRepository(ben).get(theirs).title == "Ben's call"
    assert SegmentRepository(ben).list(theirs)[0].segment.text == secret


def test_row_level_security_hides_other_logins_rows_from_raw_sql(team: Team) -> None:
    ana, ben = team.members["ana"], team.members["ben"]
    _interview(ana, "Ana", "Ana's own words")
    theirs = _interview(ben, "Ben", "Ben's secret words")

    def rows_ana_reads() -> set[str]:
        with team.raw("ana") as c:
            found = {r[0] for r in c.execute("SELECT text FROM segments")}
            found |= {r[0] for r in c.execute("SELECT quote FROM cards")}
            found |= {r[0] for r in c.execute("SELECT text FROM cues")}
            found |= {r[0] for r in c.execute("SELECT title FROM interviews")}
        return found

    # Without it, a member's password opens every row to psql: the app's rule is the app's.
    assert "Ben's secret words" in rows_ana_reads()

    tables = enable_row_level_security(team.owner)
    assert {"interviews", "segments", "cards", "comments", "cues", "recordings",
            "hypothesis_quotes", "pile_cards"} <= set(tables)  # fmt: skip
    assert "publish_tombstones" not in tables  # a deleted interview's id: nobody may see it
    assert all(row_level_security_tables(team.owner).values())
    assert rows_ana_reads() == {"Ana's own words", "Ana's call"}
    with team.raw("ana") as c:
        assert c.execute("SELECT count(*) FROM comments WHERE interview_id = %s",
                         (theirs,)).fetchone() == (0,)  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO segments (interview_id, speaker, start, \"end\", text, words, "
                      "source, version) VALUES (%s, 'participant', 0, 1, 'planted', '[]', 'live', "
                      "1)", (theirs,))  # fmt: skip
        assert c.execute("UPDATE segments SET text = 'x' WHERE interview_id = %s",
                         (theirs,)).rowcount == 0  # fmt: skip
        assert c.execute("DELETE FROM interviews WHERE id = %s", (theirs,)).rowcount == 0
        # Nor can she widen the rule for herself: her role, a study's members.
        assert c.execute("UPDATE people SET role = 'admin' WHERE login = current_user"
                         ).rowcount == 0  # fmt: skip
        study = c.execute("INSERT INTO studies (name, focus, created_at) "
                          "VALUES ('s', '', now()) RETURNING id").fetchone()[0]  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO study_members (study_id, person_id) VALUES "
                      "(%s, tellmemore_person_id(current_user))", (study,))  # fmt: skip
        # Naming a new interviewer still makes a person, as the app does.
        c.execute("INSERT INTO people (name, team, created_at) VALUES ('Dov', '', now())")
    assert AccessRepository(ana).role("Ana") is Role.INTERVIEWER
    # The app keeps working under it: her own new interview, her library, a trainer's view.
    new = _interview(ana, "Ana", "Ana's second call")
    assert {s.id for s in InterviewRepository(ana).list_for_library()} >= {new}
    assert len(InterviewRepository(team.members["cleo"]).list_for_library()) == 3
    assert SegmentRepository(team.members["cleo"]).search("secret")[0].interview_id == theirs

    disable_row_level_security(team.owner)
    assert not any(row_level_security_tables(team.owner).values())


def test_deleting_an_interview_removes_it_and_its_audio_everywhere(team: Team) -> None:
    ana, ben, cleo = (team.members[n] for n in ("ana", "ben", "cleo"))
    enable_row_level_security(team.owner)
    secret = "Quintessa's salary is 91,500"
    theirs = _interview(ben, "Ben", secret)
    audio = RecordingRepository(ben).new_path(theirs)
    audio.write_bytes(b"RIFF....WAVE")
    RecordingRepository(ben).add(theirs, audio)
    hidden = _interview(ana, "Ana", "Ana's call stays")
    # An interview Ana's machine recorded, now led by Ben (reassigned): hidden from her, not
    # deleted; its audio on her machine must stay.
    kept = RecordingRepository(ana).new_path(hidden)
    kept.write_bytes(b"RIFF....WAVE")
    RecordingRepository(ana).add(hidden, kept)
    InterviewRepository(team.owner).update(hidden, interviewer_name="Ben")
    assert InterviewRepository(ana).list_for_library() == []

    InterviewRepository(cleo).delete(theirs)  # the trainer, on her own machine

    with team.owner.engine.connect() as c:  # every table, read by the owner past any policy
        for table in inspect(c).get_table_names():
            hits = c.execute(text(f'SELECT count(*) FROM "{table}" t WHERE t::text ILIKE :p'),
                             {"p": "%Quintessa%"}).scalar()  # fmt: skip
            assert hits == 0, table
    assert audio.exists()  # Ben's machine has not started since
    ben.close()
    reopened = Store.open(ben.data_dir, url=ben.engine.url.render_as_string(hide_password=False))
    team.members["ben"] = reopened
    assert not audio.exists()  # gone at his next start
    ana.close()
    team.members["ana"] = Store.open(ana.data_dir,
                                     url=ana.engine.url.render_as_string(hide_password=False))  # fmt: skip
    assert kept.exists()


def test_going_back_before_0007_takes_the_policies_and_functions_with_it(team: Team) -> None:
    from alembic import command

    from app.store.db import alembic_config

    enable_row_level_security(team.owner)
    for name in ("ana", "ben", "cleo"):  # nobody is connected while the schema changes
        team.members[name].close()
    config = alembic_config("postgresql+psycopg://")
    with team.owner.engine.begin() as c:
        config.attributes["connection"] = c
        command.downgrade(config, "0006")
    with team.owner.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM pg_policies")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM pg_class WHERE relrowsecurity")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM pg_proc WHERE proname LIKE "
                              "'tellmemore_%visible%' OR proname LIKE 'tellmemore_sees%'")
                         ).scalar() == 0  # fmt: skip
    team.owner.migrate()  # and up again
    assert current_viewer(team.owner).sees_all
