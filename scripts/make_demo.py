"""Builds the demo interview in resources/demo/ from resources/demo/script.txt.

    .venv/bin/python scripts/make_demo.py            # needs espeak-ng on the PATH

Each line is spoken by espeak-ng (the interviewer and the participant in two different
voices), long turns sentence by sentence, and placed on a timeline: the interviewer on the left
channel, the participant on the right, with the script's pauses and overlaps. Writes:

    demo.ogg    16 kHz stereo Ogg Vorbis (small enough for the repository)
    demo.jsonl  the transcript with the times of the synthesis, and the phase marks, in the
                format the importers read (app/importers/jsonl.py)

and prints one JSON object (duration, size, lines) as its last line. Deterministic for a given
espeak-ng version; rerun it after editing the script.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.audio.resample import resample  # noqa: E402

DEMO = ROOT / "resources" / "demo"
RATE = 16_000
VOICES = {"I": ("en-us+f3", 128, 48), "P": ("en-gb+m3", 120, 40)}  # voice, words/min, pitch
NAMES = {"I": "Priya", "P": "Daniel"}
DEFAULT_GAP_S = 1.0
SENTENCE_GAP_S = 0.3
MIN_WORDS_PER_PIECE = 10  # short sentences join the next one: one transcript line each
_LINE = re.compile(r"^(?P<who>[IP])(?P<gap>[+-]\d+(?:\.\d+)?)?:\s*(?P<text>.+)$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass
class Line:
    who: str
    text: str
    gap: float | None  # silence before it; negative: starts before the previous line ends
    phase: tuple[int, str] | None  # a phase that starts with this line


def parse_script(text: str) -> list[Line]:
    lines: list[Line] = []
    phase: tuple[int, str] | None = None
    phases = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        if raw.startswith("=="):
            phase = (phases, raw.lstrip("= ").strip())
            phases += 1
            continue
        m = _LINE.match(raw)
        if m is None:
            raise SystemExit(f"script line {number}: expected 'I: ...' or 'P: ...'")
        gap = float(m["gap"]) if m["gap"] else None
        lines.append(Line(m["who"], m["text"].strip(), gap, phase))
        phase = None
    return lines


def pieces(text: str) -> list[str]:
    """Sentences, short ones joined to the next, so a long turn becomes several lines."""
    out: list[str] = []
    buffer = ""
    for sentence in _SENTENCE.split(text):
        buffer = f"{buffer} {sentence}".strip()
        if len(buffer.split()) >= MIN_WORDS_PER_PIECE:
            out.append(buffer)
            buffer = ""
    if buffer:
        if out and len(buffer.split()) < 4:
            out[-1] = f"{out[-1]} {buffer}"
        else:
            out.append(buffer)
    return out


def speak(who: str, text: str, folder: Path) -> np.ndarray:
    voice, wpm, pitch = VOICES[who]
    wav = folder / "line.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-p", str(pitch), "-w", str(wav),
                    text], check=True, capture_output=True)  # fmt: skip
    audio, rate = sf.read(str(wav), dtype="float32")
    audio = resample(audio, rate, RATE)
    # espeak pads with silence: trim it so the times in the transcript are the speech's own.
    loud = np.flatnonzero(np.abs(audio) > 0.01)
    if loud.size:
        audio = audio[max(0, loud[0] - 160) : loud[-1] + 160]
    return (audio * 0.8).astype(np.float32)


def build(script: Path = DEMO / "script.txt") -> dict[str, object]:
    lines = parse_script(script.read_text(encoding="utf-8"))
    placed: list[tuple[str, float, np.ndarray, str]] = []  # who, start, audio, text
    marks: list[dict[str, object]] = []
    cursor = 0.5  # where the next line may start (the end of everything so far)
    previous_end = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for line in lines:
            gap = DEFAULT_GAP_S if line.gap is None else line.gap
            start = previous_end + gap if gap < 0 else cursor + gap
            if line.phase is not None:
                index, name = line.phase
                marks.append({"mark": "phase", "phase": index, "label": name,
                              "start": round(max(0.0, start - 0.3), 2)})  # fmt: skip
            for k, piece in enumerate(pieces(line.text)):
                if k:
                    start += SENTENCE_GAP_S
                audio = speak(line.who, piece, Path(tmp))
                placed.append((line.who, start, audio, piece))
                start += audio.size / RATE
            previous_end = start
            cursor = max(cursor, start)
    total = int((cursor + 1.0) * RATE)
    stereo = np.zeros((total, 2), dtype=np.float32)
    segments: list[dict[str, object]] = []
    for who, start, audio, text in placed:
        channel = 0 if who == "I" else 1
        a = int(round(start * RATE))
        stereo[a : a + audio.size, channel] += audio
        segments.append({"speaker": NAMES[who], "start": round(start, 2),
                         "end": round(start + audio.size / RATE, 2), "text": text})  # fmt: skip
    np.clip(stereo, -1.0, 1.0, out=stereo)
    ogg = DEMO / "demo.ogg"
    # In blocks: libsndfile's Vorbis encoder crashes when handed minutes of audio in one call.
    # compression_level: 0 best quality .. 1 smallest; synthetic speech stays clear at 0.75.
    with sf.SoundFile(str(ogg), "w", RATE, 2, format="OGG", subtype="VORBIS",
                      compression_level=0.75) as out:  # fmt: skip
        for i in range(0, total, RATE):
            out.write(stereo[i : i + RATE])
    rows = sorted(segments + marks, key=lambda r: (float(r["start"]), "mark" not in r))  # type: ignore[arg-type]
    (DEMO / "demo.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                     encoding="utf-8")  # fmt: skip
    return {"duration_s": round(total / RATE, 1), "ogg_bytes": ogg.stat().st_size,
            "segments": len(segments), "phase_marks": len(marks)}  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(build()))
