"""Library benchmark: 1,000 interviews of 60 segments; time to open the library and p50/p95
of full-text searches. Prints JSON; the last line is one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/library.py [--interviews 1000]
        [--database-url postgresql+psycopg://user@host/EMPTY_DATABASE]

With --database-url the library is a team's PostgreSQL (give an empty database: it is filled
and then searched; the SQLite default needs nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.store.db import Store  # noqa: E402
from app.store.models import Interview, Plan, SegmentRow  # noqa: E402

_VOCAB = ("expense report receipt spreadsheet travel flight hotel approval manager budget "
         "invoice onboarding dashboard export login password team weekly monthly painful slow "
         "manual copy paste email reminder deadline customer support billing refund trial "
         "integration calendar meeting notes template mobile laptop")  # fmt: skip
WORDS = tuple(_VOCAB.split())
QUERIES = ("expense report", "spreadsheet", "hotel approval", "refund", "copy paste",
           "calendar integration", "painful manual", "deadline", "mobile", "weekly budget")  # fmt: skip


def fill(store: Store, interviews: int, segments: int, rng: random.Random) -> float:
    began = time.perf_counter()
    base = datetime(2026, 1, 1)
    with store.session() as s:
        for i in range(interviews):
            iv = Interview(participant_name=f"Participant {i}", participant_company=f"Co {i % 97}",
                           interviewer_name=("Dana", "Lee", "Sam")[i % 3],
                           focus="How do small teams handle travel expenses?", status="ended",
                           consent_state="granted", created_at=base + timedelta(hours=i),
                           duration_s=1800.0, scorecard={"score": rng.randint(40, 95)},
                           tags=["travel"] if i % 2 else [], plan=Plan())  # fmt: skip
            s.add(iv)
            s.flush()
            rows = []
            for k in range(segments):
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))
                rows.append(SegmentRow(interview_id=iv.id, speaker=("interviewer", "participant")[k % 2],
                                       start=k * 30.0, end=k * 30.0 + 25, text=text, words=[]))  # fmt: skip
            s.add_all(rows)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=60)
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--database-url", default=None, help="an EMPTY PostgreSQL database")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data", url=args.database_url)
        engine = str(store.kind)
        fill_s = fill(store, args.interviews, args.segments, rng)
        store.close()
        # A cold start, as when the app launches.
        store = Store.open(Path(tmp) / "data", url=args.database_url)

        from PySide6.QtWidgets import QApplication

        from app.store.interviews import InterviewRepository
        from app.store.transcript import SegmentRepository
        from app.ui.library import LibraryWindow

        app = QApplication.instance() or QApplication([])
        began = time.perf_counter()
        summaries = InterviewRepository(store).list_summaries()
        query_ms = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        window = LibraryWindow(store)
        window.show()
        app.processEvents()
        open_ms = (time.perf_counter() - began) * 1000
        assert window.model.rowCount() == len(summaries) == args.interviews

        repo = SegmentRepository(store)
        times, hits = [], []
        for i in range(args.searches):
            query = QUERIES[i % len(QUERIES)]
            began = time.perf_counter()
            found = repo.search(query)
            times.append((time.perf_counter() - began) * 1000)
            hits.append(len(found))
        began = time.perf_counter()
        window.search_edit.setText("expense report")
        window.run_search()
        ui_search_ms = (time.perf_counter() - began) * 1000
        times.sort()
        window.close()
        store.close()
    result = {
        "engine": engine,
        "interviews": args.interviews,
        "segments_per_interview": args.segments,
        "fill_s": round(fill_s, 2),
        "summaries_query_ms": round(query_ms, 1),
        "open_ms": round(open_ms, 1),
        "search_p50_ms": round(statistics.median(times), 2),
        "search_p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
        "search_ui_ms": round(ui_search_ms, 1),
        "mean_hits": round(statistics.mean(hits), 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
