"""The review player: QMediaPlayer behind a session-time API, robust to a missing file or an
absent audio device.

Recording sample 0 is session time `offset_s`, so player position = session time - offset.
The player keeps its own position model: a seek is visible at once (and works without a
file), and QMediaPlayer's reports update it while playing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QMediaPlayer

from app.ui.media import audio_player

MIN_RATE, MAX_RATE = 0.75, 2.0
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
SKIP_S = 10.0


class ReviewPlayer(QObject):
    position_changed = Signal(float)  # session time, seconds
    playing_changed = Signal(bool)
    duration_changed = Signal(float)  # recording length, seconds
    rate_changed = Signal(float)
    problem = Signal(str)  # a message for the user (missing file, unplayable file)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player, self.audio = audio_player(self)  # (see app/ui/media.py: no freeze on close)
        # Keep the voice's pitch at 0.75-2x (FFmpeg backend; Qt >= 6.10 exposes the switch).
        if hasattr(self.player, "setPitchCompensation"):
            self.player.setPitchCompensation(True)
        self.path: Path | None = None
        self.offset_s = 0.0
        self.missing_path: Path | None = None
        self._position_s = 0.0  # session time
        self._duration_s = 0.0
        self._rate = 1.0
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.errorOccurred.connect(self._on_error)
        # A seek asked for before the media has loaded is kept and applied once it has: the
        # player ignores setPosition until then, and the first Play started at 0:00.
        self._pending_ms: int | None = None
        self.player.mediaStatusChanged.connect(self._on_media_status)

    # --- source ---------------------------------------------------------------------------

    def load(self, path: Path | None, offset_s: float = 0.0, duration_hint_s: float = 0.0) -> bool:
        """Returns False (and reports a problem) when the file is not where it was."""
        self.offset_s = offset_s
        self._duration_s = duration_hint_s
        self.missing_path = None
        self.path = None
        if path is None:
            self.player.setSource(QUrl())
            return False
        if not path.is_file():
            self.missing_path = path
            self.player.setSource(QUrl())
            self.problem.emit(f"The recording was not found. Looked for it at {path}.")
            return False
        self.path = path
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.setPlaybackRate(self._rate)
        self._seek_player()
        return True

    def release(self) -> None:
        """Stops and lets go of the file (before it is deleted or replaced)."""
        self.player.stop()
        self.player.setSource(QUrl())
        self.path = None

    @property
    def has_media(self) -> bool:
        return self.path is not None

    # --- transport ------------------------------------------------------------------------

    @property
    def position_s(self) -> float:
        return self._position_s

    @property
    def duration_s(self) -> float:
        return self._duration_s

    @property
    def rate(self) -> float:
        return self._rate

    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def seek(self, session_t: float) -> None:
        low = self.offset_s
        high = self.offset_s + self._duration_s if self._duration_s > 0 else float("inf")
        self._position_s = min(max(session_t, low), high)
        self._seek_player()
        self.position_changed.emit(self._position_s)

    def skip(self, delta_s: float) -> None:
        self.seek(self._position_s + delta_s)

    def play(self) -> None:
        if self.has_media:
            self._apply_pending()
            self.player.play()

    def pause(self) -> None:
        if self.has_media:
            self.player.pause()

    def toggle(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def set_rate(self, rate: float) -> float:
        self._rate = min(max(rate, MIN_RATE), MAX_RATE)
        self.player.setPlaybackRate(self._rate)
        self.rate_changed.emit(self._rate)
        return self._rate

    def faster(self) -> float:
        bigger = [s for s in SPEEDS if s > self._rate + 1e-6]
        return self.set_rate(bigger[0] if bigger else MAX_RATE)

    # --- QMediaPlayer reports -------------------------------------------------------------

    def _seek_player(self) -> None:
        if self.has_media:
            self._pending_ms = max(0, round((self._position_s - self.offset_s) * 1000))
            if self._loaded():
                self._apply_pending()

    def _loaded(self) -> bool:
        status = self.player.mediaStatus()
        return status in (QMediaPlayer.MediaStatus.LoadedMedia,
                          QMediaPlayer.MediaStatus.BufferedMedia,
                          QMediaPlayer.MediaStatus.BufferingMedia,
                          QMediaPlayer.MediaStatus.EndOfMedia)  # fmt: skip

    def _apply_pending(self) -> None:
        if self._pending_ms is not None:
            self.player.setPosition(self._pending_ms)
            self._pending_ms = None

    def _on_media_status(self, _status: QMediaPlayer.MediaStatus) -> None:
        if self._loaded():
            self._apply_pending()

    def _on_position(self, ms: int) -> None:
        if not self.has_media or self._pending_ms is not None:
            return  # the player's own 0:00 before a pending seek is not where we are
        self._position_s = self.offset_s + ms / 1000
        self.position_changed.emit(self._position_s)

    def _on_duration(self, ms: int) -> None:
        if ms > 0:
            self._duration_s = ms / 1000
            self.duration_changed.emit(self._duration_s)

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        self.playing_changed.emit(state == QMediaPlayer.PlaybackState.PlayingState)

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        where = f" ({self.path})" if self.path else ""
        self.problem.emit(f"The recording cannot be played{where}: {message}")
