"""Live transcription of real human speech, end to end: recordings played in real time through
PulseAudio null sinks into `tellmemore listen --jsonl`, as a call would reach it.

The program (built from bench/data/real_speech, see its MANIFEST.md) is two channels: the
interviewer on the `mic` sink, the participant on the `call` sink. First read speech in turns
(a sentence or two for the interviewer, a run-on paragraph of several clips for the participant),
then a real meeting conversation (AMI, two headset channels, overlapping, no pauses).

Latencies are measured against the reference words' own times (forced alignment, stored in
references.json): word-final = when the final text holding a word is printed minus when the word
was spoken; utterance end -> final = when the last word of a reference utterance (words of one
channel with no pause of 0.5 s or more) became final minus when it was spoken; partial delay =
when a partial is printed minus the audio time of its last word. WER is against the human
reference (case, punctuation and fillers such as "uh", "mm-hmm" do not count), streamed and
offline (the whole channel at once, beam 5, the same model). CPU and peak RSS are the listen
process's own. The last line of output is one JSON object.

    python bench/live_real.py [--runs 3] [--source-tree DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jiwer  # noqa: E402
import numpy as np  # noqa: E402
import psutil  # noqa: E402
import soundfile as sf  # noqa: E402

from tests.pulse import PulseServer, missing_binaries  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "real_speech"
RATE = 16000
CHANNELS = ("interviewer", "participant")
SINKS = {"interviewer": "mic", "participant": "call"}
TURN_GAP_S = 0.6  # between two turns of the read part
CLIP_GAP_S = 0.15  # between clips read as one run-on turn
CONVERSATION_GAP_S = 0.4  # between two AMI windows
UTTERANCE_PAUSE_S = 0.5  # a reference pause this long ends an utterance
MATCH_TOLERANCE_S = 1.5  # a streamed word and a reference word this far apart are not the same
FILLERS = {"uh", "um", "umm", "mm", "hmm", "mmhmm", "mhm", "uhhuh", "huh", "ah", "er", "erm"}


@dataclass
class RefWord:
    channel: str
    text: str
    start: float  # program seconds
    end: float


@dataclass
class Program:
    audio: dict[str, np.ndarray]
    words: dict[str, list[RefWord]]
    read_s: float  # where the conversation part starts


@dataclass
class Event:
    kind: str
    speaker: str
    at: float  # seconds since playback started (emitted_at - t0)
    text: str
    end: float  # listen's session time of the event's end
    words: list[dict] = field(default_factory=list)


def norm_word(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum() or ch == "'").strip("'")


def norm_words(text: str) -> list[str]:
    """Word by word, for aligning words in time (numbers stay as they are written)."""
    words = [norm_word(w) for w in text.replace("-", " ").replace("\u2014", " ").split()]
    return [w for w in words if w and w.replace("'", "") not in FILLERS]


_NORMALISER = None


def wer_text(text: str) -> str:
    """For WER: Whisper's English normaliser (so "fifteenth" is "15th", "gonna" is "going to",
    "Mr." is "mister") without fillers."""
    global _NORMALISER
    if _NORMALISER is None:
        from whisper_normalizer.english import EnglishTextNormalizer

        _NORMALISER = EnglishTextNormalizer()
    # The normaliser drops text in brackets (Whisper's "[music]"); references use them as
    # parentheses that were spoken ("(which also was printed at Maintz…)").
    text = text.translate(str.maketrans("()[]{}<>", "        "))
    words = _NORMALISER(text).split()
    return " ".join(w for w in words if w.replace("'", "") not in FILLERS | {"m", "hm"})


def build_program() -> Program:
    clips = {c["id"]: c for c in json.loads((DATA / "references.json").read_text())["clips"]}
    read = [c for c in clips.values() if c["kind"] == "read"]
    # Each read clip names its side (make_real_speech.py); older references: LJ Speech answers.
    role = {
        c["id"]: c.get("role", "participant" if c["id"].startswith("ljspeech") else "interviewer")
        for c in read
    }
    interviewer_read = [c for c in read if role[c["id"]] == "interviewer"]
    participant_read = [c for c in read if role[c["id"]] == "participant"]
    # Turns: one interviewer clip or two, then a paragraph of participant clips.
    turns: list[tuple[str, list[dict]]] = []
    per_turn = max(1, len(participant_read) // max(1, (len(interviewer_read) + 1) // 2))
    i = p = 0
    while i < len(interviewer_read) or p < len(participant_read):
        if i < len(interviewer_read):
            turns.append(("interviewer", interviewer_read[i : i + 2]))
            i += 2
        if p < len(participant_read):
            turns.append(("participant", participant_read[p : p + per_turn]))
            p += per_turn
    pieces: dict[str, list[tuple[int, np.ndarray]]] = {ch: [] for ch in CHANNELS}
    words: dict[str, list[RefWord]] = {ch: [] for ch in CHANNELS}
    cursor = 0.0

    def place(channel: str, clip: dict, column: int, at: float) -> None:
        audio, _ = sf.read(str(DATA / clip["file"]), dtype="float32", always_2d=True)
        pieces[channel].append((round(at * RATE), audio[:, column]))
        for w in clip["channels"][column]["words"]:
            words[channel].append(RefWord(channel, w["word"], at + w["start"], at + w["end"]))

    for channel, turn in turns:
        cursor += TURN_GAP_S
        for k, clip in enumerate(turn):
            if k:
                cursor += CLIP_GAP_S
            place(channel, clip, 0, cursor)
            cursor += clip["duration_s"]
    read_s = cursor
    for clip in (c for c in clips.values() if c["kind"] == "conversation"):
        cursor += CONVERSATION_GAP_S
        # Column 0 is the party that starts talking; either side of an interview can be it.
        for column, channel in enumerate(CHANNELS):
            place(channel, clip, column, cursor)
        cursor += clip["duration_s"]
    total = round((cursor + 1.0) * RATE)
    audio = {}
    for channel in CHANNELS:
        track = np.zeros(total, dtype=np.float32)
        for start, piece in pieces[channel]:
            track[start : start + piece.size] += piece
        audio[channel] = track
    return Program(audio, words, read_s)


def utterances(words: list[RefWord]) -> list[list[int]]:
    """Indices of the reference words of each utterance (no pause of UTTERANCE_PAUSE_S)."""
    groups: list[list[int]] = []
    for i, word in enumerate(words):
        if not groups or word.start - words[i - 1].end >= UTTERANCE_PAUSE_S:
            groups.append([i])
        else:
            groups[-1].append(i)
    return groups


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return round(float(np.percentile(np.array(values), q)), 3)


def align(ref: list[str], hyp: list[str]) -> dict[int, int]:
    """hyp index -> ref index for words aligned as equal or substituted."""
    if not ref or not hyp:
        return {}
    out = jiwer.process_words(" ".join(ref), " ".join(hyp))
    mapping: dict[int, int] = {}
    for chunk in out.alignments[0]:
        if chunk.type in ("equal", "substitute"):
            for k in range(chunk.hyp_end_idx - chunk.hyp_start_idx):
                mapping[chunk.hyp_start_idx + k] = chunk.ref_start_idx + k
    return mapping


class _Saved:
    """Stands for the listen process when saved events are measured again."""

    stderr: list[str] = []
    peak_rss = 0


class Listener:
    """`tellmemore listen --jsonl` as a child process, its events and its resource use."""

    def __init__(self, server: PulseServer, data_dir: Path, source_tree: Path) -> None:
        env = server.child_env()
        env["PYTHONPATH"] = str(source_tree)
        env["HF_HUB_OFFLINE"] = "1"
        env["PYTHONUNBUFFERED"] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app", "listen", "--jsonl", "--mic", "pulse:mic.monitor",
             "--call", "pulse:call.monitor", "--data-dir", str(data_dir),
             "--participant", "Bench"],  # fmt: skip
            cwd=str(source_tree),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[dict] = []
        self.stderr: list[str] = []
        self.ready = threading.Event()
        self.peak_rss = 0
        self._ps = psutil.Process(self.proc.pid)
        threading.Thread(target=self._read_out, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()
        threading.Thread(target=self._watch_memory, daemon=True).start()

    def _read_out(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if record.get("type") == "ready":
                self.ready.set()
            self.lines.append(record)

    def _read_err(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line.rstrip())
            if "Transcribing with" in line:
                self.ready.set()

    def _watch_memory(self) -> None:
        # The kernel's own high-water mark (VmHWM) where there is one: it also counts a spike
        # shorter than the sampling interval.
        status = Path(f"/proc/{self.proc.pid}/status")
        while self.proc.poll() is None:
            try:
                peak = self._ps.memory_info().rss
                if status.exists():
                    for line in status.read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            peak = max(peak, int(line.split()[1]) * 1024)
                self.peak_rss = max(self.peak_rss, peak)
            except (psutil.Error, OSError, ValueError):
                return
            time.sleep(0.2)

    def cpu_s(self) -> float:
        times = self._ps.cpu_times()
        return times.user + times.system + times.children_user + times.children_system

    def stop(self, timeout: float = 120.0) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)


def one_run(program: Program, source_tree: Path, verbose: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="tmm-real-") as tmp_name:
        tmp = Path(tmp_name)
        server = PulseServer(tmp / "pulse")
        server.start()
        try:
            files = {}
            for channel in CHANNELS:
                files[channel] = tmp / f"{channel}.wav"
                sf.write(files[channel], program.audio[channel], RATE, subtype="PCM_16")
            listener = Listener(server, tmp / "data", source_tree)
            if not listener.ready.wait(120):
                listener.stop()
                raise RuntimeError("listen never said it was transcribing:\n"
                                   + "\n".join(listener.stderr[-20:]))  # fmt: skip
            time.sleep(1.0)  # let capture settle on the silent sinks
            load_before = os.getloadavg()
            cpu_before = listener.cpu_s()
            t0 = time.time()
            players = [server.play(SINKS[ch], files[ch]) for ch in CHANNELS]
            for player in players:
                player.wait()
            time.sleep(3.0)  # the last words' finals, as they would come in a live call
            wall = time.time() - t0
            cpu_used = listener.cpu_s() - cpu_before
            load_after = os.getloadavg()
            stop_began = time.time()
            code = listener.stop()
            stop_s = time.time() - stop_began
        finally:
            server.stop()
    events = [
        Event(r["type"], r["speaker"], r["emitted_at"] - t0, r.get("text", ""), r.get("end", 0.0),
              r.get("words", []))  # fmt: skip
        for r in listener.lines
        if r.get("type") in ("partial", "final")
    ]
    result = measure(program, events, listener, code, wall, cpu_used, stop_s,
                     (load_before, load_after), verbose)  # fmt: skip
    result["_events"] = [{**r, "emitted_at": r.get("emitted_at", t0) - t0} for r in listener.lines]
    return result


def measure(
    program: Program,
    events: list[Event],
    listener: Listener,
    code: int,
    wall: float,
    cpu_used: float,
    stop_s: float,
    loads: tuple[tuple[float, ...], tuple[float, ...]],
    verbose: bool,
) -> dict[str, object]:
    word_latency: list[float] = []
    utterance_latency: list[float] = []
    partial_delay: list[float] = []
    errors = ref_total = 0
    hyps: dict[str, str] = {}
    refs: dict[str, str] = {}
    for channel in CHANNELS:
        ref_words = [w for w in program.words[channel] if norm_words(w.text)]
        ref_norm = [" ".join(norm_words(w.text)) for w in ref_words]
        # Expand reference words that normalise to two (e.g. "cold-hearted") keeping the time.
        ref_tokens: list[tuple[str, int]] = []
        for k, text in enumerate(ref_norm):
            ref_tokens += [(t, k) for t in text.split()]
        finals = sorted((e for e in events if e.kind == "final" and e.speaker == channel),
                        key=lambda e: e.at)  # fmt: skip
        hyp_tokens: list[tuple[str, float, float]] = []  # (word, emitted at, listen word end)
        for event in finals:
            for w in event.words:
                for t in norm_words(w["word"]):
                    hyp_tokens.append((t, event.at, w["end"]))
        mapping = align([t for t, _ in ref_tokens], [t for t, _, _ in hyp_tokens])
        # listen's session clock -> program clock, from the words both agree on.
        offsets = [ref_words[ref_tokens[r][1]].end - hyp_tokens[h][2]
                   for h, r in mapping.items() if hyp_tokens[h][0] == ref_tokens[r][0]]  # fmt: skip
        offset = float(np.median(offsets)) if offsets else 0.0
        final_at: dict[int, float] = {}
        for h, r in mapping.items():
            k = ref_tokens[r][1]
            # A text alignment can pair a "yeah" with one said much later: only pairs whose
            # times agree (the word's own time in listen's clock) count for latency.
            if abs(hyp_tokens[h][2] + offset - ref_words[k].end) > MATCH_TOLERANCE_S:
                continue
            final_at[k] = max(final_at.get(k, 0.0), hyp_tokens[h][1])
        word_latency += [at - ref_words[k].end for k, at in final_at.items()]
        for group in utterances(ref_words):
            done = [final_at[k] for k in group if k in final_at]
            if done:
                utterance_latency.append(max(done) - ref_words[group[-1]].end)
                if verbose:
                    tail = " ".join(ref_words[k].text for k in group[-6:])
                    print(f"utterance {channel} ...{tail} @{ref_words[group[-1]].end:.1f}: "
                          f"{utterance_latency[-1]:.2f} s", file=sys.stderr)  # fmt: skip
        partial_delay += [
            e.at - (e.end + offset)
            for e in events
            if e.kind == "partial" and e.speaker == channel and e.text
        ]
        ref_text = wer_text(" ".join(w.text for w in program.words[channel]))
        hyp_text = wer_text(" ".join(w["word"] for e in finals for w in e.words))
        refs[channel], hyps[channel] = ref_text, hyp_text
        out = jiwer.process_words(ref_text, hyp_text)
        errors += out.substitutions + out.deletions + out.insertions
        ref_total += len(ref_text.split())
    dropped = [line for line in listener.stderr
               if "could not be transcribed" in line or "dropping" in line]  # fmt: skip
    dropped_s = 0.0
    for line in dropped:
        for token in line.split():
            try:
                dropped_s += float(token)
                break
            except ValueError:
                continue
    result: dict[str, object] = {
        "exit_code": code,
        "word_final_p50_s": percentile(word_latency, 50),
        "word_final_p95_s": percentile(word_latency, 95),
        "utterance_end_to_final_p50_s": percentile(utterance_latency, 50),
        "utterance_end_to_final_p95_s": percentile(utterance_latency, 95),
        "partial_delay_p50_s": percentile(partial_delay, 50),
        "wer_stream": round(errors / max(1, ref_total), 4),
        "cpu_pct_one_core": round(100 * cpu_used / wall, 1),
        "peak_rss_mb": round(listener.peak_rss / 2**20, 1),
        "dropped_audio_s": round(dropped_s, 2),
        "dropped_messages": dropped,
        "words_final": len(word_latency),
        "utterances": len(utterance_latency),
        "finals": sum(1 for e in events if e.kind == "final"),
        "partials": sum(1 for e in events if e.kind == "partial"),
        "stop_s": round(stop_s, 2),
        "load_avg_before_after": [round(loads[0][0], 2), round(loads[1][0], 2)],
        "_hyp": hyps,
        "_ref": refs,
    }
    if verbose:
        for channel in CHANNELS:
            print(f"--- {channel} reference: {refs[channel]}", file=sys.stderr)
            print(f"--- {channel} stream:    {hyps[channel]}", file=sys.stderr)
    return result


def offline_wer(program: Program, refs: dict[str, str]) -> float:
    """The same audio decoded offline: each channel whole, beam 5, the bundled model."""
    from app.transcribe.model import load_model

    model = load_model(None, device="cpu", cpu_threads=1).model
    errors = total = 0
    for channel in CHANNELS:
        segments, _ = model.transcribe(program.audio[channel], language="en", beam_size=5,
                                       vad_filter=True)  # fmt: skip
        hyp = wer_text(" ".join(s.text for s in segments))
        out = jiwer.process_words(refs[channel], hyp)
        errors += out.substitutions + out.deletions + out.insertions
        total += len(refs[channel].split())
    return round(errors / max(1, total), 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--source-tree", type=Path, default=ROOT,
                        help="run `listen` from this copy of the code (e.g. an older commit)")  # fmt: skip
    parser.add_argument("--no-offline", action="store_true", help="skip the offline decode")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the transcripts")
    parser.add_argument("--save", type=Path, help="write each run's jsonl events here")
    parser.add_argument("--measure", type=Path, nargs="+", metavar="RUN.jsonl",
                        help="only measure saved runs again (no playback)")  # fmt: skip
    args = parser.parse_args(argv)
    missing = missing_binaries()
    if missing:
        print(f"live_real: needs {', '.join(missing)}", file=sys.stderr)
        return 2
    program = build_program()
    duration = program.audio["interviewer"].size / RATE
    if args.measure:
        for path in args.measure:
            lines = [json.loads(line) for line in path.read_text().splitlines()]
            events = [Event(r["type"], r["speaker"], r["emitted_at"], r.get("text", ""),
                            r.get("end", 0.0), r.get("words", []))
                      for r in lines if r.get("type") in ("partial", "final")]  # fmt: skip
            result = measure(program, events, _Saved(), 0, 1.0, 0.0, 0.0, ((0.0,), (0.0,)),
                             args.verbose)  # fmt: skip
            keep = ("word_final_p50_s", "word_final_p95_s", "utterance_end_to_final_p50_s",
                    "utterance_end_to_final_p95_s", "partial_delay_p50_s", "wer_stream",
                    "words_final", "utterances")  # fmt: skip
            print(json.dumps({"run": str(path), **{k: result[k] for k in keep}}))
        return 0
    runs = []
    for n in range(args.runs):
        result = one_run(program, args.source_tree.resolve(), args.verbose)
        events = result.pop("_events")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            with (args.save / f"run{n + 1}.jsonl").open("w") as f:
                f.writelines(json.dumps(e) + "\n" for e in events)
        refs = result.pop("_ref")
        result.pop("_hyp")
        print(json.dumps({"run": n + 1, **result}), file=sys.stderr)
        runs.append(result)
    keys = ("word_final_p50_s", "word_final_p95_s", "utterance_end_to_final_p50_s",
            "utterance_end_to_final_p95_s", "partial_delay_p50_s", "wer_stream",
            "cpu_pct_one_core", "peak_rss_mb", "dropped_audio_s")  # fmt: skip
    summary: dict[str, object] = {
        "audio_s": round(duration, 1),
        "read_s": round(program.read_s, 1),
        "conversation_s": round(duration - program.read_s, 1),
        "runs": len(runs),
        "source_tree": str(args.source_tree),
    }
    for key in keys:
        values = [r[key] for r in runs if r[key] is not None]
        summary[key] = round(float(np.median(values)), 4) if values else None
        if len(runs) > 1:
            summary[f"{key}_all"] = [r[key] for r in runs]
    summary["load_avg_before_after_all"] = [r["load_avg_before_after"] for r in runs]
    summary["wer_offline_beam5"] = None if args.no_offline else offline_wer(program, refs)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
