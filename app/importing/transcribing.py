"""Offline transcription of a recording for import, through app.transcribe."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.importing.cancel import CancelToken
from app.session.segments import Segment

# (file, progress callback taking a fraction 0..1 that may raise ImportCancelled, cancel token)
FileTranscriber = Callable[[Path, Callable[[float], None], CancelToken], list[Segment]]


def default_transcriber(model_choice: str | None = None) -> FileTranscriber:
    """The user's model (or the bundled tiny.en), loaded once per import, never downloaded."""

    def run(path: Path, progress: Callable[[float], None], cancel: CancelToken) -> list[Segment]:
        from app.transcribe.model import load_model
        from app.transcribe.offline import transcribe_file

        loaded = load_model(model_choice)
        cancel.raise_if_cancelled()
        # The progress callback raises ImportCancelled when the user cancels, which stops
        # faster-whisper's segment generator between segments.
        return list(transcribe_file(loaded.model, path, on_progress=progress))

    return run
