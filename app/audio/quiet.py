"""Keeping the native audio libraries' chatter off the user's terminal, and PortAudio's error
codes out of the user's sentences.

When the sound server dies, ALSA prints "ALSA lib pulse.c:242:(pulse_connect) ..." for every
device PortAudio probes, JACK prints "Cannot connect to server socket", and PortAudio's ALSA
host API prints "Expression '...' failed in 'src/hostapi/alsa/pa_linux_alsa.c'" for every
failed step: about a hundred lines per re-scan. Nothing in them helps the user, who already
gets one line from the app ("audio source lost ... retrying").

- ALSA and JACK let a program replace their error printers: `install_native_handlers()` sets
  no-op ones through ctypes (once; harmless where the libraries are absent).
- PortAudio's debug printer is not exported, so `native_stderr_silenced()` points file
  descriptor 2 at /dev/null around the PortAudio calls the app makes (initialise, re-scan,
  open a stream); Python's own sys.stderr is moved to a copy of the real stderr meanwhile, so
  the app's messages from other threads still reach the terminal.
- `describe_portaudio_error(exc)`: "Illegal combination of I/O devices [PaErrorCode -9993]"
  becomes a sentence that says what to do.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import sys
import threading
from collections.abc import Iterator
from typing import Any

_installed = False
_keep: list[Any] = []  # the C callbacks must outlive the libraries' use of them
_silence_lock = threading.RLock()

# void (*snd_lib_error_handler_t)(const char *file, int line, const char *function, int err,
#                                 const char *fmt, ...): extra variadic arguments are ignored.
_ALSA_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                 ctypes.c_int, ctypes.c_char_p)  # fmt: skip
_JACK_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p)


def _ignore_alsa(_file: bytes, _line: int, _function: bytes, _err: int, _fmt: bytes) -> None:
    pass


def _ignore_jack(_message: bytes) -> None:
    pass


def _load(name: str) -> ctypes.CDLL | None:
    path = ctypes.util.find_library(name)
    if path is None:
        return None
    try:
        return ctypes.CDLL(path)
    except OSError:
        return None


def install_native_handlers() -> None:
    """Replace ALSA's and JACK's stderr printers by no-ops (idempotent; Linux only matters)."""
    global _installed
    if _installed or not sys.platform.startswith("linux"):
        return
    _installed = True
    asound = _load("asound")
    if asound is not None and hasattr(asound, "snd_lib_error_set_handler"):
        handler = _ALSA_HANDLER(_ignore_alsa)
        _keep.append(handler)
        asound.snd_lib_error_set_handler(handler)
    jack = _load("jack")
    if jack is not None:
        for setter in ("jack_set_error_function", "jack_set_info_function"):
            if hasattr(jack, setter):
                handler = _JACK_HANDLER(_ignore_jack)
                _keep.append(handler)
                getattr(jack, setter)(handler)


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Native writes to fd 2 go to /dev/null inside; Python's sys.stderr still prints."""
    install_native_handlers()
    try:
        fd_is_stderr = sys.stderr is not None and sys.stderr.fileno() == 2
    except (AttributeError, OSError, ValueError):
        fd_is_stderr = False  # a test's capture, a GUI without a console
    with _silence_lock:
        try:
            saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
        except OSError:
            yield
            return
        python_stderr = sys.stderr
        replacement = None
        try:
            if fd_is_stderr:
                python_stderr.flush()
                replacement = open(os.dup(saved), "w", buffering=1,  # noqa: SIM115
                                   encoding=getattr(python_stderr, "encoding", None) or "utf-8",
                                   errors="backslashreplace")  # fmt: skip
                sys.stderr = replacement
            os.dup2(devnull, 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)
            if replacement is not None:
                sys.stderr = python_stderr
                replacement.close()


_CODE = re.compile(r"\s*\[PaErrorCode (-?\d+)\]")
_SERVER_GONE = {-10000, -9999, -9996, -9993, -9985, -9979, -9978}
_ADVICE = {
    -9998: "the device does not have that many channels",
    -9997: "the device does not take this sample rate",
    -9994: "the device does not take this sample format",
    -9992: "there was not enough memory to open it",
    -9987: "it did not answer in time",
}


def portaudio_code(exc: BaseException) -> int | None:
    args = getattr(exc, "args", ())
    if len(args) >= 2 and isinstance(args[1], int):
        return args[1]
    match = _CODE.search(str(exc))
    return int(match.group(1)) if match else None


def describe_portaudio_error(exc: BaseException) -> str:
    """A sentence for the user; PortAudio's own words stay only as a short hint."""
    code = portaudio_code(exc)
    detail = _CODE.sub("", str(exc.args[0] if getattr(exc, "args", None) else exc))
    detail = detail.removeprefix("Error opening InputStream: ").strip()
    if code in _SERVER_GONE:
        return ("the sound server is not running or the device is gone (is PulseAudio or "
                "PipeWire running, is the device plugged in?)")  # fmt: skip
    if code in _ADVICE:
        return _ADVICE[code]
    if code is not None:
        return f"the audio system refused to open it ({detail or 'no reason given'})"
    return str(exc)
