"""Improve transcript: decode an interview's recording again with the best model on this
machine, replace the live lines (never the ones corrected by hand), re-run the coach.
Qt-free; app.ui.review.improve is its face in the review window, `tellmemore improve` its
command."""

from app.improve.decode import DecodedRecording, ModelDecoder, RecordingDecoder, model_choice
from app.improve.errors import (
    CancelFlag,
    ImproveCancelled,
    ImproveFailed,
    ImproveRefused,
    TranscriptChanged,
)
from app.improve.job import ImproveJob, ImproveResult, Proposal
from app.improve.merge import LineChange, Span, TranscriptMerge

__all__ = [
    "CancelFlag",
    "DecodedRecording",
    "ImproveCancelled",
    "ImproveFailed",
    "ImproveJob",
    "ImproveRefused",
    "ImproveResult",
    "LineChange",
    "ModelDecoder",
    "Proposal",
    "RecordingDecoder",
    "Span",
    "TranscriptChanged",
    "TranscriptMerge",
    "model_choice",
]
