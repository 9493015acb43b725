"""The live window's clock card: the phase, what is left of its budget, and the whole call.

Compact on purpose (the phase and what is left of it on one line, the phase's name and its
clock on the next), so that a cue never squeezes out the goals or the transcript.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout

from app.session.plan import InterviewPlan
from app.session.session import InterviewSession, TimeStatus
from app.ui import style
from app.ui.live.call_bar import CallTimeBar
from app.ui.live.timefmt import clock, minutes, remaining

BAR_STEPS = 1000
STATUS_ROLE = {TimeStatus.OK: "muted", TimeStatus.WARN: "warning", TimeStatus.OVER: "error"}


class PhaseCard(QFrame):
    def __init__(self, plan: InterviewPlan) -> None:
        super().__init__()
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        caps_row = QHBoxLayout()
        self.phase_caps = QLabel()
        self.phase_caps.setProperty("role", "caps")
        self.remaining_label = QLabel()
        self.remaining_label.setProperty("role", "muted")
        caps_row.addWidget(self.phase_caps, 1)
        caps_row.addWidget(self.remaining_label)
        layout.addLayout(caps_row)
        clock_row = QHBoxLayout()
        self.phase_label = QLabel()
        self.phase_label.setProperty("role", "phase")
        self.clock_label = QLabel()
        self.clock_label.setProperty("role", "clock")
        clock_row.addWidget(self.phase_label, 1)
        clock_row.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(clock_row)
        self.phase_bar = QProgressBar()
        self.phase_bar.setRange(0, BAR_STEPS)
        self.phase_bar.setTextVisible(False)
        self.phase_bar.setFixedHeight(10)
        layout.addWidget(self.phase_bar)
        layout.addSpacing(6)
        call_row = QHBoxLayout()
        call_row.setSpacing(8)
        self.call_label = QLabel()
        self.call_label.setProperty("role", "muted")
        self.call_bar = CallTimeBar(plan.plan_s, plan.hard_limit_s)
        self.call_bar.setToolTip(
            f"The whole call: the mark is the plan ({minutes(plan.plan_s)} min), the end of the "
            f"bar the hard limit ({minutes(plan.hard_limit_s)} min)."
        )
        self.limits_label = QLabel(f"{minutes(plan.plan_s)} / {minutes(plan.hard_limit_s)} min")
        self.limits_label.setProperty("role", "muted")
        call_row.addWidget(self.call_label)
        call_row.addWidget(self.call_bar, 1)
        call_row.addWidget(self.limits_label)
        layout.addLayout(call_row)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._bar_status: TimeStatus | None = None

    def show_phase(self, session: InterviewSession) -> None:
        index = session.phase_index
        spec = session.plan.phases[index]
        count = len(session.plan.phases)
        self.phase_caps.setText(f"PHASE {index + 1} OF {count} \u00b7 {spec.label().upper()}")
        self.phase_label.setText(spec.name)

    def refresh(self, session: InterviewSession) -> None:
        """Redraws the times from the session's clock."""
        elapsed = session.phase_elapsed()
        budget = session.phase_budget()
        status = session.phase_status()
        self.clock_label.setText(f"{clock(elapsed)} / {clock(budget)}")
        self.remaining_label.setText(remaining(elapsed, budget))
        self.phase_bar.setValue(int(min(1.0, elapsed / budget) * BAR_STEPS) if budget else 0)
        if status is not self._bar_status:
            self._bar_status = status
            self.phase_bar.setProperty("status", status.value)
            self.remaining_label.setProperty("role", STATUS_ROLE[status])
            style.repolish(self.phase_bar)
            style.repolish(self.remaining_label)
        total = session.active_elapsed()
        self.call_bar.set_elapsed(total, session.call_status())
        call_text = f"Call {clock(total)}"
        if session.past_hard_limit():
            call_text += " \u2014 past the limit"
        self.call_label.setText(call_text)

    def bar_status(self) -> TimeStatus:
        return TimeStatus(self.phase_bar.property("status"))
