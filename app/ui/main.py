"""Start-up of the desktop app: the QApplication, the store, crash recovery, the start window.

Nothing slow runs here (no model loads): the start window must show within 2 s.
Hidden options for automated checks: `--quit-after-ms N` (or TELLMEMORE_QUIT_AFTER_MS) quits N ms
after the start window shows and prints one JSON line, with the seconds from launch to the
window when the launcher set TELLMEMORE_LAUNCH_T0 to its time.time().
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.settings import Settings, configure_application_names
from app.store.database_url import resolve_database_url
from app.store.library_opener import LibraryOpener
from app.store.paths import ENV_TEAM_RECORDINGS
from app.ui import icons
from app.ui.controller import AppController
from app.ui.start_window import StartWindow
from app.ui.style import apply_style

ENV_QUIT_AFTER_MS = "TELLMEMORE_QUIT_AFTER_MS"
ENV_LAUNCH_T0 = "TELLMEMORE_LAUNCH_T0"  # time.time() when the launcher started us


def _seconds_since_launch() -> float | None:
    """From the launcher's timestamp (so imports count); None when it gave none."""
    t0 = os.environ.get(ENV_LAUNCH_T0)
    try:
        return time.time() - float(t0) if t0 else None
    except ValueError:
        return None


def _quit_after_ms(args: argparse.Namespace) -> int | None:
    value = getattr(args, "quit_after_ms", None) or os.environ.get(ENV_QUIT_AFTER_MS)
    return int(value) if value else None


def create_application() -> QApplication:
    configure_application_names()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Tell Me More")
    app.setWindowIcon(icons.app_icon())
    apply_style(app)
    return app


def use_team_recordings(settings: Settings) -> None:
    """Settings › Team recordings, for every store this process opens (read by app.store.paths;
    TELLMEMORE_TEAM_RECORDINGS, when set, wins)."""
    if settings.team_recordings:
        os.environ.setdefault(ENV_TEAM_RECORDINGS, settings.team_recordings)


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    settings = Settings()
    window = StartWindow(settings)
    use_team_recordings(settings)
    # --database-url and TELLMEMORE_DATABASE_URL win over the team library chosen in Settings.
    # A team library out of reach opens the data folder's own library instead, and says why.
    opener = LibraryOpener(
        resolve_database_url(getattr(args, "database_url", None), settings.database_url)
    )
    controller = AppController(window, settings, getattr(args, "data_dir", None),
                               store_opener=opener)  # fmt: skip
    window.attach(controller)
    if not controller.start():
        return 1  # the data folder could not be opened and the user chose to quit
    if opener.fallback_reason:
        window.show_banner(opener.fallback_reason, "warning")
    quit_after = _quit_after_ms(args)
    if quit_after is not None:
        shown_after = _seconds_since_launch()
        print(json.dumps({"window_shown_s": round(shown_after, 3) if shown_after else None,
                          "window_visible": window.isVisible()}), flush=True)  # fmt: skip
        QTimer.singleShot(quit_after, app.quit)
    try:
        return app.exec()
    finally:
        settings.sync()
        controller.close()
