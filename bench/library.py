"""Library benchmark: 10,000 interviews of 60 transcript lines (600,000 lines); how long the
library window takes to open, how long full-text searches take, and whether 8 readers and 2
writers working at once meet any error. The last line printed is one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/library.py [--interviews 10000]
        [--database-url postgresql+psycopg://user@host/EMPTY_DATABASE] [--load-seconds 20]

With --database-url the library is a team's PostgreSQL (give an empty database: it is filled
and then read; the SQLite default needs nothing). Targets (issue #13): open <= 300 ms, search
p95 <= 100 ms, 8 concurrent readers and 2 writers with no error.

Why the transcripts are made of a few thousand words drawn by their real frequency: an earlier
version drew every word uniformly from 41 topic words, so "expense report" matched one line in
ten and every search ranked tens of thousands of lines; no conversation reads like that, and
it measured the ranking of an impossible corpus rather than a search. Here each line is drawn
from wordfreq's 3,000 most frequent English words, weighted by their frequency (a Zipf
distribution: "the" is common, "graduate" rare), and each interview has a topic (expenses,
billing, onboarding...) whose words make up a few percent of what is said, as in a real
interview about one subject. The queries are what a researcher types: topic words, two-word
queries and one common word ("time": as a prefix, in about one line in twenty), and how many
lines each matches is reported (mean and max) next to the times, so the load of a search is
visible. The rows are as wide as the app's: every line carries its per-word times (about 1 KB
of JSON), and every interview a full stored scorecard (about 2 KB: score, areas, tips and the
call's metrics), which is what the library's start used to decode 10,000 times.

Open is the app's own path: LibraryWindow(store) until its first paint (the interview list
query, the model, the filters), median of several opens and the first (cold) one, with the
CPU time of the process beside the wall time (the machine may be shared: CPU time is what the
library costs, wall time is what the user waits).

The load phase runs 8 reader processes (each a team member's app: a search, the library's
list, or one interview's transcript opened for review, in turn, with no pause) while 2 writer
processes add interviews line by line as a live call does. Every exception in any of them is
counted; readers' latencies under that load are reported per operation. Ten busy processes on
a two-core machine measure CPU contention as much as the database: read the load averages in
the result (taken at the start, before the load phase and after it) with the times.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select  # noqa: E402

from app.store.db import Store  # noqa: E402
from app.store.models import Interview, Plan, SegmentRow  # noqa: E402
from app.store.people import person_for_name  # noqa: E402

COMMON_WORDS = 3000  # wordfreq's most frequent English words, the body of every line
TOPIC_SHARE = 0.04  # of the words in a line, drawn from the interview's topic instead
TOPICS: dict[str, tuple[str, ...]] = {
    "expenses": ("expense", "expenses", "report", "receipt", "receipts", "reimbursement",
                 "travel", "hotel", "flight", "mileage", "approval", "approve", "policy",
                 "spreadsheet", "finance", "per", "diem", "card", "corporate", "claim"),
    "billing": ("invoice", "invoices", "billing", "refund", "refunds", "charge", "charged",
                "subscription", "plan", "upgrade", "downgrade", "trial", "payment", "card",
                "declined", "renewal", "pricing", "discount", "seat", "seats"),
    "onboarding": ("onboarding", "setup", "signup", "tutorial", "invite", "invited", "account",
                   "password", "login", "confusing", "checklist", "welcome", "email", "verify",
                   "template", "import", "first", "week", "docs", "video"),
    "scheduling": ("calendar", "meeting", "meetings", "schedule", "reschedule", "reminder",
                   "reminders", "timezone", "slot", "slots", "booking", "availability",
                   "recurring", "invite", "zoom", "agenda", "notes", "deadline", "weekly",
                   "cancel"),
    "reporting": ("dashboard", "dashboards", "export", "exports", "csv", "chart", "charts",
                  "filter", "filters", "metrics", "monthly", "weekly", "manager", "board",
                  "numbers", "copy", "paste", "manual", "excel", "pivot"),
}  # fmt: skip
QUERIES = ("expense report", "refund", "spreadsheet", "onboarding confusing", "calendar",
           "dashboard export", "approval", "reschedule meeting", "time", "invoice declined",
           "copy paste", "password")  # fmt: skip
PERCENTILE = 0.95


class Transcripts:
    """Lines of interview talk: Zipf-distributed common English, a few percent topic words."""

    def __init__(self, rng: random.Random) -> None:
        from wordfreq import top_n_list, word_frequency

        self.rng = rng
        self.words = top_n_list("en", COMMON_WORDS)
        weights = [word_frequency(w, "en") for w in self.words]
        self.cum_weights = list(itertools.accumulate(weights))
        self.topics = list(TOPICS.values())

    def line(self, topic: Sequence[str]) -> str:
        n = self.rng.randint(6, 28)
        words = self.rng.choices(self.words, cum_weights=self.cum_weights, k=n)
        for k in range(n):
            if self.rng.random() < TOPIC_SHARE:
                words[k] = self.rng.choice(topic)
        return " ".join(words).capitalize() + "."

    def timings(self, line: str, start: float) -> list[dict[str, float | str]]:
        """Per-word times as the transcriber stores them with every line (about 1 KB of JSON
        a line: the rows a search or a review reads are that much wider)."""
        out, t = [], start
        for word in line.split():
            length = round(0.12 + 0.05 * len(word), 2)
            out.append({"word": " " + word, "start": round(t, 2), "end": round(t + length, 2),
                        "probability": round(self.rng.uniform(0.6, 1.0), 3)})  # fmt: skip
            t += length + 0.08
        return out


def scorecard(rng: random.Random) -> dict[str, Any]:
    """The shape a scored call stores (app.coach.scorecard.stored_scorecard: the score, its
    areas and tips, and the full metrics, about 2 KB of JSON), with made-up figures."""
    from app.coach.metrics import Metrics
    from app.coach.phases import PhaseSpan
    from app.coach.scorecard import build_scorecard, stored_scorecard
    from app.session.plan import InterviewPlan, Participant

    plan = InterviewPlan(participant=Participant("P", "Co"))
    spans, t = [], 0.0
    for index, phase in enumerate(plan.phases):
        length = phase.budget_s * rng.uniform(0.6, 1.5)
        spans.append(PhaseSpan(index, phase.name, t, t + length, phase.budget_s))
        t += length
    share = rng.uniform(0.15, 0.6)
    questions = {k: rng.randint(0, 6) for k in ("closed", "why", "leading", "hypothetical",
                                                 "stacked")}  # fmt: skip
    questions["open"] = rng.randint(6, 20)
    ticks = [[rng.random() < 0.7 for _ in p.goals] for p in plan.phases]
    metrics = Metrics(
        duration_s=round(t, 3),
        talk_share={"interviewer": round(share, 4), "participant": round(1 - share, 4)},
        talk_share_by_phase=[{"phase": s.name, "interviewer": round(rng.random(), 4),
                              "participant": round(rng.random(), 4)} for s in spans],
        longest_monologue_s=round(rng.uniform(15, 90), 3), longest_monologue_at=60.0,
        questions=questions, questions_total=sum(questions.values()) - questions["stacked"],
        sell_moments=rng.randint(0, 3),
        cue_counts={k: rng.randint(0, 4) for k in ("why", "selling", "leading", "closed")},
        phase_timings=[s.to_dict() for s in spans], checklist=ticks,
        checklist_completion=round(sum(map(sum, ticks)) / sum(map(len, ticks)), 4),
        overtime_s=round(max(0.0, t - plan.plan_s), 3), past_hard_limit=t > plan.hard_limit_s,
        speech_s={"interviewer": round(t * share, 3), "participant": round(t * (1 - share), 3)},
    )  # fmt: skip
    return stored_scorecard(metrics, build_scorecard(metrics))


def fill(store: Store, interviews: int, segments: int, rng: random.Random) -> float:
    """Bulk inserts (the bench's own set-up, not the app's path); the search index follows
    the rows (FTS5 triggers, PostgreSQL's generated tsvector) as it does for the app."""
    began = time.perf_counter()
    talk = Transcripts(rng)
    scorecards = [scorecard(rng) for _ in range(200)]
    base = datetime(2026, 1, 1)
    batch = 250
    with store.session() as s:
        people = [person_for_name(s, name).id for name in ("Dana", "Lee", "Sam")]
    for first in range(0, interviews, batch):
        with store.session() as s:
            ids = []
            for i in range(first, min(first + batch, interviews)):
                iv = Interview(participant_name=f"Participant {i}", participant_company=f"Co {i % 97}",
                               interviewer_name=("Dana", "Lee", "Sam")[i % 3],
                               interviewer_id=people[i % 3],
                               focus="How do small teams handle their admin?", status="ended",
                               consent_state="granted", created_at=base + timedelta(hours=i),
                               duration_s=1800.0, scorecard=rng.choice(scorecards),
                               tags=["travel"] if i % 2 else [], plan=Plan())  # fmt: skip
                s.add(iv)
                ids.append(iv)
            s.flush()
            rows = []
            for iv in ids:
                topic = talk.topics[iv.id % len(talk.topics)]
                for k in range(segments):
                    line = talk.line(topic)
                    rows.append({"interview_id": iv.id, "start": k * 30.0, "end": k * 30.0 + 25,
                                 "speaker": ("interviewer", "participant")[k % 2], "text": line,
                                 "words": talk.timings(line, k * 30.0)})  # fmt: skip
            if rows:
                s.execute(insert(SegmentRow), rows)
    if store.engine.dialect.name == "postgresql":
        # What autovacuum does a while after a bulk load: statistics for the planner and the
        # visibility map for index-only scans. Measuring before it ran would time a state the
        # library is in for a minute after a 600,000-line import, not its usual one.
        with store.engine.connect() as c:
            c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    return time.perf_counter() - began


def percentile(values: Sequence[float], q: float = PERCENTILE) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(len(ordered) * q)) - 1)] if ordered else 0.0


