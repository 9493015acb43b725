"""Two-speaker test interviews made with espeak-ng: interviewer on channel 1, participant on 2."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from app.audio.resample import resample

RATE = 16000


@dataclass(frozen=True)
class Turn:
    channel: int  # 0 interviewer, 1 participant
    text: str
    start: float = 0.0  # filled in by make_interview


def speak_16k(text: str, voice: str) -> np.ndarray:
    out = subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "--stdout", text],
                         check=True, capture_output=True).stdout  # fmt: skip
    audio, rate = sf.read(io.BytesIO(out), dtype="float32")
    return resample(audio, rate, RATE).astype(np.float32)


def make_interview(path: Path, turns: list[tuple[int, str]], gap_s: float = 1.0,
                   lead_s: float = 0.5) -> list[Turn]:  # fmt: skip
    """Writes a 2-channel 16 kHz WAV of the turns one after another; returns them with times."""
    voices = ("en-us", "en-gb")
    pieces = []
    t = lead_s
    placed: list[Turn] = []
    for channel, text in turns:
        audio = speak_16k(text, voices[channel])
        pieces.append((channel, int(t * RATE), audio))
        placed.append(Turn(channel, text, t))
        t += len(audio) / RATE + gap_s
    total = int((t + 1.0) * RATE)
    stereo = np.zeros((total, 2), dtype=np.float32)
    for channel, offset, audio in pieces:
        stereo[offset : offset + len(audio), channel] = audio * 0.8
    sf.write(path, stereo, RATE, subtype="PCM_16")
    return placed
