"""A long call's memory stays flat: windows of ever-new lengths do not pile up compiled kernels
(oneDNN's primitive cache inside CTranslate2, issue 14)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
_DECODES = """
import app  # first, as `python -m app` imports it: it sets the process's defaults
import numpy as np, soundfile as sf
from app.transcribe.model import load_model
from app.transcribe.decoder import WhisperDecoder
from app.transcribe.memory import release_free_memory, tune_malloc
tune_malloc()
audio, _ = sf.read("bench/data/real_speech/jfk-inaugural.flac", dtype="float32")
audio = audio.reshape(len(audio), -1)[:, 0]
decoder = WhisperDecoder(load_model(None, device="cpu", cpu_threads=1).model)
def rss_mb():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
for n in range(16000, 24000, 1000):  # warm up: the first decodes' own buffers
    decoder.decode(audio[:n], prompt="", beam_size=1)
release_free_memory(force=True)
before = rss_mb()
for n in range(24000, 24000 + 60 * 1130, 1130):  # 60 windows, each a new number of mel frames
    decoder.decode(audio[:n], prompt="", beam_size=1)
release_free_memory(force=True)
print(round(rss_mb() - before, 1))
"""


def test_windows_of_new_lengths_do_not_grow_memory() -> None:
    env = {k: v for k, v in os.environ.items() if "PRIMITIVE_CACHE" not in k}
    env["HF_HUB_OFFLINE"] = "1"
    out = subprocess.run([sys.executable, "-c", _DECODES], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)  # fmt: skip
    growth_mb = float(out.stdout.strip().splitlines()[-1])
    # Without the app's cache limit: about 0.5 MB kept per new window length, for good (the
    # cache holds 1024 kernels); with it the growth is noise.
    assert growth_mb < 12, out.stdout
