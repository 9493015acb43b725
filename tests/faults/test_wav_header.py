"""A WAV whose header claims fewer or more bytes than the file holds is read in full and said so."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import numpy as np
import pytest

from app.audio.wavheader import inspect_wav
from app.importing import ImportJob, ImportRequest
from app.importing.analysis import Analysis
from app.session.segments import Segment, Speaker
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.transcribe.offline import load_channels


def _stereo_wav(path: Path, seconds: float = 3.0, rate: int = 48000) -> Path:
    t = np.arange(int(seconds * rate))
    left = (np.sin(t / 10) * 8000).astype(np.int16)
    right = (np.sin(t / 7) * 6000).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.stack([left, right], 1).tobytes())
    return path


def _claim(path: Path, data_bytes: int) -> Path:
    raw = bytearray(path.read_bytes())
    assert raw[36:40] == b"data"
    raw[40:44] = struct.pack("<I", data_bytes)
    path.write_bytes(bytes(raw))
    return path


def test_a_header_claiming_a_thousand_bytes_no_longer_hides_three_seconds(tmp_path: Path) -> None:
    path = _claim(_stereo_wav(tmp_path / "a.wav"), 1000)
    before = path.read_bytes()
    warnings: list[str] = []
    channels = load_channels(path, on_warning=warnings.append)
    assert [round(c.size / 16000, 2) for c in channels] == [3.0, 3.0]  # was 0.005 s each
    assert len(warnings) == 1 and "holds 3.0 s" in warnings[0]
    assert path.read_bytes() == before  # the user's file is not modified


def test_a_header_claiming_more_than_the_file_holds_is_reported(tmp_path: Path) -> None:
    path = _claim(_stereo_wav(tmp_path / "b.wav"), 10**8)
    warnings: list[str] = []
    channels = load_channels(path, on_warning=warnings.append)
    assert [round(c.size / 16000, 2) for c in channels] == [3.0, 3.0]
    assert len(warnings) == 1 and "shorter than its header says" in warnings[0]


def test_an_honest_header_and_a_trailing_list_chunk_raise_nothing(tmp_path: Path) -> None:
    path = _stereo_wav(tmp_path / "c.wav", seconds=1.0)
    with open(path, "ab") as f:  # metadata after the audio: the header was right
        f.write(b"LIST" + struct.pack("<I", 12) + b"INFOISFT\x00\x00\x00\x00")
    layout = inspect_wav(path)
    assert layout is not None and not layout.mismatch
    warnings: list[str] = []
    load_channels(path, on_warning=warnings.append)
    assert warnings == []


def test_an_import_of_a_lying_wav_warns_and_stores_the_real_length(store: Store,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    path = _claim(_stereo_wav(tmp_path / "call.wav"), 1000)

    def transcriber(p: Path, progress, cancel) -> list[Segment]:  # noqa: ANN001
        channels = load_channels(p)
        return [Segment(Speaker.PARTICIPANT, 0.0, channels[0].size / 16000, "hello")]

    result = ImportJob(store, ImportRequest(path), transcriber=transcriber,
                       analyzer=lambda s, p, m: Analysis([], None)).run()  # fmt: skip
    assert any("holds 3.0 s" in w for w in result.warnings)
    assert InterviewRepository(store).get(result.interview_id).duration_s == pytest.approx(3.0)
