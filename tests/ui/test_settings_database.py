"""The Settings field for a team library on PostgreSQL: saved without a password, refused with
a reason when unusable (what was typed stays to correct)."""

from __future__ import annotations

from app.settings import Settings
from app.ui.settings_dialog import DATABASE_NOTE, SettingsDialog


def _dialog(qtbot, settings: Settings) -> SettingsDialog:
    dialog = SettingsDialog(settings, device_lister=lambda: [])
    qtbot.addWidget(dialog)
    return dialog


def test_a_team_library_address_is_saved(qtbot, settings: Settings) -> None:
    dialog = _dialog(qtbot, settings)
    assert dialog.database_edit.text() == "" and dialog.database_note.text() == DATABASE_NOTE
    dialog.database_edit.setText(" postgres://sam@db.example/team ")
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings.database_url == "postgresql+psycopg://sam@db.example/team"
    assert Settings().database_url == "postgresql+psycopg://sam@db.example/team"
    again = _dialog(qtbot, settings)
    again.database_edit.setText("")
    again.accept()
    assert settings.database_url == ""  # back to the SQLite file in the data folder


def test_a_password_or_an_unknown_database_is_refused_and_kept_in_the_field(
    qtbot, settings: Settings
) -> None:
    dialog = _dialog(qtbot, settings)
    dialog.name_edit.setText("Sam")
    typed = "postgresql://sam:Hunter2-Zq@db/team"
    dialog.database_edit.setText(typed)
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "pgpass" in dialog.database_note.text()
    assert "Hunter2-Zq" not in dialog.database_note.text()
    assert dialog.database_edit.text() == typed
    assert settings.database_url == "" and settings.interviewer_name != "Sam"  # nothing saved
    dialog.database_edit.setText("oracle://db/team")
    dialog.accept()
    assert "neither SQLite nor PostgreSQL" in dialog.database_note.text()


def test_a_team_recordings_folder_is_saved_and_read_at_start(qtbot, settings: Settings,
                                                             monkeypatch) -> None:  # fmt: skip  # noqa: ANN001
    import os

    from app.store.paths import ENV_TEAM_RECORDINGS

    dialog = _dialog(qtbot, settings)
    assert dialog.team_recordings_edit.text() == ""
    dialog.team_recordings_edit.setText(" /mnt/team-share/tellmemore ")
    dialog.accept()
    assert Settings().team_recordings == "/mnt/team-share/tellmemore"
    # At start the GUI hands it to the store (the environment, when set, wins).
    from app.ui.main import use_team_recordings

    monkeypatch.delenv(ENV_TEAM_RECORDINGS, raising=False)
    use_team_recordings(Settings())
    assert os.environ[ENV_TEAM_RECORDINGS] == "/mnt/team-share/tellmemore"
    monkeypatch.setenv(ENV_TEAM_RECORDINGS, "/srv/other")
    use_team_recordings(Settings())
    assert os.environ[ENV_TEAM_RECORDINGS] == "/srv/other"
