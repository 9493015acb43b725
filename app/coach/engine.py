"""The live coach: final segments and clock ticks in, cues out.

Text cues come from the cue models (app.coach.model) reading each utterance once parsed
(app.coach.parse), with the phase and what the participant said just before; the rest need time
and both speakers: monologue, talk share over the last minutes of Go deeper, self-talk in the
introductions, interruptions, overtime. Each call returns only new cues; pacing them on
screen is CueThrottle's job.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection

from app.coach.cues import CoachState, Cue, CueKind, Severity
from app.coach.model import CueModel, KindScore, default_model
from app.coach.parse import ParsedTurn, parse
from app.coach.rewrite import rewrite_why
from app.coach.rules import self_talk
from app.coach.settings import CoachSettings
from app.session.plan import InterviewPlan
from app.session.segments import Segment, Speaker

SUGGESTIONS: dict[CueKind, str] = {
    CueKind.WHY: "Tell me more about \u2026",
    CueKind.SELLING: "This is not a sales call. Listen.",
    CueKind.LEADING: "Ask it neutrally: \u201cHow was that for you?\u201d",
    CueKind.HYPOTHETICAL: "Ask about the past: \u201cTell me about the last time\u2026\u201d",
    CueKind.CLOSED: "Open it up: \u201cWalk me through\u2026\u201d or \u201cHelp me understand\u2026\u201d",
    CueKind.STACKED: "Ask one question, then wait.",
    CueKind.TALK_SHARE: "Let them talk.",
    CueKind.MONOLOGUE: "Stop and ask a question.",
    CueKind.SELF_FOCUS: "Talk about yourself as little as possible.",
    CueKind.GENERALITY: "Ask for a specific case: \u201cTell me about the last time that happened.\u201d",
    CueKind.INTERRUPT: "Let them finish.",
}
SEVERITY: dict[CueKind, Severity] = {
    CueKind.WHY: Severity.WARN,
    CueKind.SELLING: Severity.ALERT,
    CueKind.LEADING: Severity.WARN,
    CueKind.HYPOTHETICAL: Severity.WARN,
    CueKind.CLOSED: Severity.INFO,
    CueKind.STACKED: Severity.INFO,
    CueKind.SELF_FOCUS: Severity.WARN,
    CueKind.GENERALITY: Severity.INFO,
    CueKind.INTERRUPT: Severity.WARN,
    CueKind.MONOLOGUE: Severity.WARN,
}
# Interviewer text kinds cued per segment (stacked is judged over the whole turn).
SEGMENT_KINDS = (
    CueKind.WHY,
    CueKind.SELLING,
    CueKind.LEADING,
    CueKind.HYPOTHETICAL,
    CueKind.CLOSED,
)


def deeper_phase_index(plan: InterviewPlan) -> int:
    """The phase where closed questions are cued: the one named "Go deeper", else the third."""
    for index, phase in enumerate(plan.phases):
        if "deeper" in phase.name.lower():
            return index
    return min(2, len(plan.phases) - 1)


_MORE_SPECIFIC_THAN_CLOSED = frozenset({CueKind.WHY, CueKind.LEADING, CueKind.HYPOTHETICAL})
DEEPER_CLASS = 2  # Go deeper, as phase_class gives it to the models


def segment_cue_kinds(found: Collection[CueKind], in_deeper: bool) -> list[CueKind]:
    """Which of the kinds found in an interviewer's segment are cued (bench/cues.py measures
    the same): a yes/no question only during Go deeper (fine elsewhere, DESIGN.md §3), and not
    beside a more specific cue, which already says how to ask it (one rewrite per question)."""
    kept = []
    for kind in SEGMENT_KINDS:
        if kind not in found:
            continue
        if kind is CueKind.CLOSED and (not in_deeper or set(found) & _MORE_SPECIFIC_THAN_CLOSED):
            continue
        kept.append(kind)
    return kept


def phase_class(plan: InterviewPlan, index: int) -> int:
    """The plan's phase as the cue models know phases: 0 intro, 1 basics, 2 deeper, 3 wrap."""
    deeper = deeper_phase_index(plan)
    if index == deeper:
        return DEEPER_CLASS
    if index == 0:
        return 0
    if index >= len(plan.phases) - 1:
        return 3
    return 1 if index < deeper else 3


