"""Publishing an interview recorded offline (the laptop's SQLite library) to a team library.

What is copied: the interview and its plan, timeline events, phase timings, consent events,
marks, notes, transcript lines, cues, cards, comment threads, drills, highlight decisions and
recordings (the audio files too, into the team library's recordings folder); the people they
name (interviewer, authors, trainees) are matched by name in the team library, created there
when new. Studies and boards stay on the laptop: they are the laptop's own synthesis.

Identity. The first publish gives the local interview a publish id (a random UUID), written
on the laptop before anything is copied; the team copy carries the same id (unique there).
That makes publishing idempotent and resumable:
- the audio is copied first, resumably (app.store.publish_audio), under names made of the
  publish id; an interrupted copy carries on where it stopped;
- the rows then go in ONE transaction on the team database, so colleagues never see half an
  interview, and an interruption (a kill, a lost network) leaves nothing to clean up there;
- only then is the local copy marked as published (published_at, published_to). Killed
  between the two, the next run finds the team copy by its publish id and only marks it.
Publishing again copies nothing twice: an interview the team library has is skipped.

Deletion. Deleting a published interview in the team library leaves a tombstone with its
publish id (a trigger, migration 0006, whoever deletes it); publishing it again from the
laptop is then refused (DELETED_IN_TEAM), so a deletion is never undone by a laptop that still
has the interview. Deleting the local copy leaves the team copy alone.

Consent. When the participant declined (or revoked) consent, none of their data leaves the
laptop, even if some were kept by mistake: their transcript lines, the cards and cues quoting
them and the recordings (their voice is on them) are withheld, and the result says so.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.session.consent import ConsentState
from app.session.segments import Speaker
from app.store.access import EVERY_INTERVIEW
from app.store.authors import author_id
from app.store.database_url import DatabaseKind
from app.store.db import Store
from app.store.models import (
    Card,
    Comment,
    ConsentEvent,
    CueRow,
    Drill,
    HighlightDecision,
    Interview,
    InterviewStatus,
    Mark,
    Note,
    Person,
    PhaseTiming,
    Plan,
    PublishTombstone,
    Recording,
    SegmentRow,
    SessionEventRow,
    utcnow,
)
from app.store.paths import DB_FILENAME
from app.store.publish_audio import copy_resumably, discard

try:  # two publishes of one interview on one machine must not write the same audio file
    import fcntl
except ImportError:  # pragma: no cover - Windows: the unique publish id still guards the rows
    fcntl = None  # type: ignore[assignment]


class PublishOutcome(StrEnum):
    PUBLISHED = "published"
    ALREADY_PUBLISHED = "already_published"  # the team library has it: nothing copied
    DELETED_IN_TEAM = "deleted_in_team"  # deleted there after it was published: not brought back


class PublishStage(StrEnum):
    AUDIO = "audio"
    ROWS = "rows"
    DONE = "done"


class PublishError(RuntimeError):
    """An interview that cannot be published; the message is meant for the user."""


class PublishCancelled(RuntimeError):
    """The user stopped publishing; what was copied so far is resumed next time."""


@dataclass(frozen=True)
class PublishProgress:
    interview_id: int  # the local interview being published
    position: int  # 1-based, among the interviews of this run
    count: int
    done: int  # work units done for this interview (audio bytes, and rows weighted)
    total: int
    stage: PublishStage

    @property
    def fraction(self) -> float:
        """Of the whole run, 0..1."""
        inner = self.done / self.total if self.total else 1.0
        return min(1.0, ((self.position - 1) + inner) / max(1, self.count))


@dataclass(frozen=True)
class PublishResult:
    local_id: int
    outcome: PublishOutcome
    team_id: int | None = None
    rows: int = 0
    audio_bytes: int = 0  # copied by this run (less than the files' size when resumed)
    withheld: tuple[str, ...] = ()  # what stayed on the laptop, for the user


ProgressListener = Callable[[PublishProgress], None]

# A row counts like this many bytes of audio in the progress bar: one hour of audio (~230 MB)
# takes about as long to copy as ~20,000 rows take to insert.
ROW_UNITS = 10_000
# Checked between chunks and tables; set by the window's Cancel button.
StopRequested = Callable[[], bool]


def team_location(team: Store) -> str:
    """Where a local copy was published, as shown in the library (no password)."""
    return team.location


@dataclass
class _Snapshot:
    """One local interview's rows, read in one transaction, as plain column dicts."""

    interview: dict[str, Any]
    tables: dict[type, list[dict[str, Any]]]
    people: dict[int, str]  # local person id -> name
    withheld: list[str] = field(default_factory=list)

    def count(self) -> int:
        return 1 + sum(len(rows) for rows in self.tables.values())


