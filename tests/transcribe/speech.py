"""Real speech for tests: espeak-ng, resampled to 16 kHz mono float32 with sox."""

from __future__ import annotations

import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import soundfile as sf

from app.transcribe.vad import SAMPLE_RATE


@lru_cache(maxsize=32)
def _speak(text: str, voice: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        raw, wav = Path(tmp) / "raw.wav", Path(tmp) / "out.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
        subprocess.run(
            ["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(wav)], check=True
        )
        audio, _ = sf.read(wav, dtype="float32")
    return audio.tobytes()


def speak(text: str, voice: str = "en-us") -> np.ndarray:
    """`text` spoken by espeak-ng, leading and trailing silence trimmed."""
    audio = np.frombuffer(_speak(text, voice), dtype=np.float32).copy()
    voiced = np.flatnonzero(np.abs(audio) > 0.01)
    return audio[voiced[0] : voiced[-1] + 1] if voiced.size else audio


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)
