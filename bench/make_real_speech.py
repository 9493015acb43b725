"""Build bench/data/real_speech/: real human recordings with human reference transcripts, for
bench/live_real.py. Run by hand, once, from snapshots of the public repositories that ship them
(git directories; nothing is downloaded here):

    python bench/make_real_speech.py --pocketsphinx DIR --coqui-tts DIR --tacotron2 DIR \
        --whisper DIR --hotato DIR --common-voice DIR

Each clip is written as 16 kHz FLAC; references.json holds, per clip and channel, the human
reference text and every reference word's start and end, found by forced alignment: the offline
model decodes the clip with the reference as its forced prefix, so the word timestamps belong to
the reference words themselves. Every read clip names the side of the interview it plays
("role": interviewer or participant), which bench/live_real.py follows when it lays out the program.
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.audio.resample import resample  # noqa: E402
from app.transcribe.model import load_model  # noqa: E402

OUT = Path(__file__).resolve().parent / "data" / "real_speech"
RATE = 16000
CV_MIN_WORDS = 2  # Common Voice's one-word prompts ("six", "nine") are for keyword spotting
CV_INTERVIEWER_EVERY = 3  # every third Common Voice statement is the interviewer's


def git_show(repo: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout


def git_files(repo: Path, folder: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD", folder],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return sorted(out.split())


def read_audio(raw: bytes, tmp: Path, name: str) -> np.ndarray:
    """Decoded as float32 at 16 kHz, (samples, channels)."""
    path = tmp / name
    path.write_bytes(raw)
    audio, rate = sf.read(str(path), dtype="float32", always_2d=True)
    if rate != RATE:
        audio = np.stack([resample(audio[:, c], rate, RATE) for c in range(audio.shape[1])], 1)
    return audio


def librivox_clips(repo: Path, tmp: Path) -> list[dict]:
    lines = git_show(repo, "test/data/librivox/transcription").decode().splitlines()
    clips = []
    for line in lines:
        text, _, ident = line.rpartition("(")
        ident = ident.strip(") ")
        text = text.replace("<s>", "").replace("</s>", "").strip()
        audio = read_audio(git_show(repo, f"test/data/librivox/{ident}.wav"), tmp, "a.wav")
        clips.append(
            {
                "id": f"librivox-{ident.rsplit('-', 1)[1]}",
                "kind": "read",
                "role": "interviewer",
                "source": f"github.com/cmusphinx/pocketsphinx test/data/librivox/{ident}.wav",
                "licence": "LibriVox recording: public domain; repository BSD-style (CMU)",
                "texts": [text],
                "audio": audio,
            }
        )
    return clips


def ljspeech_clips(tts: Path, tacotron2: Path, tmp: Path) -> list[dict]:
    texts: dict[str, str] = {}
    for split in ("train", "val", "test"):
        raw = git_show(tacotron2, f"filelists/ljs_audio_text_{split}_filelist.txt").decode()
        for line in raw.splitlines():
            path, _, text = line.partition("|")
            texts[Path(path).stem] = text.strip()
    clips = []
    for path in git_files(tts, "tests/data/ljspeech/wavs"):
        if not path.endswith(".wav"):
            continue
        ident = Path(path).stem
        clips.append(
            {
                "id": f"ljspeech-{ident}",
                "kind": "read",
                "role": "participant",
                "source": f"github.com/coqui-ai/TTS {path}; text: github.com/NVIDIA/tacotron2 "
                "filelists/ljs_audio_text_*_filelist.txt",
                "licence": "LJ Speech Dataset: public domain",
                "texts": [texts[ident]],
                "audio": read_audio(git_show(tts, path), tmp, "a.wav"),
            }
        )
    return clips


def jfk_clip(whisper: Path, tmp: Path) -> dict:
    return {
        "id": "jfk-inaugural",
        "kind": "read",
        "role": "interviewer",
        "source": "github.com/openai/whisper tests/jfk.flac (J. F. Kennedy, inaugural address "
        "1961)",
        "licence": "US Government work: public domain; repository MIT",
        "texts": [
            "And so my fellow Americans, ask not what your country can do for you, ask what "
            "you can do for your country."
        ],
        "audio": read_audio(git_show(whisper, "tests/jfk.flac"), tmp, "a.flac"),
    }


def trim_silence(audio: np.ndarray, before_s: float = 0.25, after_s: float = 0.35) -> np.ndarray:
    """The speech of a clip with a short margin: Common Voice recordings open and close with up to
    two seconds of room noise, and the program's pauses should be the ones live_real.py sets."""
    frame = RATE // 50
    mono = audio.mean(axis=1)
    frames = mono[: mono.size // frame * frame].reshape(-1, frame)
    level = 20 * np.log10(np.sqrt((frames**2).mean(axis=1)) + 1e-9)
    # Speech is whatever comes within 35 dB of the loudest frame (and above -50 dBFS).
    voiced = np.nonzero(level > max(-50.0, level.max() - 35.0))[0]
    if voiced.size == 0:
        return audio
    start = max(0, voiced[0] * frame - round(before_s * RATE))
    end = min(mono.size, (voiced[-1] + 1) * frame + round(after_s * RATE))
    return audio[start:end]


def common_voice_clips(repo: Path, tmp: Path) -> list[dict]:
    """Mozilla Common Voice English (6.1) recordings: many speakers and accents, each reading one
    prompt, with the prompt as the reference. Questions go to the interviewer, each after one of
    the interviewer's statements, so that a turn of two clips ends with the question."""
    rows = list(csv.DictReader(io.StringIO(git_show(repo, "validated.csv").decode())))
    clips = []
    for row in rows:
        text = row["sentence"].strip()
        if len(text.split()) < CV_MIN_WORDS:
            continue
        path = f"data/{row['path']}"
        clips.append(
            {
                "id": f"cv-{Path(row['path']).stem.rsplit('_', 1)[1]}",
                "kind": "read",
                "source": f"github.com/rigved/rit-engl-682-spring-2021-project {path} (Mozilla "
                "Common Voice English 6.1; text: validated.csv)",
                "licence": "Mozilla Common Voice: CC0 1.0; repository code AGPL-3.0",
                "texts": [text],
                "audio": trim_silence(read_audio(git_show(repo, path), tmp, "a.wav")),
            }
        )
    questions = [c for c in clips if c["texts"][0].endswith("?")]
    statements = [c for c in clips if not c["texts"][0].endswith("?")]
    interviewer = statements[::CV_INTERVIEWER_EVERY]
    participant = [c for i, c in enumerate(statements) if i % CV_INTERVIEWER_EVERY]
    ordered: list[dict] = []
    for k, statement in enumerate(interviewer):
        ordered.append(statement)
        if k < len(questions):
            ordered.append(questions[k])
    ordered += questions[len(interviewer) :]
    for clip in ordered:
        clip["role"] = "interviewer"
    for clip in participant:
        clip["role"] = "participant"
    return ordered + participant


def ami_clips(hotato: Path, tmp: Path) -> list[dict]:
    clips = []
    for path in git_files(hotato, "corpus/real/scenarios"):
        scenario = json.loads(git_show(hotato, path))
        audio = read_audio(git_show(hotato, f"corpus/real/audio/{scenario['audio']}"), tmp, "a.wav")
        channels = scenario["channels"]
        texts = [""] * audio.shape[1]
        texts[channels["caller_channel"]] = scenario["transcript"]["caller"]
        texts[channels["agent_channel"]] = scenario["transcript"]["agent"]
        clips.append(
            {
                "id": scenario["id"],
                "kind": "conversation",
                "source": f"github.com/attenlabs/hotato corpus/real/audio/{scenario['audio']} "
                f"(AMI meeting {scenario['provenance']['meeting']}, window "
                f"{scenario['provenance']['window_global_sec']} s, two headset channels)",
                "licence": "AMI Meeting Corpus, CC BY 4.0 (AMI Consortium); clip cut and "
                "channels paired by hotato, still CC BY 4.0",
                "texts": texts,
                "audio": audio,
            }
        )
    return clips


def align(model, audio: np.ndarray, text: str) -> list[dict]:  # noqa: ANN001
    """Reference words with times: the model decodes with the reference forced as prefix."""
    words = text.split()
    if not words:
        return []
    segments, _ = model.transcribe(
        audio, language="en", beam_size=5, prefix=text, word_timestamps=True,
        condition_on_previous_text=False, vad_filter=False,
    )  # fmt: skip
    timed = [w for s in segments for w in (s.words or [])]
    out = []
    for i, word in enumerate(words):
        if i < len(timed):
            out.append({"word": word, "start": round(timed[i].start, 2),
                        "end": round(timed[i].end, 2)})  # fmt: skip
        else:  # the decode stopped early: the rest ends with the clip
            end = round(audio.size / RATE, 2)
            out.append({"word": word, "start": end, "end": end})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ("pocketsphinx", "coqui-tts", "tacotron2", "whisper", "hotato", "common-voice"):
        parser.add_argument(f"--{name}", type=Path, required=True, help="git directory")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    loaded = load_model(None, device="cpu", cpu_threads=2)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        clips = (
            [jfk_clip(args.whisper, tmp)]
            + librivox_clips(args.pocketsphinx, tmp)
            + ljspeech_clips(args.coqui_tts, args.tacotron2, tmp)
            + common_voice_clips(args.common_voice, tmp)
            + ami_clips(args.hotato, tmp)
        )
    records = []
    for clip in clips:
        audio = clip.pop("audio")
        file = f"{clip['id']}.flac"
        sf.write(OUT / file, audio, RATE, format="FLAC", subtype="PCM_16")
        texts = clip.pop("texts")
        clip["file"] = file
        clip["duration_s"] = round(audio.shape[0] / RATE, 2)
        clip["channels"] = [
            {"text": text, "words": align(loaded.model, np.ascontiguousarray(audio[:, c]), text)}
            for c, text in enumerate(texts)
        ]
        records.append(clip)
        print(f"{clip['id']}: {clip['duration_s']} s", file=sys.stderr)
    (OUT / "references.json").write_text(json.dumps({"clips": records}, indent=1) + "\n")
    total = sum(c["duration_s"] for c in records)
    print(json.dumps({"clips": len(records), "duration_s": round(total, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
