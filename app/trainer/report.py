"""Coaching reports as HTML (Qt-free): per interview, or per interviewer over a date range.

Each has the scorecard (confident cues only) against the team median, the trend, the three
moments most worth discussing (what was said, the cue, the coach's suggestion, the comments)
and the checklist. The HTML keeps to what QTextDocument renders, so the PDF (app.ui.pdf) is
the same document; a browser shows it as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from app.coach.scorecard import WEIGHTS
from app.session.plan import InterviewPlan
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.people import PersonRepository
from app.trainer.facts import DateRange, InterviewFacts, load_facts
from app.trainer.moments import Moment, moments_to_discuss
from app.trainer.trends import (
    METRICS,
    Better,
    InterviewFigures,
    Series,
    Trends,
    compute_trends,
    figures,
)

AREA_TITLES = {"listening": "Listening", "questions": "Questions", "no_selling": "No selling",
               "timing": "Timing", "checklist": "Checklist"}  # fmt: skip
_SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
MOMENTS = 3
_CSS = """
body { font-family: 'DejaVu Sans', 'Helvetica', sans-serif; font-size: 10pt; color: #1f2328; }
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 12.5pt; margin-top: 16px; margin-bottom: 4px; color: #3a6ea5; }
.muted { color: #6a737d; }
.low { color: #9aa3ad; }
.bad { color: #c2453a; }
.good { color: #4c9a6a; }
.quote { font-style: italic; }
th { background-color: #f3f4f5; text-align: left; }
"""


class ReportError(ValueError):
    """Nothing to report on (no such interview or interviewer, or no interviews in range)."""


@dataclass(frozen=True)
class Report:
    title: str
    html: str


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "\u2013"
    text = f"{value:.0f}" if abs(value) >= 10 or float(value).is_integer() else f"{value:.1f}"
    if unit in ("%", "% of budget"):
        return f"{text} %"
    return f"{text} {unit}".strip()


def sparkline(values: Sequence[float]) -> str:
    """The values as block characters, lowest to highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    return "".join(_SPARKS[0 if span == 0 else round((v - low) / span * (len(_SPARKS) - 1))]
                   for v in values)  # fmt: skip


def _verdict(series: Series, last: float | None) -> str:
    """Whether the value shown is on track against the team median, the way the figure
    should go; nothing for a figure with no better direction."""
    if last is None or series.team_median is None:
        return ""
    better_way = METRICS[series.key.metric].better
    if better_way is Better.NEITHER:
        return ""
    if better_way is Better.NEAR_BUDGET:
        better = abs(last - 100) <= abs(series.team_median - 100)
    elif better_way is Better.LOWER:
        better = last <= series.team_median
    else:
        better = last >= series.team_median
    return '<span class="good">on track</span>' if better else \
        '<span class="bad">behind the team</span>'  # fmt: skip


def _page(title: str, subtitle: str, body: list[str]) -> str:
    return ("<html><head><meta charset='utf-8'><title>" + escape(title) + "</title><style>" + _CSS
            + "</style></head><body><h1>" + escape(title) + "</h1><p class='muted'>"
            + escape(subtitle) + "</p>" + "".join(body) + "</body></html>")  # fmt: skip


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f"<table border='1' cellspacing='0' cellpadding='4' width='100%' "
            f"style='border-color:#dfe2e5'><tr>{head}</tr>{body}</table>")  # fmt: skip


def _scorecard_rows(fig_score: float | None, areas: dict[str, float | None],
                    team_score: float | None, team_areas: dict[str, float | None],
                    label: str = "This interview") -> str:  # fmt: skip
    rows = [["<b>Score</b>", f"<b>{_num(fig_score)}</b>", _num(team_score)]]
    for area in WEIGHTS:
        mine, team = areas.get(area), team_areas.get(area)
        cls = "bad" if mine is not None and team is not None and mine < team - 10 else ""
        rows.append([AREA_TITLES[area], f"<span class='{cls}'>{_num(mine)}</span>", _num(team)])
    return _table(["", label, "Team median"], rows)


def _trend_table(trends: Trends, highlight: int | None = None) -> str:
    rows = []
    for series in trends.series:
        info = METRICS[series.key.metric]
        values = [p.value for p in series.points]
        this = next((p for p in series.points if p.interview_id == highlight), None)
        if highlight is not None:
            shown = this.value if this else None  # the interview has no such figure
        else:
            shown = values[-1] if values else None
        doubt = sum(p.low_confidence for p in series.points if highlight in (None, p.interview_id))
        low = f" <span class='low'>(+{doubt} low-confidence, not counted)</span>" if doubt else ""
        rows.append([
            escape(series.key.title) + low,
            _num(shown, info.unit),
            _num(series.own_median, info.unit),
            _num(series.team_median, info.unit),
            f"<span style='white-space:nowrap; font-size:7pt'>{sparkline(values)}</span>",
            _verdict(series, shown),
        ])  # fmt: skip
    first = "This interview" if highlight is not None else "Latest"
    return _table(
        ["Figure", first, "Their median", "Team median", "Oldest \u2192 newest", ""], rows
    )


QUOTE_CHARS = 320


def _shorten(text: str) -> str:
    """A long turn cut at a word, so a moment stays a moment."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text
    return text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " \u2026"


def _moments_html(moments: Sequence[tuple[str, Moment]]) -> str:
    if not moments:
        return "<p class='muted'>The coach raised no cues: nothing stood out to discuss.</p>"
    parts = ["<ol>"]
    for where, m in moments:
        doubt = "" if m.confident else " <span class='low'>(low confidence)</span>"
        parts.append(
            f"<li><p><b>{escape(m.kind.value.replace('_', ' ').capitalize())}</b> at "
            f"{_clock(m.start)}{escape(where)}{doubt}<br/>"
            + (
                f"<span class='quote'>\u201c{escape(_shorten(m.quote))}\u201d</span><br/>"
                if m.quote.strip()
                else ""
            )
            + f"Suggestion: {escape(m.suggestion)}</p>"
        )
        if m.comments:
            parts.append("<ul>")
            for c in m.comments:
                who = escape(c.author or "Someone")
                state = " (resolved)" if getattr(c, "resolved", False) else ""
                parts.append(f"<li><b>{who}</b> <span class='muted'>"
                             f"{c.created_at:%d %b %Y}{state}</span>: {escape(c.text)}</li>")  # fmt: skip
            parts.append("</ul>")
        parts.append("</li>")
    parts.append("</ol>")
    return "".join(parts)


def _checklist_done(facts: InterviewFacts) -> list[list[bool]]:
    stored = ((facts.scorecard or {}).get("metrics") or {}).get("checklist")
    return [list(map(bool, row)) for row in (stored or facts.checklist)]


def _checklist_interview(plan: InterviewPlan, ticks: list[list[bool]]) -> str:
    rows = []
    for p_index, phase in enumerate(plan.phases):
        for g_index, goal in enumerate(phase.goals):
            done = (
                p_index < len(ticks) and g_index < len(ticks[p_index]) and ticks[p_index][g_index]
            )
            mark = "<span class='good'>\u2713 done</span>" if done else \
                "<span class='bad'>\u2717 not seen</span>"  # fmt: skip
            rows.append([escape(phase.name), escape(goal), mark])
    return _table(["Phase", "Goal", ""], rows)


def _checklist_person(store: Store, shown: Sequence[InterviewFigures]) -> str:
    """Per goal of the plan, in how many of the interviews it was done."""
    if not shown:
        return ""
    repo = InterviewRepository(store)
    counts: dict[tuple[str, str], list[int]] = {}
    for fig in shown:
        plan = repo.load_plan(fig.id)
        ticks = _checklist_done(fig.facts)
        for p_index, phase in enumerate(plan.phases):
            for g_index, goal in enumerate(phase.goals):
                seen = counts.setdefault((phase.name, goal), [0, 0])
                seen[1] += 1
                if (
                    p_index < len(ticks)
                    and g_index < len(ticks[p_index])
                    and ticks[p_index][g_index]
                ):
                    seen[0] += 1
    rows = []
    for (phase, goal), (done, total) in counts.items():
        share = done / total if total else 0.0
        cls = "bad" if share < 0.5 else ("good" if share >= 0.8 else "")
        rows.append([escape(phase), escape(goal),
                     f"<span class='{cls}'>{done} of {total} ({share:.0%})</span>"])  # fmt: skip
    return _table(["Phase", "Goal", "Done in"], rows)


def _tips(facts: InterviewFacts) -> str:
    tips = (facts.scorecard or {}).get("tips") or []
    return "<ul>" + "".join(f"<li>{escape(str(t))}</li>" for t in tips) + "</ul>" if tips else ""


def interview_report(store: Store, interview_id: int, *,
                     facts: Sequence[InterviewFacts] | None = None) -> Report:  # fmt: skip
    """One interview: its scorecard against the team, where it sits in the interviewer's
    trend, three moments and the checklist."""
    interviews = InterviewRepository(store)
    if not interviews.exists(interview_id):
        raise ReportError(f"there is no interview {interview_id}")
    everyone = list(facts) if facts is not None else load_facts(store)
    mine = next((f for f in everyone if f.id == interview_id), None)
    if mine is None:  # no interviewer: compared with everyone, no personal trend
        mine = load_facts(store, interview_ids=[interview_id])[0]
    summary = interviews.get(interview_id)
    person = mine.interviewer_id
    trends = compute_trends(person, everyone) if person is not None else None
    fig = next((f for f in trends.interviews if f.id == interview_id), None) if trends else None
    fig = fig or figures(mine)
    team_areas = trends.team_areas_median if trends else {}
    title = f"Coaching report: {mine.title}"
    subtitle = (f"Interviewer {summary.interviewer_name or 'not recorded'} \u00b7 "
                f"{mine.date:%d %b %Y %H:%M} \u00b7 {_clock(mine.duration_s)} long \u00b7 "
                f"made {datetime.now():%d %b %Y}")  # fmt: skip
    body = ["<h2>Scorecard</h2>",
            _scorecard_rows(fig.score, dict(fig.areas), trends.team_score_median if trends else None,
                            team_areas),
            "<p class='muted'>Only cues the coach was confident about count; low-confidence "
            "cues are marked and left out.</p>", _tips(mine)]  # fmt: skip
    if trends is not None and trends.series:
        body += ["<h2>Trend</h2>",
                 f"<p class='muted'>This interview among {len(trends.interviews)} by "
                 f"{escape(summary.interviewer_name)}; team medians over {trends.team_size} "
                 "interviews.</p>", _trend_table(trends, interview_id)]  # fmt: skip
    moments = moments_to_discuss(store, interview_id, MOMENTS)
    body += ["<h2>Three moments worth discussing</h2>", _moments_html([("", m) for m in moments]),
             "<h2>Checklist</h2>",
             _checklist_interview(interviews.load_plan(interview_id), _checklist_done(mine))]  # fmt: skip
    return Report(title, _page(title, subtitle, body))


def _best_moments(store: Store, shown: Sequence[InterviewFigures]) -> list[tuple[str, Moment]]:
    """The three most worth discussing across the interviews: commented and confident first,
    then severity and confidence; one per interview and per kind while there is a choice."""
    candidates: list[tuple[InterviewFigures, Moment]] = []
    for fig in shown:
        candidates += [(fig, m) for m in moments_to_discuss(store, fig.id, MOMENTS)]

    def rank(item: tuple[InterviewFigures, Moment]) -> tuple[int, int, int, float, float]:
        fig, m = item
        return (int(bool(m.comments)), int(m.confident), m.severity.rank, m.confidence,
                fig.facts.date.timestamp())  # fmt: skip

    chosen: list[tuple[InterviewFigures, Moment]] = []
    ordered = sorted(candidates, key=rank, reverse=True)
    for distinct in (True, False):
        for fig, m in ordered:
            if len(chosen) == MOMENTS:
                break
            if any(m is c for _, c in chosen):
                continue
            if distinct and any(f.id == fig.id or c.kind is m.kind for f, c in chosen):
                continue
            chosen.append((fig, m))
    chosen.sort(key=lambda item: (item[0].facts.date, item[1].start))
    return [(f" in \u201c{fig.facts.title}\u201d ({fig.facts.date:%d %b})", m) for fig, m in chosen]


def person_report(store: Store, person_id: int, dates: DateRange | None = None, *,
                  facts: Sequence[InterviewFacts] | None = None) -> Report:  # fmt: skip
    """One interviewer over a date range: median scorecard against the team, every trend,
    the interviews, three moments across them and how often each checklist goal was done."""
    try:
        person = PersonRepository(store).get(person_id)
    except KeyError:
        raise ReportError(f"there is no interviewer {person_id}") from None
    dates = dates or DateRange()
    everyone = [f for f in (facts if facts is not None else load_facts(store, dates))
                if dates.contains(f.date)]  # fmt: skip
    trends = compute_trends(person_id, everyone)
    shown = trends.interviews
    if not shown:
        raise ReportError(f"{person.name} led no interviews {_range_text(dates)}")
    from statistics import median

    scores = [f.score for f in shown if f.score is not None]
    areas = {a: (float(median(v)) if (v := [f.areas[a] for f in shown if a in f.areas]) else None)
             for a in WEIGHTS}  # fmt: skip
    title = f"Coaching report: {person.name}"
    team = f" \u00b7 team {person.team}" if person.team else ""
    subtitle = (f"{len(shown)} interview{'s' * (len(shown) != 1)} {_range_text(dates)}{team} "
                f"\u00b7 made {datetime.now():%d %b %Y}")  # fmt: skip
    rows = [[f"{f.facts.date:%d %b %Y}", escape(f.facts.title), _num(f.score),
             *(_num(f.areas.get(a)) for a in WEIGHTS),
             (f"<span class='low'>{n} not counted</span>"
              if (n := sum(f.low_confidence.values())) else "")]
            for f in shown]  # fmt: skip
    body = ["<h2>Scorecard (their median)</h2>",
            _scorecard_rows(float(median(scores)) if scores else None, areas,
                            trends.team_score_median, trends.team_areas_median, "Their median"),
            "<p class='muted'>Only cues the coach was confident about count; low-confidence "
            "cues are marked and left out.</p>",
            "<h2>Trend</h2>",
            f"<p class='muted'>Team medians over {trends.team_size} interviews.</p>",
            _trend_table(trends),
            "<h2>Three moments worth discussing</h2>", _moments_html(_best_moments(store, shown)),
            "<h2>Interviews</h2>",
            _table(["Date", "Interview", "Score", *(AREA_TITLES[a] for a in WEIGHTS),
                    "Low-confidence cues"], rows),
            "<h2>Checklist</h2>", _checklist_person(store, shown)]  # fmt: skip
    return Report(title, _page(title, subtitle, body))


def _range_text(dates: DateRange) -> str:
    if dates.since and dates.until:
        return f"from {dates.since:%d %b %Y} to {dates.until:%d %b %Y}"
    if dates.since:
        return f"since {dates.since:%d %b %Y}"
    if dates.until:
        return f"until {dates.until:%d %b %Y}"
    return "on record"
