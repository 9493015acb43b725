"""Opening the library the desktop app was told to use, without locking the user out.

A team library that cannot be opened (the server is down, the laptop is offline, an address
mistyped in Settings) must not stop the app: the user could not even reach Settings to fix
it. The app then opens the SQLite library in the data folder, where new interviews are kept
safely, and says why. A SQLite library that cannot be opened is the caller's to handle, as
before (it asks for another folder).
"""

from __future__ import annotations

from pathlib import Path

from app.store.db import Store, StoreError


class LibraryOpener:
    """Store.open for the app's controller: `url` ("" for the SQLite file in the folder)
    first; when that team library fails, the folder's own SQLite library, with the reason kept
    in `fallback_reason` for the window to show."""

    def __init__(self, url: str) -> None:
        self.url = url.strip()
        self.fallback_reason: str | None = None

    def __call__(self, folder: Path) -> Store:
        self.fallback_reason = None
        if not self.url:
            return Store.open(folder)
        try:
            return Store.open(folder, url=self.url)
        except StoreError as exc:
            store = Store.open(folder, local=True)  # its own errors are the caller's
            self.fallback_reason = (
                f"{exc} Meanwhile you are working in the library in your data folder "
                f"({folder}); what you record is kept there. Fix the address in Settings \u203a "
                "Team library if it is wrong, and restart."
            )
            return store

