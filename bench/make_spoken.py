"""Make the `spoken` form of the corpus for bench/cues.py: each chosen turn spoken by espeak-ng
and decoded by the bundled tiny.en, as the live transcriber hears a voice.

    python bench/make_spoken.py [--corpus resources/coach_corpus] [--negatives 400]

Chosen: every labelled turn and a fixed sample of unlabelled ones (for precision), turns of at
most 80 words. Results are appended to resources/coach_corpus/spoken/tiny_en.jsonl ({"text",
"spoken"}); the models also learn from them (app.coach.train). Turns
already there are skipped, so it can be stopped and resumed. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.coach.corpus import CORPUS_DIR, SPOKEN_PATH, load_corpus, load_spoken  # noqa: E402
from app.transcribe.model import load_model  # noqa: E402

VOICES = ("en-us", "en-gb", "en-us+m3", "en-gb-x-rp")


def speak(text: str, voice: str, folder: Path) -> np.ndarray:
    raw, wav = folder / "raw.wav", folder / "16k.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(raw), text], check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav)], check=True,
                   capture_output=True)  # fmt: skip
    audio, _rate = sf.read(str(wav), dtype="float32")
    return audio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--negatives", type=int, default=400)
    args = parser.parse_args(argv)
    turns = [t for t in load_corpus(args.corpus) if len(t.text.split()) <= 80]
    labelled = [t for t in turns if t.labels]
    others = [t for t in turns if not t.labels]
    random.Random(7).shuffle(others)
    chosen = {t.text: t for t in labelled + others[: args.negatives]}
    done = set(load_spoken())
    todo = [t for text, t in chosen.items() if text not in done]
    model = load_model().model
    started = time.perf_counter()
    SPOKEN_PATH.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, SPOKEN_PATH.open("a", encoding="utf-8") as out:
        for i, turn in enumerate(todo):
            audio = speak(turn.text, VOICES[i % len(VOICES)], Path(tmp))
            segments, _ = model.transcribe(audio, language="en", beam_size=5,
                                           condition_on_previous_text=False)  # fmt: skip
            spoken = " ".join(s.text.strip() for s in segments).strip()
            out.write(json.dumps({"text": turn.text, "spoken": spoken}) + "\n")
            out.flush()
            if i % 50 == 0:
                print(f"{i}/{len(todo)} {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(json.dumps({"chosen": len(chosen), "new": len(todo),
                      "seconds": round(time.perf_counter() - started, 1)}))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
