from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "data")
    yield s
    s.close()
