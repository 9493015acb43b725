"""Apply a label audit (resources/coach_corpus/audit/*.jsonl) to the coach corpus files.

    python scripts/apply_label_audit.py resources/coach_corpus/audit/FILE.jsonl [...] [--dry-run]

Each audit row names one turn and one change: {"interview", "turn", "kind", "action":
"add"|"remove", "reason"}; guide lines (which have no interview of their own) carry "file" and
"line" (1-based) instead. The corpus files are rewritten in place, row order and fields kept;
applying the same audit twice changes nothing the second time. Prints what changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "resources" / "coach_corpus"


def _target(row: dict) -> tuple[Path, int | None, int | None]:
    """(corpus file, 0-based line index or None, turn number or None)."""
    if row.get("file"):
        return CORPUS / row["file"], int(row["line"]) - 1, None
    return CORPUS / "interviews" / f"{row['interview']}.jsonl", None, int(row["turn"])


def apply(audits: list[Path], dry_run: bool = False) -> Counter:
    changes: dict[Path, list[tuple[int | None, int | None, str, str]]] = {}
    for audit in audits:
        for raw in audit.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            path, line, turn = _target(row)
            changes.setdefault(path, []).append((line, turn, row["kind"], row["action"]))
    done: Counter = Counter()
    for path, edits in changes.items():
        if not path.is_file():
            raise SystemExit(f"apply_label_audit: {path} does not exist")
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        for line, turn, kind, action in edits:
            if line is not None:
                if not 0 <= line < len(rows):
                    raise SystemExit(f"apply_label_audit: {path.name} has no line {line + 1}")
                target = rows[line]
            else:
                found = [r for r in rows if int(r.get("turn", -1)) == turn]
                if len(found) != 1:
                    raise SystemExit(f"apply_label_audit: {path.name} has no turn {turn}")
                target = found[0]
            labels = list(target.get("labels") or [])
            if action == "add" and kind not in labels:
                labels.append(kind)
                done[(kind, "add")] += 1
            elif action == "remove" and kind in labels:
                labels.remove(kind)
                done[(kind, "remove")] += 1
            target["labels"] = labels
        if not dry_run:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                            encoding="utf-8")  # fmt: skip
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("audits", nargs="+", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    done = apply(args.audits, args.dry_run)
    for (kind, action), n in sorted(done.items()):
        print(f"{kind:13s} {action:6s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