# Child tables in the order they are inserted (a row's references are inserted before it).
_CHILDREN: tuple[type, ...] = (
    Plan, SessionEventRow, PhaseTiming, ConsentEvent, Mark, Note, SegmentRow, CueRow, Card,
    Comment, Drill, HighlightDecision, Recording,
)  # fmt: skip
# Columns naming a person, per table.
_PERSON_COLUMNS: dict[type, tuple[str, ...]] = {
    SegmentRow: ("edited_by_id",), Card: ("author_id",), Comment: ("author_id",),
    Drill: ("trainee_id",),
}  # fmt: skip
_WITHHELD_CONSENT = (ConsentState.DECLINED.value, ConsentState.REVOKED.value)


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


def _read(s: Session, model: type, interview_id: int) -> list[dict[str, Any]]:
    table = _table(model)
    query = select(table).where(table.c.interview_id == interview_id).order_by(table.c.id)
    return [dict(row._mapping) for row in s.execute(query)]


def _withhold_participant(snapshot: _Snapshot) -> None:
    """Consent declined or revoked: drop every row holding the participant's words or voice."""
    tables = snapshot.tables
    theirs = [r for r in tables[SegmentRow] if r["speaker"] == Speaker.PARTICIPANT.value]
    ids = {r["id"] for r in theirs}
    names = {r["speaker_name"] for r in theirs if r["speaker_name"]}
    names |= {snapshot.interview["participant_name"]} - {""}
    before = {model: len(rows) for model, rows in tables.items()}
    tables[SegmentRow] = [r for r in tables[SegmentRow] if r["id"] not in ids]
    tables[Card] = [r for r in tables[Card]
                    if r["segment_id"] not in ids and r["speaker_name"] not in names]  # fmt: skip
    tables[CueRow] = [r for r in tables[CueRow] if r["kind"] != "generality"]
    tables[HighlightDecision] = [r for r in tables[HighlightDecision] if r["segment_id"] not in ids]
    tables[Recording] = []
    for row in tables[Comment]:
        if row["segment_id"] in ids:
            row["segment_id"] = None  # the comment is the team's; the line it was on is not
    labels = {SegmentRow: "transcript line", Card: "card", CueRow: "cue", Recording: "recording"}
    for model, label in labels.items():
        gone = before[model] - len(tables[model])
        if gone:
            snapshot.withheld.append(
                f"{gone} {label}{'s' if gone != 1 else ''} (consent was not given)"
            )


