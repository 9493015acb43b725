"""`tellmemore listen`: the live copilot in a terminal, with the live window's own classes."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from datetime import datetime
from typing import Any

from app.audio.devices import DeviceError
from app.live.call import LiveCall
from app.live.console import ConsolePrinter
from app.live.recovery import recover_interrupted
from app.session.consent import ConsentError
from app.session.plan import InterviewPlan, Participant
from app.store.db import Store, StoreError
from app.store.interviews import InterviewRepository
from app.store.paths import resolve_data_dir

TICK_S = 0.2


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "listen",
        help="run one interview headless: live transcript and cues in the terminal",
        description="Capture the microphone (you) and the call audio (the participant), "
        "transcribe both locally and print the transcript and coaching cues as they happen. "
        "Ctrl+C ends the interview cleanly (the last words are transcribed and saved).",
    )
    p.add_argument("--mic", help="microphone: an index, a name, or pulse:SOURCE (see `devices`)")
    p.add_argument("--call", help="call audio: a monitor/loopback source (see `devices`)")
    p.add_argument("--file", help="replay an audio file instead of capturing (2 channels: "
                   "you, participant)")  # fmt: skip
    p.add_argument("--consent", choices=("granted", "declined"),
                   help="the participant's answer to recording; without it nothing is recorded")  # fmt: skip
    p.add_argument("--data-dir", default=argparse.SUPPRESS,
                   help="folder for the database and recordings")  # fmt: skip
    p.add_argument("--model", help="speech model: a name or a folder (default: bundled tiny.en)")
    p.add_argument("--participant", default="Participant", help="the participant's name")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per event on stdout")
    p.add_argument("--duration", type=float, help="stop after this many seconds")
    p.add_argument("--audio-start-at", type=float, metavar="UNIX_TIME",
                   help="report times as seconds since this Unix time (when an outside player "
                   "started the audio) instead of since the session start")  # fmt: skip
    p.set_defaults(handler=run)


def _make_source(args: argparse.Namespace) -> Any:
    if args.file:
        from app.audio.filesource import FileSource

        return FileSource(args.file, realtime=True)
    from app.audio.capture import AudioCapture

    return AudioCapture(mic=args.mic, call=args.call)


def run(args: argparse.Namespace) -> int:
    try:
        store = Store.open(resolve_data_dir(getattr(args, "data_dir", None)))
    except StoreError as exc:
        print(f"tellmemore: {exc}", file=sys.stderr)
        return 2
    try:
        return _listen(args, store)
    finally:
        store.close()


def _listen(args: argparse.Namespace, store: Store) -> int:
    printer = ConsolePrinter(jsonl=args.jsonl, participant_name=args.participant)
    for report in recover_interrupted(store):
        printer.info(report.message())
    try:
        source = _make_source(args)  # before the interview exists: a wrong device leaves none
    except (DeviceError, OSError, RuntimeError) as exc:
        print(f"tellmemore: {exc}", file=sys.stderr)
        return 2
    plan = InterviewPlan(participant=Participant(args.participant))
    interview_id = InterviewRepository(store).create(
        plan, title=f"{args.participant}, {datetime.now():%Y-%m-%d %H:%M} (listen)"
    )
    call = LiveCall(store, interview_id, plan, printer, open_source=lambda: source,
                    model_choice=args.model)  # fmt: skip
    stop = threading.Event()
    interrupts = 0

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal interrupts
        interrupts += 1
        if interrupts > 1:
            raise KeyboardInterrupt  # a second Ctrl+C: stop waiting for the drain
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call.start()
        if call.pipeline is None:
            call.end()
            call.close()
            return 2  # the reason was reported (no device, PortAudio missing…)
        if args.audio_start_at is not None:
            # Session time 0 on the wall clock, minus when the outside audio started.
            started = call.session.started_monotonic
            assert started is not None
            zero_wall = time.time() - (time.monotonic() - started)
            printer.time_offset = zero_wall - args.audio_start_at
        printer.info(f"interview {interview_id} started; Ctrl+C ends it")
        if args.consent == "granted":
            call.grant_consent()
            try:
                call.start_recording()
            except (ConsentError, OSError) as exc:
                printer.info(f"recording could not start: {exc}")
        elif args.consent == "declined":
            call.decline_consent()
        deadline = time.monotonic() + args.duration if args.duration else None
        try:
            while not stop.wait(TICK_S):
                call.tick()
                if deadline is not None and time.monotonic() >= deadline:
                    break
                if args.file and getattr(source, "finished", False):
                    break
            printer.info("ending: transcribing the last words\u2026")
            call.tick()  # the goals ticked meanwhile count before the clock stops
            call.end()
            call.close()
        except KeyboardInterrupt:
            printer.info("stopped without waiting for the last words")
        finally:
            # Whatever happened above, the interview is closed and scored, never left "live".
            call.end()
            if not call.closed:
                call.close()
        pipeline = call.pipeline
        printer.info(f"interview {interview_id} saved ({len(pipeline.final_segments)} lines, "
                     f"{len(pipeline.cues)} cues)")  # fmt: skip
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
