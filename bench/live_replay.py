"""The real-speech program of bench/live_real.py replayed through StreamingTranscriber in one
process, faster than real time: for trying commit policies quickly. Not the measurement of
record (that is bench/live_real.py, end to end through PulseAudio and `listen`).

Time is simulated: 100 ms blocks arrive at their audio time, the worker is busy for as long as
its decodes take in CPU time of this process (one decode thread; CPU time, so that other work
on a shared machine does not count), and every emitted partial or final is stamped with that
simulated clock. CPU is decode and VAD time over audio time. The last line is one JSON object.

    python bench/live_replay.py [-v] [--step 1.0] [--partial-beam 2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from live_real import CHANNELS, Event, build_program, measure, offline_wer  # noqa: E402

from app.session.segments import Segment, Speaker  # noqa: E402
from app.transcribe.decoder import WhisperDecoder  # noqa: E402
from app.transcribe.model import load_model  # noqa: E402
from app.transcribe.streaming import StreamingSettings, StreamingTranscriber  # noqa: E402
from app.transcribe.vad import VadSettings  # noqa: E402

BLOCK_S = 0.1


class _FakeListener:
    def __init__(self) -> None:
        self.stderr: list[str] = []
        self.peak_rss = 0


def main(argv: list[str] | None = None) -> int:
    defaults = StreamingSettings()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", type=float, default=defaults.step_s)
    parser.add_argument("--partial-beam", type=int, default=defaults.partial_beam)
    parser.add_argument("--final-beam", type=int, default=defaults.final_beam)
    parser.add_argument("--margin", type=float, default=defaults.agree_margin_s)
    parser.add_argument("--min-new", type=float, default=defaults.agree_min_new_audio_s)
    parser.add_argument("--prompt-min", type=float, default=defaults.prompt_min_window_s)
    parser.add_argument("--prompt-chars", type=int, default=defaults.prompt_chars)
    parser.add_argument("--trim-sentence", type=float, default=defaults.trim_sentence_s)
    parser.add_argument("--trim-word", type=float, default=defaults.trim_word_s)
    parser.add_argument("--min-silence", type=float, default=defaults.vad.min_silence_s)
    parser.add_argument("--old", action="store_true", help="the commit policy before issue 14")
    parser.add_argument("--margin-in-later", action="store_true")
    parser.add_argument("--no-prefix", action="store_true",
                        help="decode committed words again instead of giving them as prefix")
    parser.add_argument("--final-full", action="store_true",
                        help="utterance-end decodes see the window padded to 30 s")
    parser.add_argument("--pad", type=float, default=1.0,
                        help="silence after each window the encoder sees")
    parser.add_argument("--final-silence", type=float, default=defaults.final_silence_s,
                        help="silence the encoder hears after an utterance-end window")
    parser.add_argument("--offline", action="store_true", help="also the offline beam-5 WER")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    program = build_program()
    model = load_model(None, device="cpu", cpu_threads=1).model
    decoder = WhisperDecoder(model, encoder_pad_s=args.pad)
    events: list[Event] = []
    clock = {"start": 0.0, "wall": 0.0}

    def now() -> float:
        return clock["start"] + (time.process_time() - clock["wall"])

    def on_partial(speaker: Speaker, text: str, start: float, end: float) -> None:
        events.append(Event("partial", speaker.value, now(), text, end))

    def on_final(segment: Segment) -> None:
        words = [{"word": w.word, "start": w.start, "end": w.end} for w in segment.words]
        events.append(Event("final", segment.speaker.value, now(), segment.text, segment.end,
                            words))  # fmt: skip

    if args.old:
        args.margin = args.min_new = args.prompt_min = 0.0
    settings = StreamingSettings(
        step_s=args.step, partial_beam=args.partial_beam, final_beam=args.final_beam,
        agree_margin_s=args.margin, agree_min_new_audio_s=args.min_new,
        prompt_min_window_s=args.prompt_min, prompt_chars=args.prompt_chars,
        agree_margin_in_later=args.margin_in_later, prefix_committed=not args.no_prefix,
        trim_sentence_s=args.trim_sentence, trim_word_s=args.trim_word,
        final_silence_s=args.final_silence,
        vad=VadSettings(min_silence_s=args.min_silence),
    )  # fmt: skip
    final_decoder = WhisperDecoder(model, short_encoder=False) if args.final_full else None
    transcriber = StreamingTranscriber(decoder, on_partial=on_partial, on_final=on_final,
                                       settings=settings, final_decoder=final_decoder)  # fmt: skip
    speakers = {ch: Speaker(ch) for ch in CHANNELS}
    for speaker in speakers.values():
        transcriber.add_channel(speaker, 0.0)
    decoder.decode(np.zeros(16000, dtype=np.float32), prompt="", beam_size=1)
    block = int(BLOCK_S * 16000)
    n = program.audio[CHANNELS[0]].size // block
    busy_until = 0.0
    busy_total = 0.0
    for i in range(n):
        arrives = (i + 1) * BLOCK_S
        for channel, speaker in speakers.items():
            transcriber.feed(speaker, program.audio[channel][i * block : (i + 1) * block])
        clock["start"] = max(busy_until, arrives)
        clock["wall"] = time.process_time()
        transcriber.process_available()
        spent = time.process_time() - clock["wall"]
        busy_total += spent
        busy_until = clock["start"] + spent
    clock["start"], clock["wall"] = busy_until, time.process_time()
    transcriber.stop(drain=True)
    duration = n * BLOCK_S
    result = measure(program, events, _FakeListener(), 0, duration, busy_total, 0.0,  # type: ignore[arg-type]
                     ((0.0,), (0.0,)), args.verbose)  # fmt: skip
    for key in ("_hyp", "dropped_messages", "exit_code", "peak_rss_mb", "stop_s",
                "load_avg_before_after"):  # fmt: skip
        result.pop(key, None)
    refs = result.pop("_ref")
    result["decodes"] = transcriber.decodes
    result["decode_mean_s"] = round(transcriber.decode_seconds / max(1, transcriber.decodes), 3)
    if args.offline:
        result["wer_offline_beam5"] = offline_wer(program, refs)  # type: ignore[arg-type]
    result["full_input_retries"] = decoder.full_input_retries
    result["settings"] = {k: v for k, v in vars(args).items() if k not in ("verbose", "offline")}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
