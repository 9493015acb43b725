"""What a file to import is: a recording (audio or video) or a transcript."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

AUDIO_SUFFIXES = frozenset({".wav", ".flac", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".aac",
                            ".wma", ".aiff", ".aif"})  # fmt: skip
VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v", ".wmv"})
TRANSCRIPT_SUFFIXES = frozenset({".vtt", ".srt", ".txt", ".md", ".jsonl", ".json"})


class ImportKind(StrEnum):
    RECORDING = "recording"
    TRANSCRIPT = "transcript"


def classify(path: Path) -> ImportKind:
    """By extension; anything unknown is tried as a transcript (its reader says if it is not)."""
    suffix = path.suffix.lower()
    if suffix in AUDIO_SUFFIXES or suffix in VIDEO_SUFFIXES:
        return ImportKind.RECORDING
    return ImportKind.TRANSCRIPT


def file_dialog_filter() -> str:
    media = " ".join(f"*{s}" for s in sorted(AUDIO_SUFFIXES | VIDEO_SUFFIXES))
    texts = " ".join(f"*{s}" for s in sorted(TRANSCRIPT_SUFFIXES))
    return (f"Recordings and transcripts ({media} {texts});;Recordings ({media});;"
            f"Transcripts ({texts});;All files (*)")  # fmt: skip
