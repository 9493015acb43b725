"""The trainer's figures as rows: the view's table and the CSV export share them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.coach.scorecard import WEIGHTS
from app.trainer.trends import METRICS, Trends

TEAM_MEDIAN_LABEL = "team median"


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def header(trends: Trends) -> list[str]:
    cols = ["interview_id", "date", "title", "score", *WEIGHTS]
    for series in trends.series:
        cols.append(series.key.column)
        if METRICS[series.key.metric].cue_kind is not None:
            cols.append(f"{series.key.metric.value} low-confidence (not counted)")
    return cols


def rows(trends: Trends) -> list[list[str]]:
    """One row per interview, oldest first, then the team medians."""
    out = []
    for fig in trends.interviews:
        row = [str(fig.id), fig.facts.date.strftime("%Y-%m-%d %H:%M"), fig.facts.title,
               _fmt(fig.score), *(_fmt(fig.areas.get(a)) for a in WEIGHTS)]  # fmt: skip
        for series in trends.series:
            row.append(_fmt(fig.values.get(series.key)))
            if METRICS[series.key.metric].cue_kind is not None:
                row.append(str(fig.low_confidence.get(series.key, 0)))
        out.append(row)
    medians = ["", "", f"{TEAM_MEDIAN_LABEL} ({trends.team_size} interviews)",
               _fmt(trends.team_score_median),
               *(_fmt(trends.team_areas_median.get(a)) for a in WEIGHTS)]  # fmt: skip
    for series in trends.series:
        medians.append(_fmt(series.team_median))
        if METRICS[series.key.metric].cue_kind is not None:
            medians.append("")
    out.append(medians)
    return out


def to_csv(trends: Trends) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header(trends))
    writer.writerows(rows(trends))
    return buffer.getvalue()


def write_csv(trends: Trends, path: Path) -> Path:
    """Written next to the target and moved into place, so a failure leaves no half file."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    partial.write_text(to_csv(trends), encoding="utf-8")
    partial.replace(path)
    return path
