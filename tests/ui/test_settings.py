"""Settings: typed keys, kept in a throwaway place in tests, edited by the settings dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.settings import Key, Settings
from app.ui.live.cue_banner import CUE_KINDS
from app.ui.settings_dialog import SettingsDialog


def test_tests_never_use_the_real_organisation() -> None:
    assert QCoreApplication.organizationName().startswith("TellMeMoreTest-")


def test_defaults_and_round_trips(settings: Settings, tmp_path: Path) -> None:
    assert settings.always_on_top is False
    assert settings.model_name == "tiny.en"
    assert settings.enabled_cue_kinds(CUE_KINDS) == set(CUE_KINDS)
    settings.always_on_top = True
    settings.interviewer_name = " Sam "
    settings.last_data_dir = tmp_path
    settings.set_enabled_cue_kinds(set())
    settings.sync()
    again = Settings()
    assert again.always_on_top is True
    assert again.interviewer_name == "Sam"
    assert again.last_data_dir == tmp_path
    assert again.enabled_cue_kinds(CUE_KINDS) == set()  # "none" is not "never chosen"
    again.set(Key.MODEL_NAME, None)
    assert again.model_name == "tiny.en"


@dataclass
class FakeDevice:
    spec: str
    name: str
    description: str = ""
    is_call_source: bool = False


def test_settings_dialog_saves_choices(qtbot, settings: Settings) -> None:
    devices = [FakeDevice("pulse:mic", "Mic"), FakeDevice("pulse:call.monitor", "Call", "Monitor",
                                                          True)]  # fmt: skip
    dialog = SettingsDialog(settings, device_lister=lambda: devices)
    qtbot.addWidget(dialog)
    assert dialog.mic_combo.count() == 3  # default + two devices
    dialog.name_edit.setText("Sam")
    dialog.on_top_check.setChecked(True)
    dialog.mic_combo.setCurrentIndex(dialog.mic_combo.findData("pulse:mic"))
    dialog.call_combo.setCurrentIndex(dialog.call_combo.findData("pulse:call.monitor"))
    dialog.model_combo.setEditText("base.en")
    dialog.cue_checks["closed"].setChecked(False)
    dialog.accept()
    assert settings.interviewer_name == "Sam" and settings.always_on_top
    assert settings.mic_device == "pulse:mic" and settings.call_device == "pulse:call.monitor"
    assert settings.model_name == "base.en"
    assert settings.enabled_cue_kinds(CUE_KINDS) == set(CUE_KINDS) - {"closed"}
    # Reopened, an unplugged device stays visible as the choice.
    settings.mic_device = "usb-headset"
    again = SettingsDialog(settings, device_lister=lambda: devices)
    qtbot.addWidget(again)
    assert again.mic_combo.currentData() == "usb-headset"
    assert "not connected" in again.mic_combo.currentText()
    assert not again.cue_checks["closed"].isChecked()


def test_settings_dialog_survives_a_failing_device_list(qtbot, settings: Settings) -> None:
    def broken() -> list[object]:
        raise OSError("PortAudio library not found")

    dialog = SettingsDialog(settings, device_lister=broken)
    qtbot.addWidget(dialog)
    assert "PortAudio library not found" in dialog.device_note.text()
    assert dialog.mic_combo.count() == 1


def test_the_same_device_for_you_and_the_call_is_refused_with_a_reason(
    qtbot, settings: Settings
) -> None:
    devices = [FakeDevice("pulse:mic", "Mic"), FakeDevice("pulse:call.monitor", "Call", "Monitor",
                                                          True)]  # fmt: skip
    dialog = SettingsDialog(settings, device_lister=lambda: devices)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.same_device_note.isVisible()
    dialog.mic_combo.setCurrentIndex(dialog.mic_combo.findData("pulse:mic"))
    dialog.call_combo.setCurrentIndex(dialog.call_combo.findData("pulse:mic"))
    assert dialog.same_device_note.isVisible() and "twice" in dialog.same_device_note.text()
    dialog.accept()
    assert dialog.isVisible() and settings.call_device != "pulse:mic"  # not saved
    dialog.call_combo.setCurrentIndex(dialog.call_combo.findData("pulse:call.monitor"))
    assert not dialog.same_device_note.isVisible()
    dialog.accept()
    assert settings.call_device == "pulse:call.monitor"


def test_only_installed_models_are_offered(qtbot, settings: Settings, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    dialog = SettingsDialog(settings, device_lister=lambda: [])
    qtbot.addWidget(dialog)
    offered = [dialog.model_combo.itemText(i) for i in range(dialog.model_combo.count())]
    assert offered == ["tiny.en"]
