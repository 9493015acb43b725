"""Joins the transcriber's final fragments into utterances for the coach and the store.

The streaming transcriber commits words as soon as two decodes agree, so a long turn arrives in
pieces ("why did you" / "choose the annual" / "plan?"). Words must be final fast, but the coach
judges questions and pitches, which need the whole sentence. An utterance closes at a sentence
end, at a pause, when the other speaker starts after it, or when nothing more came for a while.

This is the only place fragments become lines: the store keeps the closed utterances, and the
screen shows the open one growing under its id (`current`) and then the closed one in its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.session.segments import Segment, Speaker

SENTENCE_END = (".", "?", "!")


@dataclass
class _Open:
    id: int
    fragments: list[Segment] = field(default_factory=list)
    row_ids: list[int] = field(default_factory=list)

    @property
    def end(self) -> float:
        return self.fragments[-1].end


@dataclass(frozen=True)
class Utterance:
    segment: Segment
    row_ids: tuple[int, ...]  # the stored fragments it replaces
    id: int = 0  # stable while it grows: the screen updates the line with this id
    closed: bool = True


def join(fragments: list[Segment]) -> Segment:
    first, last = fragments[0], fragments[-1]
    text = " ".join(f.text.strip() for f in fragments if f.text.strip())
    words = tuple(w for f in fragments for w in f.words)
    return Segment(first.speaker, first.start, last.end, text, words, first.speaker_name)


class UtteranceAssembler:
    def __init__(self, max_gap_s: float = 1.0, settle_s: float = 3.0) -> None:
        self.max_gap_s = max_gap_s
        self.settle_s = settle_s  # how long after its last word an open utterance may wait
        self._open: dict[Speaker, _Open] = {}
        self._next_id = 1

    def add(self, fragment: Segment, row_id: int = -1) -> list[Utterance]:
        done: list[Utterance] = []
        current = self._open.get(fragment.speaker)
        if current is not None and fragment.start - current.end > self.max_gap_s:
            done.append(self._close(fragment.speaker))
        for speaker, other in list(self._open.items()):
            if speaker is not fragment.speaker and fragment.start >= other.end:
                done.append(self._close(speaker))  # they answered: that turn is over
        current = self._open.get(fragment.speaker)
        if current is None:
            current = self._open[fragment.speaker] = _Open(self._next_id)
            self._next_id += 1
        current.fragments.append(fragment)
        current.row_ids.append(row_id)
        if fragment.text.rstrip().endswith(SENTENCE_END):
            done.append(self._close(fragment.speaker))
        return sorted(done, key=lambda u: u.segment.start)

    def current(self, speaker: Speaker) -> Utterance | None:
        """The speaker's open utterance as it stands (not yet closed), if any."""
        open_ = self._open.get(speaker)
        if open_ is None:
            return None
        return Utterance(join(open_.fragments), tuple(open_.row_ids), open_.id, closed=False)

    def close_stale(self, now: float) -> list[Utterance]:
        """Utterances whose last word is older than `settle_s` at session time `now`."""
        stale = [s for s, o in self._open.items() if now - o.end > self.settle_s]
        return [self._close(s) for s in stale]

    def flush(self) -> list[Utterance]:
        return sorted((self._close(s) for s in list(self._open)), key=lambda u: u.segment.start)

    def _close(self, speaker: Speaker) -> Utterance:
        current = self._open.pop(speaker)
        return Utterance(join(current.fragments), tuple(current.row_ids), current.id)
