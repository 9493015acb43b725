"""The Qt side of an import: runs ImportJob on a worker thread and reports through signals.

The worker never touches a widget: it only emits signals, which Qt queues to the GUI thread.
Closing never waits on the GUI thread: cancel() sets a flag and the worker ends on its own.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.importing import (
    Analyzer,
    CancelToken,
    FileTranscriber,
    ImportCancelled,
    ImportFailed,
    ImportJob,
    ImportRequest,
)
from app.settings import Settings
from app.store.db import Store


class ImportTask(QObject):
    progress = Signal(float, str)  # fraction 0..1, what is happening
    succeeded = Signal(object)  # ImportResult
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    def __init__(self, store: Store, request: ImportRequest, *,
                 transcriber: FileTranscriber | None = None, analyzer: Analyzer | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        if not request.last_interviewer:
            # A transcript that names no interviewer is guessed to be the user's own interview
            # (the report says so); read here, on the GUI thread, where QSettings lives.
            request = replace(request, last_interviewer=Settings().interviewer_name)
        self.request = request
        self.token = CancelToken()
        self.job = ImportJob(store, request, transcriber=transcriber, analyzer=analyzer,
                             progress=self.progress.emit, cancel=self.token)  # fmt: skip
        self._thread: threading.Thread | None = None

    @property
    def name(self) -> str:
        return Path(self.request.path).name

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"import {self.name}", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self.token.cancel()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self.job.run()
        except ImportCancelled:
            self.cancelled.emit()
        except ImportFailed as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - never let a worker die silently
            self.failed.emit(f"{self.name} could not be imported: {exc}")
        else:
            self.succeeded.emit(result)
        self.finished.emit()
