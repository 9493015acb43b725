"""A few seconds from the microphone, transcribed with the bundled model (for re-ask).

Both calls block: the window runs them on a worker thread. The model is loaded once per
process and kept (loading it takes about a second).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from app.session.segments import Speaker

SAMPLE_RATE = 16_000
MAX_SECONDS = 30.0

_model_lock = threading.Lock()
_model: Any = None


class SpeechError(Exception):
    """The microphone or the model failed; the message is written for the user."""


def record(seconds: float, device: int | str | None = None, *,
           capture_factory: Callable[[int | str | None], Any] | None = None) -> np.ndarray:  # fmt: skip
    """Records mono 16 kHz float32 from the microphone: the device spec chosen in Settings (the
    same spec a call opens, through the same capture), or the default input when None."""
    from app.audio.capture import AudioCapture
    from app.audio.devices import DeviceError

    seconds = min(max(seconds, 0.5), MAX_SECONDS)
    capture = (capture_factory or (lambda mic: AudioCapture(mic=mic, call=None)))(device)
    wanted = int(seconds * SAMPLE_RATE)
    pieces: list[np.ndarray] = []
    got = 0
    try:
        capture.start()
    except DeviceError as exc:
        raise SpeechError(f"{str(exc).rstrip('.')}. Choose the microphone in Settings, or "
                          "type the question.") from exc  # fmt: skip
    try:
        reader = capture.rings[Speaker.INTERVIEWER].reader(name="reask")
        deadline = time.monotonic() + seconds + 2.0  # the device's first block may come late
        while got < wanted and time.monotonic() < deadline:
            block = reader.read(wanted - got)
            if block.size:
                pieces.append(block)
                got += block.size
            else:
                time.sleep(0.05)
        status = capture.status().sources.get(Speaker.INTERVIEWER)
    finally:
        capture.stop()
    if got == 0:
        why = (status.message if status is not None else "") or "no sound arrived"
        raise SpeechError(f"The microphone could not be used ({why}). Type the question "
                          "instead.")  # fmt: skip
    return np.ascontiguousarray(np.concatenate(pieces)[:wanted], dtype=np.float32)


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