def _snapshot(local: Store, interview_id: int) -> _Snapshot:
    with local.session() as s:
        interview = s.execute(
            select(_table(Interview)).where(Interview.id == interview_id)
        ).mappings().one_or_none()  # fmt: skip
        if interview is None:
            raise PublishError(f"There is no interview {interview_id} in this library.")
        snapshot = _Snapshot(dict(interview), {m: _read(s, m, interview_id) for m in _CHILDREN}, {})
        person_ids = {interview["interviewer_id"]} - {None}
        for model, columns in _PERSON_COLUMNS.items():
            person_ids |= {row[c] for row in snapshot.tables[model] for c in columns} - {None}
        if person_ids:
            found = s.execute(select(Person.id, Person.name).where(Person.id.in_(person_ids)))
            snapshot.people = {int(pid): str(name) for pid, name in found}
    if snapshot.interview["consent_state"] in _WITHHELD_CONSENT:
        _withhold_participant(snapshot)
    missing = [r for r in snapshot.tables[Recording] if not Path(r["path"]).is_file()]
    if missing:
        snapshot.tables[Recording] = [r for r in snapshot.tables[Recording] if r not in missing]
        snapshot.withheld.append(
            f"{len(missing)} recording{'s' if len(missing) != 1 else ''} missing on this computer"
        )
    return snapshot


class Publisher:
    """Publishes local interviews into a team library; reports progress, can be stopped."""

    def __init__(self, local: Store, team: Store, *, on_progress: ProgressListener | None = None,
                 stop_requested: StopRequested | None = None) -> None:  # fmt: skip
        if local.engine.url == team.engine.url:
            raise PublishError("The team library is this library; choose another one.")
        self.local = local
        self.team = team
        self.on_progress = on_progress
        self.stop_requested = stop_requested

    def publish(self, interview_ids: Sequence[int]) -> list[PublishResult]:
        """Each interview in turn; stops at the first error (the ones before stay published)."""
        return [self.publish_one(iid, i + 1, len(interview_ids))
                for i, iid in enumerate(interview_ids)]  # fmt: skip

    def publish_one(self, interview_id: int, position: int = 1, count: int = 1) -> PublishResult:
        publish_id = self._publish_id(interview_id)
        with self._lock():
            known = self._in_team(publish_id)
            if known is not None:
                return self._known(interview_id, publish_id, known, position, count)
            snapshot = _snapshot(self.local, interview_id)
            if snapshot.interview["status"] == InterviewStatus.LIVE.value:
                raise PublishError(f"Interview {interview_id} is still being recorded; publish "
                                   "it once the call has ended.")  # fmt: skip
            job = _Job(self, interview_id, position, count, snapshot)
            staged = job.copy_audio(publish_id)
            for attempt in (1, 2):
                try:
                    team_id = job.insert_rows(publish_id, staged)
                    break
                except IntegrityError as exc:
                    if _names(exc, "ix_interviews_publish_id"):
                        # The team library has it already: another process published it first,
                        # or it is there but hidden from this login (row-level security).
                        known = self._in_team(publish_id) or (
                            PublishOutcome.ALREADY_PUBLISHED, None)
                        return self._known(interview_id, publish_id, known, position, count)
                    if attempt == 2 or not _names(exc, "uq_people_name"):
                        raise
                    # A colleague's publish created the same new person meanwhile: once more.
                    job.restart()
            self._mark_published(interview_id)
            self._report(interview_id, position, count, job.total, job.total, PublishStage.DONE)
            return PublishResult(interview_id, PublishOutcome.PUBLISHED, team_id,
                                 snapshot.count(), job.audio_bytes, tuple(snapshot.withheld))  # fmt: skip

    def _known(self, interview_id: int, publish_id: str,
               known: tuple[PublishOutcome, int | None], position: int,
               count: int) -> PublishResult:  # fmt: skip
        """The team library has it, or had it and deleted it: nothing to copy. Audio staged by
        an earlier attempt is not needed any more."""
        outcome, team_id = known
        if outcome is PublishOutcome.ALREADY_PUBLISHED:
            self._mark_published(interview_id)
        for leftover in self.team.recordings_dir.glob(f"publish-{publish_id}-*"):
            discard(leftover)
        self._report(interview_id, position, count, 1, 1, PublishStage.DONE)
        return PublishResult(interview_id, outcome, team_id)

    # --- the two libraries -------------------------------------------------------------------

    def _publish_id(self, interview_id: int) -> str:
        """The interview's publish id, given (and saved on the laptop) on its first publish."""
        with self.local.session() as s:
            s.execute(update(Interview).where(Interview.id == interview_id,
                                              Interview.publish_id.is_(None))
                      .values(publish_id=uuid.uuid4().hex))  # fmt: skip
            found = s.scalar(select(Interview.publish_id).where(Interview.id == interview_id))
        if found is None:
            raise PublishError(f"There is no interview {interview_id} in this library.")
        return found

    def _in_team(self, publish_id: str) -> tuple[PublishOutcome, int | None] | None:
        with self.team.session() as s:
            # Past the visibility rule: a copy hidden from this login is still a copy (its id
            # is all that is read). Under row-level security the insert's unique key catches it.
            team_id = s.scalar(select(Interview.id).where(Interview.publish_id == publish_id)
                               .execution_options(**{EVERY_INTERVIEW: True}))  # fmt: skip
            if team_id is not None:
                return PublishOutcome.ALREADY_PUBLISHED, team_id
            gone = s.get(PublishTombstone, publish_id)
            if gone is not None:
                return PublishOutcome.DELETED_IN_TEAM, None
        return None

    def _mark_published(self, interview_id: int) -> None:
        with self.local.session() as s:
            s.execute(update(Interview).where(Interview.id == interview_id)
                      .values(published_at=utcnow(), published_to=team_location(self.team)))  # fmt: skip

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """One publish at a time into this team library's folder on this machine (the window
        and the command at once would write the same staged audio). The lock file stays: an
        unlinked lock file can be locked twice."""
        if fcntl is None:
            yield
            return
        self.team.recordings_dir.mkdir(parents=True, exist_ok=True)
        with (self.team.recordings_dir / ".publish.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _report(self, interview_id: int, position: int, count: int, done: int, total: int,
                stage: PublishStage) -> None:  # fmt: skip
        if self.on_progress is not None:
            self.on_progress(PublishProgress(interview_id, position, count, done, total, stage))

    def _check_stop(self) -> None:
        if self.stop_requested is not None and self.stop_requested():
            raise PublishCancelled("Publishing was stopped; run it again to finish.")


