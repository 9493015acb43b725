"""Where the app keeps its data: the user data folder, overridable for tests and power users."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATA_DIR = "TELLMEMORE_DATA_DIR"
ENV_DATABASE_URL = "TELLMEMORE_DATABASE_URL"
# A folder every member of a team library can reach (a network share): the team's recordings go
# there instead of each member's data folder, so a colleague's call plays on every machine.
ENV_TEAM_RECORDINGS = "TELLMEMORE_TEAM_RECORDINGS"
DB_FILENAME = "tellmemore.db"
RECORDINGS_DIRNAME = "recordings"


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """--data-dir wins, then TELLMEMORE_DATA_DIR, then the platform's user data folder."""
    chosen = cli_value or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(user_data_dir("TellMeMore", appauthor=False))


def team_recordings_root(data_dir: Path) -> tuple[Path, bool]:
    """Where a team library's recordings live: (folder, shared). The shared folder named by
    TELLMEMORE_TEAM_RECORDINGS (or Settings) when set, else this machine's data folder."""
    chosen = os.environ.get(ENV_TEAM_RECORDINGS, "").strip()
    if chosen:
        return Path(chosen).expanduser(), True
    return data_dir / RECORDINGS_DIRNAME, False
