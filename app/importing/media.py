"""What is in a media file, read with PyAV (which faster-whisper already brings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MediaInfo:
    duration_s: float
    channels: int
    samplerate: int
    has_video: bool


def probe_media(path: Path) -> MediaInfo:
    """Raises ValueError with a short reason when the file holds no audio we can decode."""
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise ValueError("it has no sound track")
            stream = container.streams.audio[0]
            duration = 0.0
            if container.duration is not None:
                duration = container.duration / 1_000_000  # AV_TIME_BASE: microseconds
            elif stream.duration is not None and stream.time_base is not None:
                duration = float(stream.duration * stream.time_base)
            return MediaInfo(
                duration_s=duration,
                channels=stream.codec_context.channels or 1,
                samplerate=stream.codec_context.sample_rate or 0,
                has_video=bool(container.streams.video),
            )
    except av.error.FFmpegError as exc:
        raise ValueError(str(exc).split(":", 1)[-1].strip() or "unknown format") from None