class Coach:
    def __init__(
        self,
        plan: InterviewPlan,
        settings: CoachSettings | None = None,
        model: CueModel | None = None,
    ) -> None:
        self.plan = plan
        self.settings = settings or CoachSettings()
        self.model = model or default_model()
        self._deeper = deeper_phase_index(plan)
        self._recent: deque[Segment] = deque()  # both speakers, the talk-share window
        self._last_participant = ""  # what the participant said last, the context of a question
        self._turn_texts: list[str] = []  # the interviewer's current turn, segment by segment
        self._turn_stacked = False
        self._turn_start = 0.0
        self._turn_end = 0.0
        self._run_start: float | None = None  # interviewer speech without a break
        self._run_end = 0.0
        self._run_cued = False
        self._self_talk_s = 0.0
        self._self_focus_cued = False
        self._deeper_since: float | None = None
        self._talk_share_cued_at: float | None = None
        self._overtime_phases: set[int] = set()
        self._past_plan = False
        self._near_limit = False

    # -- segments ------------------------------------------------------------------------------
    def on_segment(self, segment: Segment, state: CoachState) -> list[Cue]:
        if state.phase_index == self._deeper and self._deeper_since is None:
            self._deeper_since = max(0.0, state.t - state.phase_elapsed)
        self._remember(segment)
        if segment.speaker is Speaker.PARTICIPANT:
            cues = self._participant(segment, state) + self._talk_share(segment, state)
            return [c for c in cues if self.settings.is_enabled(c.kind)]
        cues = self._interviewer_text(segment, state)
        cues += self._interrupt(segment)
        cues += self._monologue(segment)
        cues += self._self_focus(segment, state)
        cues += self._talk_share(segment, state)
        return [c for c in cues if self.settings.is_enabled(c.kind)]

    def _cue(self, kind: CueKind, seg: Segment, text: str, suggestion: str = "") -> Cue:
        return Cue(kind, seg.start, seg.end, text, suggestion or SUGGESTIONS[kind], SEVERITY[kind])

    def _text_cue(self, score: KindScore, seg: Segment, suggestion: str = "") -> Cue:
        return Cue(score.kind, seg.start, seg.end, score.evidence,
                   suggestion or SUGGESTIONS[score.kind], SEVERITY[score.kind], score.confidence,
                   score.live)  # fmt: skip

    def _scores(self, turn: ParsedTurn, speaker: Speaker) -> dict[CueKind, KindScore]:
        offset = self.settings.live_strictness
        offsets = dict.fromkeys(CueKind, offset) if offset else None
        return {s.kind: s for s in self.model.score(turn, speaker, live_offset=offsets)}

    def _remember(self, segment: Segment) -> None:
        self._recent.append(segment)
        horizon = segment.end - self.settings.talk_share_window_s - 60.0
        while self._recent and self._recent[0].end < horizon:
            self._recent.popleft()

    def _participant(self, segment: Segment, state: CoachState) -> list[Cue]:
        self._turn_texts, self._turn_stacked = [], False
        if segment.duration > 0.5 or segment.text.strip():
            self._run_start = None  # the participant spoke: the interviewer's run is broken
        if segment.text.strip():
            self._last_participant = segment.text
        if not self.settings.is_enabled(CueKind.GENERALITY):
            return []
        turn = parse(segment.text, phase=phase_class(self.plan, state.phase_index))
        found = self._scores(turn, Speaker.PARTICIPANT).get(CueKind.GENERALITY)
        return [self._text_cue(found, segment)] if found else []

    def _interviewer_text(self, segment: Segment, state: CoachState) -> list[Cue]:
        phase = phase_class(self.plan, state.phase_index)
        turn = parse(segment.text, phase=phase, previous=self._last_participant)
        found = self._scores(turn, Speaker.INTERVIEWER)
        cues: list[Cue] = []
        for kind in segment_cue_kinds(found.keys(), state.phase_index == self._deeper):
            suggestion = rewrite_why(found[kind].evidence) if kind is CueKind.WHY else ""
            cues.append(self._text_cue(found[kind], segment, suggestion))
        # Stacked: judged on the whole turn so far (every segment since the participant last
        # spoke), so the same turn cues the same whether the transcriber split it or not.
        if segment.start - self._turn_end > self.settings.stacked_pause_s:
            self._turn_texts, self._turn_stacked = [], False  # they waited: a new turn
        self._turn_end = segment.end
        if not self._turn_texts:
            self._turn_start = segment.start
        self._turn_texts.append(segment.text.strip())
        if not self._turn_stacked:
            whole = (
                turn
                if len(self._turn_texts) == 1
                else parse(" ".join(self._turn_texts), phase=phase, previous=self._last_participant)
            )
            stacked = (found if whole is turn else self._scores(whole, Speaker.INTERVIEWER)).get(
                CueKind.STACKED
            )
            if stacked is not None:
                self._turn_stacked = True
                cue = self._text_cue(stacked, segment)
                cues.append(
                    Cue(cue.kind, self._turn_start, segment.end, whole.text, cue.suggestion,
                        cue.severity, cue.confidence, cue.live)  # fmt: skip
                )
        return cues

    def _interrupt(self, segment: Segment) -> list[Cue]:
        threshold = self.settings.interrupt_overlap_s
        for other in reversed(self._recent):
            if other.speaker is not Speaker.PARTICIPANT:
                continue
            if other.end < segment.start - 30.0:
                break
            # The participant was speaking first and kept on after the interviewer came in.
            overlap = min(other.end, segment.end) - segment.start
            if other.start < segment.start and overlap > threshold:
                return [self._cue(CueKind.INTERRUPT, segment, segment.text)]
        return []

    def _monologue(self, segment: Segment) -> list[Cue]:
        gap = self.settings.monologue_gap_s
        if self._run_start is None or segment.start - self._run_end > gap:
            self._run_start, self._run_cued = segment.start, False
        self._run_end = max(self._run_end if self._run_start is not None else 0.0, segment.end)
        if not self._run_cued and self._run_end - self._run_start >= self.settings.monologue_s:
            self._run_cued = True
            seconds = round(self._run_end - self._run_start)
            return [
                Cue(
                    CueKind.MONOLOGUE,
                    self._run_start,
                    self._run_end,
                    segment.text,
                    f"You have spoken for {seconds} s. {SUGGESTIONS[CueKind.MONOLOGUE]}",
                    SEVERITY[CueKind.MONOLOGUE],
                )
            ]
        return []

    def _self_focus(self, segment: Segment, state: CoachState) -> list[Cue]:
        if state.phase_index != 0 or self._self_focus_cued:
            return []
        if self_talk(parse(segment.text, phase=0)):
            self._self_talk_s += segment.duration
        if self._self_talk_s > self.settings.self_focus_s:
            self._self_focus_cued = True
            return [self._cue(CueKind.SELF_FOCUS, segment, segment.text)]
        return []

    def _talk_share(self, segment: Segment, state: CoachState) -> list[Cue]:
        if state.phase_index != self._deeper or self._deeper_since is None:
            return []
        window = self.settings.talk_share_window_s
        if self._talk_share_cued_at is not None and segment.end - self._talk_share_cued_at < window:
            return []
        since = max(self._deeper_since, segment.end - window)
        if segment.end - since < min(window, self.settings.talk_share_min_window_s):
            return []
        share = talk_share(self._recent, since, segment.end)
        if share is None or share[1] < self.settings.talk_share_min_speech_s:
            return []
        fraction = share[0]
        if fraction <= self.settings.talk_share_warn:
            return []
        self._talk_share_cued_at = segment.end
        severity = Severity.ALERT if fraction > self.settings.talk_share_alert else Severity.WARN
        return [
            Cue(
                CueKind.TALK_SHARE,
                since,
                segment.end,
                "",
                f"You did {fraction:.0%} of the talking in the last "
                f"{(segment.end - since) / 60:.0f} min. {SUGGESTIONS[CueKind.TALK_SHARE]}",
                severity,
            )
        ]

    # -- time ---------------------------------------------------------------------------------
    def on_tick(self, state: CoachState) -> list[Cue]:
        if not self.settings.is_enabled(CueKind.OVERTIME):
            return []
        cues: list[Cue] = []
        phases = self.plan.phases
        index = state.phase_index
        if 0 <= index < len(phases) and index not in self._overtime_phases:
            budget = phases[index].budget_s
            if state.phase_elapsed > budget:
                self._overtime_phases.add(index)
                last = index == len(phases) - 1
                advice = "Wrap up." if last else f"Move on to \u201c{phases[index + 1].name}\u201d."
                cues.append(
                    Cue(
                        CueKind.OVERTIME,
                        state.t,
                        state.t,
                        f"{phases[index].name} is over its {budget / 60:g} min budget",
                        advice,
                        Severity.INFO,
                    )
                )
        if not self._past_plan and state.active_elapsed > self.plan.plan_s:
            self._past_plan = True
            cues.append(
                Cue(
                    CueKind.OVERTIME,
                    state.t,
                    state.t,
                    f"The call is past the planned {self.plan.plan_s / 60:g} min",
                    "Start wrapping up.",
                    Severity.WARN,
                )
            )
        # Never before the plan is over: in a short call the warning window would otherwise
        # start at (or before) the first second.
        warn_at = max(self.plan.plan_s, self.plan.hard_limit_s - self.settings.hard_limit_warning_s)
        if not self._near_limit and state.active_elapsed >= warn_at:
            self._near_limit = True
            cues.append(
                Cue(
                    CueKind.OVERTIME,
                    state.t,
                    state.t,
                    f"The call nears the {self.plan.hard_limit_s / 60:g} min hard limit",
                    "Thank them and ask to follow up by email.",
                    Severity.ALERT,
                )
            )
        return cues


def talk_share(segments: object, since: float, until: float) -> tuple[float, float] | None:
    """(interviewer fraction of speech, seconds of speech) between `since` and `until`."""
    mine = total = 0.0
    for seg in segments:  # type: ignore[attr-defined]
        overlap = min(seg.end, until) - max(seg.start, since)
        if overlap <= 0:
            continue
        total += overlap
        if seg.speaker is Speaker.INTERVIEWER:
            mine += overlap
    if total <= 0:
        return None
    return mine / total, total
