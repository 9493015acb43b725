"""`tellmemore report`: HTML to stdout or a file, a PDF, and every error path exits 2 with one
line on stderr."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.cli import main
from app.store.db import Store
from app.store.paths import ENV_DATA_DIR
from tests.trainer.synthetic import fill


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    store = Store.open(folder)
    fill(store, ["Ana", "Ben"], 3)
    store.close()
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    return folder


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


def test_an_interviewer_report_as_html_on_stdout(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(data_dir), "report", "--interviewer", "ana"]) == 0
    html = capsys.readouterr().out
    assert "Coaching report: Ana" in html and "3 interviews" in html
    assert "Three moments worth discussing" in html and "Checklist" in html
    assert html.count("<li><p><b>") == 3  # three moments


def test_an_interview_report_as_pdf(data_dir: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = tmp_path / "r.pdf"
    assert main(["--data-dir", str(data_dir), "report", "--interview", "1", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5000
    html_out = tmp_path / "r.html"
    assert main(["--data-dir", str(data_dir), "report", "--interview", "1", "--out",
                 str(html_out)]) == 0  # fmt: skip
    assert "Coaching report" in html_out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--interview", "999"], "no interview 999"),
        (["--interviewer", "Zed"], "no interviewer called 'Zed' (known: Ana, Ben)"),
        (["--interviewer", "Ana", "--since", "2030-01-01"], "Ana led no interviews since"),
        (["--interviewer", "Ana", "--since", "yesterday"], "not a date"),
        (["--interviewer", "Ana", "--since", "2026-10-02", "--until", "2026-10-01"], "is after"),
        (["--interview", "1", "--since", "2026-10-01"], "go with --interviewer"),
        (["--interview", "1", "--out", "r.docx"], "must end in .pdf or .html"),
        (["--interview", "1", "--out", "missing/r.pdf"], "does not exist"),
    ],
)
def test_errors_exit_2_with_one_line(data_dir: Path, tmp_path: Path, capsys, monkeypatch,  # type: ignore[no-untyped-def]
                                     extra: list[str], expected: str) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert main(["--data-dir", str(data_dir), "report", *extra]) == 2
    assert expected in _one_line(capsys)
    assert not list(tmp_path.glob("r.*"))


def test_a_folder_that_is_not_a_store_exits_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "tellmemore.db").write_bytes(b"not a database at all" * 20)
    assert main(["--data-dir", str(bad), "report", "--interview", "1"]) == 2
    assert "damaged" in _one_line(capsys)


def test_neither_interview_nor_interviewer_is_a_usage_error(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(["report"])
    assert stopped.value.code == 2
    _one_line(capsys)
