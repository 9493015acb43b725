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
from app.coach.checklist import tick_session
from app.live.console import ConsolePrinter
from app.live.pipeline import LivePipeline
from app.live.recovery import LiveLock, recover_interrupted
from app.session.consent import ConsentError
from app.session.plan import InterviewPlan, Participant
from app.session.session import InterviewSession
from app.store.db import Store, StoreError
from app.store.interviews import InterviewRepository
from app.store.paths import resolve_data_dir
from app.store.timeline import SessionPersister

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
    printer = ConsolePrinter(jsonl=args.jsonl, participant_name=args.participant)
    for report in recover_interrupted(store):
        printer.info(report.message())
    plan = InterviewPlan(participant=Participant(args.participant))
    interviews = InterviewRepository(store)
    interview_id = interviews.create(
        plan, title=f"{args.participant}, {datetime.now():%Y-%m-%d %H:%M} (listen)"
    )
    try:
        source = _make_source(args)
    except (DeviceError, OSError, RuntimeError) as exc:
        interviews.delete(interview_id)
        print(f"tellmemore: {exc}", file=sys.stderr)
        return 2
    session = InterviewSession(plan)
    SessionPersister(store, interview_id, session)
    lock = LiveLock(store, interview_id)
    lock.acquire()
    session.start()
    if args.audio_start_at is not None:
        # Session time 0 on the wall clock, minus when the outside audio started.
        assert session.started_monotonic is not None
        zero_wall = time.time() - (time.monotonic() - session.started_monotonic)
        printer.time_offset = zero_wall - args.audio_start_at
    pipeline = LivePipeline(store, interview_id, session, source, printer, model_choice=args.model)
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
        try:
            pipeline.start()
        except DeviceError as exc:
            printer.info(str(exc))
            session.end()
            return 2
        status = source.status()
        if status.message:
            printer.info(status.message)
        printer.info(f"interview {interview_id} started; Ctrl+C ends it")
        if args.consent == "granted":
            session.grant_consent()
            try:
                pipeline.start_recording()
            except (ConsentError, OSError) as exc:
                printer.info(f"recording could not start: {exc}")
        elif args.consent == "declined":
            session.decline_consent()
        deadline = time.monotonic() + args.duration if args.duration else None
        last_status = status.message
        try:
            while not stop.wait(TICK_S):
                pipeline.tick()
                tick_session(session, printer.take_checklist())
                status = source.status()
                if status.message != last_status:
                    printer.info(status.message or "audio is back")
                    last_status = status.message
                if deadline is not None and time.monotonic() >= deadline:
                    break
                if args.file and source.finished:
                    break
            printer.info("ending: transcribing the last words\u2026")
            pipeline.stop()
        except KeyboardInterrupt:
            printer.info("stopped without waiting for the last words")
        finally:
            # Whatever happened above, the interview is closed and scored, never left "live".
            tick_session(session, printer.take_checklist())
            session.end()
            pipeline.finish()
        printer.info(f"interview {interview_id} saved ({len(pipeline.final_segments)} lines, "
                     f"{len(pipeline.cues)} cues)")  # fmt: skip
        return 0
    finally:
        lock.release()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        store.close()
