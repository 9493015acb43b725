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


def test_the_final_decode_model_is_a_larger_one_only_when_it_is_there() -> None:
    from app.transcribe.model import final_decode_model

    assert final_decode_model(["tiny.en"]) is None
    assert final_decode_model(["tiny.en", "small.en", "base.en"]) == "base.en"
    assert final_decode_model(["tiny.en", "medium.en"]) is None  # too slow for a live final


def test_improve_takes_the_most_accurate_installed_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.improve import model_choice
    from app.transcribe.model import best_available_model

    assert best_available_model(["tiny.en"]) == "tiny.en"
    assert best_available_model(["tiny.en", "tiny"]) == "tiny.en"  # English-only wins
    assert best_available_model(["tiny.en", "base.en", "small.en"]) == "small.en"
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "cache"))
    snapshot = tmp_path / "cache" / "models--Systran--faster-whisper-base.en" / "snapshots" / "a"
    snapshot.mkdir(parents=True)
    (snapshot / "model.bin").write_bytes(b"x")
    assert model_choice("") == "base.en"
    # A model folder the user chose in Settings is theirs to prefer; a broken one is not.
    folder = tmp_path / "my-model"
    folder.mkdir()
    assert model_choice(str(folder)) == "base.en"
    for name in ("model.bin", "config.json"):
        (folder / name).write_bytes(b"{}")
    assert model_choice(str(folder)) == str(folder)
