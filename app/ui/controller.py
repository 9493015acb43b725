"""The application logic behind the start window, kept apart from widgets (Mu-style).

AppController receives its view; the view does only what a window can (show things, ask the
user). Tests drive the controller with a fake view, so start-up, store errors, crash recovery
and creating interviews are tested without a window.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from app.live.call import wait_for_closing_calls
from app.live.recovery import recover_interrupted
from app.session.plan import InterviewPlan, Participant, PhaseSpec
from app.settings import Settings
from app.store.db import Store, StoreError, describe_refusal
from app.store.interviews import InterviewRepository, InterviewSummary, plan_to_row
from app.store.models import InterviewStatus
from app.store.paths import ENV_DATA_DIR, resolve_data_dir
from app.store.people import PersonRepository

LIBRARY_MODULE = "app.ui.library"
REVIEW_MODULE = "app.ui.review"
TRAINER_MODULE = "app.ui.trainer"
# Window factories looked up in those packages, first found wins; each takes parent=.
LIBRARY_HOOKS = ("open_library", "LibraryWindow")  # (store, parent=...) -> QWidget
REVIEW_HOOKS = ("open_review", "ReviewWindow")  # (store, interview_id, parent=...) -> QWidget
TRAINER_HOOKS = ("TrainerWindow",)  # (store, parent=...) -> QWidget
RECENT_LIMIT = 30


class AppView(Protocol):
    def ask_store_error(self, message: str, data_dir: Path) -> Path | None:
        """Shows why the store cannot open; returns another folder to try, or None to quit."""

    def ask_data_folder(self, current: Path) -> Path | None: ...

    def show_start(self, data_dir: Path, recent: list[InterviewSummary]) -> None: ...

    def show_banner(self, message: str, level: str = "info") -> None: ...

    def ask_plan(
        self, initial: InterviewPlan, last: InterviewPlan | None
    ) -> InterviewPlan | None: ...

    def open_live(self, store: Store, interview_id: int, plan: InterviewPlan) -> None: ...

    def open_hook(self, hook: Callable[..., Any], *args: Any) -> None:
        """Calls a window factory from another package with the start window as parent."""


def plan_to_dict(plan: InterviewPlan) -> dict[str, Any]:
    """The reusable part of a plan (no participant: the next interview is someone else)."""
    data = plan_to_row(plan)
    data["focus"] = plan.focus
    return data


def plan_from_dict(data: dict[str, Any]) -> InterviewPlan | None:
    try:
        phases = tuple(
            PhaseSpec(p["name"], float(p["budget_s"]), tuple(p["goals"]), p.get("budget_label", ""))
            for p in data["phases"]
        )
        return InterviewPlan(
            focus=str(data.get("focus", "")),
            core_questions=tuple(str(q) for q in data.get("core_questions", ())),
            gift=str(data.get("gift", "")),
            phases=phases,
            plan_s=float(data["plan_s"]),
            hard_limit_s=float(data["hard_limit_s"]),
        ).validate()
    except (KeyError, TypeError, ValueError):
        return None  # a stale or hand-edited setting: fall back to the defaults


def optional_module(name: str) -> ModuleType | None:
    """Imports a package another engineer may not have written yet; None when it is absent."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (name == exc.name or name.startswith(exc.name + ".")):
            return None
        raise  # the module exists but something it imports is missing: a real bug


