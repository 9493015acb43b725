"""Decoding an interview's recording again, offline, with the best model on this machine.

The whole file at once with VAD, beam 5, one speaker per channel (channel 1 the interviewer,
channel 2 the participant), as app.transcribe.offline transcribes an import; times are moved
from the file's clock to the session's (the recording's offset_s).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.improve.errors import ImproveFailed
from app.improve.merge import Span
from app.session.segments import Segment, Word
from app.store.recordings import StoredRecording
from app.transcribe.vad import SAMPLE_RATE

if TYPE_CHECKING:
    from app.transcribe.model import LoadedModel

Progress = Callable[[float], None]  # fraction of this recording done, 0..1; may raise to stop

BEAM_SIZE = 5


@dataclass(frozen=True)
class DecodedRecording:
    span: Span  # session seconds the file covers
    segments: tuple[Segment, ...]  # in session time
    one_speaker_per_channel: bool  # False: one channel (or two identical), speakers unknown


RecordingDecoder = Callable[[StoredRecording, Progress], DecodedRecording]


def model_choice(settings_model: str = "") -> str:
    """What to decode with: a model folder the user chose in Settings (they installed it on
    purpose), else the best named model on this machine."""
    from app.transcribe.model import ModelError, best_available_model, check_model_folder

    chosen = settings_model.strip()
    if chosen and ("/" in chosen or chosen.startswith(("~", "."))):
        try:
            check_model_folder(Path(chosen).expanduser())
            return chosen
        except ModelError:
            pass
    return best_available_model()


def shifted(segment: Segment, offset_s: float) -> Segment:
    words = tuple(Word(w.word, w.start + offset_s, w.end + offset_s, w.probability)
                  for w in segment.words)  # fmt: skip
    return replace(segment, start=segment.start + offset_s, end=segment.end + offset_s,
                   words=words)  # fmt: skip


class ModelDecoder:
    """Loads the model once, on the worker, at the first recording."""

    def __init__(self, choice: str | None = None, *, beam_size: int = BEAM_SIZE,
                 cpu_threads: int | None = None) -> None:  # fmt: skip
        self.choice = choice if choice is not None else model_choice()
        self.beam_size = beam_size
        self.cpu_threads = cpu_threads
        self.loaded: LoadedModel | None = None

    @property
    def label(self) -> str:
        name = self.loaded.name if self.loaded is not None else self.choice
        return f"{name}, beam {self.beam_size}"

    @property
    def note(self) -> str | None:
        """Said with the result when the best model here is the one the call already used."""
        from app.transcribe.model import BUNDLED_MODEL_NAME

        if self.choice != BUNDLED_MODEL_NAME:
            return None
        # Measured (bench/improve.py, 6.5 min of real speech): WER 0.117 live, 0.120 after.
        return (f"{BUNDLED_MODEL_NAME} is also the model the call used: expect different "
                "words, not fewer mistakes. A larger model (Settings \u203a Transcription "
                "model) improves more.")  # fmt: skip

    def _model(self) -> LoadedModel:
        from app.transcribe.model import ModelError, load_model

        if self.loaded is None:
            try:
                self.loaded = load_model(self.choice, cpu_threads=self.cpu_threads)
            except ModelError as error:
                raise ImproveFailed(str(error)) from error
        return self.loaded

    def __call__(self, recording: StoredRecording, progress: Progress) -> DecodedRecording:
        from app.transcribe.offline import AudioFileError, load_channels, transcribe_channels

        try:
            channels = load_channels(recording.path)
        except AudioFileError as error:
            raise ImproveFailed(str(error)) from error
        length_s = max((a.size for a in channels), default=0) / SAMPLE_RATE
        span = Span(recording.offset_s, recording.offset_s + length_s)
        if length_s == 0:
            return DecodedRecording(span, (), len(channels) > 1)
        model = self._model().model
        segments = transcribe_channels(model, channels, beam_size=self.beam_size,
                                       on_progress=progress)  # fmt: skip
        return DecodedRecording(span, tuple(shifted(s, recording.offset_s) for s in segments),
                                len(channels) > 1)  # fmt: skip
