"""Improve transcript on real speech: WER of the live transcript vs the improved one, and the
time the improvement takes per minute of audio.

The real-speech program of bench/live_real.py (read speech, then AMI meeting conversation on
two channels) is transcribed live in one process (StreamingTranscriber, as bench/live_replay.py
does, faster than real time), saved as a live interview with the program as its 2-channel
recording, then improved by app.improve exactly as the review's button and `tellmemore
improve` do (best model on this machine, beam 5, whole file with VAD, coach re-run, one
transaction). WER with Whisper's normaliser, fillers ignored, both channels pooled.

    python bench/improve.py [--model NAME] [--threads 2]

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import jiwer  # noqa: E402
import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402
from live_real import CHANNELS, RATE, Program, build_program, wer_text  # noqa: E402

from app.improve import ImproveJob, ModelDecoder, model_choice  # noqa: E402
from app.session.plan import InterviewPlan, Participant  # noqa: E402
from app.session.segments import Segment, Speaker  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.interviews import InterviewRepository  # noqa: E402
from app.store.recordings import RecordingRepository  # noqa: E402
from app.store.transcript import SegmentRepository  # noqa: E402
from app.transcribe.decoder import WhisperDecoder  # noqa: E402
from app.transcribe.model import load_model  # noqa: E402
from app.transcribe.streaming import StreamingTranscriber  # noqa: E402

BLOCK_S = 0.1


def live_segments(program: Program, threads: int) -> list[Segment]:
    """The program through the live transcriber, block by block, as a call feeds it."""
    model = load_model(None, device="cpu", cpu_threads=threads).model
    finals: list[Segment] = []
    transcriber = StreamingTranscriber(WhisperDecoder(model), on_final=finals.append)
    for channel in CHANNELS:
        transcriber.add_channel(Speaker(channel), 0.0)
    block = int(BLOCK_S * RATE)
    for i in range(program.audio[CHANNELS[0]].size // block):
        for channel in CHANNELS:
            transcriber.feed(Speaker(channel), program.audio[channel][i * block : (i + 1) * block])
        transcriber.process_available()
    transcriber.stop(drain=True)
    return finals


def wer(program: Program, segments: list[Segment]) -> float:
    errors = total = 0
    for channel in CHANNELS:
        ref = wer_text(" ".join(w.text for w in program.words[channel]))
        hyp = wer_text(" ".join(s.text for s in sorted(segments, key=lambda s: s.start)
                                if s.speaker is Speaker(channel)))  # fmt: skip
        out = jiwer.process_words(ref, hyp)
        errors += out.substitutions + out.deletions + out.insertions
        total += len(ref.split())
    return round(errors / max(1, total), 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="default: the best installed (app.improve's choice)")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    program = build_program()
    audio_s = program.audio[CHANNELS[0]].size / RATE
    live = live_segments(program, args.threads)

    folder = Path(tempfile.mkdtemp(prefix="tellmemore-bench-improve-"))
    store = Store.open(folder / "data")
    interviews = InterviewRepository(store)
    iid = interviews.create(InterviewPlan(Participant("Bench")), interviewer_name="Bench")
    recordings = RecordingRepository(store)
    wav = recordings.new_path(iid)
    sf.write(wav, np.stack([program.audio[c] for c in CHANNELS], axis=1), RATE, subtype="PCM_16")
    rid = recordings.add(iid, wav, channels=2, samplerate=RATE, offset_s=0.0)
    recordings.update(rid, status="complete", duration_s=audio_s)
    SegmentRepository(store).add_many(iid, live, "live")
    interviews.update(iid, status="ended", consent_state="granted", duration_s=audio_s)

    decoder = ModelDecoder(args.model or model_choice(), cpu_threads=args.threads)
    job = ImproveJob(store, iid, decoder=decoder)
    cpu0, wall0 = time.process_time(), time.monotonic()
    proposal = job.decode()
    cpu1, wall1 = time.process_time(), time.monotonic()
    result = job.apply(proposal)
    wall2 = time.monotonic()
    improved = [line.segment for line in SegmentRepository(store).list(iid)]
    store.close()
    minutes = audio_s / 60
    print(json.dumps({
        "audio_min": round(minutes, 2),
        "channels": len(CHANNELS),
        "model": decoder.label,
        "threads": args.threads,
        "wer_live": wer(program, live),
        "wer_improved": wer(program, improved),
        "decode_s": round(wall1 - wall0, 1),
        "decode_s_per_audio_min": round((wall1 - wall0) / minutes, 2),
        "decode_cpu_s_per_audio_min": round((cpu1 - cpu0) / minutes, 2),
        "coach_and_save_s": round(wall2 - wall1, 2),
        "places_changed": result.merge.changed,
        "lines_live": len(live),
        "lines_improved": len(improved),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_avg_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
