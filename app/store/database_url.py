"""Which database a data folder uses: SQLite inside it (the default) or a team's PostgreSQL.

The choice comes from --database-url, then TELLMEMORE_DATABASE_URL, then the Settings field;
without any, the library is the SQLite file in the data folder. A URL may carry a password:
it is shown, logged or put in a message only masked. The password can also stay out of the
URL entirely: libpq (inside psycopg) reads ~/.pgpass, PGPASSFILE and the PG* variables itself.
"""

from __future__ import annotations

import os
import re
from enum import StrEnum
from urllib.parse import quote, quote_plus

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app.store.paths import ENV_DATABASE_URL

MASK = "***"
# The one PostgreSQL driver the app ships (psycopg 3 with its own libpq, see pyproject).
POSTGRES_DRIVER = "postgresql+psycopg"
EXAMPLE_URL = "postgresql+psycopg://user@host:5432/database"


class DatabaseKind(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class DatabaseUrlError(ValueError):
    """A URL the app cannot use; the message is already masked and meant for the user."""


# user:password@ in any URL-looking text, and password=... in a query string or a libpq
# connection string: what is left when a message was not built from a parsed URL.
_USERINFO_PASSWORD = re.compile(r"(://[^:/?#@\s]*:)[^@\s]*@")
_PARAM_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|[^&\s]*)", re.IGNORECASE)


def mask_secrets(message: str, url: URL | None = None) -> str:
    """The message with every form of the URL's password (raw, %-encoded) replaced by ***,
    then any user:password@ or password=... left in it."""
    password = url.password if url is not None else None
    if password:
        for form in {str(password), quote(str(password), safe=""), quote_plus(str(password))}:
            if form:
                message = message.replace(form, MASK)
    message = _USERINFO_PASSWORD.sub(rf"\g<1>{MASK}@", message)
    return _PARAM_PASSWORD.sub(rf"\g<1>{MASK}", message)


def display_url(url: URL) -> str:
    """The URL to show a person: its password (in the address or the query) masked."""
    return mask_secrets(url.render_as_string(hide_password=True), url)


def parse_database_url(raw: str) -> URL:
    """A URL the app can open: sqlite:///… or postgresql+psycopg://… (postgresql:// and
    postgres:// mean psycopg too). Raises DatabaseUrlError with a masked message."""
    text = raw.strip()
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        # `from None`: the parser's own error quotes the whole URL, password included.
        raise DatabaseUrlError(
            f"{mask_secrets(text)!r} is not a database address; write it like {EXAMPLE_URL}."
        ) from None
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        return url
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return url.set(drivername=POSTGRES_DRIVER)
    if backend in ("postgresql", "postgres"):
        raise DatabaseUrlError(
            f"The PostgreSQL driver {driver!r} in {display_url(url)} is not part of Tell Me More; "
            f"use {POSTGRES_DRIVER}:// (psycopg 3)."
        )
    raise DatabaseUrlError(
        f"{display_url(url)} is neither SQLite nor PostgreSQL; Tell Me More keeps its library in "
        f"one of those two (for a team: {EXAMPLE_URL})."
    )


def database_kind(url: URL) -> DatabaseKind:
    return DatabaseKind.SQLITE if url.get_backend_name() == "sqlite" else DatabaseKind.POSTGRESQL


def resolve_database_url(cli_value: str | None = None, settings_value: str | None = None) -> str:
    """--database-url wins, then TELLMEMORE_DATABASE_URL, then Settings; "" means the SQLite
    file in the data folder."""
    for value in (cli_value, os.environ.get(ENV_DATABASE_URL), settings_value):
        if value and value.strip():
            return value.strip()
    return ""


def url_for_settings(raw: str) -> str:
    """The URL as Settings keeps it ("" for the SQLite file in the data folder). Raises
    DatabaseUrlError for a URL the app cannot open, or one with a password in it: Settings is
    a plain file, and the password belongs in ~/.pgpass or PGPASSWORD."""
    text = raw.strip()
    if not text:
        return ""
    url = parse_database_url(text)
    if url.password is not None or any(key.lower() == "password" for key in url.query):
        raise DatabaseUrlError(
            "Leave the password out of the address: Settings are saved in a plain file. Put it "
            "in ~/.pgpass (or the PGPASSWORD variable) instead."
        )
    return url.render_as_string(hide_password=False)
