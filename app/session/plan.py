"""The interview plan: who, what focus, which questions, and the four phases of the guide."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

MINUTE = 60.0


class PlanError(ValueError):
    """A plan value out of range; the message is meant for the user."""


@dataclass(frozen=True)
class PhaseSpec:
    name: str
    budget_s: float
    goals: tuple[str, ...]
    budget_label: str = ""  # how the budget is shown, e.g. "under 5 min"

    def label(self) -> str:
        return self.budget_label or f"{self.budget_s / MINUTE:g} min"


DEFAULT_PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec(
        "Introductions",
        5 * MINUTE,
        (
            "Show gratitude",
            "Frame the conversation (who you are, the focus, how long)",
            "Ask permission to record",
            "Make them comfortable",
            "Talk about yourself as little as possible",
        ),
        budget_label="under 5 min",
    ),
    PhaseSpec(
        "Cover the basics",
        5 * MINUTE,
        (
            "Get them talking",
            "Easy and yes/no questions are fine here",
            "Don't recap the obvious",
            "Notice anyone with an agenda",
        ),
    ),
    PhaseSpec(
        "Go deeper",
        15 * MINUTE,
        (
            "Keep them talking",
            "Bring it back to the focus (\u201cYou mentioned\u2026\u201d)",
            "Push past simple answers (\u201cTell me more about\u2026\u201d)",
        ),
    ),
    PhaseSpec(
        "Wrap it up",
        5 * MINUTE,
        (
            "Show gratitude",
            "Restate one thing you learned",
            "The gift is on the way",
            "Ask permission to follow up by email",
            "Thank them again",
        ),
    ),
)

# Templates from the guide's "about right" focuses.
FOCUS_TEMPLATES: tuple[str, ...] = (
    "What is the biggest roadblock our new customers hit?",
    "Is there a major pain point we are not addressing?",
    "How do new customers get through their first week with us?",
    "What made you start looking for a tool like ours?",
)

MIN_CORE_QUESTIONS = 5
MAX_CORE_QUESTIONS = 7
MAX_PHASE_BUDGET_S = 3 * 60 * MINUTE
MAX_HARD_LIMIT_S = 3 * 60 * MINUTE
MIN_PLAN_MINUTES = 5.0
DEFAULT_PLAN_MINUTES = 30.0
# The guide's hard limit is half as long again as the plan (45 min for 30).
HARD_LIMIT_RATIO = 1.5


@dataclass(frozen=True)
class Participant:
    name: str = ""
    company: str = ""
    role: str = ""


@dataclass(frozen=True)
class InterviewPlan:
    participant: Participant = field(default_factory=Participant)
    focus: str = ""
    core_questions: tuple[str, ...] = ()
    gift: str = "$50 gift card"
    phases: tuple[PhaseSpec, ...] = DEFAULT_PHASES
    plan_s: float = 30 * MINUTE
    hard_limit_s: float = 45 * MINUTE

    def validate(self, *, strict_questions: bool = False) -> InterviewPlan:
        """Raises PlanError with a message for the user; returns self so calls chain.

        The 5-7 core questions rule is only enforced when asked (the dialog warns; a quick
        session may start with none).
        """
        if not self.phases:
            raise PlanError("The plan needs at least one phase.")
        for phase in self.phases:
            if not phase.name.strip():
                raise PlanError("Every phase needs a name.")
            if not (0 < phase.budget_s <= MAX_PHASE_BUDGET_S):
                raise PlanError(
                    f"The budget of \u201c{phase.name}\u201d must be between 1 second and "
                    f"{MAX_PHASE_BUDGET_S / MINUTE:g} minutes."
                )
        if not (0 < self.plan_s <= MAX_HARD_LIMIT_S):
            raise PlanError("The planned length must be between 1 and 180 minutes.")
        if not (self.plan_s <= self.hard_limit_s <= MAX_HARD_LIMIT_S):
            raise PlanError(
                "The hard limit must be at least the planned length and at most 180 minutes."
            )
        if len(self.participant.name) > 200 or len(self.focus) > 500:
            raise PlanError("The participant name or the focus is too long.")
        questions = [q for q in self.core_questions if q.strip()]
        if strict_questions and not (MIN_CORE_QUESTIONS <= len(questions) <= MAX_CORE_QUESTIONS):
            raise PlanError(
                f"Plan {MIN_CORE_QUESTIONS}\u2013{MAX_CORE_QUESTIONS} core questions "
                f"(you have {len(questions)})."
            )
        return self

    def scaled_to(self, minutes: float) -> InterviewPlan:
        """The same plan for a call of `minutes`: a 60-minute research interview is not over
        its plan at minute 31. Longer plans keep the introductions and the wrap-up as they are
        (the guide wants both short whatever the length) and give the extra time to the middle
        phases in their proportions; shorter plans shrink every phase alike."""
        if not (MIN_PLAN_MINUTES <= minutes <= MAX_HARD_LIMIT_S / MINUTE / HARD_LIMIT_RATIO):
            raise PlanError(
                f"The planned length must be between {MIN_PLAN_MINUTES:g} and "
                f"{MAX_HARD_LIMIT_S / MINUTE / HARD_LIMIT_RATIO:g} minutes."
            )
        plan_s = minutes * MINUTE
        total = sum(p.budget_s for p in self.phases)
        edges = {0, len(self.phases) - 1} if len(self.phases) > 2 else set()
        fixed = sum(self.phases[i].budget_s for i in edges)
        if plan_s >= total and total > fixed:
            middle = (plan_s - fixed) / (total - fixed)
            factors = [1.0 if i in edges else middle for i in range(len(self.phases))]
        else:
            factors = [plan_s / total] * len(self.phases)
        phases = tuple(
            replace(p, budget_s=p.budget_s * f, budget_label=p.budget_label if f == 1.0 else "")
            for p, f in zip(self.phases, factors, strict=True)
        )
        return replace(
            self, phases=phases, plan_s=plan_s, hard_limit_s=plan_s * HARD_LIMIT_RATIO
        ).validate()

    def with_phase_budget(self, index: int, budget_s: float) -> InterviewPlan:
        phases = list(self.phases)
        phases[index] = replace(phases[index], budget_s=budget_s)
        return replace(self, phases=tuple(phases)).validate()
