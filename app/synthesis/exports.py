"""The study on paper: the board as Markdown or CSV, and a one-page study summary."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from app.export.timefmt import clock
from app.store.hypotheses import StoredHypothesis, StoredMark
from app.store.studies import Scale, StoredStudy
from app.synthesis.arrange import SCALE_ENDS, SCALE_TITLES
from app.synthesis.board import Board, BoardCard, BoardPile
from app.synthesis.hypotheses import VERDICT_LABELS, matrix


def _md(text: str) -> str:
    """Text safe inside a Markdown line or table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _card_line(card: BoardCard) -> str:
    return (f"- \u201c{_md(card.quote)}\u201d \u2014 {_md(card.participant)}, "
            f"{_md(card.interview_title)}, {clock(card.start)} ({card.tag_label})")  # fmt: skip


def _pile_title(pile: BoardPile) -> str:
    return _md(pile.name) or f"Pile {pile.id}"


def _sorted(board: Board) -> list[BoardPile]:
    return sorted(board.piles, key=lambda p: (-p.participants, -len(p.cards), p.id))


def board_markdown(study: StoredStudy, board: Board) -> str:
    out = [f"# {_md(study.name)}", ""]
    if study.focus:
        out += [f"Focus: {_md(study.focus)}", ""]
    out += [f"{len(board.piles)} piles, {len(board.cards)} cards, "
            f"{len(study.interview_ids)} interviews.", ""]  # fmt: skip
    for pile in _sorted(board):
        out += [f"## {_pile_title(pile)} ({pile.participants} participants, "
                f"{len(pile.cards)} cards)", ""]  # fmt: skip
        out += [_card_line(c) for c in pile.cards]
        out.append("")
    if board.loose:
        out += ["## Lonely cards", ""] + [_card_line(c) for c in board.loose] + [""]
    return "\n".join(out)


CSV_COLUMNS = ("pile", "participant", "interview", "start", "end", "tag", "quote", "charge",
               "strength", "weight")  # fmt: skip


def board_csv(board: Board) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows: list[tuple[str, BoardCard, dict[Scale, float] | None]] = []
    for pile in _sorted(board):
        places = {s: pile.placement(s).value for s in Scale}
        rows += [(_pile_title(pile), c, places) for c in pile.cards]
    rows += [("", c, None) for c in board.loose]
    for pile_name, card, places in rows:
        scores = [f"{places[s]:+.2f}" if places else "" for s in Scale]
        writer.writerow([pile_name, card.participant, card.interview_title, clock(card.start),
                         clock(card.end), card.tag, _csv_safe(card.quote), *scores])  # fmt: skip
    return buffer.getvalue()


def _csv_safe(text: str) -> str:
    """A quote starting with = + - @ would run as a formula in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def study_summary(study: StoredStudy, board: Board, hypotheses: Sequence[StoredHypothesis],
                  marks: dict[tuple[int, int], StoredMark],
                  interview_names: dict[int, str]) -> str:  # fmt: skip
    out = [f"# Study summary: {_md(study.name)}", ""]
    out += [f"Focus: {_md(study.focus) or '(none set)'}", "",
            f"{len(study.interview_ids)} interviews, {len(board.cards)} cards, "
            f"{len(board.piles)} piles.", ""]  # fmt: skip
    out += ["## Hypotheses", ""]
    if hypotheses:
        names = [_md(interview_names.get(i, str(i))) for i in study.interview_ids]
        out.append("| Hypothesis | " + " | ".join(names) + " |")
        out.append("|---" * (len(names) + 1) + "|")
        for row in matrix(hypotheses, study.interview_ids, marks):
            cells = [VERDICT_LABELS[c] if c else "?" for c in row.cells]
            out.append(f"| {_md(row.hypothesis.text)} | " + " | ".join(cells) + " |")
        out.append("")
        for h in hypotheses:
            quoted = [(i, q) for (hid, i), m in marks.items() if hid == h.id for q in m.quotes]
            if quoted:
                out += [f"**{_md(h.text)}**", ""]
                out += [f"- {_md(interview_names.get(i, str(i)))}, {clock(q.start)}: "
                        f"\u201c{_md(q.text)}\u201d" for i, q in quoted]  # fmt: skip
                out.append("")
    else:
        out += ["(no hypotheses yet)", ""]
    for scale in Scale:
        ends = board.ends(scale)
        left_name, _, right_name = SCALE_ENDS[scale]
        out += [f"## {SCALE_TITLES[scale]}: the biggest piles at both ends", ""]
        for label, pile_id in ((left_name, ends.left), (right_name, ends.right)):
            if pile_id is None:
                out += [f"- {label}: no pile at this end", ""]
                continue
            pile = board.pile(pile_id)
            placement = pile.placement(scale)
            out += [f"### {label}: {_pile_title(pile)} ({pile.participants} participants)", "",
                    f"Place {placement.value:+.2f} \u2014 {_md(placement.why)}", ""]  # fmt: skip
            out += [_card_line(f.cards[0]) for f in pile.folds]
            out.append("")
    return "\n".join(out)
