"""Live transcription benchmark: a two-channel recording played through the streaming path
in real time (100 ms blocks at wall-clock pace), as a call would deliver it.

Reports utterance-end and word latency, CPU, peak RSS, backlog and dropped audio, and the WER
of the streamed transcript against offline transcription (beam 5) and against the reference.
The last line of output is one JSON object.

    python bench/live.py                        # builds an espeak-ng interview (about 2.5 min)
    python bench/live.py --recording call.wav --reference call.json
        call.wav: channel 1 = interviewer, channel 2 = participant (mono = interviewer only)
        call.json: {"interviewer": "reference text", "participant": "reference text"}
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jiwer  # noqa: E402
import numpy as np  # noqa: E402
import psutil  # noqa: E402
import soundfile as sf  # noqa: E402

from app.session.segments import Segment, Speaker  # noqa: E402
from app.transcribe.decoder import WhisperDecoder  # noqa: E402
from app.transcribe.model import load_model  # noqa: E402
from app.transcribe.offline import load_channels  # noqa: E402
from app.transcribe.streaming import StreamingSettings, StreamingTranscriber  # noqa: E402
from app.transcribe.vad import SAMPLE_RATE, VadSettings  # noqa: E402

BLOCK_S = 0.1
SPEAKERS = (Speaker.INTERVIEWER, Speaker.PARTICIPANT)
VOICES = {Speaker.INTERVIEWER: "en-us", Speaker.PARTICIPANT: "en-gb"}

# (speaker, text, gap before the turn in seconds). Long turns are single run-on sentences so
# espeak leaves no pause a VAD would cut at: only agreement can commit their words early.
INTERVIEW: list[tuple[Speaker, str, float]] = [
    (Speaker.INTERVIEWER, "Hi, thanks so much for taking the time to talk with me today.", 0.5),
    (Speaker.PARTICIPANT, "No problem, happy to help.", 0.3),
    (
        Speaker.INTERVIEWER,
        "Great. I'm working on how finance teams put together their monthly reports, and I'd "
        "love to hear about your experience. Is it okay if I record this call so I can take "
        "notes later?",
        0.4,
    ),
    (Speaker.PARTICIPANT, "Sure, that's fine with me.", 0.25),
    (Speaker.INTERVIEWER, "Could you tell me a bit about your role at the company?", 0.6),
    (
        Speaker.PARTICIPANT,
        "I lead a small team of three analysts and we own the monthly close and the reports "
        "that go to the leadership team and the board and most of my week goes into checking "
        "numbers that come from four different systems that never quite agree with each other "
        "so a lot of my job is really chasing people for explanations",
        0.3,
    ),
    (Speaker.INTERVIEWER, "Tell me about the last time you prepared the monthly report.", 1.2),
    (
        Speaker.PARTICIPANT,
        "The last one was at the start of this month and it took almost three full days because "
        "the export from our billing tool changed its columns without any warning and nobody "
        "noticed until my manager saw that the revenue line was twice as high as it should have "
        "been and then we had to go back through every tab in the spreadsheet to find where the "
        "totals went wrong",
        0.4,
    ),
    (Speaker.INTERVIEWER, "That sounds painful. What did you do once you found the problem?", 0.8),
    (
        Speaker.PARTICIPANT,
        "We fixed the formulas by hand. Then I wrote a short checklist for the team so that "
        "someone compares the column names before we paste anything in.",
        0.3,
    ),
    (Speaker.INTERVIEWER, "How do you use that checklist today?", 1.5),
    (
        Speaker.PARTICIPANT,
        "Honestly we mostly forget about it until something breaks again and then somebody "
        "digs it out of the shared folder and we walk through it together on a call which "
        "takes longer than it should but at least we catch the obvious mistakes before the "
        "report goes out to the leadership team",
        0.35,
    ),
    (
        Speaker.INTERVIEWER,
        "Thank you, that's really helpful. You mentioned the leadership team. What happens "
        "after they receive the report?",
        0.7,
    ),
    (Speaker.PARTICIPANT, "They usually come back with questions within a day or two.", 0.3),
    (
        Speaker.INTERVIEWER,
        "Thanks again for your time. Would it be okay if I follow up by email with a few more "
        "questions?",
        0.9,
    ),
    (Speaker.PARTICIPANT, "Of course, any time.", 0.3),
]


@dataclass
class Emitted:
    segment: Segment
    at: float  # session seconds (wall clock since playback started) when it was emitted


def synthesize(text: str, voice: str, folder: Path, index: int) -> np.ndarray:
    raw, wav = folder / f"t{index}.raw.wav", folder / f"t{index}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(wav)], check=True
    )
    audio, _ = sf.read(wav, dtype="float32")
    voiced = np.flatnonzero(np.abs(audio) > 0.01)  # trim espeak's leading/trailing silence
    return audio[voiced[0] : voiced[-1] + 1] if voiced.size else audio


def build_default_recording(folder: Path) -> tuple[Path, dict[str, str]]:
    turns = [
        (sp, synthesize(text, VOICES[sp], folder, i), gap)
        for i, (sp, text, gap) in enumerate(INTERVIEW)
    ]
    total = sum(audio.size + int(gap * SAMPLE_RATE) for _, audio, gap in turns) + SAMPLE_RATE
    channels = np.zeros((total, 2), dtype=np.float32)
    rng = np.random.default_rng(7)
    channels += (rng.standard_normal(channels.shape) * 10 ** (-60 / 20)).astype(np.float32)
    cursor = 0
    for speaker, audio, gap in turns:
        cursor += int(gap * SAMPLE_RATE)
        column = SPEAKERS.index(speaker)
        channels[cursor : cursor + audio.size, column] += audio * 0.8
        cursor += audio.size
    path = folder / "interview.wav"
    sf.write(path, channels, SAMPLE_RATE, subtype="PCM_16")
    reference = {sp.value: " ".join(text for s, text, _ in INTERVIEW if s is sp) for sp in SPEAKERS}
    return path, reference


def normalise(text: str) -> str:
    text = text.lower().replace("-", " ")
    keep = "".join(ch if ch.isalnum() or ch in " '" else " " for ch in text)
    return " ".join(keep.split())


def wer(reference: str, hypothesis: str) -> float:
    ref, hyp = normalise(reference), normalise(hypothesis)
    return float(jiwer.wer(ref, hyp)) if ref else 0.0


def utterance_ends(audio: np.ndarray) -> list[tuple[float, float]]:
    """Utterances as an offline VAD sees them (a pause of 0.5 s or more separates two)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    chunks = get_speech_timestamps(audio, VadOptions(min_silence_duration_ms=500, speech_pad_ms=0))
    return [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return round(float(np.percentile(np.array(values), q)), 3)


def run(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        if args.recording:
            recording = Path(args.recording)
            reference = json.loads(Path(args.reference).read_text()) if args.reference else {}
        else:
            recording, reference = build_default_recording(Path(tmp))
        channels = load_channels(recording)
        channels = {SPEAKERS[i]: audio for i, audio in enumerate(channels[:2])}
        duration = max(a.size for a in channels.values()) / SAMPLE_RATE

        loaded = load_model(args.model, device="cpu", cpu_threads=args.threads)
        model = loaded.model
        settings = StreamingSettings(
            step_s=args.step,
            max_window_s=args.window,
            partial_beam=args.partial_beam,
            final_beam=args.final_beam,
            vad=VadSettings(min_silence_s=args.min_silence),
        )
        decoder = WhisperDecoder(model, short_encoder=not args.full_encoder)
        emitted: list[Emitted] = []
        partial_count = 0
        t0 = 0.0
        lock = threading.Lock()

        def on_final(segment: Segment) -> None:
            with lock:
                emitted.append(Emitted(segment, time.monotonic() - t0))

        def on_partial(speaker: Speaker, text: str, start: float, end: float) -> None:
            nonlocal partial_count
            partial_count += 1

        transcriber = StreamingTranscriber(
            decoder, on_partial=on_partial, on_final=on_final, settings=settings
        )
        for speaker in channels:
            transcriber.add_channel(speaker, 0.0)
        # Warm the decoder once so the first utterance does not pay for lazy initialisation.
        decoder.decode(np.zeros(SAMPLE_RATE, dtype=np.float32), prompt="", beam_size=1)

        process = psutil.Process()
        block = int(BLOCK_S * SAMPLE_RATE)
        backlog_max = 0.0
        cpu_start = process.cpu_times()
        transcriber.start()
        t0 = time.monotonic()
        n_blocks = int(np.ceil(duration / BLOCK_S))
        for i in range(n_blocks):
            due = t0 + (i + 1) * BLOCK_S  # a block is available once it has been "spoken"
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            for speaker, audio in channels.items():
                piece = audio[i * block : (i + 1) * block]
                if piece.size:
                    transcriber.feed(speaker, piece)
            backlog_max = max(backlog_max, transcriber.backlog_s())
        stop_began = time.monotonic()
        drained = transcriber.stop(drain=True, timeout=60.0)
        stop_s = time.monotonic() - stop_began
        wall = time.monotonic() - t0
        cpu_end = process.cpu_times()
        cpu_s = (cpu_end.user - cpu_start.user) + (cpu_end.system - cpu_start.system)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        # Latency of each utterance end (offline VAD on the source) to its last final word.
        utterance_latency: list[float] = []
        word_latency: list[float] = []
        for speaker, audio in channels.items():
            finals = [e for e in emitted if e.segment.speaker is speaker]
            timed_words = [(w, e.at) for e in finals for w in e.segment.words]
            word_latency += [at - w.end for w, at in timed_words]
            for start, end in utterance_ends(audio):
                inside = [
                    at for w, at in timed_words if start - 0.3 <= (w.start + w.end) / 2 <= end + 0.3
                ]
                if inside:
                    utterance_latency.append(max(inside) - end)

        stream_text = {
            sp: " ".join(
                e.segment.text
                for e in sorted(emitted, key=lambda e: e.segment.start)
                if e.segment.speaker is sp
            )
            for sp in channels
        }
        offline_text: dict[Speaker, str] = {}
        for speaker, audio in channels.items():
            segments, _ = model.transcribe(audio, language="en", beam_size=5, vad_filter=True)
            offline_text[speaker] = " ".join(s.text.strip() for s in segments)

        def joined(texts: dict[Speaker, str]) -> str:
            return " ".join(texts[sp] for sp in channels)

        result: dict[str, object] = {
            "recording": str(recording) if args.recording else "default espeak interview",
            "duration_s": round(duration, 1),
            "model": loaded.name,
            "settings": {
                "step_s": args.step,
                "max_window_s": args.window,
                "partial_beam": args.partial_beam,
                "final_beam": args.final_beam,
                "min_silence_s": args.min_silence,
                "cpu_threads": args.threads,
                "short_encoder": not args.full_encoder,
            },
            "utterances": len(utterance_latency),
            "latency_p50_s": percentile(utterance_latency, 50),
            "latency_p95_s": percentile(utterance_latency, 95),
            "word_latency_p50_s": percentile(word_latency, 50),
            "word_latency_p95_s": percentile(word_latency, 95),
            "cpu_mean_pct_one_core": round(100 * cpu_s / wall, 1),
            "peak_rss_mb": round(peak_rss_mb, 1),
            "backlog_max_s": round(backlog_max, 2),
            "dropped_audio_s": round(transcriber.dropped_s, 2),
            "drained": drained,
            "stop_s": round(stop_s, 2),
            "decodes": transcriber.decodes,
            "decode_mean_s": round(transcriber.decode_seconds / max(1, transcriber.decodes), 3),
            "partials": partial_count,
            "wer_stream_vs_offline": round(wer(joined(offline_text), joined(stream_text)), 4),
        }
        if reference:
            ref = {sp: reference.get(sp.value, "") for sp in channels}
            result["wer_stream"] = round(wer(joined(ref), joined(stream_text)), 4)
            result["wer_offline"] = round(wer(joined(ref), joined(offline_text)), 4)
            result["wer_reference"] = result["wer_stream"]
        else:
            # Without a reference the offline transcript is the yardstick.
            result["wer_stream"] = result["wer_stream_vs_offline"]
            result["wer_offline"] = 0.0
            result["wer_reference"] = None
        if args.verbose:
            for sp in channels:
                print(f"--- {sp} stream:  {stream_text[sp]}", file=sys.stderr)
                print(f"--- {sp} offline: {offline_text[sp]}", file=sys.stderr)
        return result


def main(argv: list[str] | None = None) -> int:
    defaults, vad = StreamingSettings(), VadSettings()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recording", help="audio file: ch1 interviewer, ch2 participant")
    parser.add_argument("--reference", help='JSON {"interviewer": text, "participant": text}')
    parser.add_argument(
        "--model", default=None, help="model name or folder (default: bundled tiny.en)"
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="CTranslate2 CPU threads (1 measured best live)"
    )
    parser.add_argument("--step", type=float, default=defaults.step_s)
    parser.add_argument("--window", type=float, default=defaults.max_window_s)
    parser.add_argument("--partial-beam", type=int, default=defaults.partial_beam)
    parser.add_argument("--final-beam", type=int, default=defaults.final_beam)
    parser.add_argument("--min-silence", type=float, default=vad.min_silence_s)
    parser.add_argument("--full-encoder", action="store_true", help="pad every decode to 30 s")
    parser.add_argument("-v", "--verbose", action="store_true", help="print both transcripts")
    args = parser.parse_args(argv)
    if args.reference and not args.recording:
        parser.error("--reference needs --recording")
    result = run(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
