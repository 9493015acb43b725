"""The look: a small palette and one stylesheet, calm enough to sit beside a video call."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QWidget

from app.session.session import TimeStatus

# Muted colours; status colours are readable on white without shouting.
INK = "#1f2328"
MUTED = "#6a737d"
FAINT = "#9aa3ad"
SURFACE = "#fbfbfa"
PANEL = "#ffffff"
BORDER = "#dfe2e5"
ACCENT = "#3a6ea5"
ACCENT_SOFT = "#e8f0f8"
OK = "#4c9a6a"
WARN = "#d4922a"
OVER = "#c2453a"
YOU = "#3a6ea5"
THEM = "#7a5aa6"

STATUS_COLOURS: dict[TimeStatus, str] = {
    TimeStatus.OK: OK,
    TimeStatus.WARN: WARN,
    TimeStatus.OVER: OVER,
}

BANNER_COLOURS: dict[str, tuple[str, str]] = {  # level -> (background, accent)
    "info": ("#eef4fa", ACCENT),
    "warning": ("#fdf5e6", WARN),
    "error": ("#fbeceb", OVER),
}


def status_colour(status: TimeStatus) -> QColor:
    return QColor(STATUS_COLOURS[status])


STYLESHEET = f"""
QMainWindow, QDialog {{ background: {SURFACE}; }}
QWidget {{ color: {INK}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="title"] {{ font-size: 20pt; font-weight: 600; }}
QLabel[role="heading"] {{ font-size: 11pt; font-weight: 600; }}
QLabel[role="caps"] {{ color: {MUTED}; font-size: 8pt; font-weight: 600; letter-spacing: 1px; }}
QLabel[role="phase"] {{ font-size: 15pt; font-weight: 600; }}
QLabel[role="clock"] {{ font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace;
    font-size: 15pt; }}
QLabel[role="error"] {{ color: {OVER}; }}
QLabel[role="warning"] {{ color: {WARN}; }}
QPushButton {{ background: {PANEL}; border: 1px solid {BORDER}; border-radius: 5px;
    padding: 5px 10px; }}
QPushButton:hover {{ border-color: {FAINT}; }}
QPushButton:pressed {{ background: {ACCENT_SOFT}; }}
QPushButton:disabled {{ color: {FAINT}; background: #f3f4f5; }}
QPushButton:checked {{ background: {ACCENT_SOFT}; border-color: {ACCENT}; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT};
    font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: #325f8f; }}
QPushButton[primary="true"]:disabled {{ background: #a9bdd3; border-color: #a9bdd3; }}
QPushButton[danger="true"] {{ color: {OVER}; }}
QPushButton[recording="true"] {{ background: {OVER}; color: white; border-color: {OVER}; }}
QPushButton[flat="true"] {{ border: none; background: transparent; padding: 2px 4px;
    color: {MUTED}; }}
QPushButton[flat="true"]:hover {{ color: {INK}; }}
QProgressBar {{ background: #eceef0; border: none; border-radius: 4px; }}
QProgressBar::chunk {{ background: {OK}; border-radius: 4px; }}
QProgressBar[status="warn"]::chunk {{ background: {WARN}; }}
QProgressBar[status="over"]::chunk {{ background: {OVER}; }}
QLineEdit, QPlainTextEdit {{ background: {PANEL};
    border: 1px solid {BORDER}; border-radius: 4px; padding: 3px 5px; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {ACCENT}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QListView, QListWidget, QTableView, QTreeView {{ background: {PANEL};
    border: 1px solid {BORDER}; border-radius: 5px; }}
QTableView {{ selection-background-color: {ACCENT_SOFT}; selection-color: {INK}; }}
QHeaderView::section {{ background: {SURFACE}; color: {MUTED}; border: none;
    border-bottom: 1px solid {BORDER}; padding: 4px 6px; font-weight: 600; }}
QGroupBox {{ border: 1px solid {BORDER}; border-radius: 6px; margin-top: 14px;
    padding: 8px 8px 6px 8px; background: {PANEL}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: {MUTED};
    font-weight: 600; }}
QFrame[role="card"] {{ background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; }}
QToolTip {{ background: {INK}; color: white; border: none; padding: 4px; }}
"""


def apply_style(app: QApplication) -> None:
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyle("Fusion")  # the same look everywhere; native styles ignore parts of the sheet
    app.setStyleSheet(STYLESHEET)


def repolish(widget: QWidget) -> None:
    """Re-applies the stylesheet after a dynamic property used in a selector changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
