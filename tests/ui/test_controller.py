"""The app controller with a fake view: start-up, store errors, recovery, new interviews."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.session.clock import FakeClock
from app.session.plan import InterviewPlan, Participant
from app.session.session import InterviewSession
from app.store.db import Store
from app.store.interviews import InterviewRepository, InterviewSummary
from app.store.paths import DB_FILENAME, ENV_DATA_DIR
from app.store.timeline import SessionPersister
from app.ui.controller import AppController, optional_module, plan_from_dict, plan_to_dict


class FakeView:
    def __init__(self) -> None:
        self.store_errors: list[tuple[str, Path]] = []
        self.folder_answers: list[Path | None] = []
        self.started: list[tuple[Path, list[InterviewSummary]]] = []
        self.banners: list[tuple[str, str]] = []
        self.plan_answer: InterviewPlan | None = None
        self.asked_plans: list[tuple[InterviewPlan, InterviewPlan | None]] = []
        self.live: list[tuple[int, InterviewPlan]] = []
        self.hooks: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def ask_store_error(self, message: str, data_dir: Path) -> Path | None:
        self.store_errors.append((message, data_dir))
        return self.folder_answers.pop(0) if self.folder_answers else None

    def ask_data_folder(self, current: Path) -> Path | None:
        return self.folder_answers.pop(0) if self.folder_answers else None

    def show_start(self, data_dir: Path, recent: list[InterviewSummary]) -> None:
        self.started.append((data_dir, recent))

    def show_banner(self, message: str, level: str = "info") -> None:
        self.banners.append((message, level))

    def ask_plan(self, initial: InterviewPlan, last: InterviewPlan | None) -> InterviewPlan | None:
        self.asked_plans.append((initial, last))
        return self.plan_answer

    def open_live(self, store: Store, interview_id: int, plan: InterviewPlan) -> None:
        self.live.append((interview_id, plan))

    def open_hook(self, hook: Callable[..., Any], *args: Any) -> None:
        self.hooks.append((hook, args))


@pytest.fixture(autouse=True)
def no_env_data_dir(monkeypatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)


def make(settings, data_dir: Path | None) -> tuple[AppController, FakeView]:
    view = FakeView()
    controller = AppController(view, settings, str(data_dir) if data_dir else None)
    return controller, view


def test_start_opens_the_store_and_shows_recent_interviews(settings, tmp_path) -> None:
    controller, view = make(settings, tmp_path / "data")
    assert controller.start()
    assert view.started and view.started[0][0] == (tmp_path / "data").resolve()
    assert view.started[0][1] == []
    assert not view.banners
    controller.close()


def test_a_corrupt_database_asks_and_is_never_overwritten(settings, tmp_path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    db = bad / DB_FILENAME
    junk = b"this is not a database" * 50
    db.write_bytes(junk)
    controller, view = make(settings, bad)
    assert controller.start() is False  # the user chose Quit
    assert len(view.store_errors) == 1
    message, folder = view.store_errors[0]
    assert "damaged" in message and "untouched" in message and folder == bad.resolve()
    assert db.read_bytes() == junk
    assert not view.started


def test_choosing_another_folder_after_a_store_error(settings, tmp_path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / DB_FILENAME).write_bytes(b"garbage" * 10)
    good = tmp_path / "good"
    controller, view = make(settings, bad)
    view.folder_answers = [good]
    assert controller.start()
    assert controller.data_dir == good
    assert (good / DB_FILENAME).exists()
    assert (bad / DB_FILENAME).read_bytes() == b"garbage" * 10
    controller.close()


def test_the_folder_chosen_is_remembered_when_no_folder_is_forced(settings, tmp_path) -> None:
    settings.last_data_dir = tmp_path / "remembered"
    controller, view = make(settings, None)
    assert controller.initial_data_dir() == tmp_path / "remembered"
    assert controller.start()
    controller.change_data_folder(tmp_path / "other")
    assert settings.last_data_dir == tmp_path / "other"
    controller.close()


def test_interviews_left_live_by_a_crash_are_recovered(settings, tmp_path, plan) -> None:
    store = Store.open(tmp_path / "data")
    repo = InterviewRepository(store)
    crashed = repo.create(plan)
    clock = FakeClock()
    session = InterviewSession(plan, clock)
    SessionPersister(store, crashed, session)
    session.start()
    clock.advance(125)
    session.mark("interesting")  # the last thing saved before the "crash"
    ended = repo.create(InterviewPlan(participant=Participant("Bo")))
    store.close()

    controller, view = make(settings, tmp_path / "data")
    assert controller.start()
    summary = InterviewRepository(controller.store).get(crashed)
    assert summary.status == "recovered"
    assert summary.duration_s == pytest.approx(125)
    assert InterviewRepository(controller.store).get(ended).status == "planned"
    assert len(view.banners) == 1
    message, level = view.banners[0]
    assert level == "warning" and "Ana Ruiz" in message and "recovered" in message
    statuses = {s.id: s.status for s in view.started[0][1]}
    assert statuses[crashed] == "recovered"
    controller.close()


def test_new_interview_creates_it_and_opens_the_live_window(settings, tmp_path, plan) -> None:
    settings.interviewer_name = "Sam"
    controller, view = make(settings, tmp_path / "data")
    controller.start()
    view.plan_answer = plan
    interview_id = controller.new_interview()
    assert interview_id is not None and view.live == [(interview_id, plan)]
    summary = InterviewRepository(controller.store).get(interview_id)
    assert summary.participant_name == "Ana Ruiz" and summary.interviewer_name == "Sam"
    assert view.asked_plans[0][1] is None  # nothing to start from the first time
    assert interview_id in controller.live_interviews

    # The next one starts from the last one's plan, without its participant.
    view.plan_answer = None
    assert controller.new_interview() is None
    last = view.asked_plans[1][1]
    assert last is not None and last.focus == plan.focus
    assert last.core_questions == plan.core_questions and last.participant.name == ""
    controller.live_finished(interview_id)
    assert interview_id not in controller.live_interviews
    controller.close()


def test_last_plan_falls_back_to_settings_in_a_new_folder(settings, tmp_path, plan) -> None:
    settings.set_last_plan(plan_to_dict(plan))
    controller, _view = make(settings, tmp_path / "fresh")
    controller.start()
    last = controller.last_plan()
    assert last is not None and last.focus == plan.focus and last.gift == plan.gift
    controller.close()
    assert plan_from_dict({"phases": "nonsense"}) is None


def test_changing_folder_to_a_broken_one_keeps_the_current(settings, tmp_path) -> None:
    controller, view = make(settings, tmp_path / "data")
    controller.start()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / DB_FILENAME).write_bytes(b"not sqlite at all")
    assert controller.change_data_folder(broken) is False
    assert controller.data_dir == (tmp_path / "data").resolve()
    assert view.banners[-1][1] == "error"
    controller.close()


def test_library_and_review_hooks(settings, tmp_path, monkeypatch) -> None:
    controller, view = make(settings, tmp_path / "data")
    controller.start()
    import app.ui.controller as module

    monkeypatch.setattr(module, "optional_module", lambda name: None)
    assert controller.open_library() is False
    assert "not available" in view.banners[-1][0]

    class FakeReview:
        @staticmethod
        def open_review(store, interview_id, parent=None):  # noqa: ANN001, ANN205
            return None

    monkeypatch.setattr(module, "optional_module", lambda name: FakeReview)
    assert controller.open_review(7) is True
    hook, args = view.hooks[-1]
    assert hook is FakeReview.open_review and args == (controller.store, 7)
    controller.close()


def test_optional_module_tells_absent_from_broken() -> None:
    assert optional_module("app.ui.no_such_window") is None
    assert optional_module("app.ui.live.timefmt") is not None


def test_the_real_library_and_review_windows_are_found(settings, tmp_path) -> None:
    controller, view = make(settings, tmp_path / "data")
    controller.start()
    if optional_module("app.ui.library") is None or optional_module("app.ui.review") is None:
        pytest.skip("the library and review packages are not in this checkout")
    assert controller.open_library() is True
    assert view.hooks[-1][0].__name__ in ("open_library", "LibraryWindow")
    assert controller.open_review(3) is True
    assert view.hooks[-1][0].__name__ in ("open_review", "ReviewWindow")
    assert view.hooks[-1][1] == (controller.store, 3)
    controller.close()


def test_a_new_interview_on_a_full_disk_is_refused_plainly(settings, tmp_path, plan) -> None:
    """The disk filled after the app started: the user is told, no live window opens."""
    from tests.faults.test_journal import _PageLimit

    controller, view = make(settings, tmp_path / "data")
    controller.start()
    disk = _PageLimit(controller.store)
    disk.full(controller.store)
    view.plan_answer = replace(plan, focus="x" * 400, core_questions=("q" * 300,) * 7)
    for _ in range(40):  # until the last free page is used up
        if controller.new_interview() is None:
            break
    assert view.banners and "could not be created" in view.banners[-1][0]
    assert "disk is full" in view.banners[-1][0] and view.banners[-1][1] == "error"
    disk.free(controller.store)
