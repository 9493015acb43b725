"""Fixtures for the desktop UI tests: offscreen Qt, throwaway settings, a fresh store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from app.session.clock import FakeClock  # noqa: E402
from app.session.plan import InterviewPlan, Participant  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.interviews import InterviewRepository  # noqa: E402


@pytest.fixture(autouse=True)
def throwaway_settings(tmp_path: Path, qapp: object) -> Iterator[Settings]:
    """Every test gets its own organisation name and settings folder; the user's stay untouched."""
    QCoreApplication.setOrganizationName(f"TellMeMoreTest-{uuid.uuid4().hex[:8]}")
    QCoreApplication.setApplicationName("Tell Me More tests")
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    from app.ui.style import apply_style

    apply_style(qapp)  # type: ignore[arg-type]
    yield Settings()


@pytest.fixture
def settings(throwaway_settings: Settings) -> Settings:
    return throwaway_settings




@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def plan() -> InterviewPlan:
    return InterviewPlan(
        participant=Participant("Ana Ruiz", "Acme", "Ops lead"),
        focus="How do new customers get through their first week with us?",
        core_questions=("Q1", "Q2", "Q3", "Q4", "Q5"),
    )


@pytest.fixture
def live_window(qtbot, store: Store, plan: InterviewPlan, fake_clock: FakeClock, settings):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from app.live.call import LiveCall
    from app.ui.live.window import LiveWindow
    from tests.live.fakes import FakeSource, ScriptedFactory

    interview_id = InterviewRepository(store).create(plan)
    # A real call over a silent fake device and a scripted transcriber (the real ones are
    # tested in test_live_coaching.py): the window's own behaviour, recording included.
    call = LiveCall(store, interview_id, plan, clock=fake_clock, open_source=FakeSource,
                    loaded_model=SimpleNamespace(name="scripted", message=None),
                    transcriber_factory=ScriptedFactory())  # type: ignore[arg-type]
    window = LiveWindow(call, settings=settings)
    window.confirm_end = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
from tests.model_fixture import whisper_model  # noqa: E402, F401
