"""Reviewing one interview: `ReviewWindow(store, interview_id, seek_to=None, parent=None)`."""

from app.ui.review.window import ReviewWindow

__all__ = ["ReviewWindow"]
