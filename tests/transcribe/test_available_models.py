"""Settings offers only models that load without a download."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.transcribe.model import available_models


def test_only_the_bundled_model_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty"))
    assert available_models() == ["tiny.en"]


def test_models_already_in_the_local_cache_are_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    snapshot = tmp_path / "models--Systran--faster-whisper-base.en" / "snapshots" / "abc"
    snapshot.mkdir(parents=True)
    (snapshot / "model.bin").write_bytes(b"x")
    (tmp_path / "models--Systran--faster-whisper-small.en" / "snapshots").mkdir(parents=True)
    assert available_models() == ["tiny.en", "base.en"]  # small.en has no weights: not offered
