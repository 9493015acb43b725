"""Transcript exports: WebVTT, SRT, plain text, Markdown and JSON, from an ExportDocument."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from app.export import captions
from app.export.captions import Caption
from app.export.captions import one_line as _one_line
from app.export.document import ExportDocument
from app.export.timefmt import clock
from app.store.cards import tag_label
from app.store.comments import comments_markdown


def _captions(doc: ExportDocument) -> list[Caption]:
    return [Caption(stored.segment.start, stored.segment.end, doc.speaker_label(stored),
                    stored.segment.text) for stored in doc.segments]  # fmt: skip


def to_vtt(doc: ExportDocument) -> str:
    """WebVTT with <v Speaker> voice tags; phase changes as `NOTE phase: <name>` blocks."""
    notes: dict[int, list[str]] = {}
    pending = sorted(doc.phases, key=lambda span: span.start)
    for index, stored in enumerate(doc.segments):
        while pending and pending[0].start <= stored.segment.start:
            notes.setdefault(index, []).append(f"phase: {pending.pop(0).name}")
    return captions.to_vtt(_captions(doc), title=f"Interview with {doc.interview.display_title}",
                           notes=notes)  # fmt: skip


def to_srt(doc: ExportDocument) -> str:
    """SRT with the speaker as a `Name: ` prefix, the convention most tools read back."""
    return captions.to_srt(_captions(doc))


def _heading_lines(doc: ExportDocument) -> list[tuple[str, str]]:
    iv = doc.interview
    when = (iv.started_at or iv.created_at).strftime("%Y-%m-%d %H:%M")
    rows = [
        ("Participant", iv.participant_name),
        ("Company", iv.participant_company),
        ("Role", iv.participant_role),
        ("Interviewer", iv.interviewer_name),
        ("Date", when),
        ("Duration", clock(doc.end_t)),
        ("Focus", iv.focus),
        ("Consent to record", iv.consent_state.replace("_", " ")),
    ]
    return [(k, v) for k, v in rows if v]


def to_text(doc: ExportDocument) -> str:
    out = [f"Interview with {doc.interview.display_title}"]
    out += [f"{key}: {value}" for key, value in _heading_lines(doc)]
    out.append("")
    current_phase: int | None = None
    for stored in doc.segments:
        seg = stored.segment
        span = doc.phase_at(seg.start)
        if span is not None and span.index != current_phase:
            current_phase = span.index
            out += ["", f"== {span.name} ==", ""]
        out.append(f"[{clock(seg.start)}] {doc.speaker_label(stored)}: {_one_line(seg.text)}")
    if not doc.segments:
        out.append("(The transcript is empty.)")
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    # Enough to keep a quote from turning into a heading, list or emphasis by accident.
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">", "#", "|"):
        text = text.replace(ch, "\\" + ch)
    return text


def to_markdown(doc: ExportDocument) -> str:
    """A readable report: speakers and times, phases as headings, cues, marks, notes and cards
    placed after the line they belong to, then the cards and cues as lists."""
    iv = doc.interview
    out = [f"# Interview with {_md_escape(iv.display_title)}", ""]
    out += [f"- **{key}:** {_md_escape(value)}" for key, value in _heading_lines(doc)]
    out += ["", "## Transcript", ""]
    # Everything that happens at a moment, attached to the segment in which it falls.
    annotations: list[tuple[float, str]] = []
    annotations += [(c.start, f"> **Cue \u00b7 {c.kind}** at {clock(c.start)}: "
                              f"{_md_escape(c.suggestion or c.text)}") for c in doc.cues]  # fmt: skip
    annotations += [(c.start, f"> **Card \u00b7 {tag_label(c.tag)}** \u201c{_md_escape(c.quote)}"
                              f"\u201d" + (f" \u2014 {_md_escape(c.note)}" if c.note else ""))
                    for c in doc.cards]  # fmt: skip
    annotations += [(m.t, f"> **Mark** at {clock(m.t)}" + (f": {_md_escape(m.label)}"
                                                            if m.label else "")) for m in doc.marks]  # fmt: skip
    annotations += [(n.t, f"> **Note** at {clock(n.t)}: {_md_escape(n.text)}") for n in doc.notes]
    annotations += [(t, f"> **Consent {state.replace('_', ' ')}** at {clock(t)}")
                    for t, state in doc.consent]  # fmt: skip
    annotations.sort(key=lambda a: a[0])
    pending = list(annotations)
    current_phase: int | None = None
    segs = doc.segments
    for i, stored in enumerate(segs):
        seg = stored.segment
        span = doc.phase_at(seg.start)
        if span is not None and span.index != current_phase:
            current_phase = span.index
            out += [f"### {_md_escape(span.name)} ({clock(span.start)})", ""]
        out += [f"**{_md_escape(doc.speaker_label(stored))}** `{clock(seg.start)}`  ",
                _md_escape(_one_line(seg.text)), ""]  # fmt: skip
        next_start = segs[i + 1].segment.start if i + 1 < len(segs) else float("inf")
        while pending and pending[0][0] < next_start:
            out += [pending.pop(0)[1], ""]
    if not segs:
        out += ["_The transcript is empty._", ""]
        out += [line for _, text in pending for line in (text, "")]
    if doc.cards:
        out += ["## Insight cards", ""]
        for c in doc.cards:
            who = f" \u2014 {_md_escape(c.speaker_name)}" if c.speaker_name else ""
            note = f"  \n  {_md_escape(c.note)}" if c.note else ""
            by = f" _(card by {_md_escape(c.author)})_" if c.author else ""
            out.append(f"- **{tag_label(c.tag)}** `{clock(c.start)}` \u201c{_md_escape(c.quote)}"
                       f"\u201d{who}{by}{note}")  # fmt: skip
        out.append("")
    if doc.cues:
        out += ["## Coaching cues", ""]
        for c in doc.cues:
            said = f" \u201c{_md_escape(c.text)}\u201d" if c.text else ""
            out.append(f"- `{clock(c.start)}` **{c.kind}**{said} \u2192 {_md_escape(c.suggestion)}")
        out.append("")
    out += comments_markdown(doc.comments, clock, _md_escape)
    return "\n".join(out)


def to_dict(doc: ExportDocument) -> dict[str, Any]:
    iv = doc.interview
    return {
        "format": "tellmemore-transcript",
        "version": 1,
        "interview": {
            "id": iv.id,
            "title": iv.display_title,
            "participant": {"name": iv.participant_name, "company": iv.participant_company,
                            "role": iv.participant_role},  # fmt: skip
            "interviewer": iv.interviewer_name,
            "focus": iv.focus,
            "created_at": iv.created_at.isoformat(),
            "started_at": iv.started_at.isoformat() if iv.started_at else None,
            "duration_s": doc.end_t,
            "consent": iv.consent_state,
            "scorecard": iv.scorecard,
            "tags": list(iv.tags),
            "gift": doc.plan.gift,
            "core_questions": list(doc.plan.core_questions),
        },
        "phases": [{"index": p.index, "name": p.name, "start": p.start, "end": p.end}
                   for p in doc.phases],  # fmt: skip
        "segments": [
            {
                "id": s.id,
                "speaker": s.segment.speaker.value,
                "speaker_name": doc.speaker_label(s),
                "start": s.segment.start,
                "end": s.segment.end,
                "text": s.segment.text,
                "original_text": s.original_text if s.edited else None,
                "edited_by": (s.edited_by or None) if s.edited else None,
                "words": [{"word": w.word, "start": w.start, "end": w.end}
                          for w in s.segment.words],  # fmt: skip
            }
            for s in doc.segments
        ],
        "cues": [{"kind": c.kind, "start": c.start, "end": c.end, "text": c.text,
                  "suggestion": c.suggestion, "severity": c.severity,
                  "confidence": c.confidence, "live": c.live} for c in doc.cues],  # fmt: skip
        "cards": [{"start": c.start, "end": c.end, "quote": c.quote, "speaker": c.speaker_name,
                   "tag": c.tag, "tag_label": tag_label(c.tag), "note": c.note,
                   "author": c.author or None}
                  for c in doc.cards],  # fmt: skip
        "marks": [{"t": m.t, "label": m.label} for m in doc.marks],
        "notes": [{"t": n.t, "text": n.text} for n in doc.notes],
        "consent": [{"t": t, "state": state} for t, state in doc.consent],
        "comments": doc.comments,
    }


def to_json(doc: ExportDocument) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=2) + "\n"


# Format name -> (file suffix, what a file dialog calls it, the exporter).
TRANSCRIPT_FORMATS: dict[str, tuple[str, str, Callable[[ExportDocument], str]]] = {
    "vtt": (".vtt", "WebVTT captions", to_vtt),
    "srt": (".srt", "SubRip captions", to_srt),
    "txt": (".txt", "Plain text", to_text),
    "md": (".md", "Markdown report", to_markdown),
    "json": (".json", "JSON", to_json),
}


def export_transcript(doc: ExportDocument, fmt: str) -> str:
    try:
        return TRANSCRIPT_FORMATS[fmt][2](doc)
    except KeyError:
        raise ValueError(f"unknown transcript format {fmt!r}") from None
