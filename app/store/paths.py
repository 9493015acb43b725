"""Where the app keeps its data: the user data folder, overridable for tests and power users."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATA_DIR = "TELLMEMORE_DATA_DIR"
ENV_DATABASE_URL = "TELLMEMORE_DATABASE_URL"
DB_FILENAME = "tellmemore.db"
RECORDINGS_DIRNAME = "recordings"


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """--data-dir wins, then TELLMEMORE_DATA_DIR, then the platform's user data folder."""
    chosen = cli_value or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(user_data_dir("TellMeMore", appauthor=False))
