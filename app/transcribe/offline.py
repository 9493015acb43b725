"""Transcribing a whole audio or video file: one speaker per channel (ch1 interviewer,
ch2 participant), mono or identical channels give one speaker."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.audio.wavheader import WavLayout, inspect_wav, read_pcm
from app.session.segments import Segment, Speaker, Word
from app.transcribe.decoder import joined_pieces
from app.transcribe.vad import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

ProgressCallback = Callable[[float], None]  # fraction done, 0..1

CHANNEL_SPEAKERS = (Speaker.INTERVIEWER, Speaker.PARTICIPANT)


class AudioFileError(Exception):
    """The file cannot be read as audio; `str(error)` is written for the user."""


# Outside this a header is lying or hostile: resampling 1 Hz audio to 16 kHz multiplies it
# 16,000-fold (a 30 KB file became minutes of work and gigabytes).
MIN_RATE, MAX_RATE = 1000, 768_000


def _check_rate(path: Path, rate: int) -> None:
    if rate and not MIN_RATE <= rate <= MAX_RATE:
        raise AudioFileError(f"{path} claims a sample rate of {rate} Hz, which no recording has; "
                             "the file is damaged.")  # fmt: skip


def _channel_count(path: Path) -> int:
    import av

    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioFileError(f"{path} has no audio track.")
            stream = container.streams.audio[0]
            _check_rate(path, int(stream.codec_context.sample_rate or 0))
            return int(stream.codec_context.channels or stream.channels or 1)
    except AudioFileError:
        raise
    except Exception as error:  # PyAV raises many kinds: all mean "not audio we can read"
        raise AudioFileError(
            f"{path} is not an audio or video file we can read ({error})."
        ) from error


def _same_signal(a: np.ndarray, b: np.ndarray) -> bool:
    """A stereo file with (nearly) the same audio on both sides holds one mix, not two people."""
    n = min(a.size, b.size)
    if n == 0:
        return True
    diff = float(np.mean((a[:n] - b[:n]) ** 2))
    power = float(np.mean(a[:n] ** 2) + np.mean(b[:n] ** 2)) / 2
    return power == 0.0 or diff < 0.01 * power


def _read_past_the_header(path: Path, layout: WavLayout) -> list[np.ndarray]:
    """A WAV whose header hides some of its audio: every sample on disk, 16 kHz per side."""
    from app.audio.resample import resample

    if not layout.readable_pcm:
        raise AudioFileError(f"{layout.problem(path.name)} Its samples are in a format that "
                             "cannot be read past the header; repair the file first.")  # fmt: skip
    pcm = read_pcm(path, layout)
    if layout.channels >= 2:
        left = resample(pcm[:, 0], layout.samplerate)
        right = resample(pcm[:, 1], layout.samplerate)
        if _same_signal(left, right):
            return [((left + right) / 2).astype(np.float32)]
        return [left, right]
    return [resample(pcm[:, 0], layout.samplerate)]


def load_channels(path: str | os.PathLike[str],
                  on_warning: Callable[[str], None] | None = None) -> list[np.ndarray]:  # fmt: skip
    """The file's audio at 16 kHz mono float32: one array per speaker (one or two).

    A WAV whose header disagrees with its length is read in full (or as far as it goes) and
    `on_warning` is told, so a lying header never gives a silently empty transcript."""
    from faster_whisper import decode_audio

    path = Path(path)
    if not path.is_file():
        raise AudioFileError(f"{path} does not exist or is not a file.")
    layout = inspect_wav(path)
    if layout is not None:
        _check_rate(path, layout.samplerate)
    if layout is not None and layout.mismatch:
        if on_warning is not None:
            on_warning(layout.problem(path.name))
        if layout.hides_audio:
            return _read_past_the_header(path, layout)
    channels = _channel_count(path)
    try:
        if channels >= 2:
            left, right = decode_audio(str(path), sampling_rate=SAMPLE_RATE, split_stereo=True)
            if _same_signal(left, right):
                return [((left + right) / 2).astype(np.float32)]
            return [left, right]
        return [decode_audio(str(path), sampling_rate=SAMPLE_RATE)]
    except Exception as error:
        raise AudioFileError(f"{path} could not be decoded as audio ({error}).") from error


def split_at_pauses(
    speaker: Speaker, words: tuple[Word, ...], pause_s: float = 1.0
) -> list[Segment]:
    """One segment per run of words without a long pause. With VAD, Whisper may return one
    segment spanning two utterances and the silence cut out between them."""
    runs: list[list[Word]] = [[words[0]]]
    for previous, word in zip(words, words[1:], strict=False):
        if word.start - previous.end >= pause_s:
            runs.append([])
        runs[-1].append(word)
    return [
        Segment(speaker, run[0].start, run[-1].end, " ".join(w.word for w in run), tuple(run))
        for run in runs
    ]


def transcribe_channels(
    model: WhisperModel,
    channels: list[np.ndarray],
    *,
    beam_size: int = 5,
    language: str | None = "en",
    on_progress: ProgressCallback | None = None,
) -> list[Segment]:
    """All channels transcribed with VAD (no text from silence), merged in time order."""
    total = sum(a.size for a in channels) or 1
    done = 0
    segments: list[Segment] = []
    for speaker, audio in zip(CHANNEL_SPEAKERS, channels, strict=False):
        pieces, _info = model.transcribe(
            audio,
            language=language,
            beam_size=beam_size,
            vad_filter=True,
            word_timestamps=True,
        )
        for piece in pieces:
            words = tuple(joined_pieces([], piece.words or ()))
            if words:
                segments += split_at_pauses(speaker, words)
            elif piece.text.strip():
                segments.append(Segment(speaker, piece.start, piece.end, piece.text.strip()))
            if on_progress is not None:
                on_progress(min(1.0, (done + piece.end * SAMPLE_RATE) / total))
        done += audio.size
        if on_progress is not None:
            on_progress(done / total)
    segments.sort(key=lambda s: (s.start, s.speaker))
    return segments


def transcribe_file(
    model: WhisperModel,
    path: str | os.PathLike[str],
    *,
    beam_size: int = 5,
    language: str | None = "en",
    on_progress: ProgressCallback | None = None,
) -> list[Segment]:
    """Transcribe an audio or video file. Raises AudioFileError when it cannot be read."""
    channels = load_channels(path)
    if not any(a.size for a in channels):
        raise AudioFileError(f"{path} holds no audio samples.")
    return transcribe_channels(
        model, channels, beam_size=beam_size, language=language, on_progress=on_progress
    )
