import io
import json

from app.coach.cues import Cue, CueKind, Severity
from app.live.console import ConsolePrinter
from app.live.reports import ModelState, Status, StatusLevel
from app.session.segments import Segment, Speaker, Word


def test_jsonl_events_carry_words_and_shifted_times() -> None:
    out, err = io.StringIO(), io.StringIO()
    printer = ConsolePrinter(out, jsonl=True, time_offset=2.5, err=err)
    printer.on_partial(Speaker.PARTICIPANT, "we usually", 1.0, 1.8)
    words = (Word("We", 1.0, 1.2), Word("usually", 1.2, 1.8))
    printer.on_final(Segment(Speaker.PARTICIPANT, 1.0, 1.8, "We usually", words))
    printer.on_cue(Cue(CueKind.GENERALITY, 1.0, 1.8, "We usually", "Ask for a case",
                       Severity.INFO))  # fmt: skip
    printer.report(Status("call audio lost", StatusLevel.WARNING))
    partial, final, cue = (json.loads(line) for line in out.getvalue().splitlines())
    assert partial["type"] == "partial" and partial["start"] == 3.5
    assert final["words"] == [{"word": "We", "start": 3.5, "end": 3.7},
                              {"word": "usually", "start": 3.7, "end": 4.3}]  # fmt: skip
    assert cue["kind"] == "generality" and cue["speaker"] == "participant"
    assert partial["emitted_at"] <= final["emitted_at"] <= cue["emitted_at"]
    assert "call audio lost" in err.getvalue() and "call audio lost" not in out.getvalue()


def test_readable_lines_name_the_speakers() -> None:
    out = io.StringIO()
    printer = ConsolePrinter(out, participant_name="Dana", err=io.StringIO())
    printer.on_final(Segment(Speaker.INTERVIEWER, 65.0, 67.0, "Why did you pick it?"))
    printer.on_cue(Cue(CueKind.WHY, 65, 67, "Why did you pick it?", "Tell me about picking it.",
                       Severity.WARN))  # fmt: skip
    printer.on_final(Segment(Speaker.PARTICIPANT, 68.0, 70.0, "It was cheaper."))
    assert out.getvalue().splitlines() == [
        "[01:05.0] You: Why did you pick it?",
        "  >> WHY \u201cWhy did you pick it?\u201d \u2192 Tell me about picking it.",
        "[01:08.0] Dana: It was cheaper.",
    ]


def test_jsonl_says_when_transcription_is_ready() -> None:
    out, err = io.StringIO(), io.StringIO()
    printer = ConsolePrinter(out, jsonl=True, err=err)
    printer.report(ModelState(False, "Loading the speech model"))
    assert out.getvalue() == ""
    printer.report(ModelState(True, "Transcribing with tiny.en"))
    (ready,) = (json.loads(line) for line in out.getvalue().splitlines())
    assert ready["type"] == "ready"
