"""The short summary shown when a call ends."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.session.consent import ConsentState
from app.session.session import EventKind, InterviewSession
from app.ui.live.timefmt import clock

CONSENT_WORDS = {
    ConsentState.NOT_ASKED: "never asked",
    ConsentState.GRANTED: "granted",
    ConsentState.DECLINED: "declined",
    ConsentState.REVOKED: "revoked",
}


def summary_lines(session: InterviewSession) -> list[str]:
    """Plain sentences: length against plan, each phase against its budget, what was captured."""
    plan = session.plan
    total = session.active_elapsed()
    lines = [f"The call took {clock(total)} (plan {clock(plan.plan_s)}, limit "
             f"{clock(plan.hard_limit_s)})."]  # fmt: skip
    for timing in session.phase_timings():
        elapsed = float(timing["elapsed_s"])
        budget = float(timing["budget_s"])
        over = float(timing["overrun_s"])
        verdict = f", {clock(over)} over" if over > 0 else ""
        if elapsed == 0:
            lines.append(f"{timing['name']}: skipped.")
        else:
            lines.append(f"{timing['name']}: {clock(elapsed)} of {clock(budget)}{verdict}.")
    done = sum(d for phase in session.checklist for d in phase)
    total_goals = sum(len(phase) for phase in session.checklist)
    marks = sum(1 for e in session.events if e.kind is EventKind.MARK)
    notes = sum(1 for e in session.events if e.kind is EventKind.NOTE)
    lines.append(f"Checklist: {done} of {total_goals} goals ticked.")
    lines.append(f"{marks} marked moment{'s' * (marks != 1)}, {notes} note{'s' * (notes != 1)}.")
    lines.append(f"Consent to record: {CONSENT_WORDS[session.consent]}.")
    return lines


class SummaryDialog(QDialog):
    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Interview ended")
        layout = QVBoxLayout(self)
        title = QLabel("Interview ended")
        title.setProperty("role", "heading")
        layout.addWidget(title)
        self.body = QLabel("<br>".join(html.escape(line) for line in summary_lines(session)))
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        layout.addWidget(self.body)
        hint = QLabel("It is saved in the library; open it there to review.")
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Back to start")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(340)
