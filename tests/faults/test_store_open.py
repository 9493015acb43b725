"""A tellmemore.db the app cannot use is refused with one sentence, for the CLI and the GUI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from app.store import db as db_module
from app.store.db import Store, StoreError


def _listen(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--data-dir", str(data), "listen", "--file", "/nonexistent.wav"])
    err = capsys.readouterr().err
    return code, err


def test_a_folder_named_like_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tellmemore.db").mkdir()
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        Store.open(tmp_path)
    code, err = _listen(tmp_path, capsys)
    assert code == 2 and err.count("\n") == 1 and "is a folder" in err


def test_a_read_only_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(tmp_path).close()
    path = tmp_path / "tellmemore.db"
    before = path.read_bytes()
    if os.geteuid() == 0:  # root ignores the mode bits; the immutable flag binds root too
        if subprocess.run(["chattr", "+i", str(path)], check=False).returncode != 0:
            pytest.skip("chattr is not available here")
    else:
        path.chmod(0o400)
    try:
        with pytest.raises(StoreError, match="is read-only"):
            Store.open(tmp_path)
        code, err = _listen(tmp_path, capsys)
        assert code == 2 and err.count("\n") == 1 and "read-only" in err
        assert path.read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)
        path.chmod(0o600)


def test_a_database_another_process_keeps_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(tmp_path).close()
    # The real wait is 15 s; the test waits 0.5 s for the same refusal.
    monkeypatch.setattr(db_module, "_connect_args",
                        lambda url: {"check_same_thread": False, "timeout": 0.5})  # fmt: skip
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(tmp_path / 'tellmemore.db')!r}, isolation_level=None)\n"
         "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(StoreError, match="is locked by another program"):
            Store.open(tmp_path)
        assert time.monotonic() - started < 10
        code, err = _listen(tmp_path, capsys)
        assert code == 2 and err.count("\n") == 1 and "locked" in err
    finally:
        holder.kill()
        holder.wait()


def test_tables_but_no_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = sqlite3.connect(tmp_path / "tellmemore.db")
    c.execute("CREATE TABLE segments (x)")
    c.commit()
    c.close()
    code, err = _listen(tmp_path, capsys)
    assert code == 2 and err.count("\n") == 1 and "made by another program" in err
