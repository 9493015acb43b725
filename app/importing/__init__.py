"""Import an existing recording or transcript as an interview (Qt-free; runs on a worker).

    job = ImportJob(store, ImportRequest(path), progress=cb, cancel=token)
    result = job.run()   # ImportResult, or raises ImportFailed(message) / ImportCancelled
"""

from app.importing.analysis import Analysis, Analyzer
from app.importing.cancel import CancelToken, ImportCancelled
from app.importing.interviewer import InterviewerChoice, InterviewerSource
from app.importing.job import ImportFailed, ImportJob, ImportRequest, ImportResult
from app.importing.kinds import ImportKind, classify, file_dialog_filter
from app.importing.transcribing import FileTranscriber

__all__ = [
    "Analysis",
    "Analyzer",
    "CancelToken",
    "FileTranscriber",
    "ImportCancelled",
    "InterviewerChoice",
    "InterviewerSource",
    "ImportFailed",
    "ImportJob",
    "ImportKind",
    "ImportRequest",
    "ImportResult",
    "classify",
    "file_dialog_filter",
]
