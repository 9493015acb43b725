"""The follow-up thank-you email, drafted from the interview as the guide's wrap-up asks:
thanks, one thing they said that stood out, the gift, and the promised follow-up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from app.export.document import ExportDocument
from app.session.segments import Speaker

# Which card makes the best "one thing you said": the tags that carry the most meaning first.
_TAG_PREFERENCE = ("focus", "pain_point", "emotion", "workaround", "product_feedback",
                   "feature_request", "repeated", "question")  # fmt: skip
_MAX_QUOTE_WORDS = 30
_STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "for", "from", "how", "i", "in", "is",
    "it", "of", "on", "or", "our", "the", "their", "them", "they", "this", "to", "we", "what",
    "when", "where", "which", "who", "why", "with", "you", "your",
))  # fmt: skip


@dataclass(frozen=True)
class FollowUpEmail:
    to: str
    subject: str
    body: str

    def mailto_url(self) -> str:
        # RFC 6068: percent-encode everything, line breaks as %0D%0A.
        body = self.body.replace("\r\n", "\n").replace("\n", "\r\n")
        return (f"mailto:{quote(self.to, safe='@')}?subject={quote(self.subject, safe='')}"
                f"&body={quote(body, safe='')}")  # fmt: skip

    def as_text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


def _trim(text: str) -> str:
    words = text.split()
    if len(words) <= _MAX_QUOTE_WORDS:
        return " ".join(words).rstrip(" ,;")
    return " ".join(words[:_MAX_QUOTE_WORDS]).rstrip(" ,;.") + "\u2026"


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in _STOPWORDS and len(w) > 2}


def standout_quote(doc: ExportDocument) -> str | None:
    """A participant's own words: the best card, else the answer closest to the focus, else the
    longest answer."""
    participant_cards = [c for c in doc.cards if c.quote.strip()]
    if participant_cards:
        rank = {tag: i for i, tag in enumerate(_TAG_PREFERENCE)}
        best = min(participant_cards, key=lambda c: (rank.get(c.tag, len(rank)), c.start))
        return _trim(best.quote)
    answers = [s.segment for s in doc.segments
               if s.segment.speaker is Speaker.PARTICIPANT and len(s.segment.text.split()) >= 6]  # fmt: skip
    if not answers:
        return None
    focus = _words(doc.interview.focus)
    best_seg = max(answers, key=lambda s: (len(_words(s.text) & focus), len(s.text.split())))
    return _trim(best_seg.text)


def draft_follow_up(doc: ExportDocument, *, sender: str = "", to: str = "") -> FollowUpEmail:
    iv = doc.interview
    first_name = (iv.participant_name.split() or ["there"])[0]
    me = sender or iv.interviewer_name
    company = f" at {iv.participant_company}" if iv.participant_company else ""
    lines = [f"Hi {first_name},", ""]
    lines.append(f"Thank you again for taking the time to talk with me{company}. "
                 "I really appreciated how openly you shared your experience.")  # fmt: skip
    quote_text = standout_quote(doc)
    if quote_text:
        lines += ["", "One thing you said has stayed with me:", f"\u201c{quote_text}\u201d",
                  "It helped me understand this far better than I did before."]  # fmt: skip
    gift = doc.plan.gift.strip()
    if gift:
        lines += ["", f"As promised, your {gift} is on its way; you should have it within a few "
                      "days. Let me know if it doesn't arrive."]  # fmt: skip
    lines += ["", "As we agreed, I'll follow up by email once we have put what we learned to "
                  "work, and I may send one or two short questions in the meantime. Everything "
                  "you told me stays anonymous.",
              "", "Thanks again,", me or ""]  # fmt: skip
    subject = "Thank you for your time" + (f", {first_name}" if iv.participant_name else "")
    return FollowUpEmail(to=to, subject=subject, body="\n".join(lines).rstrip() + "\n")
