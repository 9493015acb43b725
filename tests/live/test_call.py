"""The live call's orchestration with a fake view, a fake audio source and a scripted
transcriber: consent, privacy, revoke → delete, the one coach thread, checklist ticks applied in
the core, end → drain → score. The real model and audio run the same paths end to end in
test_pipeline.py, tests/ui/test_live_coaching.py and the PulseAudio tests."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.coach.cues import CueKind
from app.coach.engine import Coach
from app.coach.throttle import CUE_DISPLAY_S
from app.live.call import LiveCall
from app.live.recovery import LiveLock
from app.live.reports import (
    CallClosed,
    CueFired,
    CueShown,
    Keeping,
    Levels,
    ParticipantForgotten,
    QuestionsAsked,
    Status,
    UtteranceUpdate,
)
from app.session.consent import ConsentState
from app.session.plan import InterviewPlan, Participant
from app.session.segments import Speaker
from app.session.session import SessionState
from app.store.cues import CueRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import Interview
from app.store.recordings import RecordingRepository
from app.store.transcript import SegmentRepository
from tests.live.fakes import FakeSource, RecordingView, ScriptedFactory, ScriptedTranscriber

IV, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT
MODEL = SimpleNamespace(name="scripted", message=None)
PLAN = InterviewPlan(participant=Participant("Dana"),
                     core_questions=("Where did you get stuck?", "What did you try first?"))  # fmt: skip


class Call(SimpleNamespace):
    call: LiveCall
    view: RecordingView
    source: FakeSource
    factory: ScriptedFactory

    @property
    def say(self) -> ScriptedTranscriber:
        assert self.factory.transcriber is not None
        return self.factory.transcriber

    def settle(self) -> None:
        """Lets the coach thread finish, then ticks like the owner's timer does."""
        assert self.call.pipeline is not None
        assert self.call.pipeline.wait_idle()
        self.call.tick()
        assert self.call.pipeline.wait_idle()


@pytest.fixture
def live(store: Store) -> Call:
    interview_id = InterviewRepository(store).create(PLAN)
    view, source, factory = RecordingView(), FakeSource(), ScriptedFactory()
    call = LiveCall(store, interview_id, PLAN, view, open_source=lambda: source,
                    loaded_model=MODEL, transcriber_factory=factory)  # type: ignore[arg-type]
    call.start()
    assert call.pipeline is not None and source.started
    return Call(call=call, view=view, source=source, factory=factory)


def stored(store: Store, interview_id: int) -> list[tuple[Speaker, str]]:
    return [(s.segment.speaker, s.segment.text) for s in SegmentRepository(store).list(interview_id)]


def test_before_consent_the_participant_is_shown_and_coached_but_never_stored(
    live: Call, store: Store
) -> None:
    (keeping,) = live.view.of(Keeping)
    assert not keeping.participant_words and "Not keeping Dana's words" in keeping.message
    live.say.say(IV, 1, 2, "How do you handle invoices today?")
    live.say.say(P, 3, 5, "Usually we always just do everything in Zebulon spreadsheets, "
                          "everybody does.")
    live.settle()
    on_screen = [u.utterance.segment.text for u in live.view.of(UtteranceUpdate)]
    assert any("Zebulon" in text for text in on_screen)
    assert stored(store, live.call.interview_id) == [(IV, "How do you handle invoices today?")]
    # The generality cue quotes the participant: reported, not saved.
    assert CueKind.GENERALITY in {c.cue.kind for c in live.view.of(CueFired)}
    assert all(c.kind != "generality" for c in CueRepository(store).list(live.call.interview_id))
    assert SegmentRepository(store).search("Zebulon") == []


def test_granting_consent_keeps_both_sides_from_then_on(live: Call, store: Store) -> None:
    live.say.say(P, 1, 2, "Before consent.")
    live.settle()
    live.call.grant_consent()
    assert live.view.of(Keeping)[-1].participant_words
    live.say.say(P, 3, 4, "After consent.")
    live.settle()
    assert stored(store, live.call.interview_id) == [(P, "After consent.")]