class _Job:
    """One interview's copy: its audio, then its rows."""

    def __init__(self, publisher: Publisher, interview_id: int, position: int, count: int,
                 snapshot: _Snapshot) -> None:  # fmt: skip
        self.publisher = publisher
        self.interview_id = interview_id
        self.position = position
        self.count = count
        self.snapshot = snapshot
        self.audio_total = sum(Path(r["path"]).stat().st_size
                               for r in snapshot.tables[Recording])  # fmt: skip
        self.total = self.audio_total + snapshot.count() * ROW_UNITS
        self.done = 0
        self.audio_bytes = 0

    def restart(self) -> None:
        """Back to the end of the audio: the rows are inserted again (progress shows it)."""
        self.done = self.audio_total

    def _advance(self, units: int, stage: PublishStage) -> None:
        self.done += units
        self.publisher._report(self.interview_id, self.position, self.count,
                               min(self.done, self.total), self.total, stage)  # fmt: skip

    def copy_audio(self, publish_id: str) -> list[Path]:
        """Each recording into the team folder under a staging name made of the publish id
        (the team's interview number is not known yet); returns the staged paths, in order."""
        staged = []
        folder = self.publisher.team.recordings_dir
        for n, row in enumerate(self.snapshot.tables[Recording], start=1):
            source = Path(row["path"])
            target = folder / f"publish-{publish_id}-{n}{source.suffix}"
            size = source.stat().st_size
            reported = 0

            def on_bytes(copied: int) -> None:
                nonlocal reported
                self._advance(copied - reported, PublishStage.AUDIO)
                reported = copied
                self.publisher._check_stop()

            copied = copy_resumably(source, target, on_bytes)
            self.audio_bytes += copied
            # Bytes already there from an earlier run count as done.
            self._advance(size - reported, PublishStage.AUDIO)
            staged.append(target)
        return staged

    def insert_rows(self, publish_id: str, staged: list[Path]) -> int:
        """Every row in one transaction on the team database; the staged audio takes the team
        interview's number in its name (what the deletion sweep reads) just before commit."""
        renamed: list[tuple[Path, Path]] = []
        try:
            with self.publisher.team.session() as s:
                team_id = self._insert_all(s, publish_id, staged, renamed)
                self.publisher._check_stop()
            return team_id
        except BaseException:
            for staged_path, final in reversed(renamed):  # back, for the next run to find
                with contextlib.suppress(OSError):
                    final.replace(staged_path)
            raise

    def _insert_all(self, s: Session, publish_id: str, staged: list[Path],
                    renamed: list[tuple[Path, Path]]) -> int:  # fmt: skip
        snapshot = self.snapshot
        # By name; a person this login may not add (row-level security) is left out, the
        # interviewer's name stays in its free-text column.
        people = {local_id: team_person for local_id, name in snapshot.people.items()
                  if (team_person := author_id(s, name)) is not None}  # fmt: skip
        row = {k: v for k, v in snapshot.interview.items() if k != "id"}
        row.update(interviewer_id=people.get(row["interviewer_id"]), publish_id=publish_id,
                   published_at=utcnow(), published_to="")  # fmt: skip
        team_id = self._insert(s, Interview, [row])[0]
        ids: dict[type, dict[int, int]] = {}
        for model in _CHILDREN:
            rows = snapshot.tables[model]
            if model is Recording:
                rows = self._recordings(rows, staged, team_id, renamed)
            if model is Comment:  # a thread's first comment before its replies
                rows = sorted(rows, key=lambda r: (r["parent_id"] is not None, r["id"]))
            ids[model] = self._copy(s, model, rows, team_id, people, ids)
        return team_id

    def _copy(self, s: Session, model: type, rows: list[dict[str, Any]], team_id: int,
              people: dict[int, int], ids: dict[type, dict[int, int]]) -> dict[int, int]:  # fmt: skip
        """Inserts rows of one table with their references turned into team ids; returns the
        local id -> team id map. Comments go one by one when they reply to each other."""
        references = _references(model, people, ids)
        mapping: dict[int, int] = {}
        batch: list[dict[str, Any]] = []
        local_ids: list[int] = []

        def flush() -> None:
            mapping.update(zip(local_ids, self._insert(s, model, batch), strict=True))
            self._advance(len(batch) * ROW_UNITS, PublishStage.ROWS)
            self.publisher._check_stop()
            batch.clear()
            local_ids.clear()

        for row in rows:
            out = {k: v for k, v in row.items() if k != "id"}
            out["interview_id"] = team_id
            for column, table_map in references.items():
                parent = out.get(column) if column == "parent_id" else None
                if parent is not None and parent not in mapping and batch:
                    flush()  # its thread's first comment must have its team id first
                if column == "parent_id":
                    table_map = mapping
                if out.get(column) is not None:
                    out[column] = table_map.get(out[column])
            batch.append(out)
            local_ids.append(row["id"])
            if len(batch) >= 500:
                flush()
        if batch:
            flush()
        return mapping

    @staticmethod
    def _insert(s: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        table = _table(model)
        result = s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                           rows)  # fmt: skip
        return list(result.scalars())

    def _recordings(self, rows: list[dict[str, Any]], staged: list[Path], team_id: int,
                    renamed: list[tuple[Path, Path]]) -> list[dict[str, Any]]:  # fmt: skip
        out = []
        for n, (row, staged_path) in enumerate(zip(rows, staged, strict=True), start=1):
            final = staged_path.with_name(f"interview-{team_id:05d}-{n}{staged_path.suffix}")
            staged_path.replace(final)
            renamed.append((staged_path, final))
            out.append({**row, "path": str(final), "status": "complete"
                        if row["status"] == "recording" else row["status"]})  # fmt: skip
        return out


