"""Who led an imported interview: asked, read from the file, or the last interviewer; and the
sentence the import's report uses to say which, so a guess is never silent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class InterviewerSource(StrEnum):
    GIVEN = "given"  # the user typed it in the import
    TRANSCRIPT = "transcript"  # the interviewer speaker's name in the transcript
    LAST_USED = "last_used"  # nothing better: the interviewer of the last interview
    UNKNOWN = "unknown"


# Speaker labels that name a role or a channel, not a person: never made into a person record.
_GENERIC = re.compile(
    r"^(interviewer|interviewee|participant|customer|host|guest|me|you|unknown|"
    r"speaker|spk|s|channel|ch|mic|system|left|right)[\s_#-]*\d*$",
    re.IGNORECASE,
)


def is_person_name(label: str) -> bool:
    """A name, not a role ("Interviewer"), a numbered voice ("SPEAKER_01") or a letter ("A")."""
    label = label.strip()
    letters = sum(ch.isalpha() for ch in label)
    return letters >= 2 and _GENERIC.match(label) is None


@dataclass(frozen=True)
class InterviewerChoice:
    name: str
    source: InterviewerSource

    def report(self) -> str:
        """One sentence for the import's report."""
        if self.source is InterviewerSource.GIVEN:
            return f"Interviewer: {self.name}."
        if self.source is InterviewerSource.TRANSCRIPT:
            return f"Interviewer: {self.name} (the interviewer's name in the transcript)."
        if self.source is InterviewerSource.LAST_USED:
            return (f"Interviewer: {self.name} (guessed: the last interviewer; change it in the "
                    "trainer view if someone else led it).")  # fmt: skip
        return ("No interviewer recorded: the trainer view counts the interview once someone is "
                "set as its interviewer.")  # fmt: skip


def choose_interviewer(given: str, from_transcript: str, last_used: str) -> InterviewerChoice:
    """The first of: the name given, the transcript's interviewer speaker (when it is a name,
    not "Speaker 1"), the last interviewer."""
    if given.strip():
        return InterviewerChoice(" ".join(given.split()), InterviewerSource.GIVEN)
    if is_person_name(from_transcript):
        return InterviewerChoice(" ".join(from_transcript.split()), InterviewerSource.TRANSCRIPT)
    if last_used.strip():
        return InterviewerChoice(" ".join(last_used.split()), InterviewerSource.LAST_USED)
    return InterviewerChoice("", InterviewerSource.UNKNOWN)
