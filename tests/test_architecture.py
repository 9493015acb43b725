"""The core runs without Qt: importing it with PySide6 blocked must work (napari-style contract)."""

import subprocess
import sys

CORE_MODULES = [
    "app.session.session", "app.session.plan", "app.store.db", "app.store.interviews",
    "app.store.timeline", "app.store.transcript",
]  # fmt: skip

BLOCK_QT = """
import importlib, sys
class _BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt is not allowed in the core: " + name)
        return None
sys.meta_path.insert(0, _BlockQt())
import pkgutil, app
# Deny by default: every module but the UI (and QSettings' wrapper) imports without Qt, so a
# new package is covered the day it is added.
ALLOWED = ("app.ui", "app.settings", "app.__main__")
for info in pkgutil.walk_packages(app.__path__, "app."):
    if info.name.startswith(ALLOWED) or ".migrations" in info.name:
        continue
    importlib.import_module(info.name)
for name in sys.argv[1:]:
    importlib.import_module(name)
assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
print("ok")
"""


def test_core_packages_import_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *CORE_MODULES], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
