"""Which transcript lines an improved decode replaces, and which it must leave alone.

Pure logic over plain data: the store side (app.improve.save) reads the lines and writes the
result. Rules, in the order a reviewer would expect them:

- Only lines inside the recording are replaced: the audio is all a re-decode can hear (with
  consent revoked and granted again a call has several recordings, and gaps between them).
- A line corrected by hand is never replaced: its text stays, and the new decode's words
  inside its time are dropped, so the correction is neither lost nor doubled.
- A line something points at (a card, a comment, a hypothesis quote, a highlight decision)
  hands its reference to the new line that overlaps it most; with no new line there (the
  better model heard no speech), it stays rather than take the user's work with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from app.session.segments import Segment, Speaker, Word
from app.store.transcript import StoredSegment


@dataclass(frozen=True)
class Span:
    """Session seconds one recording covers."""

    start: float
    end: float

    def holds(self, line: Segment) -> bool:
        middle = (line.start + line.end) / 2
        return self.start <= middle < self.end


@dataclass(frozen=True)
class LineChange:
    """One place where the transcript reads differently, for the reviewer to look at."""

    speaker: Speaker
    start: float
    before: str  # "" when the new decode found speech the live one missed
    after: str  # "" when the new decode found none where a line was


@dataclass(frozen=True)
class TranscriptMerge:
    added: tuple[Segment, ...]
    deleted: tuple[int, ...]  # old line ids
    repoint: dict[int, int] = field(default_factory=dict)  # old line id -> index in `added`
    kept_edited: int = 0  # lines corrected by hand, left as they are
    kept_referenced: int = 0  # lines pointed at with no new line to hand the reference to
    changes: tuple[LineChange, ...] = ()

    @property
    def changed(self) -> int:
        return len(self.changes)


def _overlap(a: Segment, b: Segment) -> float:
    return min(a.end, b.end) - max(a.start, b.start)


def _same_text(a: str, b: str) -> bool:
    def norm(text: str) -> list[str]:
        return ["".join(ch for ch in w.lower() if ch.isalnum()) for w in text.split()]

    return [w for w in norm(a) if w] == [w for w in norm(b) if w]


def _in_spans(line: Segment, spans: Sequence[Span]) -> bool:
    return any(span.holds(line) for span in spans)


def assign_speakers(new: Iterable[Segment], old: Sequence[Segment]) -> list[Segment]:
    """For a one-channel recording: each new line gets the speaker (and name) of the old line
    it overlaps most; with none, of the nearest old line; with no old lines, its own."""
    out = []
    for seg in new:
        if not old:
            out.append(seg)
            continue
        best = max(old, key=lambda o: (_overlap(o, seg), -abs(o.start - seg.start)))
        if _overlap(best, seg) <= 0:
            best = min(old, key=lambda o: min(abs(o.start - seg.end), abs(seg.start - o.end)))
        out.append(replace(seg, speaker=best.speaker, speaker_name=best.speaker_name))
    return out


def keep_speaker_names(new: Iterable[Segment], old: Sequence[Segment]) -> list[Segment]:
    """The names the reviewer gave each side (rename speaker) carried to the new lines."""
    names: dict[Speaker, str] = {}
    for line in old:
        if line.speaker_name and line.speaker not in names:
            names[line.speaker] = line.speaker_name
    return [replace(seg, speaker_name=names.get(seg.speaker, seg.speaker_name)) for seg in new]


def _runs_outside(seg: Segment, protected: Sequence[Segment]) -> list[Segment]:
    """The parts of `seg` not inside a hand-corrected line of the same speaker."""
    guards = [p for p in protected if p.speaker is seg.speaker and _overlap(p, seg) > 0]
    if not guards:
        return [seg]
    if not seg.words:
        return []  # no word times to cut by: the corrected line wins

    def guarded(word: Word) -> bool:
        middle = (word.start + word.end) / 2
        return any(p.start <= middle <= p.end for p in guards)

    runs: list[list[Word]] = [[]]
    for word in seg.words:
        if guarded(word):
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(word)
    return [
        replace(seg, start=run[0].start, end=run[-1].end,
                text=" ".join(w.word for w in run), words=tuple(run))
        for run in runs if run
    ]  # fmt: skip


def merge_transcript(
    old: Sequence[StoredSegment],
    new: Sequence[Segment],
    spans: Sequence[Span],
    referenced: frozenset[int] = frozenset(),
) -> TranscriptMerge:
    """What replacing the lines inside `spans` by `new` means, line by line (see the module)."""
    inside = [o for o in old if _in_spans(o.segment, spans)]
    protected = [o.segment for o in inside if o.edited]
    added: list[Segment] = []
    for seg in sorted(new, key=lambda s: (s.start, s.speaker)):
        if _in_spans(seg, spans):
            added += _runs_outside(seg, protected)
    replaceable = [o for o in inside if not o.edited]
    deleted: list[int] = []
    repoint: dict[int, int] = {}
    kept_referenced = 0
    for line in replaceable:
        overlaps = [(i, _overlap(a, line.segment)) for i, a in enumerate(added)
                    if a.speaker is line.segment.speaker]  # fmt: skip
        best = max(overlaps, key=lambda pair: pair[1], default=None)
        if best is not None and best[1] > 0:
            deleted.append(line.id)
            repoint[line.id] = best[0]
        elif line.id in referenced:
            kept_referenced += 1
        else:
            deleted.append(line.id)
    gone = [o for o in replaceable if o.id in set(deleted)]
    changes = _changes([o.segment for o in gone], added)
    return TranscriptMerge(tuple(added), tuple(deleted), repoint, len(protected),
                           kept_referenced, changes)  # fmt: skip


def _changes(before: Sequence[Segment], after: Sequence[Segment]) -> tuple[LineChange, ...]:
    """Old and new lines of one speaker that overlap in time, taken together (a line the new
    decode split in two is one change, not a change and an addition), where the words differ."""
    lines = [*before, *after]
    group = list(range(len(lines)))  # union-find over old and new lines

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, old in enumerate(before):
        for j, new in enumerate(after, start=len(before)):
            if old.speaker is new.speaker and _overlap(old, new) > 0:
                group[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(len(lines)):
        members.setdefault(root(i), []).append(i)
    changes = []
    for indices in members.values():
        old_text = " ".join(lines[i].text for i in indices if i < len(before))
        new_text = " ".join(lines[i].text for i in indices if i >= len(before))
        if not _same_text(old_text, new_text):
            first = lines[min(indices, key=lambda i: lines[i].start)]
            changes.append(LineChange(first.speaker, first.start, old_text, new_text))
    return tuple(sorted(changes, key=lambda c: (c.start, c.speaker)))
