"""Practice on a stored interview: `PracticeWindow(store, interview_id, settings=None)`."""

from app.ui.practice.window import PracticeWindow

__all__ = ["PracticeWindow"]
