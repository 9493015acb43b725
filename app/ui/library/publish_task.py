"""The Qt side of publishing: app.store.publish.Publisher on a worker thread, reported
through signals (the worker never touches a widget). Stop sets a flag; the copy stops at the
next chunk or table and is resumed by the next publish."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import SQLAlchemyError

from app.store.db import Store, StoreError, describe_refusal
from app.store.publish import (
    PublishCancelled,
    Publisher,
    PublishError,
    PublishProgress,
    PublishResult,
    PublishStage,
)

_STAGES = {PublishStage.AUDIO: "Copying the audio of", PublishStage.ROWS: "Copying"}


class PublishTask(QObject):
    progress = Signal(float, str)  # fraction of the whole run 0..1, what is happening
    published = Signal(object)  # one PublishResult, as each interview is done
    failed = Signal(str)  # a message for the user; what was done stays done
    stopped = Signal()
    finished = Signal()  # after all of the above

    def __init__(self, local: Store, team_url: str, interview_ids: list[int], *,
                 data_dir: Path | None = None, team: Store | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        """`team`: the team library already open (the window's own), else opened from
        `team_url` on the worker and closed after."""
        super().__init__(parent)
        self.local = local
        self.team_url = team_url
        self.team = team
        self.interview_ids = list(interview_ids)
        self.data_dir = data_dir or local.data_dir
        self.results: list[PublishResult] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="publish", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout_s: float) -> bool:
        """For tests and closing: True once the worker has ended."""
        if self._thread is not None:
            self._thread.join(timeout_s)
        return not self.is_running()

    def _on_progress(self, p: PublishProgress) -> None:
        which = f"interview {p.position} of {p.count}"
        if p.stage is PublishStage.DONE:
            self.progress.emit(p.fraction, f"Published {which}")
        else:
            self.progress.emit(p.fraction, f"{_STAGES[p.stage]} {which}\u2026")

    def _run(self) -> None:
        try:
            self.progress.emit(0.0, "Connecting to the team library\u2026")
            team = self.team or Store.open(self.data_dir, url=self.team_url)
        except StoreError as exc:
            self.failed.emit(str(exc))
            self.finished.emit()
            return
        try:
            publisher = Publisher(self.local, team, on_progress=self._on_progress,
                                  stop_requested=self._stop.is_set)  # fmt: skip
            for n, interview_id in enumerate(self.interview_ids, start=1):
                result = publisher.publish_one(interview_id, n, len(self.interview_ids))
                self.results.append(result)
                self.published.emit(result)
        except PublishCancelled:
            self.stopped.emit()
        except PublishError as exc:
            self.failed.emit(str(exc))
        except SQLAlchemyError as exc:
            reason = describe_refusal(exc) or "the team library refused the copy"
            self.failed.emit(f"Publishing stopped: {reason}. Publish again to finish; nothing "
                             "is copied twice.")  # fmt: skip
        except OSError as exc:
            self.failed.emit(f"Publishing stopped: the audio could not be copied "
                             f"({exc.strerror or exc}). Publish again to finish.")  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - never let a worker die silently
            self.failed.emit(f"Publishing stopped: {type(exc).__name__}. Publish again to "
                             "finish; nothing is copied twice.")  # fmt: skip
        finally:
            if team is not self.team:
                team.close()
        self.finished.emit()