def measure_open(store: Store, repeats: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from app.ui.library import LibraryWindow

    app = QApplication.instance() or QApplication([])
    walls, cpus, rows = [], [], 0
    for _ in range(repeats):
        began, cpu = time.perf_counter(), time.process_time()
        window = LibraryWindow(store)
        window.show()
        app.processEvents()
        walls.append((time.perf_counter() - began) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        rows = window.model.rowCount()
        window.watch_timer.stop()
        window.close()
        window.deleteLater()
        app.processEvents()
    return {"open_first_ms": round(walls[0], 1), "open_ms": round(statistics.median(walls), 1),
            "open_cpu_ms": round(statistics.median(cpus), 1), "rows": rows}  # fmt: skip


def measure_search(store: Store, searches: int) -> dict[str, float]:
    from app.store.transcript import SegmentRepository

    repo = SegmentRepository(store)
    times: list[float] = []
    hits: dict[str, int] = {}
    for i in range(searches):
        query = QUERIES[i % len(QUERIES)]
        began = time.perf_counter()
        found = repo.search(query)
        times.append((time.perf_counter() - began) * 1000)
        hits[query] = len(found)
    matching = {q: _matching_lines(store, q) for q in QUERIES}
    return {"search_p50_ms": round(statistics.median(times), 2),
            "search_p95_ms": round(percentile(times), 2),
            "search_max_ms": round(max(times), 2),
            "lines_matching_mean": round(statistics.mean(matching.values()), 1),
            "lines_matching_max": max(matching.values()),
            "hits_shown_mean": round(statistics.mean(hits.values()), 1)}  # fmt: skip


def _matching_lines(store: Store, query: str) -> int:
    """How many lines a query matches in all (the search shows the best 50): its load."""
    from sqlalchemy import text

    from app.store.search_postgres import SEARCH_CONFIG, tsquery
    from app.store.transcript import _fts_query, search_terms

    with store.session() as s:
        if s.bind.dialect.name == "postgresql":
            sql = (f"SELECT count(*) FROM segments WHERE search_vector @@ "
                   f"to_tsquery('{SEARCH_CONFIG}', :q)")  # fmt: skip
            return int(s.scalar(text(sql), {"q": tsquery(search_terms(query))}) or 0)
        sql = "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH :q"
        return int(s.scalar(text(sql), {"q": _fts_query(query)}) or 0)


# --- load: 8 readers and 2 writers in their own processes --------------------------------------


def _reader(data_dir: str, url: str | None, seconds: float, seed: int, out: Any) -> None:
    from app.store.interviews import InterviewRepository
    from app.store.transcript import SegmentRepository

    rng = random.Random(seed)
    times: dict[str, list[float]] = {"search": [], "list": [], "review": []}
    errors: list[str] = []
    try:
        store = Store.open(Path(data_dir), url=url)
    except Exception:  # noqa: BLE001 - every failure is the bench's result
        out.put({"times": times, "errors": [traceback.format_exc(limit=2)]})
        return
    interviews, segments = InterviewRepository(store), SegmentRepository(store)
    with store.session() as s:
        top = s.scalar(select(Interview.id).order_by(Interview.id.desc()).limit(1)) or 1
    end = time.monotonic() + seconds
    for step in itertools.count():
        if time.monotonic() >= end:
            break
        kind = ("search", "search", "list", "review")[step % 4]
        began = time.perf_counter()
        try:
            if kind == "search":
                segments.search(rng.choice(QUERIES))
            elif kind == "list":
                interviews.list_for_library()  # what the library window reads
            else:
                interview_id = rng.randint(1, top)
                interviews.get(interview_id)
                segments.list(interview_id)
        except Exception:  # noqa: BLE001
            errors.append(traceback.format_exc(limit=2))
            continue
        times[kind].append((time.perf_counter() - began) * 1000)
    store.close()
    out.put({"times": times, "errors": errors})


def _writer(data_dir: str, url: str | None, seconds: float, seed: int, out: Any) -> None:
    from app.session.plan import InterviewPlan, Participant
    from app.session.segments import Segment, Speaker
    from app.store.interviews import InterviewRepository
    from app.store.transcript import SegmentRepository

    rng = random.Random(seed)
    talk = Transcripts(rng)
    errors: list[str] = []
    lines = 0
    writes: list[float] = []
    try:
        store = Store.open(Path(data_dir), url=url)
    except Exception:  # noqa: BLE001
        out.put({"lines": 0, "errors": [traceback.format_exc(limit=2)], "writes": []})
        return
    interviews, segments = InterviewRepository(store), SegmentRepository(store)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            interview_id = interviews.create(
                InterviewPlan(participant=Participant(f"Load {seed}", "Co", ""), focus="load"),
                interviewer_name="Dana")
            interviews.mark_started(interview_id)
            topic = rng.choice(talk.topics)
            for k in range(60):
                if time.monotonic() >= end:
                    break
                began = time.perf_counter()
                segments.add(interview_id, Segment(
                    speaker=(Speaker.INTERVIEWER, Speaker.PARTICIPANT)[k % 2],
                    start=k * 30.0, end=k * 30.0 + 25, text=talk.line(topic)))  # fmt: skip
                writes.append((time.perf_counter() - began) * 1000)
                lines += 1
            interviews.mark_ended(interview_id, 1800.0)
        except Exception:  # noqa: BLE001
            errors.append(traceback.format_exc(limit=2))
    store.close()
    out.put({"lines": lines, "errors": errors, "writes": writes})


def measure_load(data_dir: Path, url: str | None, readers: int, writers: int,
                 seconds: float) -> dict[str, Any]:  # fmt: skip
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    procs = [context.Process(target=_reader, args=(str(data_dir), url, seconds, n, out))
             for n in range(readers)]  # fmt: skip
    procs += [context.Process(target=_writer, args=(str(data_dir), url, seconds, 100 + n, out))
              for n in range(writers)]  # fmt: skip
    for proc in procs:
        proc.start()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    errors = [e for r in results for e in r["errors"]]
    errors += [f"process exited with {p.exitcode}" for p in procs if p.exitcode]
    by_kind: dict[str, list[float]] = {"search": [], "list": [], "review": []}
    for r in results:
        for kind, values in r.get("times", {}).items():
            by_kind[kind] += values
    every = [t for values in by_kind.values() for t in values]
    writes = [t for r in results for t in r.get("writes", [])]
    report: dict[str, Any] = {
        "load_readers": readers, "load_writers": writers, "load_seconds": seconds,
        "load_errors": len(errors),
        "load_reads": len(every),
        "load_read_p95_ms": round(percentile(every), 1),
        "load_lines_written": sum(r.get("lines", 0) for r in results),
        "load_write_p95_ms": round(percentile(writes), 1),
    }  # fmt: skip
    for kind, values in by_kind.items():
        report[f"load_{kind}_p50_ms"] = round(statistics.median(values), 1) if values else None
        report[f"load_{kind}_p95_ms"] = round(percentile(values), 1) if values else None
    if errors:
        print("errors under load (first 3):", *errors[:3], sep="\n", file=sys.stderr)
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--segments", type=int, default=60)
    parser.add_argument("--searches", type=int, default=60)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--database-url", default=None, help="an EMPTY PostgreSQL database")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        store = Store.open(data_dir, url=args.database_url)
        engine = str(store.kind)
        fill_s = fill(store, args.interviews, args.segments, rng)
        store.close()
        began = time.perf_counter()
        store = Store.open(data_dir, url=args.database_url)  # a cold start, as the app's
        store_open_ms = (time.perf_counter() - began) * 1000
        result: dict[str, Any] = {
            "loadavg_1m_at_start": round(os.getloadavg()[0], 2),
            "engine": engine, "interviews": args.interviews,
            "segments_per_interview": args.segments, "fill_s": round(fill_s, 1),
            "store_open_ms": round(store_open_ms, 1),
        }  # fmt: skip
        result.update(measure_open(store, args.opens))
        assert result.pop("rows") == args.interviews
        result.update(measure_search(store, args.searches))
        store.close()
        result["loadavg_1m_before_load"] = round(os.getloadavg()[0], 2)
        result.update(measure_load(data_dir, args.database_url, args.readers, args.writers,
                                   args.load_seconds))  # fmt: skip
    result["loadavg_1m_after_load"] = round(os.getloadavg()[0], 2)
    result["cpus"] = os.cpu_count()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
