"""The native audio libraries' chatter stays off the terminal; PortAudio codes become sentences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.audio.quiet import describe_portaudio_error

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ALSA is Linux only")
def test_alsa_errors_are_not_printed_once_the_handler_is_installed() -> None:
    probe = (
        "import ctypes, ctypes.util, os, sys\n"
        "os.environ['PULSE_SERVER'] = 'unix:/nonexistent/socket'\n"
        "lib = ctypes.util.find_library('asound')\n"
        "if lib is None: print('skip'); sys.exit(0)\n"
        "asound = ctypes.CDLL(lib)\n"
        "{install}\n"
        "pcm = ctypes.c_void_p()\n"
        "asound.snd_pcm_open(ctypes.byref(pcm), b'no_such_device_xyz', 1, 0)\n"
    )
    loud = _run(probe.format(install=""))
    if loud.stdout.strip() == "skip":
        pytest.skip("libasound is not installed")
    assert "ALSA lib" in loud.stderr  # the noise the handler must remove
    quiet = _run(
        probe.format(
            install="from app.audio.quiet import install_native_handlers; install_native_handlers()"
        )
    )
    assert quiet.stderr == ""


def test_native_writes_are_silenced_but_python_still_prints() -> None:
    done = _run(
        "import ctypes, sys\n"
        "from app.audio.quiet import native_stderr_silenced\n"
        "libc = ctypes.CDLL(None)\n"
        "with native_stderr_silenced():\n"
        "    libc.write(2, b'Expression failed in pa_linux_alsa.c\\n', 37)\n"
        "    print('the app still speaks', file=sys.stderr)\n"
        "libc.write(2, b'after\\n', 6)\n"
    )
    assert "Expression" not in done.stderr
    assert "the app still speaks" in done.stderr and "after" in done.stderr


class _PortAudioError(Exception):
    """Like sounddevice.PortAudioError: (message, code)."""

    def __str__(self) -> str:
        return f"{self.args[0]} [PaErrorCode {self.args[1]}]"


def test_a_dead_sound_server_is_described_in_words() -> None:
    exc = _PortAudioError("Error opening InputStream: Illegal combination of I/O devices", -9993)
    text = describe_portaudio_error(exc)
    assert "PaErrorCode" not in text and "-9993" not in text
    assert "sound server is not running" in text
    odd = describe_portaudio_error(_PortAudioError("Error opening InputStream: Blah", -9000))
    assert "PaErrorCode" not in odd and "Blah" in odd
