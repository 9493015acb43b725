"""Insight cards as CSV (for a spreadsheet or a synthesis board) and as Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from app.export.document import ExportDocument
from app.export.timefmt import clock
from app.store.cards import CardWithInterview, tag_label

CSV_COLUMNS = ("interview_id", "participant", "company", "time", "start_s", "end_s", "speaker",
               "tag", "tag_label", "quote", "note", "author")  # fmt: skip


def cards_of(doc: ExportDocument) -> list[CardWithInterview]:
    iv = doc.interview
    return [CardWithInterview(c, iv.participant_name, iv.participant_company, iv.title)
            for c in doc.cards]  # fmt: skip


def _safe_cell(value: str) -> str:
    # A quote starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def cards_to_csv(cards: Iterable[CardWithInterview]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in cards:
        c = item.card
        writer.writerow([
            c.interview_id, _safe_cell(item.participant_name), _safe_cell(item.participant_company),
            clock(c.start), f"{c.start:.2f}", f"{c.end:.2f}", _safe_cell(c.speaker_name), c.tag,
            tag_label(c.tag), _safe_cell(c.quote), _safe_cell(c.note), _safe_cell(c.author),
        ])  # fmt: skip
    return buffer.getvalue()


def cards_to_markdown(cards: Iterable[CardWithInterview], title: str = "Insight cards") -> str:
    """Grouped by tag, so patterns across interviews stand out."""
    by_tag: dict[str, list[CardWithInterview]] = {}
    for item in cards:
        by_tag.setdefault(item.card.tag, []).append(item)
    out = [f"# {title}", ""]
    if not by_tag:
        out += ["_No cards yet._", ""]
    for tag, items in by_tag.items():
        out += [f"## {tag_label(tag)} ({len(items)})", ""]
        for item in items:
            c = item.card
            who = c.speaker_name or item.participant_name or "Participant"
            where = f"{who}, {item.participant_company}" if item.participant_company else who
            out.append(f"- \u201c{c.quote}\u201d \u2014 {where}, `{clock(c.start)}`")
            if c.note:
                out.append(f"  - {c.note}")
            if c.author:
                out.append(f"  - card by {c.author}")
        out.append("")
    return "\n".join(out)


CARD_FORMATS = {"csv": (".csv", "CSV spreadsheet"), "md": (".md", "Markdown")}


def export_cards(cards: Iterable[CardWithInterview], fmt: str) -> str:
    if fmt == "csv":
        return cards_to_csv(cards)
    if fmt == "md":
        return cards_to_markdown(cards)
    raise ValueError(f"unknown card format {fmt!r}")
