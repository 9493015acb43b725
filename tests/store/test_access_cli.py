"""`tellmemore access` on a real PostgreSQL server: the owner maps logins to people, adds a
study member and turns row-level security on; each member's own login then reads, in raw SQL,
only what the rule lets it see. Every error exits 2 with one line."""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg
import pytest

from app.cli import main
from app.session.plan import InterviewPlan, Participant
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.paths import ENV_DATABASE_URL
from app.store.studies import StudyRepository
from tests.store.pg import PostgresServer

pytestmark = pytest.mark.postgres
_logins = itertools.count(1)


def _titles(server: PostgresServer, database: str, login: str) -> list[str]:
    with psycopg.connect(host=str(server.socket_dir), port=server.port, user=login,
                         dbname=database, autocommit=True) as connection:  # fmt: skip
        return sorted(r[0] for r in connection.execute("SELECT title FROM interviews"))


def test_the_owner_grants_logins_members_and_row_level_security(
    tmp_path: Path, pg_server: PostgresServer, pg_database: str,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    url = pg_server.url(pg_database)
    # `--database-url` sets the variable for the process: put back what was there afterwards.
    monkeypatch.setenv(ENV_DATABASE_URL, url)
    owner = Store.open(tmp_path / "owner", url=url)
    interviews = InterviewRepository(owner)
    for who in ("Ana", "Ben"):
        interviews.create(InterviewPlan(participant=Participant(f"{who}'s participant")),
                          interviewer_name=who, title=f"{who}'s call")  # fmt: skip
    anas = [s.id for s in interviews.list_all() if s.title == "Ana's call"]
    study = StudyRepository(owner).create("Onboarding", anas)
    owner.close()
    logins = {who: f"tmm_cli_{who.lower()}_{next(_logins)}" for who in ("Ana", "Ben")}
    for login in logins.values():
        pg_server.admin(f'CREATE ROLE "{login}" LOGIN')

    def access(*words: str) -> int:
        return main(["--data-dir", str(tmp_path / "owner"), "--database-url", url, "access",
                     *words])  # fmt: skip

    for who, login in logins.items():
        assert access("set", who, "--login", login, "--grant") == 0
    assert access("rls", "on") == 0
    capsys.readouterr()
    assert access("rls", "status") == 0
    assert "Row-level security is on" in capsys.readouterr().out
    assert access("people") == 0
    listed = capsys.readouterr().out
    assert f"Ana\t{logins['Ana']}\tinterviewer" in listed

    assert _titles(pg_server, pg_database, logins["Ana"]) == ["Ana's call"]
    assert _titles(pg_server, pg_database, logins["Ben"]) == ["Ben's call"]
    assert access("member", "--study", str(study), "--add", "Ben") == 0
    assert _titles(pg_server, pg_database, logins["Ben"]) == ["Ana's call", "Ben's call"]
    assert access("set", "Ana", "--login", logins["Ana"], "--role", "trainer") == 0
    assert _titles(pg_server, pg_database, logins["Ana"]) == ["Ana's call", "Ben's call"]
    assert access("rls", "off") == 0
    capsys.readouterr()

    # Errors: one line, exit 2.
    for words in (("member", "--study", "999", "--add", "Ben"),
                  ("set", "Cleo", "--grant"),
                  ("set", "Cleo", "--login", logins["Ana"])):  # fmt: skip
        assert access(*words) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("tellmemore access: ") and "\n" not in err, err
