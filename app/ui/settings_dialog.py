"""Settings: the window, who you are, audio devices, the transcription model and the cues."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.settings import Settings
from app.store.database_url import EXAMPLE_URL, DatabaseUrlError, url_for_settings
from app.transcribe.model import available_models
from app.ui.controller import optional_module
from app.ui.live.cue_banner import CUE_KINDS, cue_title

SAME_DEVICE = ("The microphone and the call audio are the same device: every sentence would "
               "show twice, once as you. Pick the call's monitor or loopback source.")
DATABASE_NOTE = ("The password goes in ~/.pgpass or PGPASSWORD, not here. Recordings go in "
                 "the team recordings folder when one is set (a share every member reaches), "
                 "else in your data folder. Used from the next start.")  # fmt: skip
DEFAULT_DEVICE = ""  # let the app pick (the system's default microphone / call source)

DeviceLister = Callable[[], list[Any]]


def installed_device_lister() -> DeviceLister | None:
    """app.audio.devices.list_input_devices when the audio package provides it."""
    module = optional_module("app.audio.devices")
    return getattr(module, "list_input_devices", None) if module is not None else None


def _device_rows(lister: DeviceLister | None) -> tuple[list[tuple[str, str, bool]], str]:
    """(label, spec, is call source) rows and an error to show when listing failed."""
    if lister is None:
        return [], "Device selection comes with the audio engine."
    try:
        devices = lister()
    except Exception as exc:  # noqa: BLE001 - PortAudio missing or broken: say so, keep the dialog usable
        return [], f"Could not list audio devices: {exc}"
    rows = []
    for device in devices:
        label = str(getattr(device, "description", "") or getattr(device, "name", device))
        spec = str(getattr(device, "spec", getattr(device, "name", device)))
        rows.append((label, spec, bool(getattr(device, "is_call_source", False))))
    return rows, ""


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        device_lister: DeviceLister | None = None,
        list_devices: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        general = QGroupBox("General")
        general_form = QFormLayout(general)
        self.name_edit = QLineEdit(settings.interviewer_name)
        self.name_edit.setPlaceholderText("Your name, shown on your interviews")
        general_form.addRow("Your name", self.name_edit)
        self.on_top_check = QCheckBox("Keep the live window on top of other windows")
        self.on_top_check.setChecked(settings.always_on_top)
        general_form.addRow("", self.on_top_check)
        self.database_edit = QLineEdit(settings.database_url)
        self.database_edit.setPlaceholderText("Empty: the library in your data folder")
        self.database_edit.setCursorPosition(0)  # the start (which database) shows
        self.database_edit.setToolTip(f"A team library on PostgreSQL, e.g. {EXAMPLE_URL}")
        general_form.addRow("Team library", self.database_edit)
        self.team_recordings_edit = QLineEdit(settings.team_recordings)
        self.team_recordings_edit.setPlaceholderText("Empty: your data folder")
        self.team_recordings_edit.setToolTip("A shared folder (network share) for the team "
                                             "library's recordings, so every member can play "
                                             "them")  # fmt: skip
        general_form.addRow("Team recordings", self.team_recordings_edit)
        self.database_note = QLabel(DATABASE_NOTE)
        self.database_note.setProperty("role", "muted")
        self.database_note.setWordWrap(True)
        general_form.addRow("", self.database_note)
        layout.addWidget(general)

        audio = QGroupBox("Audio")
        audio_form = QFormLayout(audio)
        self.mic_combo = QComboBox()
        self.call_combo = QComboBox()
        lister = (
            device_lister
            if device_lister is not None
            else (installed_device_lister() if list_devices else None)
        )
        rows, problem = _device_rows(lister)
        self._fill_devices(self.mic_combo, rows, settings.mic_device, "System default microphone")
        self._fill_devices(self.call_combo, rows, settings.call_device, "Detect the call audio")
        audio_form.addRow("Microphone (you)", self.mic_combo)
        audio_form.addRow("Call audio (them)", self.call_combo)
        self.device_note = QLabel(problem)
        self.device_note.setProperty("role", "muted")
        self.device_note.setWordWrap(True)
        self.device_note.setVisible(bool(problem))
        audio_form.addRow("", self.device_note)
        # The same device on both sides puts every sentence on screen twice, once as "You".
        self.same_device_note = QLabel(SAME_DEVICE)
        self.same_device_note.setProperty("role", "error")
        self.same_device_note.setWordWrap(True)
        audio_form.addRow("", self.same_device_note)
        for combo in (self.mic_combo, self.call_combo):
            combo.currentIndexChanged.connect(self._check_devices)
        self.same_device_note.setVisible(self._same_device())
        self.check_audio_button = QPushButton("Check audio\u2026")
        self.check_audio_button.setToolTip("Level meters for the devices chosen above, and "
                                           "advice when a side is silent or both are one device")  # fmt: skip
        self.check_audio_button.clicked.connect(self.check_audio)
        audio_form.addRow("", self.check_audio_button)
        model_row = QHBoxLayout()
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        # Only what is installed here (a folder can still be chosen with Browse).
        self.model_combo.addItems(available_models())
        self.model_combo.setEditText(settings.model_name)
        self.model_combo.setToolTip("An installed model (bundled: tiny.en) or a folder with a "
                                    "faster-whisper model; nothing is downloaded")  # fmt: skip
        browse = QPushButton("Folder\u2026")
        browse.clicked.connect(self._choose_model_folder)
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(browse)
        audio_form.addRow("Transcription model", model_row)
        layout.addWidget(audio)

        cues = QGroupBox("Coaching cues shown live")
        grid = QGridLayout(cues)
        enabled = settings.enabled_cue_kinds(CUE_KINDS)
        self.cue_checks: dict[str, QCheckBox] = {}
        for i, kind in enumerate(CUE_KINDS):
            check = QCheckBox(cue_title(kind))
            check.setChecked(kind in enabled)
            check.setToolTip(f"Cue kind \u201c{kind}\u201d")
            grid.addWidget(check, i // 2, i % 2)
            self.cue_checks[kind] = check
        note = QLabel(
            "Every cue is still listed in review; this only quiets the live window. For now the "
            "coach shows only \u201cwhy\u201d questions and the timing cues live: the others "
            "are not yet right often enough on real interviews, so they wait for the review."
        )
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        # Room for every wrapped line at the dialog's narrowest (grids do not ask labels for
        # their height at a width, so without this the last lines are clipped).
        note.setMinimumHeight(note.heightForWidth(400))
        grid.addWidget(note, (len(CUE_KINDS) + 1) // 2, 0, 1, 2)
        layout.addWidget(cues)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.adjustSize()  # open at the height the wrapped notes need

    @staticmethod
    def _fill_devices(combo: QComboBox, rows: list[tuple[str, str, bool]], current: str,
                      default_label: str) -> None:  # fmt: skip
        combo.addItem(default_label, DEFAULT_DEVICE)
        for label, spec, _is_call in rows:
            combo.addItem(label, spec)
        if current:
            index = combo.findData(current)
            if index < 0:  # a device not plugged in now: keep the choice visible
                combo.addItem(f"{current} (not connected)", current)
                index = combo.count() - 1
            combo.setCurrentIndex(index)

    def _choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder with a faster-whisper model")
        if folder:
            self.model_combo.setEditText(folder)

    def check_audio(self) -> QDialog:
        """The audio check on the devices as chosen here now (saved or not)."""
        from app.ui.audio_check import AudioCheckDialog
        from app.ui.live.bridge import capture_for

        mic = str(self.mic_combo.currentData() or "") or None
        call = str(self.call_combo.currentData() or "") or None
        dialog = AudioCheckDialog(lambda: capture_for(mic, call), self)
        dialog.open()
        return dialog

    def _same_device(self) -> bool:
        mic, call = self.mic_combo.currentData(), self.call_combo.currentData()
        return bool(mic) and mic == call

    def _check_devices(self, *_: object) -> None:
        same = self._same_device()
        if same != self.same_device_note.isVisibleTo(self):
            self.same_device_note.setVisible(same)
            self.adjustSize()  # room for the note's lines

    def accept(self) -> None:
        if self._same_device():
            self._check_devices()
            self.call_combo.setFocus()
            return  # not saved: the user must pick the call's own source
        try:
            database_url = url_for_settings(self.database_edit.text())
        except DatabaseUrlError as exc:
            self.database_note.setText(str(exc))
            self.database_note.setProperty("role", "error")
            self.database_note.style().polish(self.database_note)
            self.database_edit.setFocus()
            return  # not saved; what was typed stays in the field to correct
        s = self.settings
        s.database_url = database_url
        s.team_recordings = self.team_recordings_edit.text()
        s.interviewer_name = self.name_edit.text()
        s.always_on_top = self.on_top_check.isChecked()
        s.mic_device = str(self.mic_combo.currentData() or "")
        s.call_device = str(self.call_combo.currentData() or "")
        s.model_name = self.model_combo.currentText()
        s.set_enabled_cue_kinds({k for k, check in self.cue_checks.items() if check.isChecked()})
        s.sync()
        super().accept()
