"""The interview library window: `LibraryWindow(store, parent=None)`."""

from app.ui.library.window import LibraryWindow

__all__ = ["LibraryWindow"]
