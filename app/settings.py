"""The user's settings: QSettings behind one module and one enum of namespaced keys.

Only this module talks to QSettings, so a key is spelled once and has one type and default.
Tests (and the launch test's subprocess) keep away from the user's real settings by setting
TELLMEMORE_SETTINGS_ORG to a throwaway organisation name and TELLMEMORE_SETTINGS_DIR to a
temporary folder.
"""

from __future__ import annotations

import json
import os
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

ORGANISATION = "TellMeMore"
APPLICATION = "Tell Me More"
ENV_SETTINGS_ORG = "TELLMEMORE_SETTINGS_ORG"
ENV_SETTINGS_DIR = "TELLMEMORE_SETTINGS_DIR"


class Key(Enum):
    """Each key's value is (QSettings path, default)."""

    ALWAYS_ON_TOP = ("live/always_on_top", False)
    START_WINDOW_GEOMETRY = ("window/start_geometry", None)
    LIVE_WINDOW_GEOMETRY = ("window/live_geometry", None)
    LAST_DATA_DIR = ("store/last_data_dir", "")
    # A team library on PostgreSQL ("" : the SQLite file in the data folder). Saved without
    # its password, which belongs in ~/.pgpass or PGPASSWORD.
    DATABASE_URL = ("store/database_url", "")
    # A folder the whole team reaches (a share) for the team library's recordings ("": each
    # member's data folder).
    TEAM_RECORDINGS = ("store/team_recordings", "")
    MIC_DEVICE = ("audio/mic_device", "")
    CALL_DEVICE = ("audio/call_device", "")
    MODEL_NAME = ("transcribe/model_name", "tiny.en")
    ENABLED_CUE_KINDS = ("coach/enabled_cue_kinds", None)  # None: every kind is on
    INTERVIEWER_NAME = ("user/interviewer_name", "")
    LAST_PLAN = ("plan/last_plan", "")  # JSON of the last plan used (without the participant)
    AUDIO_CHECKED = ("audio/checked_once", False)  # the first-run audio check was opened

    @property
    def path(self) -> str:
        return self.value[0]

    @property
    def default(self) -> Any:
        return self.value[1]


def configure_application_names() -> None:
    """Organisation and application names, which decide where QSettings stores things."""
    QCoreApplication.setOrganizationName(os.environ.get(ENV_SETTINGS_ORG) or ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    folder = os.environ.get(ENV_SETTINGS_DIR)
    if folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)


class Settings:
    """Typed access to the app's settings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings()

    # -- generic --------------------------------------------------------------------------------
    def get(self, key: Key) -> Any:
        value = self._q.value(key.path, key.default)
        default = key.default
        # QSettings' INI backend hands back strings for bools and lists; normalise by default type.
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        return value

    def set(self, key: Key, value: Any) -> None:
        if value is None:
            self._q.remove(key.path)
        else:
            self._q.setValue(key.path, value)

    def sync(self) -> None:
        self._q.sync()

    # -- typed helpers ----------------------------------------------------------------------------
    @property
    def always_on_top(self) -> bool:
        return bool(self.get(Key.ALWAYS_ON_TOP))

    @always_on_top.setter
    def always_on_top(self, on: bool) -> None:
        self.set(Key.ALWAYS_ON_TOP, bool(on))

    @property
    def interviewer_name(self) -> str:
        return str(self.get(Key.INTERVIEWER_NAME) or "")

    @interviewer_name.setter
    def interviewer_name(self, name: str) -> None:
        self.set(Key.INTERVIEWER_NAME, name.strip())

    @property
    def last_data_dir(self) -> Path | None:
        value = str(self.get(Key.LAST_DATA_DIR) or "")
        return Path(value) if value else None

    @last_data_dir.setter
    def last_data_dir(self, folder: Path | None) -> None:
        self.set(Key.LAST_DATA_DIR, str(folder) if folder else None)

    @property
    def database_url(self) -> str:
        return str(self.get(Key.DATABASE_URL) or "")

    @database_url.setter
    def database_url(self, url: str) -> None:
        self.set(Key.DATABASE_URL, url.strip() or None)

    @property
    def team_recordings(self) -> str:
        return str(self.get(Key.TEAM_RECORDINGS) or "")

    @team_recordings.setter
    def team_recordings(self, folder: str) -> None:
        self.set(Key.TEAM_RECORDINGS, folder.strip() or None)

    @property
    def model_name(self) -> str:
        return str(self.get(Key.MODEL_NAME) or Key.MODEL_NAME.default)

    @model_name.setter
    def model_name(self, name: str) -> None:
        self.set(Key.MODEL_NAME, name.strip() or None)

    @property
    def mic_device(self) -> str:
        return str(self.get(Key.MIC_DEVICE) or "")

    @mic_device.setter
    def mic_device(self, spec: str) -> None:
        self.set(Key.MIC_DEVICE, spec or None)

    @property
    def call_device(self) -> str:
        return str(self.get(Key.CALL_DEVICE) or "")

    @call_device.setter
    def call_device(self, spec: str) -> None:
        self.set(Key.CALL_DEVICE, spec or None)

    def enabled_cue_kinds(self, all_kinds: tuple[str, ...]) -> set[str]:
        """The cue kinds switched on; every kind when the user never chose."""
        raw = self.get(Key.ENABLED_CUE_KINDS)
        if raw is None:
            return set(all_kinds)
        try:
            chosen = json.loads(raw) if isinstance(raw, str) else list(raw)
        except ValueError:
            return set(all_kinds)
        return {kind for kind in chosen if kind in all_kinds}

    def set_enabled_cue_kinds(self, kinds: set[str] | frozenset[str]) -> None:
        # Stored as JSON: QSettings' INI backend turns an empty list into None and back.
        self.set(Key.ENABLED_CUE_KINDS, json.dumps(sorted(kinds)))

    def last_plan(self) -> dict[str, Any] | None:
        raw = self.get(Key.LAST_PLAN)
        if not raw:
            return None
        try:
            data = json.loads(str(raw))
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def set_last_plan(self, data: dict[str, Any]) -> None:
        self.set(Key.LAST_PLAN, json.dumps(data))

    def geometry(self, key: Key) -> QByteArray | None:
        value = self.get(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
