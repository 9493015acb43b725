"""What every screenshot script does to save a window: let Qt lay it out and paint, then grab."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def settle(app: QApplication, widget: QWidget) -> None:
    for _ in range(5):
        app.processEvents()
    widget.repaint()
    app.processEvents()


def save(app: QApplication, widget: QWidget, out: Path, name: str) -> Path:
    settle(app, widget)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path
