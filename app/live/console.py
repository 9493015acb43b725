"""Printing live events to a terminal or a pipe: readable lines, or JSON Lines flushed at once."""

from __future__ import annotations

import json
import sys
import threading
import time
from typing import Any, TextIO

from app.coach.cues import Cue, CueKind
from app.live.reports import (
    CallClosed,
    CueFired,
    FinalFragment,
    Keeping,
    LiveReport,
    ModelState,
    PartialText,
    ParticipantForgotten,
    RecordingState,
    Status,
    UtteranceUpdate,
)
from app.session.segments import Segment, Speaker


def _clock(seconds: float) -> str:
    seconds = max(0.0, seconds)
    return f"{int(seconds // 60):02d}:{seconds % 60:04.1f}"


def cue_speaker(cue: Cue) -> Speaker:
    """Whose words a cue is about: the participant's for generalities, else the interviewer's."""
    return Speaker.PARTICIPANT if cue.kind is CueKind.GENERALITY else Speaker.INTERVIEWER


class ConsolePrinter:
    """The terminal's view of a live call (`listen`): writes each report as it happens.

    `time_offset` shifts session times onto another origin (`--audio-start-at`), so an outside
    program that started playing audio at a known Unix time can compare word times with
    `emitted_at`.
    """

    def __init__(
        self,
        out: TextIO = sys.stdout,
        *,
        jsonl: bool = False,
        participant_name: str = "Participant",
        time_offset: float = 0.0,
        err: TextIO = sys.stderr,
    ) -> None:
        self.out = out
        self.err = err
        self.jsonl = jsonl
        self.names = {Speaker.INTERVIEWER: "You", Speaker.PARTICIPANT: participant_name}
        self.time_offset = time_offset
        self._lock = threading.Lock()  # events come from several threads; lines never mix
        self._partial_shown = False
        self._tty = hasattr(out, "isatty") and out.isatty()
        self.out_closed = False

    def _write(self, text: str) -> None:
        """Called with the lock held. A reader that went away (a closed pipe) must not stop
        the interview from being saved: output just stops."""
        if self.out_closed:
            return
        try:
            self.out.write(text)
            self.out.flush()
        except (BrokenPipeError, ValueError):
            self.out_closed = True

    def _emit(self, record: dict[str, Any]) -> None:
        with self._lock:
            record = {"type": record.pop("type"), "emitted_at": time.time(), **record}
            self._write(json.dumps(record, ensure_ascii=False) + "\n")

    def _line(self, text: str) -> None:
        with self._lock:
            prefix = "\r\x1b[K" if self._partial_shown else ""
            self._partial_shown = False
            self._write(prefix + text + "\n")

    def _t(self, t: float) -> float:
        return round(t + self.time_offset, 3)

    # -- CallView -------------------------------------------------------------------------------
    def report(self, report: LiveReport) -> None:
        match report:
            case PartialText(speaker, text, start, end):
                self.on_partial(speaker, text, start, end)
            case FinalFragment(segment):
                self.on_final(segment)
            case UtteranceUpdate(utterance) if utterance.closed and self.jsonl:
                segment = utterance.segment
                self._emit({"type": "utterance", "speaker": segment.speaker.value,
                            "start": self._t(segment.start), "end": self._t(segment.end),
                            "text": segment.text})  # fmt: skip
            case CueFired(cue):
                self.on_cue(cue)
            case Status(message, level):
                self.info(f"{level.value}: {message}")
            case ModelState(ready, message):
                if ready and self.jsonl:
                    # Tools wait for this instead of parsing stderr.
                    self._emit({"type": "ready", "message": message})
                self.info(message)
            case RecordingState(_, path, message):
                self.info(f"{message}: {path}" if path else message)
            case Keeping(_, _, message):
                self.info(message)
            case ParticipantForgotten(lines, recordings):
                self.info(f"deleted {recordings} recording(s) and {lines} line(s) of the "
                          "participant's words")  # fmt: skip
            case CallClosed(_, message) if message:
                self.info(message)
            case _:
                pass  # levels, on-screen pacing and planned questions are for the window

    def on_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None:
        if self.jsonl:
            self._emit({"type": "partial", "speaker": speaker.value, "start": self._t(start),
                        "end": self._t(end), "text": text})  # fmt: skip
        elif self._tty:
            with self._lock:
                self._write(f"\r\x1b[K  \u2026 {self.names[speaker]}: {text[-100:]}")
                self._partial_shown = True

    def on_final(self, segment: Segment) -> None:
        if self.jsonl:
            self._emit({
                "type": "final", "speaker": segment.speaker.value,
                "start": self._t(segment.start), "end": self._t(segment.end),
                "text": segment.text,
                "words": [{"word": w.word, "start": self._t(w.start), "end": self._t(w.end)}
                          for w in segment.words],
            })  # fmt: skip
        else:
            self._line(f"[{_clock(segment.start)}] {self.names[segment.speaker]}: {segment.text}")

    def on_cue(self, cue: Cue) -> None:
        if self.jsonl:
            self._emit({"type": "cue", "speaker": cue_speaker(cue).value,
                        "start": self._t(cue.start), "end": self._t(cue.end), "text": cue.text,
                        "kind": cue.kind.value, "suggestion": cue.suggestion,
                        "severity": cue.severity.value, "confidence": round(cue.confidence, 4),
                        "live": cue.live})  # fmt: skip
        else:
            quote = f" \u201c{cue.text}\u201d" if cue.text else ""
            # Cues the coach is unsure of are kept for the review and printed quietly.
            lead = ">>" if cue.live else ".."
            self._line(f"  {lead} {cue.kind.value.upper()}{quote} \u2192 {cue.suggestion}")

    def info(self, message: str) -> None:
        """Status goes to stderr so stdout stays clean for --jsonl consumers."""
        with self._lock:
            try:
                self.err.write(f"tellmemore: {message}\n")
                self.err.flush()
            except (BrokenPipeError, ValueError):
                pass
