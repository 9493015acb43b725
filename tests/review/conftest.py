from pathlib import Path

import pytest

from app.store.db import Store
from tests.review.recorded import RecordedInterview, have_espeak, make_recorded_interview


@pytest.fixture(scope="session")
def _speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture
def recorded(store: Store, tmp_path: Path) -> RecordedInterview:
    if not have_espeak():
        pytest.skip("espeak-ng and sox are needed to make the recorded interview")
    return make_recorded_interview(store, tmp_path / "speech")
