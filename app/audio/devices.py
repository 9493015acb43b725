"""Input devices for the picker, and the device specs AudioCapture accepts.

A spec is one of:
- ``"pulse:<source>"``: a PulseAudio/PipeWire source, e.g. ``"pulse:call.monitor"`` (Linux). It is
  opened on PortAudio's ALSA device ``pulse`` with ``PULSE_SOURCE`` set for that open only.
- an integer index (or its string, ``"3"``): a PortAudio input device.
- any other string: the first input device whose name contains it (case-insensitive).
- ``None`` / ``"default"``: PortAudio's default input.

`list_input_devices()` returns `DeviceInfo` rows (microphones, monitors and loopbacks, each with
the spec to hand back to AudioCapture); `default_devices()` picks the usual mic and call source.
Call audio comes from a monitor source on Linux, a WASAPI "[Loopback]" device on Windows and a
loopback driver such as BlackHole on macOS; `missing_call_source_message()` says what to do when
there is none.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from app.audio.quiet import describe_portaudio_error, native_stderr_silenced

PULSE_PREFIX = "pulse:"
PULSE_ALSA_DEVICE = "pulse"
# Names of loopback drivers people install to capture what a call app plays (macOS, Windows).
LOOPBACK_NAME_HINTS = (
    "[loopback]",
    "blackhole",
    "loopback audio",
    "soundflower",
    "cable output",
    "stereo mix",
    "what u hear",
)
# PortAudio's own PulseAudio host API names monitor sources like this.
MONITOR_NAME_HINTS = ("monitor of", ".monitor")


class DeviceError(RuntimeError):
    """A device spec that matches nothing, or PortAudio that cannot be used; message for people."""


class DeviceKind(StrEnum):
    MICROPHONE = "microphone"
    MONITOR = "monitor"  # a PulseAudio/PipeWire monitor of an output
    LOOPBACK = "loopback"  # WASAPI loopback, BlackHole and the like


@dataclass(frozen=True)
class DeviceInfo:
    spec: str  # what AudioCapture(mic=..., call=...) accepts for this device
    name: str
    kind: DeviceKind
    index: int | None = None  # PortAudio device index (None for a Pulse source)
    hostapi: str = ""
    channels: int = 0
    default_samplerate: float = 0.0
    description: str = ""
    is_default_mic: bool = False
    is_default_call: bool = False

    @property
    def is_call_source(self) -> bool:
        return self.kind is not DeviceKind.MICROPHONE


@dataclass(frozen=True)
class ResolvedDevice:
    """What to open: a PortAudio device, and for Pulse the source to select."""

    index: int
    label: str
    pulse_source: str | None = None
    channels: int = 1
    default_samplerate: float = 16000.0


def _sd() -> Any:
    try:
        # Importing initialises PortAudio, which probes every ALSA/JACK device aloud.
        with native_stderr_silenced():
            import sounddevice
    except OSError as exc:  # the PortAudio library itself is missing
        raise DeviceError(f"PortAudio is not available: {exc}") from exc
    return sounddevice


def reinitialize_portaudio() -> None:
    """Re-scan devices (PortAudio's list is fixed at initialisation). Only with no stream open."""
    sd = _sd()
    with native_stderr_silenced():
        sd._terminate()
        sd._initialize()


def _portaudio_inputs() -> list[dict[str, Any]]:
    sd = _sd()
    try:
        devices = sd.query_devices()
        hostapis = sd.query_hostapis()
    except sd.PortAudioError as exc:
        raise DeviceError(f"Audio devices could not be listed: {describe_portaudio_error(exc)}") from exc
    rows = []
    for dev in devices:
        if dev["max_input_channels"] > 0:
            row = dict(dev)
            row["hostapi_name"] = hostapis[dev["hostapi"]]["name"]
            rows.append(row)
    return rows


def _default_input_index() -> int | None:
    sd = _sd()
    try:
        index = sd.default.device[0]
        if index is None or index < 0:
            index = sd.query_hostapis(0)["default_input_device"]
    except Exception:  # noqa: BLE001 - PortAudio without a usable host API: no default
        return None
    return int(index) if index is not None and index >= 0 else None


def _device_kind(name: str) -> DeviceKind:
    lower = name.lower()
    if any(hint in lower for hint in MONITOR_NAME_HINTS):
        return DeviceKind.MONITOR
    if any(hint in lower for hint in LOOPBACK_NAME_HINTS):
        return DeviceKind.LOOPBACK
    return DeviceKind.MICROPHONE


# -- PulseAudio / PipeWire ----------------------------------------------------------------------
@dataclass(frozen=True)
class PulseSource:
    name: str
    description: str
    is_monitor: bool


def _pactl(*args: str) -> str | None:
    if shutil.which("pactl") is None:
        return None
    try:
        done = subprocess.run(
            ["pactl", *args], capture_output=True, text=True, timeout=3, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def pulse_sources() -> list[PulseSource]:
    """The sources of the running PulseAudio/PipeWire server (empty when there is none)."""
    if not sys.platform.startswith("linux"):
        return []
    out = _pactl("-f", "json", "list", "sources")
    if out:
        try:
            rows = json.loads(out)
            return [
                PulseSource(
                    r["name"],
                    r.get("description", ""),
                    r["name"].endswith(".monitor")
                    or r.get("properties", {}).get("device.class") == "monitor",
                )
                for r in rows
            ]
        except (ValueError, KeyError, TypeError):
            pass
    out = _pactl("list", "short", "sources")  # older pactl without JSON output
    if not out:
        return []
    sources = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            sources.append(PulseSource(parts[1], "", parts[1].endswith(".monitor")))
    return sources


def pulse_defaults() -> tuple[str | None, str | None]:
    """(default source, monitor of the default sink) of the Pulse server, None when unknown."""
    source = (_pactl("get-default-source") or "").strip() or None
    sink = (_pactl("get-default-sink") or "").strip() or None
    return source, (f"{sink}.monitor" if sink else None)


# -- listing ------------------------------------------------------------------------------------
def list_input_devices() -> list[DeviceInfo]:
    """Every input the app can open: PortAudio inputs, then Pulse sources (Linux).

    Exactly one row is flagged `is_default_mic` and at most one `is_default_call`.
    """
    rows = _portaudio_inputs()
    default_index = _default_input_index()
    infos: list[DeviceInfo] = []
    pulse_index: int | None = None
    for row in rows:
        if row["name"] == PULSE_ALSA_DEVICE:
            pulse_index = row["index"]
        infos.append(
            DeviceInfo(
                spec=str(row["index"]),
                name=row["name"],
                kind=_device_kind(row["name"]),
                index=row["index"],
                hostapi=row["hostapi_name"],
                channels=row["max_input_channels"],
                default_samplerate=float(row["default_samplerate"]),
            )
        )
    if pulse_index is not None:
        for src in pulse_sources():
            infos.append(
                DeviceInfo(
                    spec=PULSE_PREFIX + src.name,
                    name=src.name,
                    kind=DeviceKind.MONITOR if src.is_monitor else DeviceKind.MICROPHONE,
                    index=None,
                    hostapi="PulseAudio",
                    channels=1,
                    default_samplerate=16000.0,
                    description=src.description,
                )
            )
    return _flag_defaults(infos, default_index)


def _flag_defaults(infos: list[DeviceInfo], default_index: int | None) -> list[DeviceInfo]:
    mic = _pick_default_mic(infos, default_index)
    call = _pick_default_call(infos)
    return [replace(d, is_default_mic=d is mic, is_default_call=d is call) for d in infos]


def _pick_default_mic(infos: list[DeviceInfo], default_index: int | None) -> DeviceInfo | None:
    pulse = [d for d in infos if d.spec.startswith(PULSE_PREFIX)]
    if pulse:
        source, _ = pulse_defaults()
        for d in pulse:
            if d.name == source and d.kind is DeviceKind.MICROPHONE:
                return d
        mics = [d for d in pulse if d.kind is DeviceKind.MICROPHONE]
        if mics:
            return mics[0]
    for d in infos:
        if d.index == default_index and d.kind is DeviceKind.MICROPHONE:
            return d
    mics = [d for d in infos if d.kind is DeviceKind.MICROPHONE]
    return mics[0] if mics else (infos[0] if infos else None)


def _pick_default_call(infos: list[DeviceInfo]) -> DeviceInfo | None:
    pulse_monitors = [d for d in infos if d.kind is DeviceKind.MONITOR]
    if pulse_monitors:
        _, sink_monitor = pulse_defaults()
        for d in pulse_monitors:
            if d.name == sink_monitor:
                return d
        return pulse_monitors[0]
    loopbacks = [d for d in infos if d.kind is DeviceKind.LOOPBACK]
    return loopbacks[0] if loopbacks else None


def default_devices() -> tuple[DeviceInfo | None, DeviceInfo | None]:
    """(microphone, call source) the picker preselects; the call source may be None."""
    infos = list_input_devices()
    mic = next((d for d in infos if d.is_default_mic), None)
    call = next((d for d in infos if d.is_default_call), None)
    return mic, call


def missing_call_source_message(platform: str | None = None) -> str:
    """What to tell the interviewer when no call audio source exists on this system."""
    platform = platform or sys.platform
    lead = (
        "No call audio source found: only your microphone is captured, so the participant's "
        "words are missing from the transcript and the recording. "
    )
    if platform.startswith("linux"):
        return lead + (
            "On Linux, pick the monitor of the output your call app plays to "
            "(PulseAudio or PipeWire, e.g. \u201cpulse:<sink>.monitor\u201d; `tellmemore devices` "
            "lists them)."
        )
    if platform == "win32":
        return lead + (
            "On Windows, pick the \u201c[Loopback]\u201d device of your speakers or headset "
            "(WASAPI loopback)."
        )
    if platform == "darwin":
        return lead + (
            "On macOS, install a loopback driver such as BlackHole, send the call app's output "
            "to a Multi-Output Device that includes it, and pick BlackHole here."
        )
    return lead + "Pick a loopback or monitor input that carries the call audio."


# -- resolving specs ------------------------------------------------------------------------------
def resolve_spec(spec: str | int | None) -> ResolvedDevice:
    """Turn a spec into the PortAudio device to open; DeviceError with a message if none."""
    rows = _portaudio_inputs()
    if not rows:
        raise DeviceError(
            "PortAudio found no input device. Check that a microphone is connected and that "
            "the sound server (PulseAudio/PipeWire) is running."
        )
    by_index = {r["index"]: r for r in rows}

    def make(row: dict[str, Any], pulse_source: str | None = None) -> ResolvedDevice:
        label = f"{PULSE_PREFIX}{pulse_source}" if pulse_source else row["name"]
        return ResolvedDevice(
            index=row["index"],
            label=label,
            pulse_source=pulse_source,
            channels=row["max_input_channels"],
            default_samplerate=float(row["default_samplerate"]),
        )

    if spec is None or (isinstance(spec, str) and spec.strip().lower() in ("", "default")):
        index = _default_input_index()
        if index is not None and index in by_index:
            return make(by_index[index])
        return make(rows[0])
    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().isdigit()):
        index = int(spec)
        if index not in by_index:
            raise DeviceError(f"There is no input device with index {index}.")
        return make(by_index[index])
    text = spec.strip()
    if text.lower().startswith(PULSE_PREFIX):
        source = text[len(PULSE_PREFIX) :]
        pulse = next((r for r in rows if r["name"] == PULSE_ALSA_DEVICE), None)
        if pulse is None:
            raise DeviceError(
                f"\u201c{text}\u201d needs PortAudio's ALSA device \u201cpulse\u201d, which is "
                "missing (install libasound2-plugins and run PulseAudio or PipeWire)."
            )
        known = pulse_sources()
        if known and source and source not in {s.name for s in known}:
            raise DeviceError(
                f"PulseAudio has no source named \u201c{source}\u201d "
                f"(it has: {', '.join(s.name for s in known)})."
            )
        return make(pulse, source or None)
    needle = text.lower()
    for row in rows:
        if row["name"].lower() == needle:
            return make(row)
    for row in rows:
        if needle in row["name"].lower():
            return make(row)
    # A bare Pulse source name is accepted too ("call.monitor").
    if any(r["name"] == PULSE_ALSA_DEVICE for r in rows) and text in {
        s.name for s in pulse_sources()
    }:
        return resolve_spec(PULSE_PREFIX + text)
    raise DeviceError(f"No input device matches \u201c{text}\u201d.")
