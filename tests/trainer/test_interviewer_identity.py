"""Who led an interview: imports take the name given, else the transcript's interviewer, else
the last interviewer, and say which; the new-interview dialog remembers the last one and the
interview is recorded under that person."""

from __future__ import annotations

from pathlib import Path

from app.importing import ImportJob, ImportRequest, InterviewerSource
from app.importing.analysis import Analysis
from app.importing.interviewer import choose_interviewer, is_person_name
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.people import PersonRepository

DATA = Path(__file__).resolve().parents[1] / "data"


def _no_analysis(segments, plan, marks) -> Analysis:  # type: ignore[no-untyped-def]
    return Analysis([], None)


def _write(path: Path, speakers: tuple[str, str]) -> Path:
    a, b = speakers
    path.write_text(
        f'{{"speaker": "{a}", "start": 0, "end": 3, "text": "Thanks for your time. Can I '
        'record this?"}\n'
        f'{{"speaker": "{b}", "start": 3.5, "end": 5, "text": "Sure."}}\n'
        f'{{"speaker": "{a}", "start": 5.5, "end": 9, "text": "Tell me about the last time '
        'you booked travel."}\n'
        f'{{"speaker": "{b}", "start": 9.5, "end": 20, "text": "Well, last week I had to fly '
        'to Berlin and the approvals took days."}\n',
        encoding="utf-8",
    )
    return path


def test_the_choice_and_what_the_report_says() -> None:
    given = choose_interviewer(" Rosa ", "Maya", "Sam")
    assert (given.name, given.source) == ("Rosa", InterviewerSource.GIVEN)
    from_file = choose_interviewer("", "Maya", "Sam")
    assert from_file.source is InterviewerSource.TRANSCRIPT and "transcript" in from_file.report()
    generic = choose_interviewer("", "Speaker 1", "Sam")
    assert generic.source is InterviewerSource.LAST_USED and "guessed" in generic.report()
    nobody = choose_interviewer("", "", "")
    assert nobody.source is InterviewerSource.UNKNOWN and "No interviewer" in nobody.report()
    assert not is_person_name("SPEAKER_01") and not is_person_name("interviewer")
    assert not is_person_name("A") and not is_person_name("Q:") and not is_person_name("2")
    assert is_person_name("Maya") and is_person_name("Dr. Speakerman")


def test_an_import_records_the_transcripts_interviewer(store: Store) -> None:
    result = ImportJob(store, ImportRequest(DATA / "same_interview.jsonl", last_interviewer="Sam"),
                       analyzer=_no_analysis).run()  # fmt: skip
    assert result.interviewer.name == "Maya"
    assert result.interviewer.source is InterviewerSource.TRANSCRIPT
    maya = PersonRepository(store).find("Maya")
    assert maya is not None and PersonRepository(store).interview_ids(maya.id) == [
        result.interview_id]  # fmt: skip
    assert InterviewRepository(store).get(result.interview_id).interviewer_name == "Maya"


def test_generic_speakers_fall_back_to_the_last_interviewer(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "call.jsonl", ("Speaker 1", "Speaker 2"))
    result = ImportJob(store, ImportRequest(path, last_interviewer="Sam"),
                       analyzer=_no_analysis).run()  # fmt: skip
    assert result.interviewer.source is InterviewerSource.LAST_USED
    assert InterviewRepository(store).get(result.interview_id).interviewer_name == "Sam"
    given = ImportJob(store, ImportRequest(path, interviewer_name="Rosa", last_interviewer="Sam"),
                      analyzer=_no_analysis).run()  # fmt: skip
    assert given.interviewer.source is InterviewerSource.GIVEN
    assert [p.name for p in PersonRepository(store).list()] == ["Rosa", "Sam"]


def test_the_dialog_remembers_and_the_controller_records_the_person(qtbot, store: Store,
                                                                     tmp_path: Path) -> None:  # fmt: skip
    from PySide6.QtCore import QCoreApplication, QSettings

    from app.settings import Settings
    from app.ui.new_interview import NewInterviewDialog

    QCoreApplication.setOrganizationName("TellMeMoreTest-trainer-identity")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "s"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = Settings()
    settings.interviewer_name = "Maya"
    dialog = NewInterviewDialog(interviewers=["Jon", "Maya"], interviewer=settings.interviewer_name)
    qtbot.addWidget(dialog)
    assert dialog.interviewer_combo.currentText() == "Maya"
    assert [dialog.interviewer_combo.itemText(i) for i in range(2)] == ["Jon", "Maya"]
    dialog.interviewer_combo.setEditText("  Rosa   Diaz ")
    dialog.name_edit.setText("Tom")
    dialog.accept()
    assert dialog.result_plan is not None and dialog.interviewer_name() == "Rosa Diaz"
    too_long = NewInterviewDialog(interviewer="x" * 201)
    qtbot.addWidget(too_long)
    too_long.accept()
    assert too_long.result_plan is None and "at most 200" in too_long.error_label.text()
    # From the start window: the name typed becomes the remembered one and the person.
    from app.ui.controller import AppController
    from app.ui.start_window import StartWindow

    window = StartWindow(settings)
    qtbot.addWidget(window)
    controller = AppController(window, settings, str(tmp_path / "app-data"))
    window.attach(controller)
    opened: list[int] = []
    window.open_live = lambda _store, iid, _plan: opened.append(iid)  # type: ignore[method-assign]

    def answer(d: NewInterviewDialog) -> int:
        assert d.interviewer_combo.currentText() == "Maya"  # remembered from last time
        d.interviewer_combo.setEditText("Rosa Diaz")
        d.name_edit.setText("Tom")
        d.accept()
        return 1

    window.run_dialog = answer  # type: ignore[assignment]
    assert controller.start()
    iid = controller.new_interview()
    assert iid is not None and opened == [iid]
    assert settings.interviewer_name == "Rosa Diaz"
    assert controller.store is not None
    assert InterviewRepository(controller.store).get(iid).interviewer_name == "Rosa Diaz"
    assert controller.interviewer_names() == ["Rosa Diaz"]
    controller.close()
