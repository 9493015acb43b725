"""A scorecard for people: a 0-100 score, sub-scores per area, two or three plain tips."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from app.coach.metrics import Metrics

# Area weights: listening and questions matter most (the method: let them talk, ask well).
WEIGHTS = {"listening": 0.3, "questions": 0.3, "no_selling": 0.15, "timing": 0.15, "checklist": 0.1}


@dataclass
class Scorecard:
    score: int
    areas: dict[str, int]
    tips: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stored_scorecard(metrics: Metrics, scorecard: Scorecard) -> dict[str, Any]:
    """The one shape saved with an interview (live or imported) and read by the library: the
    scorecard, its headline figures, and the full metrics for review and trends."""
    return {
        **scorecard.to_dict(),
        "talk_share": metrics.talk_share.get("interviewer", 0.0),
        "cue_count": sum(metrics.cue_counts.values()),
        "metrics": metrics.to_dict(),
    }


def _clamp(value: float) -> int:
    return int(round(max(0.0, min(100.0, value))))


def build_scorecard(metrics: Metrics) -> Scorecard:
    share = metrics.talk_share.get("interviewer", 0.0)
    # Full marks up to 30 % of the talking, nothing at 70 % and above.
    listening = 100.0 if share <= 0.30 else 100.0 - (share - 0.30) / 0.40 * 100.0
    listening -= max(0.0, metrics.longest_monologue_s - 45.0) / 2.0
    q = metrics.questions
    asked = max(1, metrics.questions_total)
    weak = q["why"] + q["leading"] + q["hypothetical"] + 0.5 * q["closed"]
    questions = 100.0 - 100.0 * weak / asked - 5.0 * q["stacked"]
    if metrics.questions_total == 0:
        questions = 0.0
    no_selling = 100.0 - 35.0 * metrics.sell_moments
    overrun = sum(p["overrun_s"] for p in metrics.phase_timings)
    timing = 100.0 - overrun / 60.0 * 4.0 - (30.0 if metrics.past_hard_limit else 0.0)
    checklist = metrics.checklist_completion * 100.0
    areas = {
        "listening": _clamp(listening),
        "questions": _clamp(questions),
        "no_selling": _clamp(no_selling),
        "timing": _clamp(timing),
        "checklist": _clamp(checklist),
    }
    score = _clamp(sum(areas[k] * w for k, w in WEIGHTS.items()))
    return Scorecard(score, areas, _tips(metrics, areas, share))


def _tips(metrics: Metrics, areas: dict[str, int], share: float) -> list[str]:
    q = metrics.questions
    candidates: list[tuple[int, str]] = []
    if share > 0.30:
        candidates.append(
            (
                areas["listening"],
                f"You did {share:.0%} of the talking; aim for "
                "under 30 % and let silences run a few seconds.",
            )
        )
    if metrics.longest_monologue_s > 45:
        candidates.append(
            (
                areas["listening"] + 5,
                f"Your longest stretch was "
                f"{metrics.longest_monologue_s:.0f} s; stop and ask sooner.",
            )
        )
    if metrics.sell_moments:
        candidates.append(
            (
                areas["no_selling"],
                f"You pitched {metrics.sell_moments} time(s). "
                "This is not a sales call: listen, and note the feature idea for later.",
            )
        )
    if q["why"]:
        candidates.append(
            (
                areas["questions"],
                f"{q['why']} why-question(s): try \u201cTell me "
                "more about\u2026\u201d, which invites a story, not a justification.",
            )
        )
    if q["hypothetical"]:
        candidates.append(
            (
                areas["questions"] + 1,
                "Ask about the past (\u201cTell me about the "
                "last time\u2026\u201d) rather than what they would do.",
            )
        )
    if q["leading"]:
        candidates.append(
            (areas["questions"] + 2, "Ask neutrally; keep your opinion out of the question.")
        )
    if q["stacked"]:
        candidates.append((areas["questions"] + 3, "Ask one question at a time, then wait."))
    if areas["timing"] < 80:
        candidates.append(
            (
                areas["timing"],
                "Watch the clock: move on when a phase runs over, "
                "and ask to follow up by email rather than run long.",
            )
        )
    if areas["checklist"] < 60:
        candidates.append(
            (
                areas["checklist"] + 10,
                "Cover the basics of the guide: thank them, "
                "ask to record, restate what you learned, ask to follow up.",
            )
        )
    candidates.sort(key=lambda item: item[0])
    tips = [text for _, text in candidates[:3]]
    if not tips:
        tips = ["A well-run conversation: keep letting them talk."]
    return tips
