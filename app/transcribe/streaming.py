"""Live transcription of one or more channels (one speaker each) on a single decode thread.

Per channel: Silero VAD cuts utterances, so silence is never decoded. While someone speaks,
the utterance window is decoded every `step_s` of new audio; words on which two decodes agree
are committed as final segments (LocalAgreement-2 with the safeguards in agreement.py: enough
new audio between the two, not near a window's end, not the last word before a pause), the rest
is shown as a partial; each decode is given the window's committed words as the start of its
text. When the speaker pauses, the rest of the window is decoded once more
(wider beam, whole window) and committed: that decode corrects whatever agreement held back.
The window is capped and trimmed at committed words, so long turns without a pause keep both
latency and cost bounded.

One worker thread serves every channel in turn: on two cores, two decoders at once would only
slow each other down. Callbacks run on that worker thread; a GUI must hop to its own thread.

Audio comes in one of two ways. Live, `attach()` gives the worker the capture rings' clock
readers (app.audio.pump.ClockReader) and it reads them itself between decodes: no relay thread,
and the ring is the one buffer between capture and transcription (what it overwrote before it
was read is counted once, by its reader). Everything a read returns is taken at once, so the
worker stays within one turn of the capture (the ring maps samples to time with its newest
anchor only, so a reader far behind a device reconnect would misplace the gap); what the worker
has not decoded yet waits in the channel's list, as audio given to `feed()` does (tests, file
replay, benches).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from app.session.segments import Segment, Speaker, Word
from app.transcribe.agreement import LocalAgreement
from app.transcribe.decoder import Decoder
from app.transcribe.memory import release_free_memory
from app.transcribe.vad import (
    SAMPLE_RATE,
    VAD_WINDOW,
    SileroScorer,
    SpeechEnd,
    SpeechScorer,
    SpeechSegmenter,
    SpeechStart,
    VadSettings,
)

log = logging.getLogger(__name__)

PartialCallback = Callable[[Speaker, str, float, float], None]
FinalCallback = Callable[[Segment], None]

_SENTENCE_END = (".", "?", "!")


@dataclass(frozen=True, slots=True)
class StreamingSettings:
    # New audio between two decodes of a speaking channel (the CPU dial). Measured on
    # bench/live_replay.py (14 min of real speech, CPU time of one decode thread, a loaded
    # machine), one-pass decodes with the committed words as prefix:
    #   step 1.0 s, margin 0.5 s: word-final p50 2.17 s, WER 0.182, 15.9 % of a core
    #   step 0.5 s, margin 0.5 s: p50 1.52 s, WER 0.171, 27.0 %
    #   step 0.6 s, margin 0.3 s: p50 1.51 s, WER 0.176, 22.0 %
    # (greedy partials at step 0.5: WER 0.193 for 2 points of a core less). Once a call's
    # memory stopped growing (app/__init__.py) the CPU allowed step 0.5 s again; with the
    # later window settings below (bench/live_replay.py, CPU time of the simulated worker):
    #   step 0.6 s: p50/p95 1.51/2.81 s, WER 0.169, 24 %; step 0.5 s: 1.38/2.70 s, 0.162, 30 %
    step_s: float = 0.5
    first_decode_s: float = 0.6  # first partial once an utterance has this much audio
    max_window_s: float = 10.0  # a decode window never grows beyond this
    # Past this, drop audio up to the last committed sentence end. A longer window keeps the
    # context of the sentence before (bench/live_replay.py, step 0.5 s: WER 0.172 against
    # 0.173 at 3 s; 8 s for the word trim as well measured worse, 0.175).
    trim_sentence_s: float = 5.0
    trim_word_s: float = 6.0  # past this, drop audio up to the last committed word
    forced_margin_s: float = 1.0  # a window forced forward keeps its last second unconfirmed
    # Greedy partial decodes of short windows often agree twice on the same wrong word, and
    # agreed words are never revised; a beam of 2 agrees on fewer mistakes (~20 % more CPU
    # per decode, paid for by the longer step).
    partial_beam: int = 2
    final_beam: int = 5
    # Silence the encoder hears after an utterance's last window. Partials keep the decoder's
    # one second (they are decoded every step); the utterance's one last decode can afford
    # more of the quiet Whisper was trained with (30 s inputs, mostly padding for a sentence).
    # bench/live_replay.py (real speech, step 0.5 s): WER 0.172 with 1 s, 0.164 with 5 s,
    # 0.162 with 10 s, 0.160 with the full 30 s input, which costs 0.2 s more at every
    # utterance end (p50 1.18 s against 0.97 s). More silence after partials (3 s) did not
    # help: 0.173.
    final_silence_s: float = 10.0
    # What agreement may commit (see agreement.py): only words this far before the end of the
    # earlier of two decodes, and only between decodes this much audio apart.
    agree_margin_s: float = 0.3
    agree_min_new_audio_s: float = 0.5
    # True counts the margin in the later of the two decodes: measured on bench/live_replay.py
    # (real speech) word-final p50 2.05 s instead of 2.38 s, WER 0.124 instead of 0.117.
    agree_margin_in_later: bool = False
    # The window's committed words are given to the decoder as the start of its text: it
    # continues after them instead of generating them again and cannot contradict them (WER
    # 0.171 against 0.178 without, step 0.5 s).
    prefix_committed: bool = True
    prompt_chars: int = 200  # previous final text of the speaker given as initial prompt
    # A partial decode of a window shorter than this gets no prompt: with a second of audio or
    # two, Whisper follows the prompt's words rather than the sound (issue 14).
    prompt_min_window_s: float = 2.0
    max_backlog_s: float = 300.0  # beyond this the oldest audio is dropped, and counted
    ingest_max_s: float = 5.0  # audio taken from a channel's queue per turn of the worker
    # How often an idle worker reads attached rings: the relay thread's cadence, so decodes and
    # utterance ends come when they did. 0.1 s (half the turns) measured no clear CPU saving on
    # bench/live_real.py (31.1 % vs 32.8 % of a core, one run each, shared machine) and moves
    # every decode and pause decision to a coarser grid.
    poll_s: float = 0.05
    vad: VadSettings = field(default_factory=VadSettings)


class ChannelReader(Protocol):
    """One speaker's capture ring read on the session clock (app.audio.pump.ClockReader)."""

    @property
    def start_time(self) -> float | None:
        """Session time of the first sample `read()` returned; None before any."""
        ...

    @property
    def dropped(self) -> int:
        """Samples the ring overwrote before they were read."""
        ...

    def read(self) -> np.ndarray:
        """Every sample captured since the last read, gaps filled with silence."""
        ...