def _names(exc: IntegrityError, constraint: str) -> bool:
    """Whether the database refused the row because of this constraint (or unique index)."""
    diag = getattr(getattr(exc, "orig", None), "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return bool(name == constraint)
    # SQLite names the columns, not the index: "UNIQUE constraint failed: interviews.publish_id"
    columns = {"ix_interviews_publish_id": "interviews.publish_id", "uq_people_name": "people.name"}
    return columns.get(constraint, constraint) in str(exc.orig)


def _references(model: type, people: dict[int, int],
                ids: dict[type, dict[int, int]]) -> dict[str, dict[int, int]]:  # fmt: skip
    """Which columns of a table name another copied row, and the map that translates them."""
    refs: dict[str, dict[int, int]] = dict.fromkeys(_PERSON_COLUMNS.get(model, ()), people)
    if model in (Card, Comment, HighlightDecision):
        refs["segment_id"] = ids.get(SegmentRow, {})
    if model is Comment:
        refs["cue_id"] = ids.get(CueRow, {})
        refs["parent_id"] = {}  # filled as the comments go in (see _Job._copy)
    if model is HighlightDecision:
        refs["card_id"] = ids.get(Card, {})
    return refs


def describe_result(result: PublishResult) -> str:
    """One line on what publishing one interview did, for the command."""
    return f"interview {result.local_id}: {describe_outcome(result)}"


def describe_outcome(result: PublishResult) -> str:
    """What publishing one interview did, in words (the window puts its title before it)."""
    if result.outcome is PublishOutcome.ALREADY_PUBLISHED:
        text = f"already in the team library (team interview {result.team_id}); nothing copied"
    elif result.outcome is PublishOutcome.DELETED_IN_TEAM:
        text = ("deleted from the team library after it was published; not published again "
                "(the copy on this computer is kept)")  # fmt: skip
    else:
        audio = f", {result.audio_bytes / 1e6:.1f} MB of audio" if result.audio_bytes else ""
        text = f"published as team interview {result.team_id} ({result.rows} rows{audio})"
    if result.withheld:
        text += "; kept on this computer: " + ", ".join(result.withheld)
    return text


def local_interviews_to_publish(local: Store) -> list[int]:
    """Every interview of the laptop's library that has not been published yet and is not
    being recorded, oldest first (what `publish --all` publishes)."""
    with local.session() as s:
        return list(s.scalars(
            select(Interview.id).where(Interview.published_at.is_(None),
                                       Interview.status != InterviewStatus.LIVE.value)
            .order_by(Interview.created_at, Interview.id)
        ))  # fmt: skip


def waiting_to_publish(local: Store, team: Store) -> list[int]:
    """What `local_interviews_to_publish` lists, less the interviews the team library deleted
    after they were published (their tombstones): what is still worth offering."""
    ids = local_interviews_to_publish(local)
    if not ids:
        return []
    with local.session() as s:
        publish_ids = dict(s.execute(select(Interview.id, Interview.publish_id).where(
            Interview.id.in_(ids), Interview.publish_id.is_not(None))).all())  # fmt: skip
    if not publish_ids:
        return ids
    with team.session() as s:
        gone = set(s.scalars(select(PublishTombstone.publish_id).where(
            PublishTombstone.publish_id.in_(list(publish_ids.values())))))  # fmt: skip
    return [i for i in ids if publish_ids.get(i) not in gone]


def open_local_library(team: Store) -> Store | None:
    """The SQLite library in a team library's data folder, when there is one (what the app
    recorded there while the team library was out of reach), opened; else None. Never
    creates one."""
    if team.kind is not DatabaseKind.POSTGRESQL or not (team.data_dir / DB_FILENAME).is_file():
        return None
    return Store.open(team.data_dir, local=True)
