"""Full-text search hits: the matching words in context; a click opens the review there."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.export.timefmt import clock
from app.store.transcript import SearchHit
from app.ui import style


def snippet_html(snippet: str) -> str:
    """The store marks matches as [word]; show them bold and tinted, everything else escaped."""
    out: list[str] = []
    rest = snippet
    while "[" in rest and "]" in rest[rest.index("[") :]:
        before, _, after = rest.partition("[")
        word, _, rest = after.partition("]")
        out.append(html.escape(before))
        out.append(f'<b style="background:{style.ACCENT_SOFT}">{html.escape(word)}</b>')
    out.append(html.escape(rest))
    return "".join(out)


class SearchHitsView(QTextBrowser):
    hit_activated = Signal(object)  # SearchHit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.hits: list[SearchHit] = []

    def show_hits(self, query: str, hits: list[SearchHit], elapsed_ms: float) -> None:
        self.hits = hits
        if not hits:
            self.setHtml(f'<p style="color:{style.MUTED}">No transcript mentions '
                         f"\u201c{html.escape(query)}\u201d.</p>")  # fmt: skip
            return
        rows = [f'<p style="color:{style.MUTED}">{len(hits)} match'
                f"{'es' if len(hits) != 1 else ''} ({elapsed_ms:.0f} ms)</p>"]  # fmt: skip
        for i, hit in enumerate(hits):
            who = "You" if hit.speaker == "interviewer" else "Them"
            rows.append(
                f'<p style="margin:6px 0"><a href="hit:{i}" style="color:{style.ACCENT};'
                f'text-decoration:none"><b>{html.escape(hit.interview_title)}</b> '
                f"\u00b7 {clock(hit.start)} \u00b7 {who}</a><br>{snippet_html(hit.snippet)}</p>"
            )
        self.setHtml("".join(rows))

    def activate(self, index: int) -> None:
        self.hit_activated.emit(self.hits[index])

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("hit:"):
            self.activate(int(text[4:]))
