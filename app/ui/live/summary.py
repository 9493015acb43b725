"""The short summary shown when a call ends."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
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


def score_lines(
    scorecard: dict[str, Any] | None, cue_kinds: Sequence[tuple[str, bool]]
) -> list[str]:
    """The scorecard in words: the score, the talk share, the cues (how many were shown live)
    and the first tips. `cue_kinds`: (kind, shown live) for every cue of the call."""
    if not scorecard:
        return ["No scorecard: no transcript was made of this call."]
    lines = [f"Score {scorecard.get('score', 0)}/100; you did "
             f"{float(scorecard.get('talk_share', 0.0)):.0%} of the talking."]  # fmt: skip
    if cue_kinds:
        counts = Counter(kind.replace("_", " ") for kind, _live in cue_kinds)
        shown = sum(live for _kind, live in cue_kinds)
        listed = ", ".join(f"{kind} \u00d7{n}" for kind, n in counts.most_common())
        lines.append(f"{len(cue_kinds)} cue{'s' * (len(cue_kinds) != 1)} ({shown} shown live): "
                     f"{listed}.")  # fmt: skip
    else:
        lines.append("No cues.")
    lines += [f"Tip: {tip}" for tip in list(scorecard.get("tips", []))[:2]]
    return lines


class SummaryDialog(QDialog):
    review_requested = Signal()

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review_wanted = False
        self.setWindowTitle("Interview ended")
        layout = QVBoxLayout(self)
        title = QLabel("Interview ended")
        title.setProperty("role", "heading")
        layout.addWidget(title)
        self.body = QLabel("<br>".join(html.escape(line) for line in summary_lines(session)))
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        layout.addWidget(self.body)
        # The scorecard comes once the last words are transcribed and the call is scored.
        self.score = QLabel("Scoring the call\u2026")
        self.score.setProperty("role", "muted")
        self.score.setWordWrap(True)
        layout.addWidget(self.score)
        hint = QLabel("It is saved in the library.")
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Back to start")
        self.review_button = buttons.addButton(
            "Open review", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.review_button.clicked.connect(self._open_review)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(340)

    def show_score(
        self, scorecard: dict[str, Any] | None, cue_kinds: Sequence[tuple[str, bool]]
    ) -> None:
        self.score.setProperty("role", "")
        self.score.style().unpolish(self.score)  # drop the muted "scoring…" look
        self.score.style().polish(self.score)
        self.score.setText(
            "<br>".join(html.escape(line) for line in score_lines(scorecard, cue_kinds))
        )
        self.score.setTextFormat(Qt.TextFormat.RichText)
        self.adjustSize()

    def _open_review(self) -> None:
        self.review_wanted = True
        self.accept()
