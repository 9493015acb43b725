"""A private PulseAudio server for real-audio tests, and helpers to speak into its sinks.

Use the `pulse_server` fixture (session scope): it starts `pulseaudio` in the foreground with a
private runtime folder, loads two null sinks `mic` and `call` (capture their monitors with the
specs "pulse:mic.monitor" / "pulse:call.monitor"), points this process's environment at it and
re-initialises PortAudio so the ALSA `pulse` device talks to it. Other test folders register the
fixture with `from tests.pulse import pulse_server  # noqa: F401` in their conftest.py.

Tests skip (not fail) only when the pulseaudio / pactl / paplay / espeak-ng binaries are absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SINKS = ("mic", "call")
REQUIRED_BINARIES = ("pulseaudio", "pactl", "paplay", "espeak-ng")
VOICES = {"mic": "en-us", "call": "en-gb"}


class PulseError(RuntimeError):
    pass


def missing_binaries() -> list[str]:
    return [b for b in REQUIRED_BINARIES if shutil.which(b) is None]


class PulseServer:
    """One pulseaudio process in the foreground, owned by the test session."""

    def __init__(self, root: Path, sinks: tuple[str, ...] = SINKS) -> None:
        self.root = root
        self.sinks = sinks
        self.runtime = root / "runtime"
        self.socket = self.runtime / "native"
        self.log_path = root / "pulseaudio.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.sink_modules: dict[str, int] = {}

    @property
    def env(self) -> dict[str, str]:
        """Environment for clients (this process, children, paplay, pactl)."""
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.runtime),
            "PULSE_CLIENTCONFIG": str(self.root / "client.conf"),
            "PULSE_COOKIE": str(self.root / "cookie"),
            "PULSE_STATE_PATH": str(self.root / "state"),
        }

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(self.env)
        env.pop("PULSE_SOURCE", None)
        return env

    def start(self, timeout: float = 15.0) -> None:
        self.runtime.mkdir(parents=True, exist_ok=True)
        self.runtime.chmod(0o700)
        (self.root / "state").mkdir(exist_ok=True)
        (self.root / "client.conf").write_text("autospawn = no\n")
        config = self.root / "server.pa"
        config.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
        )
        env = self.child_env()
        env["XDG_RUNTIME_DIR"] = str(self.root)
        env["HOME"] = str(self.root)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [
                    "pulseaudio",
                    "-n",
                    "-F",
                    str(config),
                    "--daemonize=no",
                    "--exit-idle-time=-1",
                    "--disable-shm=yes",
                    "--use-pid-file=no",
                    "--system=no",
                    "--log-target=stderr",
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise PulseError(f"pulseaudio exited: {self.log_path.read_text()[-2000:]}")
            if self.socket.exists() and self.pactl("info", check=False).returncode == 0:
                break
            time.sleep(0.1)
        else:
            self.stop()
            raise PulseError("pulseaudio did not come up")
        for sink in self.sinks:
            self.load_sink(sink)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    # -- control -------------------------------------------------------------------------------
    def pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["pactl", *args], env=self.child_env(), capture_output=True, text=True, timeout=10
        )
        if check and done.returncode != 0:
            raise PulseError(f"pactl {' '.join(args)} failed: {done.stderr}")
        return done

    def load_sink(self, name: str, rate: int = 48000) -> None:
        out = self.pactl(
            "load-module",
            "module-null-sink",
            f"sink_name={name}",
            f"rate={rate}",
            f"sink_properties=device.description={name}",
        ).stdout
        self.sink_modules[name] = int(out.strip())

    def unload_sink(self, name: str) -> None:
        self.pactl("unload-module", str(self.sink_modules.pop(name)))

    def wait_for_recorders(self, count: int = 1, timeout: float = 30.0) -> bool:
        """Whether `count` clients record from the server (source outputs) within the time.
        Played audio reaches only the streams open when it plays: on a busy machine opening a
        device can take longer than any fixed wait."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            listed = self.pactl("list", "short", "source-outputs", check=False).stdout
            if len(listed.strip().splitlines()) >= count:
                return True
            time.sleep(0.05)
        return False

    def play(self, sink: str, wav: Path) -> subprocess.Popen[bytes]:
        """Start playing a file into a sink; wait() on the result to know when it ends."""
        return subprocess.Popen(
            ["paplay", f"--device={sink}", str(wav)],
            env=self.child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def play_and_wait(self, sink: str, wav: Path, timeout: float = 30) -> None:
        proc = self.play(sink, wav)
        if proc.wait(timeout=timeout) != 0:
            raise PulseError(f"paplay into {sink} failed")


def speak(text: str, path: Path, voice: str = "en-us") -> Path:
    """Synthesize `text` into a WAV with espeak-ng (22.05 kHz mono)."""
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(path), text], check=True, timeout=30)
    return path


def wav_duration(path: Path) -> float:
    import soundfile as sf

    return float(sf.info(str(path)).duration)


def _reinitialize_portaudio_if_loaded() -> None:
    if "sounddevice" in sys.modules:
        from app.audio.devices import reinitialize_portaudio

        reinitialize_portaudio()


@pytest.fixture(scope="session")
def pulse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    missing = missing_binaries()
    if missing:
        pytest.skip(f"real-audio test needs {', '.join(missing)}")
    # A short path: unix socket paths are limited to ~108 bytes.
    root = Path(tmp_path_factory.mktemp("pulse"))
    server = PulseServer(root)
    server.start()
    with pytest.MonkeyPatch.context() as mp:
        for key, value in server.env.items():
            mp.setenv(key, value)
        mp.delenv("PULSE_SOURCE", raising=False)
        _reinitialize_portaudio_if_loaded()
        try:
            yield server
        finally:
            server.stop()
    _reinitialize_portaudio_if_loaded()
