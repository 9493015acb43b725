"""Text clean-up shared by the caption parsers: tags, entities, speaker prefixes, overlaps."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import replace

from app.importers.model import ImportedSegment

# Linear time on any caption: a tag cannot contain '<', so a scan from each '<' stops at the
# next '<' or '>' (with [^>]* a line of 200 KB of '<' took 14 s, '<v ' 45 s, quadratic).
# One \s then [^<>]+ (not \s+ then [^>]+) so a long run of spaces is not re-split per space.
_TAG = re.compile(r"<[^<>]*>")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s([^<>]+)>")
_SPACES = re.compile(r"\s+")
# A speaker label at the start of a line: one to five name-like words, then a colon.
_NAME_WORD = r"[A-Z][\w'’.-]*"
_PARTICLE = r"(?:de|da|di|van|von|der|den|del|la|le|bin|al|el)"
_NAME_PREFIX = re.compile(
    rf"^\s*({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{0,4}})\s*:\s+(.*)$", re.DOTALL
)
SENTENCE_END = (".", "?", "!", "…", '"', "”", "’", ")")
MERGE_GAP_S = 1.5
MERGE_MAX_S = 30.0


def clean_caption_text(raw: str) -> tuple[str, str | None]:
    """Caption markup to plain text; returns (text, voice name from a <v Name> tag or None)."""
    voice = _VOICE.search(raw)
    name = voice.group(1).strip() if voice else None
    text = _TAG.sub("", raw)
    text = html.unescape(text).replace("\u00a0", " ").replace("\u200e", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip(), name


def split_speaker_prefix(text: str) -> tuple[str | None, str]:
    """`Name: words` to (Name, words); (None, text) when the line has no such label."""
    match = _NAME_PREFIX.match(text)
    if not match or len(match.group(1)) > 40:
        return None, text
    return match.group(1).strip(), match.group(2).strip()


def apply_speaker_prefixes(segments: list[ImportedSegment]) -> list[ImportedSegment]:
    """Take `Name:` prefixes as speakers when they look like a convention of the file.

    A name must open at least two cues (or half of a tiny file) so that a caption which happens
    to say "Note: ..." is not taken for a speaker. Cues without a label continue the last
    speaker, as SRT exports that name the speaker only at the turn start expect.
    """
    candidates = [split_speaker_prefix(seg.text)[0] for seg in segments]
    counts = Counter(name for name in candidates if name)
    minimum = 1 if len(segments) <= 3 else 2
    accepted = {name for name, n in counts.items() if n >= minimum}
    # Where the file clearly labels turns, a speaker heard only once is a speaker too.
    if accepted and sum(counts[n] for n in accepted) >= 0.3 * len(segments):
        accepted = set(counts)
    out: list[ImportedSegment] = []
    current: str | None = None
    for seg in segments:
        if seg.speaker_name:
            current = seg.speaker_name
            out.append(seg)
            continue
        name, rest = split_speaker_prefix(seg.text)
        if name in accepted:
            current = name
            out.append(replace(seg, speaker_name=name, text=rest))
        else:
            out.append(replace(seg, speaker_name=current))
    return out


def inherit_speakers(segments: list[ImportedSegment]) -> list[ImportedSegment]:
    """A cue without a name continues the speaker before it (if any)."""
    out: list[ImportedSegment] = []
    current: str | None = None
    for seg in segments:
        if seg.speaker_name:
            current = seg.speaker_name
            out.append(seg)
        else:
            out.append(replace(seg, speaker_name=current))
    return out


def drop_rolling_overlap(segments: list[ImportedSegment]) -> list[ImportedSegment]:
    """Rolling captions repeat the previous cue's words; keep each word once."""
    out: list[ImportedSegment] = []
    for seg in segments:
        if out and out[-1].speaker_name == seg.speaker_name and seg.start < out[-1].end + 0.01:
            prev_words = out[-1].text.split()
            words = seg.text.split()
            if words and " ".join(words) in " ".join(prev_words):
                out[-1] = replace(out[-1], end=max(out[-1].end, seg.end))
                continue
            overlap = _suffix_prefix_overlap(prev_words, words)
            if overlap:
                seg = replace(seg, text=" ".join(words[overlap:]))
        if seg.text:
            out.append(seg)
    return out


def _suffix_prefix_overlap(prev: list[str], cur: list[str]) -> int:
    for k in range(min(len(prev), len(cur)), 1, -1):
        if prev[-k:] == cur[:k]:
            return k
    return 0


def merge_sentences(segments: list[ImportedSegment]) -> list[ImportedSegment]:
    """Join caption cues that cut a sentence in two, so the coach sees whole sentences.

    Consecutive cues of one speaker merge while the earlier one does not end a sentence,
    the gap is short and the merged cue stays under MERGE_MAX_S (captions without
    punctuation would otherwise merge into one block).
    """
    out: list[ImportedSegment] = []
    for seg in segments:
        if out:
            prev = out[-1]
            if (
                prev.speaker_name == seg.speaker_name
                and prev.role == seg.role
                and not prev.text.rstrip().endswith(SENTENCE_END)
                and seg.start - prev.end <= MERGE_GAP_S
                and seg.end - prev.start <= MERGE_MAX_S
            ):
                out[-1] = replace(
                    prev, end=max(prev.end, seg.end), text=f"{prev.text} {seg.text}".strip()
                )
                continue
        out.append(seg)
    return out
