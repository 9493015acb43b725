"""A few seconds from the microphone, transcribed with the bundled model (for re-ask).

Both calls block: the window runs them on a worker thread. The model is loaded once per
process and kept (loading it takes about a second).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_RATE = 16_000
MAX_SECONDS = 30.0

_model_lock = threading.Lock()
_model: Any = None


class SpeechError(Exception):
    """The microphone or the model failed; the message is written for the user."""


def record(seconds: float, device: int | str | None = None) -> np.ndarray:
    """Records mono 16 kHz float32 from the microphone (the default input when None)."""
    import sounddevice as sd

    seconds = min(max(seconds, 0.5), MAX_SECONDS)
    try:
        audio = sd.rec(int(seconds * SAMPLE_RATE), samplerate=SAMPLE_RATE, channels=1,
                       dtype="float32", device=device)  # fmt: skip
        sd.wait()
    except Exception as exc:  # PortAudio raises several kinds; all mean "no usable microphone"
        raise SpeechError(f"The microphone could not be used ({exc}). Type the question "
                          "instead.") from exc  # fmt: skip
    return np.ascontiguousarray(audio.reshape(-1), dtype=np.float32)


def _loaded_model(choice: str | None = None) -> Any:
    global _model
    with _model_lock:
        if _model is None:
            from app.transcribe.model import ModelError, load_model

            try:
                _model = load_model(choice).model
            except ModelError as exc:
                raise SpeechError(str(exc)) from exc
        return _model


def transcribe(audio: np.ndarray, model: Any = None) -> str:
    """The words in `audio` (16 kHz mono), as one line; empty when nothing was said."""
    if audio.size == 0 or float(np.max(np.abs(audio))) < 1e-4:
        return ""
    whisper = model or _loaded_model()
    pieces, _info = whisper.transcribe(audio, language="en", beam_size=5, vad_filter=True)
    return " ".join(p.text.strip() for p in pieces if p.text.strip())


def transcribe_file(path: str | Path, model: Any = None) -> str:
    """A recorded question from a file (tests, or a saved take), mixed to one channel."""
    from app.transcribe.offline import load_channels

    channels = load_channels(path)
    if not channels:
        return ""
    longest = max(a.size for a in channels)
    mix = np.zeros(longest, dtype=np.float32)
    for a in channels:
        mix[: a.size] += a / len(channels)
    return transcribe(mix, model)
