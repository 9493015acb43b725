"""Fuzzing every importer and the audio reader with mutated real files.

Each input must end, within the deadline, in a result or in the error meant for the user
(TranscriptFormatError, AudioFileError): never another exception, never a hang. Seeds are the
real exports in tests/data (JSONL, WebVTT, SRT, Otter-style text) and a small stereo WAV; the
mutations are the ones that broke the importers before (angle brackets, huge or many-digit
times, deep nesting, NUL bytes, cut files, header sizes that lie).
"""

from __future__ import annotations

import random
import struct
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.audio.wavheader import inspect_wav
from app.importers import TranscriptFormatError, load_transcript
from app.transcribe.offline import AudioFileError, load_channels

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = {suffix: (DATA / f"same_interview{suffix}").read_bytes()
         for suffix in (".jsonl", ".vtt", ".srt", ".txt")}  # fmt: skip

HOSTILE = [b"<", b"<v ", b"<v.x ", b"-->", b" --> ", b"99999999999999999999:", b"1e309",
           b"9" * 400, b"9" * 5000, b"\x00", b"{", b"[", b'"', b"\\", b"\n", b"\r\n", b"\xff\xfe",
           b"WEBVTT", b"NOTE phase: ", b"00:00:01.000 --> 99:59:59.999", b"**", b"Name:",
           b"&amp;", b"&#99999999;", b"\t", b"   ", b"0:00", b"]"]  # fmt: skip

# Tokens that a parser may scan again and again when they come by the thousand.
REPEATED = [b"<", b"<v ", b" ", b"-->", b"9", b"{", b"[", b"*", b"\n", b":"]

# A deadline per input: the quadratic tag regexes took 7 to 200 s on one 200 KB cue.
FUZZ = settings(max_examples=100, deadline=3000, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])  # fmt: skip


@st.composite
def _mutation(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    # Positions from a seeded Random: Hypothesis's integers (and randoms) favour 0, and a file broken at
    # its first byte is refused before any parser runs.
    rnd = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(1, 3))):
        at = rnd.randint(0, len(data))
        kind = draw(st.sampled_from(["insert", "repeat", "repeat", "delete", "cut", "bytes"]))
        if kind == "repeat" and rnd.random() < 0.5:  # at the end of a line: inside a cue
            at = data.find(b"\n", at)
            at = len(data) if at < 0 else at
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(HOSTILE))
        elif kind == "repeat":  # a hostile token many times: where quadratic parsing shows
            data[at:at] = draw(st.sampled_from(REPEATED)) * draw(st.sampled_from([3, 60_000]))
        elif kind == "delete":
            del data[at : at + rnd.randint(1, 200)]
        elif kind == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_every_importer_survives_mutated_exports(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"mutated{suffix}"

    @FUZZ
    @given(data=_mutation(SEEDS[suffix]))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        try:
            transcript = load_transcript(path)
        except TranscriptFormatError:
            return  # refused with a message for the user: fine
        for seg in transcript.segments:
            assert 0.0 <= seg.start <= seg.end < float("inf")

    check()


def _wav_seed(tmp_path: Path) -> bytes:
    path = tmp_path / "seed.wav"
    t = np.arange(8000)
    frames = np.stack([np.sin(t / 9) * 9000, np.sin(t / 5) * 7000], 1).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(frames.tobytes())
    return path.read_bytes()


@st.composite
def _wav_mutation(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["size", "riff", "fmt", "cut", "bytes", "append"]))
        if kind == "size":  # the data chunk's size lies
            data[40:44] = struct.pack(
                "<I",
                draw(
                    st.sampled_from(
                        [
                            0,
                            1,
                            3,
                            1000,
                            len(seed),
                            2**31,
                            2**32 - 1,
                            draw(st.integers(0, 2**32 - 1)),
                        ]
                    )
                ),
            )
        elif kind == "riff":
            data[4:8] = struct.pack("<I", draw(st.integers(0, 2**32 - 1)))
        elif kind == "fmt":  # channels, rate, block align, bits
            field = draw(st.sampled_from([(22, "<H"), (24, "<I"), (32, "<H"), (34, "<H")]))
            value = draw(st.integers(0, 2**16 - 1 if field[1] == "<H" else 2**32 - 1))
            data[field[0] : field[0] + struct.calcsize(field[1])] = struct.pack(field[1], value)
        elif kind == "cut":
            del data[draw(st.integers(0, len(data))) :]
        elif kind == "bytes":
            at = draw(st.integers(0, len(data)))
            data[at : at + 8] = draw(st.binary(min_size=1, max_size=8))
        else:
            data += draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


def test_the_audio_reader_survives_mutated_wavs(tmp_path: Path) -> None:
    seed = _wav_seed(tmp_path)
    path = tmp_path / "mutated.wav"

    @FUZZ
    @given(data=_wav_mutation(seed))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        inspect_wav(path)  # never raises
        try:
            channels = load_channels(path, on_warning=lambda _m: None)
        except AudioFileError:
            return
        assert 1 <= len(channels) <= 2
        assert all(np.isfinite(c).all() for c in channels)

    check()
