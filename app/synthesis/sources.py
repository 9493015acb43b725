"""Reads what synthesis needs from the store, and writes the reviewer's decisions back."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from app.session.segments import Speaker
from app.store.cards import CardRepository
from app.store.db import Store
from app.store.highlights import Decision, HighlightDecisionRepository
from app.store.models import Interview, SegmentRow
from app.synthesis.highlights import Embed, ParticipantLine, Suggestion, suggest
from app.synthesis.repeated import Line, RepeatedPhrase, find_repeated


def participant_label(name: str, interview_id: int) -> str:
    return name.strip() or f"Participant of interview {interview_id}"


def study_lines(store: Store, interview_ids: Iterable[int] | None = None) -> list[Line]:
    """Every participant line of these interviews (all interviews with None)."""
    query = (select(SegmentRow.interview_id, Interview.participant_name, SegmentRow.id,
                    SegmentRow.start, SegmentRow.text)
             .join(Interview, Interview.id == SegmentRow.interview_id)
             .where(SegmentRow.speaker == Speaker.PARTICIPANT.value)
             .order_by(SegmentRow.interview_id, SegmentRow.start))  # fmt: skip
    if interview_ids is not None:
        query = query.where(SegmentRow.interview_id.in_(list(interview_ids)))
    with store.session() as s:
        return [Line(iid, participant_label(name, iid), sid, start, text)
                for iid, name, sid, start, text in s.execute(query)]  # fmt: skip


def repeated_phrases(store: Store, interview_ids: Iterable[int] | None = None,
                     limit: int = 60) -> list[RepeatedPhrase]:  # fmt: skip
    return find_repeated(study_lines(store, interview_ids), limit=limit)


def participant_lines(store: Store, interview_id: int) -> list[ParticipantLine]:
    """The participant's lines, each with what the interviewer said just before it (so a
    question the participant only repeats back is not taken for one they asked)."""
    with store.session() as s:
        rows = s.execute(select(SegmentRow.id, SegmentRow.start, SegmentRow.end, SegmentRow.text,
                                SegmentRow.speaker)
                         .where(SegmentRow.interview_id == interview_id)
                         .order_by(SegmentRow.start))  # fmt: skip
        lines: list[ParticipantLine] = []
        prompt = ""
        for i, start, end, text, speaker in rows:
            if speaker == Speaker.PARTICIPANT.value:
                lines.append(ParticipantLine(i, start, end, text, prompt))
                prompt = ""
            elif speaker == Speaker.INTERVIEWER.value:
                prompt = text
        return lines


def suggestions_for(store: Store, interview_id: int, repeated: list[RepeatedPhrase] | None = None,
                    embed: Embed | None = None) -> list[Suggestion]:  # fmt: skip
    """The interview's suggested highlights, minus lines already decided or already on a card."""
    with store.session() as s:
        focus = s.scalar(select(Interview.focus).where(Interview.id == interview_id)) or ""
    decided = HighlightDecisionRepository(store).decided(interview_id)
    carded = {c.segment_id for c in CardRepository(store).list(interview_id) if c.segment_id}
    if repeated is None:
        repeated = repeated_phrases(store)
    return suggest(interview_id, participant_lines(store, interview_id), focus, repeated, embed,
                   skip=set(decided) | carded)  # fmt: skip


def accept(store: Store, suggestion: Suggestion, *, quote: str | None = None,
           tag: str | None = None, speaker_name: str = "", note: str = "") -> int:  # fmt: skip
    """The suggestion (possibly edited) becomes a card; returns the card's id."""
    card_id = CardRepository(store).add(
        suggestion.interview_id, start=suggestion.start, end=suggestion.end,
        quote=quote if quote is not None else suggestion.quote,
        tag=tag or suggestion.reason.value, speaker_name=speaker_name,
        note=note or f"Suggested: {suggestion.why}", segment_id=suggestion.segment_id,
    )  # fmt: skip
    HighlightDecisionRepository(store).decide(suggestion.interview_id, suggestion.segment_id,
                                              suggestion.reason, Decision.ACCEPTED, card_id)  # fmt: skip
    return card_id


def dismiss(store: Store, suggestion: Suggestion) -> None:
    HighlightDecisionRepository(store).decide(suggestion.interview_id, suggestion.segment_id,
                                              suggestion.reason, Decision.DISMISSED)  # fmt: skip
