"""Publish benchmark: one interview recorded offline with an hour of audio (16 kHz stereo
16-bit WAV, ~230 MB) and an hour of transcript, published from the laptop's SQLite library to
a team library on PostgreSQL; then published again (nothing to copy), and a second interview
stopped half-way and resumed. The last line printed is one JSON object.

    .venv/bin/python bench/publish.py [--database-url postgresql+psycopg://user@host/EMPTY_DB]
        [--audio-minutes 60]

Without --database-url a throwaway PostgreSQL server is started (Debian's postgresql package,
as in the tests) and removed. The audio is written to the temporary folder first (not timed);
the time is the whole publish: the audio copy (fsync'd), every row in one transaction, and the
local mark.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.session.plan import InterviewPlan, Participant  # noqa: E402
from app.session.segments import Speaker  # noqa: E402
from app.store.cards import CardRepository  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.store.interviews import InterviewRepository  # noqa: E402
from app.store.models import CueRow, SegmentRow, SessionEventRow  # noqa: E402
from app.store.publish import PublishCancelled, Publisher, PublishStage  # noqa: E402
from app.store.recordings import RecordingRepository  # noqa: E402

SAMPLERATE = 16000
LINE_S = 4.0  # an utterance every 4 s: ~900 transcript lines an hour


def _wav(path: Path, minutes: float) -> int:
    """A stereo 16-bit WAV of quiet noise, written in one-minute blocks."""
    import numpy as np
    import soundfile as sf

    rng = np.random.default_rng(7)
    with sf.SoundFile(path, "w", SAMPLERATE, 2, "PCM_16") as out:
        for _ in range(int(minutes)):
            out.write((rng.standard_normal((SAMPLERATE * 60, 2)) * 0.02).astype("float32"))
    return path.stat().st_size


def _interview(store: Store, minutes: float, title: str) -> int:
    iid = InterviewRepository(store).create(
        InterviewPlan(participant=Participant("Priya Shah", "Northwind")),
        interviewer_name="Dana", title=title,
    )  # fmt: skip
    InterviewRepository(store).update(iid, status="ended", consent_state="granted",
                                      duration_s=minutes * 60)  # fmt: skip
    words = ["so", "last", "month", "we", "closed", "the", "books", "and", "every", "receipt", "came", "in", "late", "again"]
    with store.session() as s:
        t = 0.0
        n = 0
        while t < minutes * 60:
            speaker = Speaker.INTERVIEWER if n % 3 == 0 else Speaker.PARTICIPANT
            seg_words = [{"word": " " + w, "start": t + k * 0.25, "end": t + k * 0.25 + 0.2,
                          "probability": 0.9} for k, w in enumerate(words)]  # fmt: skip
            s.add(SegmentRow(interview_id=iid, speaker=speaker.value, start=t, end=t + 3.5,
                             text=" ".join(words), words=seg_words, source="live"))  # fmt: skip
            if n % 20 == 0:
                s.add(CueRow(interview_id=iid, kind="leading", start=t, end=t + 3, text="x",
                             suggestion="Ask it open"))  # fmt: skip
            if n % 5 == 0:
                s.add(SessionEventRow(interview_id=iid, kind="tick", t=t, wall=t, data={}))
            t += LINE_S
            n += 1
    for k in range(30):
        CardRepository(store).add(iid, start=k * 60.0, end=k * 60.0 + 3, quote="every receipt",
                                  tag="workaround", author="Dana")  # fmt: skip
    return iid


def _attach_audio(store: Store, iid: int, minutes: float) -> int:
    recordings = RecordingRepository(store)
    path = recordings.new_path(iid)
    size = _wav(path, minutes)
    rec = recordings.add(iid, path, status="complete")
    recordings.update(rec, duration_s=minutes * 60)
    return size


def run(url: str, minutes: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        local = Store.open(data, local=True)
        first = _interview(local, minutes, "an hour")
        size = _attach_audio(local, first, minutes)
        second = _interview(local, minutes, "stopped half-way")
        _attach_audio(local, second, minutes)
        with local.session() as s:
            rows = s.query(SegmentRow).filter(SegmentRow.interview_id == first).count()
        team = Store.open(data, url=url)

        began = time.perf_counter()
        [result] = Publisher(local, team).publish([first])
        publish_s = time.perf_counter() - began

        began = time.perf_counter()
        [again] = Publisher(local, team).publish([first])
        again_s = time.perf_counter() - began

        half = {"done": False}

        def stop_half_way(p) -> None:  # noqa: ANN001
            if p.stage is PublishStage.AUDIO and p.done >= p.total // 2:
                half["done"] = True

        began = time.perf_counter()
        with contextlib.suppress(PublishCancelled):
            Publisher(local, team, on_progress=stop_half_way,
                      stop_requested=lambda: half["done"]).publish([second])  # fmt: skip
        stopped_s = time.perf_counter() - began
        began = time.perf_counter()
        [resumed] = Publisher(local, team).publish([second])
        resumed_s = time.perf_counter() - began
        team.close()
        local.close()
    return {
        "benchmark": "publish",
        "audio_minutes": minutes,
        "audio_mb": round(size / 1e6, 1),
        "rows": result.rows,
        "segments": rows,
        "publish_s": round(publish_s, 2),
        "audio_mb_per_s": round(size / 1e6 / publish_s, 1),
        "publish_again_s": round(again_s, 3),
        "publish_again_outcome": again.outcome.value,
        "stopped_after_s": round(stopped_s, 2),
        "resume_s": round(resumed_s, 2),
        "resume_audio_mb": round(resumed.audio_bytes / 1e6, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database (default: a "
                        "throwaway server)")  # fmt: skip
    parser.add_argument("--audio-minutes", type=float, default=60.0)
    args = parser.parse_args()
    server = None
    url = args.database_url
    if url is None:
        from tests.store.pg import server_bindir, start_server

        bindir = server_bindir()
        if bindir is None:
            print("no PostgreSQL server binaries; install Debian's postgresql or give "
                  "--database-url", file=sys.stderr)  # fmt: skip
            return 2
        server = start_server(bindir)
        url = server.url(server.create_database())
    try:
        result = run(url, args.audio_minutes)
    finally:
        if server is not None:
            from tests.store.pg import stop_server

            stop_server(server)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.exit(main())
