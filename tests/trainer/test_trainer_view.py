"""The trainer view driven like a trainer would: pick an interviewer, read the table and the
charts, click a point to open that interview at its worst moment, export the CSV, open reports."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402

from app.store.db import Store  # noqa: E402
from app.store.people import PersonRepository  # noqa: E402
from app.trainer.table import TEAM_MEDIAN_LABEL  # noqa: E402
from app.trainer.trends import Metric, SeriesKey  # noqa: E402
from tests.trainer.synthetic import Made, fill  # noqa: E402


@pytest.fixture
def made(store: Store) -> list[Made]:
    return fill(store, ["Ana", "Ben"], 5)


@pytest.fixture
def window(qtbot, store: Store, made: list[Made]):  # type: ignore[no-untyped-def]
    from app.ui.trainer import TrainerWindow

    win = TrainerWindow(store)
    qtbot.addWidget(win)
    win.resize(1200, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _person(store: Store, name: str) -> int:
    found = PersonRepository(store).find(name)
    assert found is not None
    return found.id


def test_picking_an_interviewer_shows_their_interviews_and_trends(window, store, made) -> None:  # type: ignore[no-untyped-def]
    assert window.person_combo.count() == 2
    ben = _person(store, "Ben")
    window.person_combo.setCurrentIndex(window.person_combo.findData(ben))
    bens = {m.interview_id for m in made if m.person == "Ben"}
    assert window.table.rowCount() == 5
    assert {window._row_id(r) for r in range(5)} == bens
    titles = [c.series.key.title for c in window.charts]
    for expected in ("Talk share", "Why questions", "Selling moments", "Leading in Go deeper",
                     "Hypothetical in Go deeper", "Closed in Go deeper", "Stacked questions",
                     "Go deeper: time vs budget", "Checklist done", "Overtime",
                     "Interview length"):  # fmt: skip
        assert expected in titles
    talk = window.chart("Talk share").series
    assert {p.interview_id for p in talk.points} == bens
    assert talk.team_median is not None
    assert "10 interviews" in window.summary_label.text()  # the team median's base


def test_clicking_a_point_opens_the_review_at_the_worst_moment(qtbot, window, store, made) -> None:  # type: ignore[no-untyped-def]
    ana = _person(store, "Ana")
    window.select_person(ana)
    chart = window.chart("Talk share")
    where, point = chart.point_positions()[2]
    expected = next(m for m in made if m.interview_id == point.interview_id)
    with qtbot.waitSignal(window.review_opened) as opened:
        qtbot.mouseClick(
            chart, Qt.MouseButton.LeftButton, pos=QPoint(int(where.x()), int(where.y()))
        )
    interview_id, at = opened.args
    assert interview_id == point.interview_id
    assert at == pytest.approx(expected.worst_start, abs=1e-6)
    review = window.reviews[interview_id]
    assert review.isVisible() and review.interview_id == interview_id
    assert review.player.position_s == pytest.approx(at, abs=0.5)
    # A click beside the points opens nothing.
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert list(window.reviews) == [interview_id]


def test_the_csv_export_has_the_figures_shown(window, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_person(_person(store, "Ana"))
    path = window.export_csv(tmp_path / "ana.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert len(rows) == 1 + 5 + 1 and rows[-1][2].startswith(TEAM_MEDIAN_LABEL)
    column = rows[0].index(SeriesKey(Metric.WHY).column)
    why = window.chart("Why questions").series
    assert [float(r[column]) for r in rows[1:6]] == [p.value for p in why.points]
    assert "ana.csv" in window.banner.label.text()


def test_dates_narrow_the_interviews(window, store, made) -> None:  # type: ignore[no-untyped-def]
    window.select_person(_person(store, "Ana"))
    facts = [f for f in window.facts if f.interviewer_id == _person(store, "Ana")]
    window.set_date_range(facts[2].date.date(), facts[-1].date.date())
    assert window.table.rowCount() == 3


def test_reports_open_from_the_view(qtbot, window, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_person(_person(store, "Ben"))
    dialog = window.show_person_report()
    qtbot.addWidget(dialog)
    assert "Coaching report: Ben" in dialog.html
    pdf = dialog.save(tmp_path / "ben.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert window.show_interview_report() is None  # nothing selected yet: says so
    window.table.selectRow(0)
    single = window.show_interview_report()
    qtbot.addWidget(single)
    assert "Three moments worth discussing" in single.html


def test_an_empty_folder_explains_itself(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.trainer import TrainerWindow

    empty = Store.open(tmp_path / "empty")
    try:
        win = TrainerWindow(empty)
        qtbot.addWidget(win)
        win.show()
        assert win.empty_label.isVisible() and not win.csv_button.isEnabled()
    finally:
        empty.close()


def test_an_interview_with_no_interviewer_can_be_given_one(qtbot, store: Store, made,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:  # fmt: skip
    from app.importing import ImportJob, ImportRequest, InterviewerSource
    from app.importing.analysis import coach_analyzer
    from app.ui.trainer import TrainerWindow
    from app.ui.trainer.window import UNASSIGNED

    path = tmp_path / "call.jsonl"
    path.write_text(
        '{"speaker": "A", "start": 0, "end": 4, "text": "Thanks for joining. Why did you '
        'switch tools?"}\n{"speaker": "B", "start": 4.5, "end": 12, "text": "The old one kept '
        'losing our receipts, so we gave up on it last spring."}\n',
        encoding="utf-8",
    )
    result = ImportJob(store, ImportRequest(path), analyzer=coach_analyzer).run()
    assert result.interviewer.source is InterviewerSource.UNKNOWN
    win = TrainerWindow(store)
    qtbot.addWidget(win)
    win.show()
    win.select_person(UNASSIGNED)
    assert win.table.rowCount() == 1 and win._row_id(0) == result.interview_id
    assert not win.report_button.isEnabled() and not win.rename_button.isEnabled()
    assert win.assign_interviewer(result.interview_id, "Ben")
    assert win.person_combo.findData(UNASSIGNED) == -1  # nobody left without an interviewer
    assert win.current_person_id() == _person(store, "Ben")
    assert result.interview_id in {win._row_id(r) for r in range(win.table.rowCount())}


def test_rename_and_team_from_the_view(window, store: Store) -> None:  # type: ignore[no-untyped-def]
    window.select_person(_person(store, "Ana"))
    assert window.rename_person("Ana Lima")
    assert window.person_combo.currentText().startswith("Ana Lima")
    assert not window.rename_person("ben")  # someone else's name: refused, said so
    assert "already called" in window.banner.label.text()
    window.set_team("Research")
    assert "Research" in window.person_combo.currentText()
    # Alone in the team: still compared with everyone (10 interviews).
    assert "10 interviews" in window.summary_label.text()


def test_the_start_windows_trainer_button_opens_the_view(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QSettings

    from app.settings import Settings
    from app.ui.controller import AppController
    from app.ui.start_window import StartWindow
    from app.ui.trainer import TrainerWindow

    QCoreApplication.setOrganizationName("TellMeMoreTest-trainer-button")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "s"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = Settings()
    window = StartWindow(settings)
    qtbot.addWidget(window)
    controller = AppController(window, settings, str(tmp_path / "app-data"))
    window.attach(controller)
    assert controller.start()
    assert controller.store is not None
    fill(controller.store, ["Ana"], 2, segments=False)
    qtbot.mouseClick(window.trainer_button, Qt.MouseButton.LeftButton)
    opened = [w for w in window.other_windows if isinstance(w, TrainerWindow)]
    assert len(opened) == 1 and opened[0].isVisible()
    assert opened[0].table.rowCount() == 2
    opened[0].close()
    controller.close()


def test_the_interviewers_comments_are_listed_and_open_their_moment(qtbot, window, store, made) -> None:  # type: ignore[no-untyped-def]
    from app.store.comments import CommentRepository

    ana = next(m for m in made if m.person == "Ana")
    ben = next(m for m in made if m.person == "Ben")
    comments = CommentRepository(store)
    comments.add(ana.interview_id, t=42.0, text="Lovely silence after the answer", author="Kim")
    comments.add(ben.interview_id, t=10.0, text="Ben should slow down here", author="Kim")
    window.select_person(_person(store, "Ana"))
    browser = window.comments_browser
    window.lower_tabs.setCurrentWidget(browser)  # read again when shown
    items = [browser.list.item(i) for i in range(browser.list.count())]
    assert any("Lovely silence" in i.text() for i in items)
    assert not any("Ben should" in i.text() for i in items)
    (item,) = [i for i in items if "Lovely silence" in i.text()]
    with qtbot.waitSignal(browser.open_requested) as opened:
        browser._on_open(item)
    assert opened.args == [ana.interview_id, 42.0]
    qtbot.waitUntil(lambda: ana.interview_id in window.reviews, timeout=5000)
