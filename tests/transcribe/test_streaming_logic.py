"""The streaming transcriber with a scripted decoder and an energy VAD (no model)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from app.session.segments import Segment, Speaker
from app.transcribe.agreement import normalise
from app.transcribe.streaming import StreamingSettings, StreamingTranscriber
from app.transcribe.vad import SAMPLE_RATE
from tests.transcribe.fakes import EnergyScorer, ScriptedDecoder, script_from_text, signal_for

BLOCK = SAMPLE_RATE // 10  # 100 ms, as the audio capture delivers it

LONG_TURN = (
    "so the way we handle reporting today is that every monday morning I open the export from "
    "the billing system and copy the numbers into a spreadsheet that my manager built years "
    "ago and then I check every row by hand because the totals never match the dashboard and "
    "nobody knows why so it takes most of the morning before I can send anything"
)


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, float, object]] = []  # (kind, audio time fed, payload)
        self.now = 0.0
        self.lock = threading.Lock()

    def on_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None:
        with self.lock:
            self.events.append(("partial", self.now, (speaker, text)))

    def on_final(self, segment: Segment) -> None:
        with self.lock:
            self.events.append(("final", self.now, segment))

    @property
    def finals(self) -> list[Segment]:
        return [e[2] for e in self.events if e[0] == "final"]  # type: ignore[misc]

    def final_words(self, speaker: Speaker | None = None) -> list[str]:
        return [w.word for s in self.finals if speaker in (None, s.speaker) for w in s.words]


def make(decoder: ScriptedDecoder, recorder: Recorder, **settings: object) -> StreamingTranscriber:
    transcriber = StreamingTranscriber(
        decoder,
        on_partial=recorder.on_partial,
        on_final=recorder.on_final,
        settings=StreamingSettings(**settings),  # type: ignore[arg-type]
        scorer_factory=EnergyScorer,
    )
    return transcriber


def play(
    transcriber: StreamingTranscriber, recorder: Recorder, channels: dict[Speaker, np.ndarray]
) -> None:
    """Feed every channel block by block in step, processing after each block (real-time order)."""
    n = max(a.size for a in channels.values())
    for i in range(0, n, BLOCK):
        recorder.now = (i + BLOCK) / SAMPLE_RATE
        for speaker, audio in channels.items():
            if i < audio.size:
                transcriber.feed(speaker, audio[i : i + BLOCK])
        transcriber.process_available()
    transcriber.flush()


def test_only_the_utterance_end_decode_hears_the_long_silence() -> None:
    """Partials keep the decoder's short padding (cheap, decoded every step); the utterance's
    last decode gets `final_silence_s` of quiet after it, as Whisper was trained."""
    script = script_from_text("tell me about the last time you prepared the monthly report", 1.0)
    decoder = ScriptedDecoder(script)
    recorder = Recorder()
    transcriber = make(decoder, recorder, final_silence_s=7.0)
    transcriber.add_channel(Speaker.INTERVIEWER)
    play(transcriber, recorder, {Speaker.INTERVIEWER: signal_for(script, 9.0)})
    beams = [call[3] for call in decoder.calls]
    assert beams.count(5) == 1 and beams.count(2) >= 3
    assert [s for s, b in zip(decoder.silences, beams, strict=True) if b == 5] == [7.0]
    assert {s for s, b in zip(decoder.silences, beams, strict=True) if b == 2} == {None}


def test_one_utterance_gives_every_word_once_in_order() -> None:
    script = script_from_text("tell me about the last time you prepared the monthly report", 1.0)
    decoder = ScriptedDecoder(script)
    recorder = Recorder()
    transcriber = make(decoder, recorder)
    transcriber.add_channel(Speaker.INTERVIEWER)
    play(transcriber, recorder, {Speaker.INTERVIEWER: signal_for(script, 9.0)})
    assert recorder.final_words() == [w.word for w in script]
    assert all(s.speaker is Speaker.INTERVIEWER for s in recorder.finals)
    assert transcriber.backlog_s() < 0.05


def test_partial_text_comes_before_the_final_text_of_a_word() -> None:
    script = script_from_text("we export the numbers every monday and check them by hand", 0.5)
    recorder = Recorder()
    transcriber = make(ScriptedDecoder(script), recorder)
    transcriber.add_channel(Speaker.PARTICIPANT)
    play(transcriber, recorder, {Speaker.PARTICIPANT: signal_for(script, 8.0)})
    first_partial: dict[str, float] = {}
    for kind, now, payload in recorder.events:
        if kind == "partial":
            for token in payload[1].split():  # type: ignore[index]
                first_partial.setdefault(normalise(token), now)
    first_final = next(now for kind, now, _ in recorder.events if kind == "final")
    assert min(first_partial.values()) < first_final
    # Words committed while the speaker still talks were all shown as partial text first
    # (the last word of an utterance may go straight to final at the pause).
    checked = 0
    for segment in recorder.finals:
        final_at = next(now for kind, now, p in recorder.events if p is segment)
        if final_at < script[-1].end:
            for w in segment.words:
                assert first_partial[normalise(w.word)] < final_at, w.word
                checked += 1
    assert checked >= 5


def test_the_final_text_at_a_pause_clears_the_partial() -> None:
    script = script_from_text("how long did that take", 0.5)
    recorder = Recorder()
    transcriber = make(ScriptedDecoder(script), recorder)
    transcriber.add_channel(Speaker.INTERVIEWER)
    play(transcriber, recorder, {Speaker.INTERVIEWER: signal_for(script, 5.0)})
    partials = [e for e in recorder.events if e[0] == "partial"]
    assert partials and partials[-1][2] == (Speaker.INTERVIEWER, "")
    last_word_end = script[-1].end
    final_time = max(now for kind, now, _ in recorder.events if kind == "final")
    # Pause detection (0.5 s) + padding: the last words are final well within a second.
    assert final_time - last_word_end < 1.0


def test_silence_is_never_decoded() -> None:
    decoder = ScriptedDecoder([])
    recorder = Recorder()
    transcriber = make(decoder, recorder)
    transcriber.add_channel(Speaker.INTERVIEWER)
    transcriber.add_channel(Speaker.PARTICIPANT)
    rng = np.random.default_rng(1)
    play(
        transcriber,
        recorder,
        {
            Speaker.INTERVIEWER: np.zeros(10 * SAMPLE_RATE, dtype=np.float32),
            Speaker.PARTICIPANT: (rng.standard_normal(10 * SAMPLE_RATE) * 0.002).astype(np.float32),
        },
    )
    assert decoder.calls == []
    assert recorder.events == []
    assert transcriber.backlog_s() < 0.05


def test_a_long_turn_without_pauses_commits_words_while_it_goes_on() -> None:
    script = script_from_text(LONG_TURN, 0.5)
    assert script[-1].end > 25  # a minute-long monologue would be the same, only longer
    decoder = ScriptedDecoder(script)
    recorder = Recorder()
    settings = StreamingSettings()
    transcriber = make(decoder, recorder)
    transcriber.add_channel(Speaker.PARTICIPANT)
    play(transcriber, recorder, {Speaker.PARTICIPANT: signal_for(script, script[-1].end + 2)})
    assert recorder.final_words() == [w.word for w in script]
    latencies = [
        now - w.end
        for kind, now, s in recorder.events
        if kind == "final"
        for w in s.words  # type: ignore[union-attr]
    ]
    # A word is committed by the second decode after it is at least agree_margin_s inside a
    # window: at most two steps plus the margin after it was said (plus VAD granularity).
    assert max(latencies) < settings.step_s * 2 + settings.agree_margin_s + 0.3
    windows = [end - start for start, end, _, _ in decoder.calls]
    assert max(windows) <= settings.max_window_s + 0.01


def test_the_prompt_is_the_speakers_earlier_final_text() -> None:
    first = script_from_text("thanks for taking the time", 0.5)
    second = script_from_text("what do you do at the company", 5.0)
    decoder = ScriptedDecoder(first + second)
    recorder = Recorder()
    transcriber = make(decoder, recorder)
    transcriber.add_channel(Speaker.INTERVIEWER)
    play(transcriber, recorder, {Speaker.INTERVIEWER: signal_for(first + second, 10.0)})
    settings = StreamingSettings()
    calls = [(end - start, prompt, beam) for start, end, prompt, beam in decoder.calls
             if start >= 4.5]  # fmt: skip
    prompted = [p for length, p, beam in calls
                if length >= settings.prompt_min_window_s or beam == settings.final_beam]  # fmt: skip
    assert prompted and all(p == "thanks for taking the time" for p in prompted)
    # A short window's partial decode gets no prompt: it would drag a second of audio into
    # repeating the prompt's words (issue 14). The utterance's own decode keeps it.
    short_partials = [p for length, p, beam in calls
                      if length < settings.prompt_min_window_s - 0.05 and beam != settings.final_beam]  # fmt: skip
    assert short_partials and all(p == "" for p in short_partials)


def test_words_retimed_by_the_final_decode_are_not_emitted_twice() -> None:
    script = script_from_text(LONG_TURN, 0.5)[:25]
    decoder = ScriptedDecoder(script, final_shift_s=0.08)
    recorder = Recorder()
    # Greedy partials, so that only the pause decode (beam > 1) re-times the words.
    transcriber = make(decoder, recorder, partial_beam=1)
    transcriber.add_channel(Speaker.PARTICIPANT)
    play(transcriber, recorder, {Speaker.PARTICIPANT: signal_for(script, script[-1].end + 2)})
    assert recorder.final_words() == [w.word for w in script]


def test_two_channels_keep_their_speakers_apart() -> None:
    you = script_from_text("what happened the last time the report was late", 0.5)
    them = script_from_text("my manager called me and asked where the numbers were", 6.0)
    recorder = Recorder()
    decoder_you, decoder_them = ScriptedDecoder(you), ScriptedDecoder(them)

    class ByChannel:
        """Each channel has its own script, so route by which script the audio belongs to."""

        def decode(self, audio: np.ndarray, *, prompt: str, beam_size: int, prefix: str = "",  # type: ignore[no-untyped-def]
                   silence_s: float | None = None):  # fmt: skip
            mine = decoder_you.decode(audio, prompt=prompt, beam_size=beam_size)
            return mine or decoder_them.decode(audio, prompt=prompt, beam_size=beam_size)

    transcriber = StreamingTranscriber(
        ByChannel(),
        on_partial=recorder.on_partial,
        on_final=recorder.on_final,
        scorer_factory=EnergyScorer,
    )
    transcriber.add_channel(Speaker.INTERVIEWER)
    transcriber.add_channel(Speaker.PARTICIPANT, start_time=0.0)
    play(
        transcriber,
        recorder,
        {Speaker.INTERVIEWER: signal_for(you, 12.0), Speaker.PARTICIPANT: signal_for(them, 12.0)},
    )
    assert recorder.final_words(Speaker.INTERVIEWER) == [w.word for w in you]
    assert recorder.final_words(Speaker.PARTICIPANT) == [w.word for w in them]


def test_channel_start_time_makes_word_times_session_relative() -> None:
    script = script_from_text("shall we begin", 0.5)
    recorder = Recorder()
    transcriber = make(ScriptedDecoder(script), recorder)
    transcriber.add_channel(Speaker.INTERVIEWER, start_time=100.0)
    play(transcriber, recorder, {Speaker.INTERVIEWER: signal_for(script, 3.0)})
    words = [w for s in recorder.finals for w in s.words]
    assert [w.word for w in words] == ["shall", "we", "begin"]
    assert words[0].start == pytest.approx(100.5, abs=0.05)


def test_stop_drains_everything_fed_on_the_worker_thread() -> None:
    script = script_from_text(
        "and that is why we finally switched to the new tool last spring", 0.5
    )
    recorder = Recorder()
    transcriber = make(ScriptedDecoder(script), recorder)
    transcriber.add_channel(Speaker.PARTICIPANT)
    transcriber.start()
    audio = signal_for(script, script[-1].end + 0.1)  # the call ends mid-breath: no pause
    for i in range(0, audio.size, BLOCK):
        transcriber.feed(Speaker.PARTICIPANT, audio[i : i + BLOCK])
    assert transcriber.stop(drain=True, timeout=10.0)
    assert recorder.final_words() == [w.word for w in script]
    assert transcriber.dropped_s == 0.0
    assert transcriber.backlog_s() == 0.0


def test_stop_without_drain_counts_the_audio_it_gives_up() -> None:
    script = script_from_text("one two three four five six", 0.5)
    transcriber = make(ScriptedDecoder(script), Recorder())
    transcriber.add_channel(Speaker.PARTICIPANT)
    transcriber.feed(Speaker.PARTICIPANT, signal_for(script, 4.0))
    assert not transcriber.stop(drain=False)
    assert transcriber.dropped_s == pytest.approx(4.0, abs=0.05)


def test_backlog_overflow_drops_the_oldest_audio_and_says_so() -> None:
    transcriber = make(ScriptedDecoder([]), Recorder(), max_backlog_s=2.0)
    transcriber.add_channel(Speaker.INTERVIEWER)
    for _ in range(30):
        transcriber.feed(Speaker.INTERVIEWER, np.zeros(BLOCK, dtype=np.float32))
    assert transcriber.backlog_s() == pytest.approx(3.0)
    assert transcriber.dropped_s == pytest.approx(1.0, abs=0.11)
    while transcriber.process_available():
        pass
    assert transcriber.backlog_s() < 0.05


def test_a_final_decoder_decodes_only_the_utterances_last_window() -> None:
    script = script_from_text(LONG_TURN, 0.5)[:20]
    partial_decoder, final_decoder = ScriptedDecoder(script), ScriptedDecoder(script)
    recorder = Recorder()
    transcriber = StreamingTranscriber(
        partial_decoder,
        on_partial=recorder.on_partial,
        on_final=recorder.on_final,
        scorer_factory=EnergyScorer,
        final_decoder=final_decoder,
    )
    transcriber.add_channel(Speaker.PARTICIPANT)
    play(transcriber, recorder, {Speaker.PARTICIPANT: signal_for(script, script[-1].end + 2)})
    assert recorder.final_words() == [w.word for w in script]
    settings = StreamingSettings()
    assert len(final_decoder.calls) == 1 and final_decoder.calls[0][3] == settings.final_beam
    assert partial_decoder.calls and all(c[3] == settings.partial_beam for c in partial_decoder.calls)
