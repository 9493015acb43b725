"""`tellmemore transcribe FILE`: transcribe an audio or video file offline."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

EXIT_BAD_INPUT = 2
# A transcript takes a few KB per minute; below this the disk is as good as full.
MIN_FREE_BYTES = 256 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "transcribe",
        help="transcribe an audio or video file",
        description="Transcribe an audio or video file. A two-channel file gives two speakers "
        "(channel 1 interviewer, channel 2 participant); mono gives one.",
    )
    parser.add_argument("file", help="audio or video file")
    parser.add_argument("--model", help="model name (e.g. base.en) or folder; default: bundled")
    parser.add_argument(
        "--format",
        choices=("vtt", "srt", "txt", "json"),
        help="output format (default: from --out's extension, else txt)",
    )
    parser.add_argument("--out", help="write here instead of standard output")
    parser.add_argument("--beam-size", type=_beam_size, default=5, help="1 to 20 (default 5)")
    parser.add_argument(
        "--download-models",
        action="store_true",
        help="allow downloading the --model from the Hugging Face hub",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def _beam_size(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= size <= 20:
        raise argparse.ArgumentTypeError("the beam size must be between 1 and 20")
    return size


def check_output(out: str) -> str | None:
    """Why the transcript could not be written to `out`, checked before the (long) work."""
    path = Path(out)
    if path.is_dir():
        return f"{out} is a folder; give a file name, e.g. {path / 'transcript.vtt'}"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"{out} cannot be written (permission denied)"
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if free is not None and free < MIN_FREE_BYTES:
        return (f"the disk holding {folder} is full ({free // 1024} KB free); free some space "
                "first, so the transcript is not lost after the work")  # fmt: skip
    return None


class ProgressBar:
    """A text progress bar on stderr, redrawn at most every 0.2 s."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self._stream = stream
        self._width = width
        self._last = 0.0
        self._tty = stream.isatty()

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < (0.2 if self._tty else 5.0):
            return
        self._last = now
        filled = int(self._width * fraction)
        bar = "#" * filled + "-" * (self._width - filled)
        end = "\r" if self._tty and fraction < 1.0 else "\n"
        self._stream.write(f"transcribing [{bar}] {fraction * 100:5.1f}%{end}")
        self._stream.flush()


def run(args: argparse.Namespace) -> int:
    from app.transcribe.model import ModelError, load_model
    from app.transcribe.offline import AudioFileError, load_channels, transcribe_channels
    from app.transcribe.writers import render

    if args.out and (problem := check_output(args.out)):
        print(f"tellmemore transcribe: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    fmt = args.format
    if fmt is None:
        suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
        fmt = suffix if suffix in ("vtt", "srt", "txt", "json") else "txt"
    try:
        channels = load_channels(
            args.file, on_warning=lambda m: print(f"tellmemore transcribe: {m}", file=sys.stderr)
        )
    except AudioFileError as error:
        print(f"tellmemore transcribe: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not any(a.size for a in channels):
        print(f"tellmemore transcribe: {args.file} holds no audio samples.", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        loaded = load_model(args.model, allow_download=args.download_models)
    except ModelError as error:
        print(f"tellmemore transcribe: {error}", file=sys.stderr)
        return 1
    if loaded.message:
        print(f"tellmemore transcribe: {loaded.message}", file=sys.stderr)
    progress = None if args.quiet else ProgressBar(sys.stderr)
    segments = transcribe_channels(
        loaded.model, channels, beam_size=args.beam_size, on_progress=progress
    )
    text = render(segments, fmt)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as error:  # a full disk: keep the work, say where it went
            fallback = Path(tempfile.gettempdir()) / f"tellmemore-transcript-{os.getpid()}.{fmt}"
            reason = error.strerror or str(error)
            try:
                fallback.write_text(text, encoding="utf-8")
            except OSError:
                sys.stdout.write(text)
                print(f"tellmemore transcribe: {args.out} could not be written ({reason}); the "
                      "transcript was printed instead.", file=sys.stderr)  # fmt: skip
                return EXIT_BAD_INPUT
            print(f"tellmemore transcribe: {args.out} could not be written ({reason}); the "
                  f"transcript was saved to {fallback}.", file=sys.stderr)  # fmt: skip
            return EXIT_BAD_INPUT
    else:
        sys.stdout.write(text)
    return 0