class AppController:
    def __init__(
        self,
        view: AppView,
        settings: Settings,
        data_dir_arg: str | None = None,
        store_opener: Callable[[Path], Store] = Store.open,
    ) -> None:
        self.view = view
        self.settings = settings
        self.data_dir_arg = data_dir_arg
        self.store_opener = store_opener
        self.store: Store | None = None
        self.data_dir: Path | None = None
        self.live_interviews: set[int] = set()

    # -- start-up ---------------------------------------------------------------------------------
    def initial_data_dir(self) -> Path:
        """--data-dir, then TELLMEMORE_DATA_DIR, then the folder chosen last time, then default."""
        if self.data_dir_arg or os.environ.get(ENV_DATA_DIR):
            return resolve_data_dir(self.data_dir_arg)
        return self.settings.last_data_dir or resolve_data_dir(None)

    def start(self) -> bool:
        """Opens the store (asking for another folder while it fails) and shows the start window.

        Returns False when the user chose to quit. Nothing in a failing folder is touched.
        """
        store = self._open_store_interactively(self.initial_data_dir())
        if store is None:
            return False
        self._use_store(store)
        recovered = self.recover_interrupted()
        self.view.show_start(store.data_dir, self.recent())
        if recovered:
            self.view.show_banner(recovered_message(recovered), "warning")
        return True

    def _open_store_interactively(self, folder: Path) -> Store | None:
        while True:
            try:
                return self.store_opener(folder)
            except StoreError as exc:
                chosen = self.view.ask_store_error(str(exc), folder)
                if chosen is None:
                    return None
                folder = Path(chosen)

    def _use_store(self, store: Store) -> None:
        if self.store is not None and self.store is not store:
            wait_for_closing_calls(self.store)
            self.store.close()
        self.store = store
        self.data_dir = store.data_dir
        # Only a folder the user picked is remembered; --data-dir and the env var are per run.
        if not (self.data_dir_arg or os.environ.get(ENV_DATA_DIR)):
            self.settings.last_data_dir = store.data_dir

    def recover_interrupted(self) -> list[str]:
        """Interviews left live by a crash become "recovered" with their recordings repaired;
        calls live in this or another running process are left alone. One line about each."""
        return [r.message() for r in recover_interrupted(self._require_store())]

    # -- the start window's actions -----------------------------------------------------------------
    def recent(self) -> list[InterviewSummary]:
        return InterviewRepository(self._require_store()).list_recent(RECENT_LIMIT)

    def refresh(self) -> None:
        store = self._require_store()
        self.view.show_start(store.data_dir, self.recent())

    def last_plan(self) -> InterviewPlan | None:
        """The plan of the newest interview in this folder, else the one remembered in settings."""
        repo = InterviewRepository(self._require_store())
        for summary in repo.list_recent(5):
            if summary.status != InterviewStatus.IMPORTED:
                plan = repo.load_plan(summary.id)
                return InterviewPlan(
                    focus=plan.focus,
                    core_questions=plan.core_questions,
                    gift=plan.gift,
                    phases=plan.phases,
                    plan_s=plan.plan_s,
                    hard_limit_s=plan.hard_limit_s,
                )
        remembered = self.settings.last_plan()
        return plan_from_dict(remembered) if remembered else None

    def new_interview(self) -> int | None:
        store = self._require_store()
        plan = self.view.ask_plan(InterviewPlan(participant=Participant()), self.last_plan())
        if plan is None:
            return None
        try:
            interview_id = InterviewRepository(store).create(
                plan, interviewer_name=self.settings.interviewer_name
            )
        except Exception as exc:  # noqa: BLE001 - sorted: a refused write is told, others raise
            refusal = describe_refusal(exc)
            if refusal is None:
                raise
            self.view.show_banner(f"The interview could not be created: {refusal}", "error")
            return None
        self.settings.set_last_plan(plan_to_dict(plan))
        self.live_interviews.add(interview_id)
        self.view.open_live(store, interview_id, plan)
        return interview_id

    def live_finished(self, interview_id: int) -> None:
        self.live_interviews.discard(interview_id)
        self.refresh()

    def change_data_folder(self, folder: Path | None = None) -> bool:
        """Switches to another data folder; on failure the current one stays in use."""
        store = self._require_store()
        if self.live_interviews:
            self.view.show_banner("End the interview before changing the data folder.", "warning")
            return False
        folder = folder or self.view.ask_data_folder(store.data_dir)
        if folder is None:
            return False
        try:
            new_store = self.store_opener(Path(folder))
        except StoreError as exc:
            self.view.show_banner(f"{exc} The current folder is still in use.", "error")
            return False
        self._use_store(new_store)
        recovered = self.recover_interrupted()
        self.refresh()
        if recovered:
            self.view.show_banner(recovered_message(recovered), "warning")
        return True

    def open_library(self) -> bool:
        return self._open_optional(LIBRARY_MODULE, LIBRARY_HOOKS, "The library", self.store)

    def open_trainer(self) -> bool:
        return self._open_optional(TRAINER_MODULE, TRAINER_HOOKS, "The trainer view", self.store)

    def interviewer_names(self) -> list[str]:
        """Everyone who has led an interview in this folder, for the new-interview dialog."""
        return [p.name for p in PersonRepository(self._require_store()).list()]

    def open_review(self, interview_id: int) -> bool:
        return self._open_optional(REVIEW_MODULE, REVIEW_HOOKS, "Review", self.store, interview_id)

    def _open_optional(
        self, module_name: str, hook_names: tuple[str, ...], what: str, *args: Any
    ) -> bool:
        self._require_store()
        module = optional_module(module_name)
        hooks = [getattr(module, name, None) for name in hook_names] if module else []
        hook = next((h for h in hooks if h is not None), None)
        if hook is None:
            self.view.show_banner(f"{what} is not available in this version yet.", "info")
            return False
        self.view.open_hook(hook, *args)
        return True

    def close(self) -> None:
        if self.store is not None:
            # A call that just ended may still be saving its last words and its score.
            wait_for_closing_calls(self.store)
            self.store.close()
            self.store = None

    def _require_store(self) -> Store:
        if self.store is None:
            raise RuntimeError("the store is not open")
        return self.store


def recovered_message(lines: list[str]) -> str:
    shown = " ".join(lines[:3])
    more = f" And {len(lines) - 3} more." if len(lines) > 3 else ""
    return (
        f"The app stopped during a call last time. {shown}{more} Everything saved up to that "
        "moment is kept."
    )
