"""Coaching reports: the figures of the interview asked for, three moments with their quote,
cue, suggestion and comments (doubtful cues marked), the checklist, and date ranges."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app.coach.cues import CueKind
from app.store.comments import CommentRepository
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.people import PersonRepository
from app.trainer.facts import DateRange, load_facts
from app.trainer.moments import moments_to_discuss
from app.trainer.report import ReportError, interview_report, person_report, sparkline
from app.trainer.trends import Metric, SeriesKey, compute_trends
from tests.trainer.synthetic import fill


def _row(html: str, title: str) -> list[str]:
    """The cells of the table row whose first cell starts with `title`."""
    for row in re.findall(r"<tr>(.*?)</tr>", html):
        cells = re.findall(r"<td>(.*?)</td>", row)
        if cells and cells[0].startswith(title):
            return cells
    raise AssertionError(f"no row {title}")


def test_an_interview_report_shows_that_interviews_figures(store: Store) -> None:
    made = fill(store, ["Ana", "Ben"], 4)
    first = made[0].interview_id  # Ana's oldest: not the latest point of her trend
    html = interview_report(store, first).html
    facts = load_facts(store)
    trends = compute_trends(facts[0].interviewer_id or 0, facts)
    talk = {s.key: s for s in trends.series}[SeriesKey(Metric.TALK_SHARE)]
    mine = next(p.value for p in talk.points if p.interview_id == first)
    assert _row(html, "Talk share")[1] == f"{mine:.0f} %"
    assert "Three moments worth discussing" in html and "Checklist" in html
    assert html.count("<li><p><b>") == 3


def test_moments_carry_quote_suggestion_comments_and_doubt(store: Store) -> None:
    made = fill(store, ["Ana"], 1)
    iid = made[0].interview_id
    cues = CueRepository(store)
    doubtful = cues.add(iid, kind=CueKind.SELLING.value, start=5000.0, end=5004.0,
                        text="Our tool does that", suggestion="Listen.", severity="alert",
                        confidence=0.4, live=False)  # fmt: skip
    CommentRepository(store).add(iid, t=5001.0, text="Why pitch here?", author="Rosa")
    moments = moments_to_discuss(store, iid, 3)
    first = next(m for m in moments if m.cue_id == doubtful)  # commented: it comes first
    assert not first.confident and first.comments[0].text == "Why pitch here?"
    html = interview_report(store, iid).html
    assert "(low confidence)" in html and "Rosa" in html and "Why pitch here?" in html
    assert "Suggestion: Listen." in html


def test_a_person_report_covers_the_dates_asked(store: Store) -> None:
    fill(store, ["Ana", "Ben"], 5)
    ana = PersonRepository(store).find("Ana")
    assert ana is not None
    dates = sorted(f.date for f in load_facts(store) if f.interviewer_id == ana.id)
    since = dates[2] - timedelta(minutes=1)
    html = person_report(store, ana.id, DateRange(since=since)).html
    assert "3 interviews since" in html
    assert len(re.findall(r"<td>\d\d \w{3} \d{4}</td>", html)) == 3  # the interviews table
    with pytest.raises(ReportError, match="led no interviews"):
        person_report(store, ana.id, DateRange(since=dates[-1] + timedelta(days=1)))
    with pytest.raises(ReportError, match="no interviewer"):
        person_report(store, 999)
    with pytest.raises(ReportError, match="no interview 999"):
        interview_report(store, 999)


def test_sparkline_runs_from_lowest_to_highest() -> None:
    assert sparkline([0, 5, 10]) == "\u2581\u2585\u2588"
    assert sparkline([3, 3]) == "\u2581\u2581" and sparkline([]) == ""