def test_fragments_become_one_line_on_screen_and_in_the_store(live: Call, store: Store) -> None:
    live.call.grant_consent()
    live.say.say(IV, 1.0, 1.8, "so how did you")
    live.say.say(IV, 1.8, 2.6, "pick the annual")
    live.say.say(IV, 2.6, 3.0, "plan in the end?")
    live.settle()
    updates = [u.utterance for u in live.view.of(UtteranceUpdate)]
    assert len({u.id for u in updates}) == 1
    assert [u.closed for u in updates] == [False, False, True]
    assert updates[-1].segment.text == "so how did you pick the annual plan in the end?"
    assert stored(store, live.call.interview_id) == [
        (IV, "so how did you pick the annual plan in the end?")
    ]


def test_the_coach_runs_on_one_thread(live: Call, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: set[str] = set()
    for name in ("on_segment", "on_tick"):
        original = getattr(Coach, name)

        def spy(self: Coach, *args: object, _original: object = original) -> object:
            threads.add(threading.current_thread().name)
            return _original(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(Coach, name, spy)
    speaker = threading.Thread(target=live.say.say, args=(IV, 1, 2, "Why did you pick it?"))
    speaker.start()
    speaker.join()
    live.settle()
    live.call.tick()
    live.settle()
    assert threads == {"live-coach"}


def test_a_why_question_is_shown_for_the_throttles_display_time(live: Call) -> None:
    live.say.say(IV, 1, 2, "Why did you choose the annual plan?")
    live.settle()
    (shown,) = live.view.of(CueShown)
    assert shown.cue.kind is CueKind.WHY and shown.display_s == CUE_DISPLAY_S


def test_checklist_ticks_are_applied_in_the_core_on_the_owners_thread(live: Call) -> None:
    live.say.say(IV, 1, 2, "Thank you so much for joining me today.")
    assert live.call.pipeline is not None and live.call.pipeline.wait_idle()
    assert live.call.session.checklist[0][0] is False  # not from the coach thread
    live.call.tick()
    assert live.call.session.checklist[0][0] is True


def test_thanking_again_at_the_very_end_ticks_the_last_goal(live: Call, store: Store) -> None:
    session = live.call.session
    for _ in range(3):
        session.next_phase()  # Wrap up
    live.say.say(IV, 10, 12, "Thank you, this was really helpful.")
    live.settle()
    assert session.checklist[3][0] is True
    live.call.end()
    live.say.say(IV, 13, 15, "Thanks again for your time today.")  # coached after the end
    live.call.close()
    with store.session() as s:
        saved = s.get(Interview, live.call.interview_id)
        assert saved is not None and saved.checklist[3][4] is True  # "Thank them again"
        scorecard = saved.scorecard
    assert scorecard is not None


def test_planned_questions_are_matched_by_the_coach_not_the_window(live: Call) -> None:
    live.say.say(IV, 1, 3, "Okay, so where did you get stuck?")
    live.say.say(P, 3, 5, "What did you try first?")  # the participant asking: not a tick
    live.settle()
    assert [r.indices for r in live.view.of(QuestionsAsked)] == [(0,)]


def test_end_drains_scores_and_releases_the_lock(live: Call, store: Store) -> None:
    lock = LiveLock.path_for(store, live.call.interview_id)
    assert lock.exists()
    live.say.say(IV, 1, 2, "Tell me about the last time you paid an invoice.")
    live.call.end()
    assert live.call.session.state is SessionState.ENDED
    live.call.close()
    (closed,) = live.view.of(CallClosed)
    assert closed.message == "" and live.source.stopped and live.say.stopped
    assert not lock.exists()
    saved = InterviewRepository(store).get(live.call.interview_id)
    assert saved.status == "ended" and saved.scorecard is not None
    live.call.close()  # a second close does nothing
    assert len(live.view.of(CallClosed)) == 1


def test_revoke_and_delete_removes_audio_lines_and_cards(live: Call, store: Store) -> None:
    live.call.grant_consent()
    live.call.start_recording()
    live.source.speak(IV, 0.5)
    live.say.say(IV, 1, 2, "Tell me more about that.")
    live.say.say(P, 2, 4, "My boss Zebulon signs every invoice.")
    live.settle()
    (recording,) = RecordingRepository(store).for_interview(live.call.interview_id)
    forgotten = live.call.revoke_consent(delete=True)
    assert forgotten is not None and (forgotten.lines, forgotten.recordings) == (1, 1)
    assert live.call.session.consent is ConsentState.REVOKED and not live.call.session.recording
    assert not Path(recording.path).exists()
    assert RecordingRepository(store).for_interview(live.call.interview_id) == []
    assert stored(store, live.call.interview_id) == [(IV, "Tell me more about that.")]
    assert SegmentRepository(store).search("Zebulon") == []
    assert live.view.of(ParticipantForgotten) == [ParticipantForgotten(1, 1)]
    assert not live.view.of(Keeping)[-1].participant_words


def test_revoke_and_keep_deletes_nothing(live: Call, store: Store) -> None:
    live.call.grant_consent()
    live.say.say(P, 2, 4, "Keep this.")
    live.settle()
    assert live.call.revoke_consent(delete=False) is None
    assert stored(store, live.call.interview_id) == [(P, "Keep this.")]


def test_levels_are_reported_and_a_silent_call_side_is_named(live: Call) -> None:
    clock_start = live.call.session.elapsed_wall()
    live.source.speak(IV, 0.2)
    live.call.tick()
    levels = live.view.of(Levels)[-1].levels_db
    assert levels[IV] > -40 and levels[P] < -60
    assert not [s for s in live.view.of(Status) if "No sound from the call" in s.message]
    live.call._call_silent_since = clock_start - 60  # a minute of silence from the call
    live.source.speak(IV, 0.2)
    live.call.tick()
    assert [s for s in live.view.of(Status) if "No sound from the call" in s.message]


def test_recording_without_audio_is_refused_plainly(store: Store) -> None:
    interview_id = InterviewRepository(store).create(PLAN)
    view = RecordingView()

    def no_audio() -> FakeSource:
        raise OSError("PortAudio library not found")

    call = LiveCall(store, interview_id, PLAN, view, open_source=no_audio)
    call.start()
    assert call.pipeline is None and call.session.state is SessionState.RUNNING
    assert "No audio: PortAudio library not found" in view.of(Status)[0].message
    call.grant_consent()
    call.start_recording()
    assert not call.session.recording
    assert "needs a working microphone" in view.of(Status)[-1].message
    call.end()
    call.close()
    assert view.of(CallClosed)


def test_one_device_on_both_sides_is_reported_during_the_call(live: Call) -> None:
    import numpy as np

    rng = np.random.default_rng(1)
    for _ in range(30):
        block = 0.2 * rng.standard_normal(1600).astype(np.float32)
        live.source.rings[IV].write(block)
        live.source.rings[P].write(0.8 * block)
        live.call.tick()
    warnings = [s.message for s in live.view.of(Status) if "same sound" in s.message]
    assert len(warnings) == 1


def test_a_full_disk_mid_call_keeps_every_line_and_says_how_many_wait(
    live: Call, store: Store
) -> None:
    from tests.faults.test_journal import _PageLimit

    disk = _PageLimit(store)
    live.call.grant_consent()
    live.say.say(IV, 1, 2, "Tell me about the last invoice you paid.")
    live.settle()
    # Each line a new page's worth, so that the full database refuses the next ones.
    filler = "and then we checked every single line of it against the purchase order " * 40
    disk.full(store)
    for i in range(3):
        live.say.say(P, 3 + i * 3, 5 + i * 3, f"Answer {i}. {filler}")
    live.settle()
    waiting = [s for s in live.view.of(Status) if "The disk is full" in s.message]
    assert waiting and "waiting" in waiting[-1].message
    assert len(stored(store, live.call.interview_id)) == 1
    disk.free(store)
    live.settle()  # the next tick saves what waited
    assert [who for who, _ in stored(store, live.call.interview_id)] == [IV, P, P, P]
    assert any("Space is back" in s.message for s in live.view.of(Status))


def test_the_store_outlives_a_call_that_is_still_saving(live: Call, store: Store) -> None:
    """Quitting right after ending a call: whoever closes the store waits for its last words."""
    from app.live.call import wait_for_closing_calls

    live.say.say(IV, 1, 2, "Tell me about the last time you paid an invoice.")
    live.call.end()
    gate = threading.Event()
    original = live.call.pipeline.stop  # type: ignore[union-attr]

    def slow_stop(*args: object, **kwargs: object) -> None:
        gate.wait(5)
        original(*args, **kwargs)

    live.call.pipeline.stop = slow_stop  # type: ignore[union-attr, method-assign]
    closer = threading.Thread(target=live.call.close)
    closer.start()
    assert not wait_for_closing_calls(store, timeout=0.2)  # still saving
    gate.set()
    assert wait_for_closing_calls(store, timeout=10)
    assert live.call.closed and InterviewRepository(store).get(live.call.interview_id).scorecard
    closer.join()
