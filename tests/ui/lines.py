"""Final fragments shown the way a live call shows them: through the one utterance assembler
(app.live.utterances), whose open and closed utterances are the lines on screen."""

from __future__ import annotations

from collections.abc import Callable

from app.live.reports import UtteranceUpdate
from app.live.utterances import Utterance, UtteranceAssembler
from app.session.segments import Segment


class Lines:
    def __init__(self, show: Callable[[Utterance], None]) -> None:
        self.show = show
        self.assembler = UtteranceAssembler()

    @classmethod
    def for_window(cls, window: object) -> Lines:
        return cls(lambda u: window.apply_report(UtteranceUpdate(u)))  # type: ignore[attr-defined]

    def final(self, segment: Segment) -> None:
        for utterance in self.assembler.add(segment):
            self.show(utterance)
        growing = self.assembler.current(segment.speaker)
        if growing is not None:
            self.show(growing)
