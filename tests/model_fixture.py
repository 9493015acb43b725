"""The real bundled model, loaded once per test session. Import the fixture into a conftest:

from tests.model_fixture import whisper_model  # noqa: F401
"""

from __future__ import annotations

import os

import pytest

from app.transcribe.model import LoadedModel, load_model


@pytest.fixture(scope="session")
def whisper_model() -> LoadedModel:
    os.environ["HF_HUB_OFFLINE"] = "1"
    return load_model(None, device="cpu", cpu_threads=2)
