"""The real bundled tiny.en model on espeak-ng speech (marked `model`: about a minute)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jiwer
import numpy as np
import pytest
import soundfile as sf

from app.session.segments import Segment, Speaker
from app.transcribe.decoder import WhisperDecoder
from app.transcribe.model import LoadedModel, ModelLoader, load_model
from app.transcribe.offline import transcribe_file
from app.transcribe.streaming import StreamingTranscriber
from app.transcribe.vad import SAMPLE_RATE
from tests.transcribe.speech import silence, speak

pytestmark = pytest.mark.model

QUESTION = "Tell me about the last time you prepared the monthly report for your manager."
ANSWER = "It took three days because the numbers from the billing system did not match."
LONG_TURN = (
    "We export the numbers from the billing system every Monday morning and then I copy them "
    "into the spreadsheet that my manager built years ago and check every row by hand because "
    "the totals never match the dashboard and nobody really knows why that happens"
)
BLOCK = SAMPLE_RATE // 10


def normalised_wer(reference: str, hypothesis: str) -> float:
    def clean(text: str) -> str:
        kept = "".join(c if c.isalnum() or c in " '" else " " for c in text.lower())
        return " ".join(kept.split())

    return float(jiwer.wer(clean(reference), clean(hypothesis)))


class Collector:
    def __init__(self) -> None:
        self.events: list[tuple[str, float, object]] = []
        self.fed_s = 0.0

    def on_partial(self, speaker: Speaker, text: str, start: float, end: float) -> None:
        self.events.append(("partial", self.fed_s, text))

    def on_final(self, segment: Segment) -> None:
        self.events.append(("final", self.fed_s, segment))

    @property
    def finals(self) -> list[Segment]:
        return [e[2] for e in self.events if e[0] == "final"]  # type: ignore[misc]

    def text(self, speaker: Speaker | None = None) -> str:
        return " ".join(s.text for s in self.finals if speaker in (None, s.speaker))


def stream(model: LoadedModel, channels: dict[Speaker, np.ndarray]) -> Collector:
    """Feed in 100 ms blocks as a call would, processing after each block (no sleeping)."""
    collector = Collector()
    transcriber = StreamingTranscriber(
        WhisperDecoder(model.model), on_partial=collector.on_partial, on_final=collector.on_final
    )
    for speaker in channels:
        transcriber.add_channel(speaker)
    n = max(a.size for a in channels.values())
    for i in range(0, n, BLOCK):
        collector.fed_s = (i + BLOCK) / SAMPLE_RATE
        for speaker, audio in channels.items():
            if i < audio.size:
                transcriber.feed(speaker, audio[i : i + BLOCK])
        transcriber.process_available()
    assert transcriber.stop(drain=True)
    return collector


def test_streaming_gives_the_spoken_words(whisper_model: LoadedModel) -> None:
    audio = np.concatenate([silence(0.5), speak(QUESTION), silence(1.5)])
    collector = stream(whisper_model, {Speaker.INTERVIEWER: audio})
    assert normalised_wer(QUESTION, collector.text()) <= 0.15, collector.text()
    kinds = [kind for kind, _, _ in collector.events]
    assert "partial" in kinds and kinds.index("partial") < kinds.index("final")
    words = [w for s in collector.finals for w in s.words]
    assert all(0.3 <= w.start <= w.end <= audio.size / SAMPLE_RATE for w in words)


def test_silence_and_low_noise_give_no_text(whisper_model: LoadedModel) -> None:
    rng = np.random.default_rng(3)
    noise = (rng.standard_normal(8 * SAMPLE_RATE) * 0.003).astype(np.float32)
    collector = stream(
        whisper_model, {Speaker.INTERVIEWER: silence(8.0), Speaker.PARTICIPANT: noise}
    )
    assert collector.events == []


def test_two_channels_give_two_speakers(whisper_model: LoadedModel) -> None:
    you = np.concatenate([silence(0.3), speak(QUESTION), silence(6.0)])
    them_speech = speak(ANSWER, "en-gb")
    them = np.concatenate([silence(you.size / SAMPLE_RATE - 5.5), them_speech, silence(1.0)])
    collector = stream(whisper_model, {Speaker.INTERVIEWER: you, Speaker.PARTICIPANT: them})
    assert normalised_wer(QUESTION, collector.text(Speaker.INTERVIEWER)) <= 0.2
    assert normalised_wer(ANSWER, collector.text(Speaker.PARTICIPANT)) <= 0.25


def test_a_long_turn_commits_words_before_it_ends_and_never_twice(
    whisper_model: LoadedModel,
) -> None:
    speech = speak(LONG_TURN)
    turn_end = 0.3 + speech.size / SAMPLE_RATE
    audio = np.concatenate([silence(0.3), speech, silence(1.0)])
    collector = stream(whisper_model, {Speaker.PARTICIPANT: audio})
    early = [s for kind, fed, s in collector.events if kind == "final" and fed < turn_end - 3.0]
    assert len(early) >= 2, "words must become final while the speaker goes on"
    text = collector.text()
    # A guard against gross failure (lost or doubled passages); decode boundaries depend on
    # thread timing, so one run varies by a few points. Accuracy against offline is measured
    # by bench/live.py, not asserted here.
    assert normalised_wer(LONG_TURN, text) <= 0.25, text
    words = [w for s in collector.finals for w in s.words]
    # No word is final twice: word times never go back and no phrase repeats.
    assert all(b.start >= a.start for a, b in zip(words, words[1:], strict=False))
    said = [w.word.strip(" .,?!").lower() for w in words]
    trigrams = [tuple(said[i : i + 3]) for i in range(len(said) - 2)]
    assert len(trigrams) == len(set(trigrams)), said  # a passage committed twice repeats
    # Under load tiny.en splits a compound ("spread sheet") or adds a closing word: a few
    # extra words are its own variation, not double commits (checked just above).
    assert len(words) <= len(LONG_TURN.split()) + 5


def test_stop_drains_the_last_words_without_a_pause(whisper_model: LoadedModel) -> None:
    collector = Collector()
    transcriber = StreamingTranscriber(
        WhisperDecoder(whisper_model.model), on_final=collector.on_final
    )
    transcriber.add_channel(Speaker.INTERVIEWER)
    transcriber.start()
    audio = np.concatenate([silence(0.3), speak(ANSWER)])  # the call ends mid-breath
    for i in range(0, audio.size, BLOCK):
        transcriber.feed(Speaker.INTERVIEWER, audio[i : i + BLOCK])
    assert transcriber.stop(drain=True, timeout=30)
    assert "match" in collector.text().lower()
    assert normalised_wer(ANSWER, collector.text()) <= 0.2
    assert transcriber.backlog_s() == 0.0 and transcriber.dropped_s == 0.0


def test_offline_file_with_two_channels_gives_two_speakers(
    whisper_model: LoadedModel, tmp_path: Path
) -> None:
    you = np.concatenate([speak(QUESTION), silence(5.0)])
    them = np.concatenate([silence(you.size / SAMPLE_RATE - 4.5), speak(ANSWER, "en-gb")])
    n = max(you.size, them.size)
    stereo = np.zeros((n, 2), dtype=np.float32)
    stereo[: you.size, 0], stereo[: them.size, 1] = you, them
    path = tmp_path / "call.wav"
    sf.write(path, stereo, SAMPLE_RATE)
    progress: list[float] = []
    segments = transcribe_file(whisper_model.model, path, on_progress=progress.append)
    speakers = {s.speaker for s in segments}
    assert speakers == {Speaker.INTERVIEWER, Speaker.PARTICIPANT}
    text_you = " ".join(s.text for s in segments if s.speaker is Speaker.INTERVIEWER)
    assert normalised_wer(QUESTION, text_you) <= 0.2
    assert progress and progress[-1] == 1.0 and progress == sorted(progress)


def test_offline_mono_file_gives_one_speaker(whisper_model: LoadedModel, tmp_path: Path) -> None:
    path = tmp_path / "mono.wav"
    sf.write(path, speak(ANSWER), SAMPLE_RATE)
    segments = transcribe_file(whisper_model.model, path)
    assert {s.speaker for s in segments} == {Speaker.INTERVIEWER}


def test_broken_model_folder_falls_back_with_a_message(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"not a model")
    (broken / "config.json").write_text("{}")
    loaded = load_model(broken, device="cpu")
    assert loaded.fell_back and "tiny.en" in loaded.name
    assert str(broken) in (loaded.message or "")
    missing = load_model(tmp_path / "nowhere", device="cpu")
    assert missing.fell_back and "does not exist" in (missing.message or "")
    not_downloaded = load_model("base.en", device="cpu")
    assert not_downloaded.fell_back and "not downloaded" in (not_downloaded.message or "")


def test_model_loader_reports_on_its_own_thread() -> None:
    ready: list[LoadedModel] = []
    loader = ModelLoader(None, on_ready=ready.append, device="cpu")
    loader.start()
    assert loader.wait(60) is not None
    assert ready and ready[0].source.endswith("model") and not ready[0].fell_back


def test_cli_on_a_file_that_is_not_audio_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("this is not audio")
    result = subprocess.run(
        [sys.executable, "-m", "app", "transcribe", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "not an audio or video file" in result.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "app", "transcribe", str(tmp_path / "gone.mp3")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_cli_writes_vtt_for_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "q.wav"
    sf.write(path, np.concatenate([silence(0.3), speak(QUESTION)]), SAMPLE_RATE)
    out = tmp_path / "q.vtt"
    result = subprocess.run(
        [sys.executable, "-m", "app", "transcribe", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "100.0%" in result.stderr
    text = out.read_text()
    assert text.startswith("WEBVTT") and "<v Interviewer>" in text and "monthly" in text.lower()


class _CountingGenerator:
    """Stands in for the CTranslate2 model: counts encodes and generates, then delegates."""

    def __init__(self, inner: object) -> None:
        self._inner = inner
        self.calls = {"encode": 0, "generate": 0, "align": 0}

    def __getattr__(self, name: str) -> object:
        attr = getattr(self._inner, name)
        if name in self.calls:

            def counted(*args: object, **kwargs: object) -> object:
                self.calls[name] += 1
                return attr(*args, **kwargs)

            return counted
        return attr


def test_a_window_is_decoded_in_one_pass(whisper_model: LoadedModel) -> None:
    """Real speech (JFK, public domain): one encode, one generate and one alignment per window,
    not faster-whisper's seek loop that re-decodes the window's last word without context."""
    import copy

    clip = Path(__file__).resolve().parents[2] / "bench/data/real_speech/jfk-inaugural.flac"
    audio, rate = sf.read(clip, dtype="float32")
    assert rate == SAMPLE_RATE
    audio = audio.reshape(len(audio), -1)[:, 0]  # the clip may carry a copy per channel
    model = copy.copy(whisper_model.model)
    counting = _CountingGenerator(whisper_model.model.model)
    model.model = counting  # type: ignore[assignment]
    decoder = WhisperDecoder(model)
    for window_s in (2.5, 6.0, 11.0):
        before = dict(counting.calls)
        words = decoder.decode(audio[: int(window_s * SAMPLE_RATE)], prompt="", beam_size=2)
        assert words
        assert {k: counting.calls[k] - before[k] for k in before} == {
            "encode": 1, "generate": 1, "align": 1
        }
        assert all(0.0 <= w.start <= w.end <= window_s + 0.01 for w in words)
    text = " ".join(w.word for w in words)
    reference = ("And so, my fellow Americans, ask not what your country can do for you, "
                 "ask what you can do for your country.")  # fmt: skip
    assert normalised_wer(reference, text) <= 0.05, text


def _cache_with_model_as(tmp_path: Path, name: str) -> Path:
    """A local Hugging Face cache holding the bundled weights under `name`, as a cache laid
    out by a download would (refs/main names the snapshot)."""
    from app.transcribe.model import bundled_model_path

    repo = tmp_path / "hub" / f"models--Systran--faster-whisper-{name}"
    snapshot = repo / "snapshots" / "0123abcd"
    snapshot.mkdir(parents=True)
    for item in bundled_model_path().iterdir():
        if item.is_file():
            (snapshot / item.name).symlink_to(item)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abcd")
    return tmp_path / "hub"


def test_a_larger_model_on_the_machine_decodes_the_utterance_finals(
    whisper_model: LoadedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wiring, with real weights: no larger model is installed here, so the bundled weights
    stand in as "base.en" in a local cache; the live pipeline's transcriber then decodes each
    utterance's last window with it and the partials with the live model."""
    from app.live.pipeline import LivePipeline
    from app.transcribe.model import load_final_decode_model

    monkeypatch.setenv("HF_HUB_CACHE", str(_cache_with_model_as(tmp_path, "base.en")))
    final = load_final_decode_model(whisper_model)
    assert final is not None and final.name == "base.en" and not final.fell_back
    assert load_final_decode_model(whisper_model, cpu_count=1) is None  # one core: tiny.en only
    chosen = LoadedModel(whisper_model.model, "small.en", "small.en", "cpu", "int8")
    assert load_final_decode_model(chosen) is None  # the user's own choice does everything

    collector = Collector()
    transcriber = LivePipeline._default_transcriber(
        whisper_model, collector.on_partial, collector.on_final
    )
    assert transcriber._final_decoder is not transcriber._decoder
    audio = np.concatenate([silence(0.3), speak(QUESTION), silence(1.5)])
    transcriber.add_channel(Speaker.INTERVIEWER)
    for i in range(0, audio.size, BLOCK):
        collector.fed_s = (i + BLOCK) / SAMPLE_RATE
        transcriber.feed(Speaker.INTERVIEWER, audio[i : i + BLOCK])
        transcriber.process_available()
    assert transcriber.stop(drain=True)
    assert normalised_wer(QUESTION, collector.text()) <= 0.15, collector.text()


def test_without_a_larger_model_tiny_en_does_both(
    whisper_model: LoadedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.live.pipeline import LivePipeline

    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty"))
    transcriber = LivePipeline._default_transcriber(whisper_model, lambda *a: None, lambda s: None)
    assert transcriber._final_decoder is transcriber._decoder
