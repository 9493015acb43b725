"""Exports of an interview (Qt-free): transcripts, insight cards and the follow-up email.

    doc = load_document(store, interview_id)
    text = export_transcript(doc, "vtt")          # vtt | srt | txt | md | json
    csv_text = export_cards(cards_of(doc), "csv") # csv | md
    email = draft_follow_up(doc); email.mailto_url()
"""

from app.export.cards import CARD_FORMATS, cards_of, cards_to_csv, cards_to_markdown, export_cards
from app.export.document import ExportDocument, PhaseSpan, load_document
from app.export.email import FollowUpEmail, draft_follow_up, standout_quote
from app.export.transcript import (
    TRANSCRIPT_FORMATS,
    export_transcript,
    to_dict,
    to_json,
    to_markdown,
    to_srt,
    to_text,
    to_vtt,
)

__all__ = [
    "CARD_FORMATS",
    "TRANSCRIPT_FORMATS",
    "ExportDocument",
    "FollowUpEmail",
    "PhaseSpan",
    "cards_of",
    "cards_to_csv",
    "cards_to_markdown",
    "draft_follow_up",
    "export_cards",
    "export_transcript",
    "load_document",
    "standout_quote",
    "to_dict",
    "to_json",
    "to_markdown",
    "to_srt",
    "to_text",
    "to_vtt",
]
