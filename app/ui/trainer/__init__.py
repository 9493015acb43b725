"""The trainer view: `TrainerWindow(store, parent=None)`."""

from app.ui.trainer.window import TrainerWindow

__all__ = ["TrainerWindow"]
