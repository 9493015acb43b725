"""A live interview session: phases on an injected clock, checklist, consent, marks and notes.

Every change is an event handed to the listeners as it happens (the store persists them),
so a crash keeps the timeline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.session.clock import Clock, SystemClock
from app.session.consent import ConsentError, ConsentState, check_transition
from app.session.plan import InterviewPlan

log = logging.getLogger(__name__)

WARN_FRACTION = 0.8


class SessionState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class EventKind(StrEnum):
    STARTED = "started"
    PHASE = "phase"
    PAUSED = "paused"
    RESUMED = "resumed"
    ENDED = "ended"
    CONSENT = "consent"
    RECORDING_STARTED = "recording_started"
    RECORDING_STOPPED = "recording_stopped"
    MARK = "mark"
    NOTE = "note"
    CHECKLIST = "checklist"


class TimeStatus(StrEnum):
    OK = "ok"
    WARN = "warn"  # at or past 80 % of the budget
    OVER = "over"


@dataclass(frozen=True)
class SessionEvent:
    kind: EventKind
    t: float  # seconds since the session started (wall-clock time, pauses included)
    wall: float  # Unix time, for people
    data: dict[str, Any] = field(default_factory=dict)


class SessionError(RuntimeError):
    pass


def time_status(elapsed: float, budget: float) -> TimeStatus:
    if elapsed > budget:
        return TimeStatus.OVER
    if elapsed >= WARN_FRACTION * budget:
        return TimeStatus.WARN
    return TimeStatus.OK


Listener = Callable[[SessionEvent], None]


class InterviewSession:
    def __init__(self, plan: InterviewPlan, clock: Clock | None = None) -> None:
        self.plan = plan.validate()
        self.clock: Clock = clock or SystemClock()
        self.state = SessionState.NOT_STARTED
        self.consent = ConsentState.NOT_ASKED
        self.recording = False
        self.phase_index = 0
        self.events: list[SessionEvent] = []
        self.checklist: list[list[bool]] = [[False] * len(p.goals) for p in plan.phases]
        self._listeners: list[Listener] = []
        self._started_mono: float | None = None
        self._ended_mono: float | None = None
        self._paused_since: float | None = None
        self._paused_total = 0.0
        # Active (unpaused) seconds spent in each phase over all visits, closed visits only.
        self._phase_active: list[float] = [0.0] * len(plan.phases)
        self._phase_entered_active = 0.0

    # -- listeners ---------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, kind: EventKind, **data: Any) -> SessionEvent:
        event = SessionEvent(kind, self.elapsed_wall(), self.clock.wall(), data)
        self.events.append(event)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # one failing listener (a full disk) must not stop the others
                log.exception("a session listener failed on %s", kind.value)
        return event

    # -- time ----------------------------------------------------------------------------------
    @property
    def started_monotonic(self) -> float | None:
        """The clock's monotonic time at session time 0 (audio is aligned to it)."""
        return self._started_mono

    def _now(self) -> float:
        return self._ended_mono if self._ended_mono is not None else self.clock.monotonic()

    def elapsed_wall(self) -> float:
        """Seconds since start, pauses included: the session's timeline (and audio's)."""
        if self._started_mono is None:
            return 0.0
        return self._now() - self._started_mono

    def active_elapsed(self) -> float:
        """Seconds since start with pauses left out: what budgets are measured against."""
        if self._started_mono is None:
            return 0.0
        paused = self._paused_total
        if self._paused_since is not None:
            paused += self._now() - self._paused_since
        return self._now() - self._started_mono - paused

    def phase_elapsed(self, index: int | None = None) -> float:
        index = self.phase_index if index is None else index
        total = self._phase_active[index]
        if index == self.phase_index and self.state in (SessionState.RUNNING, SessionState.PAUSED):
            total += self.active_elapsed() - self._phase_entered_active
        return total

    def phase_budget(self, index: int | None = None) -> float:
        return self.plan.phases[self.phase_index if index is None else index].budget_s

    def phase_left(self) -> float:
        return self.phase_budget() - self.phase_elapsed()

    def phase_overrun(self, index: int | None = None) -> float:
        return max(0.0, self.phase_elapsed(index) - self.phase_budget(index))

    def phase_status(self) -> TimeStatus:
        return time_status(self.phase_elapsed(), self.phase_budget())

    def call_status(self) -> TimeStatus:
        """OK under 80 % of the plan, WARN up to the hard limit's approach, OVER past the plan."""
        total = self.active_elapsed()
        if total > self.plan.plan_s:
            return TimeStatus.OVER
        return time_status(total, self.plan.plan_s)

    def past_hard_limit(self) -> bool:
        return self.active_elapsed() > self.plan.hard_limit_s

    # -- life cycle -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.state is not SessionState.NOT_STARTED:
            raise SessionError("The session has already started.")
        self._started_mono = self.clock.monotonic()
        self.state = SessionState.RUNNING
        self._emit(EventKind.STARTED)
        self._emit(EventKind.PHASE, index=0, name=self.plan.phases[0].name)

    def _require_live(self) -> None:
        if self.state not in (SessionState.RUNNING, SessionState.PAUSED):
            raise SessionError("The session is not running.")

    def go_to_phase(self, index: int) -> None:
        self._require_live()
        if not 0 <= index < len(self.plan.phases) or index == self.phase_index:
            return
        now_active = self.active_elapsed()
        self._phase_active[self.phase_index] += now_active - self._phase_entered_active
        self._phase_entered_active = now_active
        self.phase_index = index
        self._emit(EventKind.PHASE, index=index, name=self.plan.phases[index].name)

    def next_phase(self) -> None:
        self.go_to_phase(self.phase_index + 1)

    def previous_phase(self) -> None:
        self.go_to_phase(self.phase_index - 1)

    def pause(self) -> None:
        if self.state is not SessionState.RUNNING:
            return
        self._paused_since = self.clock.monotonic()
        self.state = SessionState.PAUSED
        self._emit(EventKind.PAUSED)

    def resume(self) -> None:
        if self.state is not SessionState.PAUSED or self._paused_since is None:
            return
        self._paused_total += self.clock.monotonic() - self._paused_since
        self._paused_since = None
        self.state = SessionState.RUNNING
        self._emit(EventKind.RESUMED)

    def end(self) -> None:
        if self.state is SessionState.ENDED:
            return
        self._require_live()
        if self.recording:
            self.stop_recording()
        if self._paused_since is not None:
            self.resume()
        now_active = self.active_elapsed()
        self._phase_active[self.phase_index] += now_active - self._phase_entered_active
        self._phase_entered_active = now_active
        self._ended_mono = self.clock.monotonic()
        self.state = SessionState.ENDED
        self._emit(EventKind.ENDED, duration=self.elapsed_wall())

    # -- consent and recording ----------------------------------------------------------------
    def set_consent(self, new: ConsentState) -> None:
        check_transition(self.consent, new)
        self.consent = new
        self._emit(EventKind.CONSENT, state=new.value)
        if new is ConsentState.REVOKED and self.recording:
            self.stop_recording(reason="consent revoked")

    def grant_consent(self) -> None:
        self.set_consent(ConsentState.GRANTED)

    def decline_consent(self) -> None:
        self.set_consent(ConsentState.DECLINED)

    def revoke_consent(self) -> None:
        self.set_consent(ConsentState.REVOKED)

    def can_record(self) -> bool:
        return self.consent is ConsentState.GRANTED and self.state in (
            SessionState.RUNNING,
            SessionState.PAUSED,
        )

    def start_recording(self) -> None:
        if self.consent is not ConsentState.GRANTED:
            raise ConsentError("Recording needs the participant's consent first.")
        self._require_live()
        if not self.recording:
            self.recording = True
            self._emit(EventKind.RECORDING_STARTED)

    def stop_recording(self, reason: str = "") -> None:
        if self.recording:
            self.recording = False
            self._emit(EventKind.RECORDING_STOPPED, reason=reason)

    # -- marks, notes, checklist ------------------------------------------------------------
    def mark(self, label: str = "") -> SessionEvent:
        self._require_live()
        return self._emit(EventKind.MARK, label=label, phase=self.phase_index)

    def note(self, text: str) -> SessionEvent:
        self._require_live()
        if not text.strip():
            raise SessionError("A note needs some text.")
        return self._emit(EventKind.NOTE, text=text.strip(), phase=self.phase_index)

    def set_goal(self, phase: int, goal: int, done: bool, *, auto: bool = False) -> None:
        if self.checklist[phase][goal] == done:
            return
        self.checklist[phase][goal] = done
        self._emit(EventKind.CHECKLIST, phase=phase, goal=goal, done=done, auto=auto)

    def checklist_completion(self) -> float:
        items = [done for phase in self.checklist for done in phase]
        return sum(items) / len(items) if items else 0.0

    def phase_timings(self) -> list[dict[str, float | str]]:
        return [
            {
                "name": spec.name,
                "budget_s": spec.budget_s,
                "elapsed_s": self.phase_elapsed(i),
                "overrun_s": self.phase_overrun(i),
            }
            for i, spec in enumerate(self.plan.phases)
        ]
