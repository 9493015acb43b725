"""Choosing the library's database: --database-url, TELLMEMORE_DATABASE_URL, Settings; the
password masked in every message. No server needed here (tests/store/test_postgres.py has one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.store.database_url import (
    DatabaseKind,
    DatabaseUrlError,
    database_kind,
    display_url,
    mask_secrets,
    parse_database_url,
    resolve_database_url,
    url_for_settings,
)
from app.store.db import Store, StoreError
from app.store.paths import ENV_DATABASE_URL

PASSWORD = "Hunter2-Zq"


def test_postgres_urls_are_opened_with_psycopg_and_sqlite_stays_sqlite() -> None:
    for raw in ("postgresql://sam@db/team", "postgres://sam@db/team",
                " postgresql+psycopg://sam@db/team "):  # fmt: skip
        url = parse_database_url(raw)
        assert url.drivername == "postgresql+psycopg" and url.database == "team"
        assert database_kind(url) is DatabaseKind.POSTGRESQL
    assert database_kind(parse_database_url("sqlite:////tmp/x.db")) is DatabaseKind.SQLITE


@pytest.mark.parametrize("raw", [
    f"mysql://sam:{PASSWORD}@db/team",
    f"postgresql+psycopg2://sam:{PASSWORD}@db/team",
    f"postgresql+psycopg://sam:{PASSWORD}@db:port/team",
    f"not a url {PASSWORD}",
])  # fmt: skip
def test_an_unusable_url_is_refused_with_a_sentence_and_no_password(raw: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        parse_database_url(raw)
    message = str(caught.value)
    assert message.endswith(".") and len(message.splitlines()) == 1
    if "://" in raw:
        assert PASSWORD not in message
    error = caught.value  # nothing chained that a traceback would print with the URL in it
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


def test_every_form_of_the_password_is_masked() -> None:
    odd = "p@ss w/rd%"
    url = parse_database_url("postgresql+psycopg://sam:p%40ss%20w%2Frd%25@db/team"
                             f"?password={PASSWORD}")  # fmt: skip
    assert url.password == odd
    shown = display_url(url)
    assert "p@ss" not in shown and "p%40ss" not in shown and PASSWORD not in shown
    assert shown.startswith("postgresql+psycopg://sam:***@db/team")
    said = mask_secrets(f"failed for {odd} and p%40ss%20w%2Frd%25 and p%40ss+w%2Frd%25", url)
    assert "p@ss" not in said and "p%40ss" not in said
    assert mask_secrets(f"dbname=x password={PASSWORD} host=y") == "dbname=x password=*** host=y"
    assert mask_secrets(f"at postgresql://ann:{PASSWORD}@h/d") == "at postgresql://ann:***@h/d"


def test_the_command_line_wins_then_the_environment_then_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)
    assert resolve_database_url(None, None) == ""
    assert resolve_database_url(None, " postgresql://s@db/x ") == "postgresql://s@db/x"
    monkeypatch.setenv(ENV_DATABASE_URL, "postgresql://env@db/x")
    assert resolve_database_url(None, "postgresql://s@db/x") == "postgresql://env@db/x"
    assert resolve_database_url("postgresql://cli@db/x", "x") == "postgresql://cli@db/x"


def test_settings_keep_the_address_but_never_a_password() -> None:
    assert url_for_settings("  ") == ""
    assert url_for_settings("postgres://sam@db/team") == "postgresql+psycopg://sam@db/team"
    for raw in (f"postgresql://sam:{PASSWORD}@db/team", f"postgresql://sam@db/team?password={PASSWORD}"):
        with pytest.raises(DatabaseUrlError) as caught:
            url_for_settings(raw)
        assert "pgpass" in str(caught.value) and PASSWORD not in str(caught.value)
    with pytest.raises(DatabaseUrlError):
        url_for_settings("oracle://db/x")


def test_without_a_url_the_library_is_the_sqlite_file_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)
    store = Store.open(tmp_path / "data")
    assert store.kind is DatabaseKind.SQLITE
    assert store.location == str(tmp_path / "data" / "tellmemore.db")
    store.close()


def test_a_server_that_cannot_be_reached_is_one_masked_line_from_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_DATABASE_URL, "")  # main() sets it; monkeypatch restores it
    url = f"postgresql+psycopg://sam:{PASSWORD}@127.0.0.1:1/team"
    code = main(["--data-dir", str(tmp_path / "data"), "--database-url", url,
                 "report", "--interview", "1"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "could not be opened" in err and "sam:***@127.0.0.1:1/team" in err
    assert PASSWORD not in err


def test_store_open_refuses_a_bad_url_with_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "data", url=f"mysql://sam:{PASSWORD}@db/x")
    assert PASSWORD not in str(caught.value) and caught.value.__cause__ is None


def test_the_app_falls_back_to_its_own_library_when_the_team_one_is_out_of_reach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.store.library_opener import LibraryOpener

    url = f"postgresql+psycopg://sam:{PASSWORD}@127.0.0.1:1/team"
    monkeypatch.setenv(ENV_DATABASE_URL, url)  # as --database-url leaves it
    opener = LibraryOpener(url)
    store = opener(tmp_path / "data")
    assert store.kind is DatabaseKind.SQLITE
    assert store.location == str(tmp_path / "data" / "tellmemore.db")
    reason = opener.fallback_reason or ""
    assert "could not be opened" in reason and "sam:***@127.0.0.1:1/team" in reason
    assert "Settings" in reason and PASSWORD not in reason
    store.close()
    monkeypatch.delenv(ENV_DATABASE_URL)
    plain = LibraryOpener("")
    plain(tmp_path / "data").close()
    assert plain.fallback_reason is None
