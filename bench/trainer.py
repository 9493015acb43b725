"""Trainer benchmark: 1,000 scored interviews by 20 interviewers (cues, phase times, no
transcripts) in a temporary store; the time for the trainer view to open on one interviewer's
trends (read every interview for the team medians, compute, fill the table, paint the charts),
and to switch to another interviewer. Target: opening <= 300 ms. The last line is one JSON
object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/trainer.py [--interviews 1000] [--people 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.store.db import Store  # noqa: E402
from tests.trainer.synthetic import fill  # noqa: E402

TARGET_MS = 300.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    people = [f"Interviewer {n:02d}" for n in range(args.people)]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data")
        began = time.perf_counter()
        fill(store, people, args.interviews // args.people, segments=False)
        fill_s = time.perf_counter() - began
        store.close()

        from PySide6.QtWidgets import QApplication

        from app.store.people import PersonRepository
        from app.ui.trainer import TrainerWindow

        app = QApplication.instance() or QApplication([])
        opens, switches, open_cpu = [], [], []
        for _ in range(args.repeats):
            store = Store.open(Path(tmp) / "data")  # cold, as when the window is first opened
            began, cpu = time.perf_counter(), time.process_time()
            window = TrainerWindow(store)
            window.resize(1240, 860)
            window.show()
            app.processEvents()
            window.grab()  # every chart painted
            opens.append((time.perf_counter() - began) * 1000)
            open_cpu.append((time.process_time() - cpu) * 1000)
            other = PersonRepository(store).find(people[-1])
            assert other is not None
            began = time.perf_counter()
            window.select_person(other.id)
            app.processEvents()
            window.grab()
            switches.append((time.perf_counter() - began) * 1000)
            shown = window.table.rowCount()
            charts = len(window.charts)
            window.close()
            window.deleteLater()
            app.processEvents()
            store.close()
    result = {
        "bench": "trainer",
        "interviews": args.interviews,
        "interviewers": args.people,
        "fill_s": round(fill_s, 2),
        "open_ms_min": round(min(opens), 1),
        "open_ms_median": round(statistics.median(opens), 1),
        "open_ms_max": round(max(opens), 1),
        # CPU time of this process: what the open costs when the machine is not shared.
        "open_cpu_ms_median": round(statistics.median(open_cpu), 1),
        "switch_ms_median": round(statistics.median(switches), 1),
        "rows_shown": shown,
        "charts": charts,
        "target_ms": TARGET_MS,
        "meets_target": statistics.median(opens) <= TARGET_MS,
        # Shared machines: a busy CPU (load above the core count) inflates every figure.
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