@dataclass
class _Channel:
    speaker: Speaker
    start_time: float
    scorer: SpeechScorer
    segmenter: SpeechSegmenter
    # Filled by feed() under the transcriber's lock.
    pending: deque[tuple[int, np.ndarray]] = field(default_factory=deque)  # (first sample, block)
    pending_samples: int = 0
    received: int = 0  # samples fed so far = index of the next sample
    overflowing: bool = False
    # Owned by the worker.
    audio: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    origin: int = 0  # sample index of audio[0]
    vad_pos: int = 0  # samples scored by the VAD
    caught_up: int = 0  # every sample before this is transcribed or known to be silence
    buf_start: int | None = None  # decode window start while an utterance is open
    decoded_once: bool = False
    last_decode_end: int = 0
    last_utterance_end: int = 0
    agreement: LocalAgreement = field(default_factory=LocalAgreement)
    window_committed: list[Word] = field(default_factory=list)  # committed, still in window
    history: str = ""  # committed text that left the window: the prompt
    partial: str = ""

    def time(self, sample: int) -> float:
        return self.start_time + sample / SAMPLE_RATE

    def sample(self, time_s: float) -> int:
        return round((time_s - self.start_time) * SAMPLE_RATE)


class StreamingTranscriber:
    """Feed 16 kHz mono float32 blocks per speaker; get partial and final text back.

    Use `start()` for the worker thread, or `process_available()` / `flush()` to drive it
    synchronously (tests, file replay).
    """

    def __init__(
        self,
        decoder: Decoder,
        *,
        on_partial: PartialCallback | None = None,
        on_final: FinalCallback | None = None,
        settings: StreamingSettings | None = None,
        scorer_factory: Callable[[], SpeechScorer] = SileroScorer,
        final_decoder: Decoder | None = None,
    ) -> None:
        """`final_decoder` (e.g. a larger model) decodes each utterance's last window, the one
        that commits what agreement held back; `decoder` keeps the frequent partial decodes."""
        self._decoder = decoder
        self._final_decoder = final_decoder or decoder
        self._on_partial = on_partial
        self._on_final = on_final
        self.settings = settings or StreamingSettings()
        self._scorer_factory = scorer_factory
        self._channels: dict[Speaker, _Channel] = {}
        self._order: list[Speaker] = []
        self._readers: dict[Speaker, ChannelReader] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._abort = False
        self._closed = False
        self._dropped_samples = 0
        self.decodes = 0
        self.decode_seconds = 0.0
        self.decode_errors = 0

    # ----- feeding (any thread) -----

    def add_channel(self, speaker: Speaker, start_time: float = 0.0) -> None:
        """Declare a channel; `start_time` is the session time of its first sample."""
        with self._lock:
            if speaker in self._channels:
                raise ValueError(f"channel {speaker} already exists")
            self._channels[speaker] = _Channel(
                speaker,
                start_time,
                self._scorer_factory(),
                SpeechSegmenter(self.settings.vad),
                agreement=LocalAgreement(
                    stable_margin_s=self.settings.agree_margin_s,
                    min_new_audio_s=self.settings.agree_min_new_audio_s,
                    margin_in_later=self.settings.agree_margin_in_later,
                ),
            )
            self._order.append(speaker)

    def attach(self, readers: Mapping[Speaker, ChannelReader]) -> None:
        """Read these capture rings on the worker thread (see the module). Each speaker's
        channel starts at the session time of the first sample its reader returns."""
        with self._lock:
            self._readers.update(readers)
            self._wake.notify()

    def feed(self, speaker: Speaker, samples: np.ndarray) -> None:
        """Queue a block of 16 kHz mono samples. Cheap: copies and returns."""
        block = np.array(samples, dtype=np.float32, copy=True).reshape(-1)
        if block.size == 0:
            return
        self._enqueue(speaker, block, pulled=False)

    def _pull(self) -> bool:
        """Reads every attached ring (worker thread, or the caller's when driven by hand)."""
        pulled = False
        for speaker, reader in list(self._readers.items()):
            block = reader.read()
            if block.size == 0:
                continue
            if speaker not in self._channels:
                self.add_channel(speaker, reader.start_time or 0.0)
            self._enqueue(speaker, block.astype(np.float32, copy=False).reshape(-1), pulled=True)
            pulled = True
        return pulled

    def _enqueue(self, speaker: Speaker, block: np.ndarray, *, pulled: bool) -> None:
        with self._lock:
            channel = self._channels.get(speaker)
            if channel is None:
                raise KeyError(f"no channel for {speaker}; call add_channel first")
            first = channel.received
            channel.received += block.size
            # Audio read from the rings while draining is the call's last words, not late.
            if self._closed and not pulled:
                self._dropped_samples += block.size
                channel.caught_up = channel.received
                log.warning(
                    "audio fed after stop: %.2f s not transcribed", block.size / SAMPLE_RATE
                )
                return
            channel.pending.append((first, block))
            channel.pending_samples += block.size
            limit = int(self.settings.max_backlog_s * SAMPLE_RATE)
            if channel.pending_samples <= limit // 2:
                channel.overflowing = False
            while channel.pending_samples > limit and len(channel.pending) > 1:
                # Later audio keeps its own sample index, so times stay right after the gap.
                _, oldest = channel.pending.popleft()
                channel.pending_samples -= oldest.size
                self._dropped_samples += oldest.size
                if not channel.overflowing:
                    channel.overflowing = True
                    log.warning(
                        "transcription of %s is %.0f s behind: dropping the oldest audio",
                        speaker,
                        channel.pending_samples / SAMPLE_RATE,
                    )
            self._wake.notify()

    # ----- statistics (any thread) -----

    def backlog_s(self) -> float:
        """How far the transcript lags behind the audio received, worst channel, in seconds."""
        with self._lock:
            lags = [c.received - c.caught_up for c in self._channels.values()]
        return max(lags, default=0) / SAMPLE_RATE

    @property
    def dropped_s(self) -> float:
        """Audio that was never transcribed (overwritten in a ring before it was read, backlog
        overflow, fed after stop, stop timeout), each sample counted once."""
        overwritten = sum(reader.dropped for reader in list(self._readers.values()))
        return (self._dropped_samples + overwritten) / SAMPLE_RATE

    # ----- worker thread -----

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("already started")
        self._thread = threading.Thread(target=self._run, name="transcriber", daemon=True)
        self._thread.start()

    def stop(self, drain: bool = True, timeout: float = 30.0) -> bool:
        """Stop the worker; with `drain`, first transcribe all audio already fed, and all
        the attached rings hold (stop the capture first).

        Returns True when everything fed was transcribed. Whatever was not (no drain, or the
        timeout passed) is counted in `dropped_s`.
        """
        with self._lock:
            self._closed = True
            self._stopping = True
            if not drain:
                self._abort = True
            self._wake.notify()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                with self._lock:
                    self._abort = True
                log.warning("transcriber did not drain within %.0f s", timeout)
                thread.join(5.0)
        elif drain:
            while self.process_available():
                pass
            self.flush()
        with self._lock:
            left = sum(c.received - c.caught_up for c in self._channels.values())
            self._dropped_samples += max(0, left)
            for channel in self._channels.values():
                channel.pending.clear()
                channel.pending_samples = 0
                channel.caught_up = channel.received
        return left <= 0

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._stopping and not any(c.pending for c in self._channels.values()):
                    if self._readers:
                        self._wake.wait(self.settings.poll_s)
                        break
                    self._wake.wait(0.5)
                if self._abort:
                    return
            worked = self.process_available()
            with self._lock:
                done = (
                    self._stopping
                    and not worked
                    and not any(c.pending for c in self._channels.values())
                )
                abort = self._abort
            if abort:
                return
            if done:
                self.flush()
                return

    def process_available(self) -> bool:
        """One round over the channels: read the rings, take queued audio, detect speech,
        decode if due."""
        worked = self._pull() if self._readers else False
        for speaker in list(self._order):
            if self._abort:
                break
            channel = self._channels[speaker]
            worked |= self._service(channel)
        return worked

    def flush(self) -> None:
        """End every open utterance (end of stream) and commit its words."""
        for speaker in list(self._order):
            channel = self._channels[speaker]
            end = channel.segmenter.flush()
            if end is not None:
                self._on_speech_end(channel, end)
            # A tail shorter than one VAD window (32 ms) is never scored: nothing to hear.
            channel.caught_up = channel.origin + channel.audio.size
            self._forget_old_audio(channel)

    # ----- per channel -----

    def _service(self, channel: _Channel) -> bool:
        limit = int(self.settings.ingest_max_s * SAMPLE_RATE)
        expected = channel.origin + channel.audio.size
        with self._lock:
            blocks: list[np.ndarray] = []
            taken = 0
            gap_to: int | None = None
            while channel.pending and taken < limit:
                first, block = channel.pending[0]
                if first != expected + taken:
                    if blocks:
                        break  # handle the gap on the next turn
                    gap_to = first
                channel.pending.popleft()
                blocks.append(block)
                taken += block.size
            channel.pending_samples -= taken
        if not blocks:
            return False
        if gap_to is not None:
            self._skip_to(channel, gap_to)
        channel.audio = np.concatenate([channel.audio, *blocks])
        audio_end = channel.origin + channel.audio.size
        n_windows = (audio_end - channel.vad_pos) // VAD_WINDOW
        if n_windows > 0:
            first = channel.vad_pos - channel.origin
            windows = channel.audio[first : first + n_windows * VAD_WINDOW].reshape(-1, VAD_WINDOW)
            events = channel.segmenter.process(channel.scorer(windows), channel.vad_pos)
            scored_to = channel.vad_pos + n_windows * VAD_WINDOW
            for event in events:
                # Handle events in order as if the audio had arrived up to that point.
                if isinstance(event, SpeechStart):
                    self._on_speech_start(channel, event)
                else:
                    channel.vad_pos = min(scored_to, event.sample + self._pad_samples())
                    self._on_speech_end(channel, event)
            channel.vad_pos = scored_to
            if channel.buf_start is None:
                channel.caught_up = channel.vad_pos
            else:
                self._decode_if_due(channel)
        self._forget_old_audio(channel)
        return True

    def _skip_to(self, channel: _Channel, sample: int) -> None:
        """Audio before `sample` was dropped: close what was open and continue after the gap."""
        end = channel.segmenter.flush()
        if end is not None:
            self._on_speech_end(channel, end)
        channel.audio = np.zeros(0, dtype=np.float32)
        channel.origin = channel.vad_pos = channel.caught_up = sample
        channel.last_utterance_end = sample

    def _pad_samples(self) -> int:
        return int(self.settings.vad.pad_s * SAMPLE_RATE)

    def _on_speech_start(self, channel: _Channel, event: SpeechStart) -> None:
        start = max(event.sample - self._pad_samples(), channel.last_utterance_end, channel.origin)
        channel.buf_start = start
        channel.decoded_once = False
        channel.last_decode_end = start
        channel.window_committed = []
        channel.agreement.clear_unconfirmed()

    def _on_speech_end(self, channel: _Channel, event: SpeechEnd) -> None:
        if channel.buf_start is None:
            return
        end = min(event.sample + self._pad_samples(), channel.vad_pos)
        if event.is_speech:
            while end - channel.buf_start > self.settings.max_window_s * SAMPLE_RATE:
                self._decode_forced(channel)
            words = self._decode(
                channel, channel.buf_start, end, self.settings.final_beam, final=True
            )
            self._commit(channel, channel.agreement.commit_all(words))
            release_free_memory()  # the decodes' buffers, between two utterances
        channel.agreement.clear_unconfirmed()
        self._set_partial(channel, "", channel.time(end), channel.time(end))
        channel.history = self._joined(channel.history, channel.window_committed)
        channel.window_committed = []
        channel.buf_start = None
        channel.last_utterance_end = end
        channel.caught_up = max(channel.caught_up, end)

    def _decode_if_due(self, channel: _Channel) -> None:
        s = self.settings
        assert channel.buf_start is not None
        while channel.vad_pos - channel.buf_start > s.max_window_s * SAMPLE_RATE:
            self._decode_forced(channel)
        end = channel.vad_pos
        first_due = (
            not channel.decoded_once and end - channel.buf_start >= s.first_decode_s * SAMPLE_RATE
        )
        step_due = channel.decoded_once and end - channel.last_decode_end >= s.step_s * SAMPLE_RATE
        if not (first_due or step_due):
            return
        words = self._decode(channel, channel.buf_start, end, s.partial_beam)
        channel.decoded_once = True
        channel.last_decode_end = end
        channel.caught_up = max(channel.caught_up, end)
        self._commit(channel, channel.agreement.update(words, channel.time(end)))
        pending = channel.agreement.unconfirmed
        if pending:
            text = " ".join(w.word for w in pending)
            self._set_partial(channel, text, pending[0].start, pending[-1].end)
        else:
            self._set_partial(channel, "", channel.time(end), channel.time(end))
        self._trim_window(channel)

    def _decode_forced(self, channel: _Channel) -> None:
        """The window is full and nothing let it move on: commit what is surely complete."""
        assert channel.buf_start is not None
        s = self.settings
        end = channel.buf_start + int(s.max_window_s * SAMPLE_RATE)
        words = self._decode(channel, channel.buf_start, end, s.partial_beam)
        committed = channel.agreement.commit_until(words, channel.time(end) - s.forced_margin_s)
        self._commit(channel, committed)
        if committed:
            new_start = channel.sample(committed[-1].end)
        else:
            new_start = end - int(s.forced_margin_s * SAMPLE_RATE)
        self._move_window(channel, max(channel.buf_start + VAD_WINDOW, new_start))
        channel.last_decode_end = max(channel.last_decode_end, end)
        channel.caught_up = max(channel.caught_up, channel.buf_start)

    def _trim_window(self, channel: _Channel) -> None:
        s = self.settings
        assert channel.buf_start is not None
        length = channel.vad_pos - channel.buf_start
        if length > s.trim_sentence_s * SAMPLE_RATE:
            for word in reversed(channel.window_committed):
                if word.word.endswith(_SENTENCE_END):
                    self._move_window(channel, channel.sample(word.end))
                    break
        length = channel.vad_pos - channel.buf_start
        if length > s.trim_word_s * SAMPLE_RATE and channel.window_committed:
            self._move_window(channel, channel.sample(channel.window_committed[-1].end))

    def _move_window(self, channel: _Channel, new_start: int) -> None:
        """Start the decode window at `new_start`; committed words before it become prompt."""
        assert channel.buf_start is not None
        new_start = max(channel.buf_start, min(new_start, channel.vad_pos))
        cut_time = channel.time(new_start) + 0.01
        leaving = [w for w in channel.window_committed if w.end <= cut_time]
        channel.window_committed = [w for w in channel.window_committed if w.end > cut_time]
        channel.history = self._joined(channel.history, leaving)
        channel.buf_start = new_start

    def _decode(
        self, channel: _Channel, start: int, end: int, beam: int, *, final: bool = False
    ) -> list[Word]:
        audio = channel.audio[start - channel.origin : end - channel.origin]
        prompt = channel.history[-self.settings.prompt_chars :]
        if len(prompt) < len(channel.history) and " " in prompt:
            prompt = prompt.split(" ", 1)[1]  # do not start the prompt mid-word
        if not final and end - start < self.settings.prompt_min_window_s * SAMPLE_RATE:
            # A partial of a short window follows the prompt's words more than the sound. The
            # utterance's own decode keeps it: a short answer ("ask not") needs the context.
            prompt = ""
        decoder = self._final_decoder if final else self._decoder
        # The window's committed words are given as they are: the decoder continues after them
        # instead of generating them again (cheaper), and cannot contradict them.
        prefix = ""
        if self.settings.prefix_committed and channel.buf_start == start:
            prefix = " ".join(w.word for w in channel.window_committed)
        began = time.perf_counter()
        try:
            words = decoder.decode(
                audio,
                prompt=prompt,
                beam_size=beam,
                prefix=prefix,
                silence_s=self.settings.final_silence_s if final else None,
            )
        except Exception:
            self.decode_errors += 1
            log.exception(
                "decoding %.1f s of %s audio failed", audio.size / SAMPLE_RATE, channel.speaker
            )
            words = []
        self.decodes += 1
        self.decode_seconds += time.perf_counter() - began
        offset = channel.time(start)
        limit = channel.time(end)
        return [
            Word(w.word, offset + w.start, min(offset + w.end, limit), w.probability)
            for w in words
            if offset + w.start < limit
        ]

    def _commit(self, channel: _Channel, words: list[Word]) -> None:
        if not words:
            return
        channel.window_committed.extend(words)
        segment = Segment(
            speaker=channel.speaker,
            start=words[0].start,
            end=max(w.end for w in words),
            text=" ".join(w.word for w in words),
            words=tuple(words),
        )
        if self._on_final is not None:
            try:
                self._on_final(segment)
            except Exception:
                log.exception("on_final callback failed")

    def _set_partial(self, channel: _Channel, text: str, start: float, end: float) -> None:
        if text == channel.partial:
            return
        channel.partial = text
        if self._on_partial is not None:
            try:
                self._on_partial(channel.speaker, text, start, end)
            except Exception:
                log.exception("on_partial callback failed")

    def _forget_old_audio(self, channel: _Channel) -> None:
        keep_from = channel.buf_start
        if keep_from is None:
            keep_from = max(channel.origin, channel.vad_pos - self._pad_samples() - VAD_WINDOW)
        drop = keep_from - channel.origin
        if drop > 0:
            channel.audio = channel.audio[drop:].copy()
            channel.origin = keep_from

    def _joined(self, history: str, words: list[Word]) -> str:
        if not words:
            return history
        text = " ".join(w.word for w in words)
        joined = f"{history} {text}" if history else text
        return joined[-4 * self.settings.prompt_chars :]
