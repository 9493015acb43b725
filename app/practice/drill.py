"""Spot-the-cue: where the trainee would have flagged a cue, scored against the coach's cues.

The coach's cues become moments to spot (cues at the same moment, e.g. a stacked question
that ends in "Why?", are one moment). A press inside a moment's window is a hit; each press
counts for at most one moment and each moment is hit at most once. Moments the coach was
unsure of (not confident enough to show live) are optional: spotting one is a hit, missing it
is not a miss. What is left over: misses (confident moments not spotted) and false alarms
(presses where the coach saw nothing).

The window of a moment runs from a little before it starts (the trainee can hear a "why"
coming) to a few seconds after it ends (the coach cues a line when it is complete, so a
flag then is in time). Cues that span minutes (talk share, a monologue) are spotted in the
last MAX_SPAN_S of their span, when they become true.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

EARLY_S = 1.5  # a flag this long before the moment starts still counts
LATE_S = 6.0  # ...and this long after it ends
MAX_SPAN_S = 20.0
SAME_MOMENT_S = 1.0  # cues starting this close together are one moment


class DrillKind(StrEnum):
    SPOT = "spot_the_cue"
    REASK = "re_ask"


class Outcome(StrEnum):
    HIT = "hit"
    MISS = "miss"
    FALSE_ALARM = "false_alarm"
    UNSURE_SKIPPED = "unsure_skipped"  # an optional moment not spotted: neither hit nor miss


@dataclass(frozen=True)
class CueMoment:
    """One moment to spot: one or more cues at (nearly) the same time."""

    start: float
    end: float
    kinds: tuple[str, ...]
    text: str
    confident: bool  # at least one of its cues was confident enough to show live
    cue_ids: tuple[int, ...] = ()

    @property
    def window(self) -> tuple[float, float]:
        return max(self.start, self.end - MAX_SPAN_S) - EARLY_S, self.end + LATE_S


@dataclass(frozen=True)
class ReviewItem:
    """A line of the list shown after the drill, in order of time."""

    t: float
    outcome: Outcome
    kinds: tuple[str, ...] = ()
    text: str = ""
    # Hits: the flag's time against the coach's (which cues a line once it is said): negative
    # is earlier than the coach, positive later.
    delay_s: float | None = None


@dataclass(frozen=True)
class DrillScore:
    hits: int
    misses: int
    false_alarms: int
    unsure_skipped: int
    delays_s: tuple[float, ...]  # one per hit, in order of time: the flag minus the coach's time
    items: tuple[ReviewItem, ...] = field(default=())

    @property
    def precision(self) -> float:
        flagged = self.hits + self.false_alarms
        return self.hits / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        wanted = self.hits + self.misses
        return self.hits / wanted if wanted else 0.0

    @property
    def score(self) -> int:
        """0..100: the F1 of spotting; 100 only with every moment and no false alarm."""
        p, r = self.precision, self.recall
        return round(100 * 2 * p * r / (p + r)) if p + r else 0

    @property
    def mean_delay_s(self) -> float | None:
        return sum(self.delays_s) / len(self.delays_s) if self.delays_s else None

    @property
    def to_review(self) -> tuple[ReviewItem, ...]:
        """Misses and false alarms: the moments worth listening to again."""
        return tuple(i for i in self.items if i.outcome in (Outcome.MISS, Outcome.FALSE_ALARM))

    def to_dict(self) -> dict[str, Any]:
        mean = self.mean_delay_s
        return {
            "score": self.score,
            "hits": self.hits,
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "unsure_skipped": self.unsure_skipped,
            "mean_delay_s": round(mean, 2) if mean is not None else None,
            "items": [
                {"t": round(i.t, 2), "outcome": i.outcome.value, "kinds": list(i.kinds),
                 "text": i.text,
                 "delay_s": round(i.delay_s, 2) if i.delay_s is not None else None}
                for i in self.items
            ],
        }  # fmt: skip


def moments_from_cues(cues: Iterable[Any]) -> list[CueMoment]:
    """Groups cues (anything with kind, start, end, text, live and optionally id) into moments."""
    ordered = sorted(cues, key=lambda c: (c.start, c.end))
    moments: list[CueMoment] = []
    for cue in ordered:
        kind = str(getattr(cue.kind, "value", cue.kind))
        cue_id = getattr(cue, "id", None)
        ids = (cue_id,) if isinstance(cue_id, int) else ()
        last = moments[-1] if moments else None
        if last is not None and cue.start - last.start <= SAME_MOMENT_S:
            moments[-1] = CueMoment(last.start, max(last.end, cue.end),
                                    last.kinds + ((kind,) if kind not in last.kinds else ()),
                                    last.text or cue.text, last.confident or bool(cue.live),
                                    last.cue_ids + ids)  # fmt: skip
        else:
            moments.append(CueMoment(cue.start, cue.end, (kind,), cue.text, bool(cue.live), ids))
    return moments


def score_presses(moments: Sequence[CueMoment], presses: Iterable[float],
                  until: float | None = None) -> DrillScore:  # fmt: skip
    """Scores the trainee's presses (session times). `until`: how far the drill got; moments
    whose window had not opened by then are left out (a drill stopped half-way is scored on
    the half it covered)."""
    if until is not None:
        moments = [m for m in moments if m.window[0] <= until]
    taken: set[int] = set()
    hit_delay: dict[int, float] = {}
    false_alarms: list[float] = []
    # Each press takes, among the open moments it falls in, the one that closes first: this
    # greedy choice gives the most hits (interval scheduling).
    for press in sorted(presses):
        open_ = [i for i, m in enumerate(moments)
                 if i not in taken and m.window[0] <= press <= m.window[1]]  # fmt: skip
        if not open_:
            false_alarms.append(press)
            continue
        best = min(open_, key=lambda i: (moments[i].window[1], moments[i].start))
        taken.add(best)
        hit_delay[best] = press - moments[best].end
    items: list[ReviewItem] = []
    misses = skipped = 0
    for i, m in enumerate(moments):
        if i in taken:
            items.append(ReviewItem(m.start, Outcome.HIT, m.kinds, m.text, hit_delay[i]))
        elif m.confident:
            misses += 1
            items.append(ReviewItem(m.start, Outcome.MISS, m.kinds, m.text))
        else:
            skipped += 1
            items.append(ReviewItem(m.start, Outcome.UNSURE_SKIPPED, m.kinds, m.text))
    items += [ReviewItem(t, Outcome.FALSE_ALARM) for t in false_alarms]
    items.sort(key=lambda i: (i.t, i.outcome.value))
    delays = tuple(hit_delay[i] for i in sorted(hit_delay, key=lambda i: moments[i].start))
    return DrillScore(len(taken), misses, len(false_alarms), skipped, delays, tuple(items))
