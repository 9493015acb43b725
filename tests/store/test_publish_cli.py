"""`tellmemore publish`: publishes to a real PostgreSQL team library, says what it did, and
every error is one line on stderr with exit 2 (never the password)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.store.db import Store
from app.store.interviews import InterviewRepository
from tests.store.pg import PASSWORD, PostgresServer
from tests.store.test_publish import record_interview


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


@pytest.mark.postgres
def test_publish_all_then_again_copies_each_interview_once(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    local = Store.open(data, local=True)
    first = record_interview(local, title="first")
    second = record_interview(local, title="second", consent="declined")
    local.close()

    assert main(["--data-dir", str(data), "publish", "--all", "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert f"interview {first}: published as team interview" in out
    assert f"interview {second}: published" in out and "consent was not given" in out

    assert main(["--data-dir", str(data), "publish", "--all", "--to", pg_url]) == 0
    assert "Nothing to publish" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "publish", "--interview", str(first),
                 "--to", pg_url]) == 0  # fmt: skip
    assert "already in the team library" in capsys.readouterr().out

    team = Store.open(data, url=pg_url)
    assert sorted(s.title for s in InterviewRepository(team).list_all()) == ["first", "second"]
    team.close()


@pytest.mark.postgres
def test_an_unknown_interview_is_one_line(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(tmp_path / "data", local=True).close()
    assert main(["--data-dir", str(tmp_path / "data"), "publish", "--interview", "42",
                 "--to", pg_url]) == 2  # fmt: skip
    assert "no interview 42" in _one_line(capsys)


@pytest.mark.postgres
def test_a_wrong_password_is_one_line_without_the_password(
    tmp_path: Path, pg_server: PostgresServer, pg_database: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    wrong = PASSWORD + "x"
    url = pg_server.url(pg_database, tcp=True, password=wrong)
    assert main(["--data-dir", str(tmp_path / "data"), "publish", "--all", "--to", url]) == 2
    err = _one_line(capsys)
    assert wrong not in err and "could not be opened" in err


@pytest.mark.parametrize(("to", "says"), [
    ("sqlite:///elsewhere.db", "PostgreSQL"),
    ("mysql://someone@host/db", "neither SQLite nor PostgreSQL"),
    ("postgresql+asyncpg://u:hunter2@h/db", "driver"),
    ("postgresql://u:hunter2@127.0.0.1:1/db", "could not be opened"),
])  # fmt: skip
def test_a_bad_team_address_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        to: str, says: str) -> None:  # fmt: skip
    assert main(["--data-dir", str(tmp_path / "data"), "publish", "--all", "--to", to]) == 2
    err = _one_line(capsys)
    assert says in err and "hunter2" not in err


def test_no_team_address_at_all_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TELLMEMORE_DATABASE_URL", raising=False)
    assert main(["--data-dir", str(tmp_path / "data"), "publish", "--all"]) == 2
    assert "--to" in _one_line(capsys)
