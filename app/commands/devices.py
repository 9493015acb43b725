"""`tellmemore devices`: the inputs the app can capture, with the specs it accepts."""

from __future__ import annotations

import argparse
import sys

from app.audio.devices import (
    DeviceError,
    DeviceInfo,
    list_input_devices,
    missing_call_source_message,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "devices",
        help="list microphones and call-audio (monitor/loopback) sources",
        description=(
            "List the input devices and the monitor/loopback sources of call audio. Pass the "
            "SPEC column to the app's device settings (or to bench scripts)."
        ),
    )
    parser.set_defaults(handler=run)


def _row(d: DeviceInfo) -> str:
    defaults = []
    if d.is_default_mic:
        defaults.append("default mic")
    if d.is_default_call:
        defaults.append("default call")
    index = "" if d.index is None else str(d.index)
    label = d.name + (f" ({d.description})" if d.description else "")
    return f"{index:>5}  {d.kind.value:<10}  {d.spec:<28}  {label}" + (
        f"  [{', '.join(defaults)}]" if defaults else ""
    )


def run(args: argparse.Namespace) -> int:
    try:
        devices = list_input_devices()
    except DeviceError as exc:
        print(f"Cannot list audio devices: {exc}", file=sys.stderr)
        return 1
    if not devices:
        print(
            "PortAudio found no input device. Connect a microphone and check that the sound "
            "server (PulseAudio/PipeWire, WASAPI, Core Audio) is running.",
            file=sys.stderr,
        )
        return 1
    print(f"{'INDEX':>5}  {'KIND':<10}  {'SPEC':<28}  NAME")
    for d in devices:
        print(_row(d))
    if not any(d.is_call_source for d in devices):
        print()
        print(missing_call_source_message())
    return 0
