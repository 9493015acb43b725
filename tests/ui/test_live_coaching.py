"""The live window with the real pipeline: real speech through the file source, the real model,
the real coach, the bridge's signals. The interviewer asks a why question, pitches the product,
and Go deeper runs past its budget. The why and overtime cues are shown in the window; the pitch
is caught and saved for the review but not shown live (selling is review-only until its
precision on unseen interviews is high enough: app.coach.train.LIVE_KINDS)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.audio.filesource import FileSource
from app.coach.cues import Cue
from app.live.call import LiveCall
from app.live.reports import CueShown
from app.session.plan import InterviewPlan, Participant, PhaseSpec
from app.session.session import SessionState
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.transcript import SegmentRepository
from app.transcribe.model import LoadedModel
from app.ui.live.window import LiveWindow
from tests.live.speech import make_interview

pytestmark = pytest.mark.model

TURNS = [
    (0, "Why did you pick the annual plan?"),
    (1, "It was cheaper for the whole team."),
    (0, "Our product can fix that for you, and the first month is free."),
    (1, "Oh, I did not know that."),
]


def test_why_and_overtime_show_in_the_live_window_and_the_pitch_is_kept_for_review(
    qtbot, tmp_path: Path, whisper_model: LoadedModel, settings
) -> None:  # type: ignore[no-untyped-def]
    wav = tmp_path / "call.wav"
    make_interview(wav, TURNS, gap_s=1.5)
    store = Store.open(tmp_path / "data")
    phases = list(InterviewPlan().phases)
    phases[2] = PhaseSpec("Go deeper", 6.0, phases[2].goals)  # a short budget to run past
    plan = InterviewPlan(participant=Participant("Dana"), phases=tuple(phases))
    interview_id = InterviewRepository(store).create(plan)
    call = LiveCall(store, interview_id, plan, open_source=lambda: FileSource(wav, realtime=True),
                    loaded_model=whisper_model)  # fmt: skip
    window = LiveWindow(call, settings=settings)
    window.confirm_end = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    shown: list[Cue] = []
    window.bridge.reported.connect(lambda r: isinstance(r, CueShown) and shown.append(r.cue))
    # A person reads a cue, then closes it: the next one may show.
    closer = QTimer()
    closer.timeout.connect(lambda: window.cue_banner.isVisible() and window.cue_banner.dismiss())
    window.show()
    window.start_interview()
    window.next_phase()
    window.next_phase()  # Go deeper
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert window.cue_banner.isVisible()
    window.grab().save(str(tmp_path / "live-cue.png"))
    closer.start(1500)
    wanted = {"why", "overtime"}
    try:
        qtbot.waitUntil(lambda: wanted <= {c.kind.value for c in shown}, timeout=90_000)
    except Exception:  # noqa: BLE001 - pytest-qt raises its own TimeoutError type: explain the failure
        fired = [(c.kind, c.text) for c in CueRepository(store).list(interview_id)]
        heard = [s.segment.text for s in SegmentRepository(store).list(interview_id)]
        pytest.fail(f"shown {[c.kind.value for c in shown]}; fired {fired}; heard {heard}")
    pipeline = call.pipeline
    assert pipeline is not None
    qtbot.waitUntil(lambda: any(c.kind.value == "selling" for c in pipeline.cues),
                    timeout=90_000)  # fmt: skip
    closer.stop()
    with qtbot.waitSignal(window.call_closed, timeout=60_000):
        window.end_interview(confirm=False)
    assert window.session.state is SessionState.ENDED
    stored = CueRepository(store).list(interview_id)
    assert {"why", "selling", "overtime"} <= {c.kind for c in stored}
    assert all(not c.live for c in stored if c.kind == "selling")
    assert "selling" not in {c.kind.value for c in shown}
    texts = " ".join(s.segment.text for s in SegmentRepository(store).list(interview_id)).lower()
    assert "annual plan" in texts and "month" in texts
    assert InterviewRepository(store).get(interview_id).scorecard is not None
