"""Screenshots of the desktop UI for the README, reproducible: a temporary data folder, throwaway
settings and a FakeClock.

    xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python scripts/screenshots.py   # Xvfb
    # (a screen that size: xvfb-run's default 640x480 clamps taller dialogs and clips them)
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

Writes PNG files into resources/screenshots/ (or the folder given as the first argument).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TMP = Path(tempfile.mkdtemp(prefix="tellmemore-shots-"))
os.environ["TELLMEMORE_SETTINGS_ORG"] = "TellMeMoreScreenshots"
os.environ["TELLMEMORE_SETTINGS_DIR"] = str(TMP / "settings")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from types import SimpleNamespace  # noqa: E402

import numpy as np  # noqa: E402
from shots import save, settle  # noqa: E402, F401  (scripts/: the shared grab)

from app.coach.cues import Cue, CueKind, Severity  # noqa: E402
from app.live.call import LiveCall  # noqa: E402
from app.live.reports import CueShown, PartialText, QuestionsAsked  # noqa: E402
from app.session.clock import FakeClock  # noqa: E402
from app.session.plan import MINUTE, InterviewPlan, Participant  # noqa: E402
from app.session.segments import Segment, Speaker  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.interviews import InterviewRepository  # noqa: E402
from app.ui.controller import AppController  # noqa: E402
from app.ui.live.window import LiveWindow  # noqa: E402
from app.ui.main import create_application  # noqa: E402
from app.ui.new_interview import NewInterviewDialog  # noqa: E402
from app.ui.settings_dialog import SettingsDialog  # noqa: E402
from app.ui.start_window import StartWindow  # noqa: E402
from tests.live.fakes import FakeSource, ScriptedFactory  # noqa: E402
from tests.ui.lines import Lines  # noqa: E402

PLAN = InterviewPlan(
    participant=Participant("Ana Ruiz", "Northwind Logistics", "Operations lead"),
    focus="How do new customers get through their first week with us?",
    core_questions=(
        "Walk me through the day you signed up.",
        "What did you try first?",
        "Where did you get stuck?",
        "Who else was involved in setting it up?",
        "What did you do when something didn't work?",
        "What would you tell a colleague starting tomorrow?",
    ),
    gift="$50 gift card",
)


@dataclass(frozen=True)
class SampleDevice:  # the shape of app.audio.devices.DeviceInfo that the dialog reads
    spec: str
    name: str
    description: str
    is_call_source: bool


def sample_devices() -> list[SampleDevice]:
    return [
        SampleDevice("pulse:alsa_input.usb-headset", "Headset", "USB Headset Microphone", False),
        SampleDevice("pulse:alsa_output.monitor", "Monitor", "Monitor of Built-in Audio", True),
    ]


def seed_library(store: Store) -> None:
    repo = InterviewRepository(store)
    people = [
        ("Bo Lindqvist", "Fjord Freight", "What made you start looking for a tool like ours?",
         1712.0, "ended"),
        ("Chiara Neri", "Pasta Bella", "Is there a major pain point we are not addressing?",
         2489.0, "ended"),
        ("Dev Patel", "Brightline", "What is the biggest roadblock our new customers hit?",
         655.0, "recovered"),
        ("Emma Stone", "Acme Corp", "How do new customers get through their first week with us?",
         1804.0, "ended"),
    ]  # fmt: skip
    base = datetime(2025, 3, 3, 14, 0)
    for i, (name, company, focus, duration, status) in enumerate(people):
        plan = InterviewPlan(participant=Participant(name, company), focus=focus)
        interview_id = repo.create(plan)
        when = base + timedelta(days=i * 2, hours=i)
        repo.update(interview_id, status=status, duration_s=duration, started_at=when)
        with store.session() as s:  # stable dates in the picture
            from app.store.models import Interview

            s.get(Interview, interview_id).created_at = when


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    settings = Settings()
    settings.interviewer_name = "Sam"
    data = TMP / "data"
    store = Store.open(data)
    seed_library(store)

    # Start window with the crash-recovery banner.
    start = StartWindow(settings)
    controller = AppController(start, settings, str(data))
    start.attach(controller)
    controller.start()
    start.show_banner(
        "An interview was interrupted when the app stopped (Dev Patel \u2014 Brightline). "
        "Everything saved up to that moment is kept; it is marked \u201crecovered\u201d.",
        "warning",
    )
    start.resize(860, 520)
    start.show()
    save(app, start, out, "start_window")

    dialog = NewInterviewDialog(InterviewPlan(), PLAN, start, interviewers=["Jon Okafor", "Sam"],
                                interviewer=settings.interviewer_name)  # fmt: skip
    dialog.name_edit.setText("Ana Ruiz")
    dialog.company_edit.setText("Northwind Logistics")
    dialog.role_edit.setText("Operations lead")
    dialog.show()
    save(app, dialog, out, "new_interview")
    dialog.phase_boxes[1].setValue(0)
    dialog.accept()
    save(app, dialog, out, "new_interview_refused")
    dialog.close()

    settings_dialog = SettingsDialog(settings, start, device_lister=sample_devices)
    settings_dialog.show()
    save(app, settings_dialog, out, "settings")
    settings_dialog.close()

    # Live window before consent: the record button is locked.
    clock = FakeClock(wall_start=datetime(2025, 3, 12, 15, 0).timestamp())
    interview_id = InterviewRepository(store).create(PLAN, interviewer_name="Sam")
    # A real call over a fake device and a scripted transcriber: screenshots need no sound card.
    call = LiveCall(store, interview_id, PLAN, clock=clock, open_source=FakeSource,
                    loaded_model=SimpleNamespace(name="scripted", message=None),
                    transcriber_factory=ScriptedFactory())  # type: ignore[arg-type]
    live = LiveWindow(call, settings=settings)
    lines = Lines.for_window(live)
    live.confirm_end = lambda: True  # type: ignore[method-assign]
    live.resize(380, 600)  # the default size: a cue must hide neither transcript nor goals
    live.show()
    save(app, live, out, "live_not_started")
    check_source = FakeSource()  # what the devices would deliver: you, then the call
    import app.ui.live.bridge as bridge_module

    bridge_module.make_source = lambda _settings: check_source  # type: ignore[assignment]
    check = live.check_audio()
    assert check is not None
    rng = np.random.default_rng(0)
    check_source.rings[Speaker.INTERVIEWER].write(0.2 * rng.standard_normal(16000).astype("float32"))
    check.poll()
    save(app, check, out, "audio_check_waiting")
    check_source.rings[Speaker.PARTICIPANT].write(0.1 * rng.standard_normal(16000).astype("float32"))
    check.poll()
    save(app, check, out, "audio_check_ready")
    check.reject()
    live.start_interview()
    clock.advance(2 * MINUTE + 14)
    live.refresh()
    live.show_banner("No call audio: only your side is transcribed.", "warning")
    save(app, live, out, "live_before_consent")
    live.audio_strip.banner.dismiss()

    # Consent given and recording, in the basics, nearing the budget (amber).
    live.grant_consent()
    live.toggle_recording()
    live.session.set_goal(0, 2, True, auto=True)
    live.session.set_goal(0, 0, True)
    clock.advance(2 * MINUTE)
    live.next_phase()
    clock.advance(4 * MINUTE + 5)
    live.refresh()
    live.set_levels(-18.0, -24.0)
    lines.final(Segment(Speaker.INTERVIEWER, 250, 254, "So how long have you been at Northwind?"))
    lines.final(Segment(Speaker.PARTICIPANT, 255, 262,
                        "About three years now, I run the ops team."))  # fmt: skip
    lines.final(Segment(Speaker.INTERVIEWER, 263, 266,
                        "Great. Walk me through the day you signed up."))  # fmt: skip
    live.apply_report(QuestionsAsked((0,)))
    save(app, live, out, "live_recording_amber")
    live.plan_tabs.setCurrentIndex(1)
    save(app, live, out, "live_questions")
    live.plan_tabs.setCurrentIndex(0)

    # Go deeper, over budget: red bar, transcript with finals and a partial, a cue showing.
    live.next_phase()
    live.session.set_goal(2, 0, True, auto=True)
    clock.advance(16 * MINUTE + 40)
    live.refresh()
    turns = [
        (Speaker.PARTICIPANT, 1190, "The first week was mostly me copying addresses from our "
                                    "old spreadsheet into the route planner."),
        (Speaker.INTERVIEWER, 1204, "You mentioned the spreadsheet. Tell me more about it."),
        (Speaker.PARTICIPANT, 1209, "Well, it had every depot and the drivers' phone numbers, "
                                    "and nobody trusted the import."),
        (Speaker.INTERVIEWER, 1221, "Why didn't you trust the import?"),
    ]  # fmt: skip
    for speaker, start_s, text in turns:
        lines.final(Segment(speaker, start_s, start_s + 6, text))
    live.apply_report(PartialText(Speaker.PARTICIPANT, "Because the first time we tried it, half "
                                  "the", 1228, 1233))  # fmt: skip
    live.cue_banner.dismiss()
    why = Cue(CueKind.WHY, 1221, 1227, "Why didn't you trust the import?",
              "Tell me more about what happened with the import.", Severity.WARN)
    live.apply_report(CueShown(why, 8.0))
    live.set_levels(-40.0, -14.0)
    live.set_backlog(2.4)
    save(app, live, out, "live_go_deeper_over")

    live.end_interview()
    if live.summary_dialog is not None:
        # What the pipeline stores once the last words are in and the call is scored.
        from app.store.cues import CueRepository

        InterviewRepository(store).update(interview_id, scorecard={
            "score": 68, "talk_share": 0.34,
            "tips": ["You did 34% of the talking; aim for under 30 %.",
                     "1 why-question(s): try \u201cTell me more about\u2026\u201d."]})  # fmt: skip
        cue_repo = CueRepository(store)
        cue_repo.add(interview_id, kind="why", start=1221, end=1225,
                     text="Why didn't you trust the import?", suggestion="Tell me more")  # fmt: skip
        cue_repo.add(interview_id, kind="closed", start=260, end=262, text="Is that weekly?",
                     suggestion="Walk me through", live=False)  # fmt: skip
        cue_repo.add(interview_id, kind="overtime", start=1300, end=1300, text="", suggestion="")
        live.show_score()
        save(app, live.summary_dialog, out, "live_summary")
        live.summary_dialog.accept()
    app.processEvents()
    controller.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
