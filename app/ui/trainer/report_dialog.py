"""A coaching report on screen, saved as PDF or HTML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.pdf import render_pdf


def write_html(html: str, path: Path) -> Path:
    partial = path.with_name(path.name + ".part")
    partial.write_text(html, encoding="utf-8")
    partial.replace(path)
    return path


class ReportDialog(QDialog):
    def __init__(self, html: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.html = html
        self.title = title
        self.setWindowTitle(title)
        self.resize(860, 900)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setHtml(html)
        layout.addWidget(self.browser, 1)
        row = QHBoxLayout()
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        row.addWidget(self.status, 1)
        self.pdf_button = QPushButton("Save PDF\u2026")
        self.pdf_button.setProperty("primary", True)
        self.pdf_button.clicked.connect(lambda: self._ask_save("PDF (*.pdf)", ".pdf"))
        self.html_button = QPushButton("Save HTML\u2026")
        self.html_button.clicked.connect(lambda: self._ask_save("HTML (*.html)", ".html"))
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        for button in (self.html_button, self.pdf_button, close):
            row.addWidget(button)
        layout.addLayout(row)

    def save(self, path: Path) -> Path:
        """PDF or HTML by the file's suffix."""
        path = Path(path)
        if path.suffix.lower() == ".pdf":
            written = render_pdf(self.html, path, self.title)
        else:
            written = write_html(self.html, path)
        self.status.setText(f"Saved {written}")
        return written

    def _ask_save(self, file_filter: str, suffix: str) -> None:
        name = self.title.replace(" ", "-").lower() + suffix
        path, _ = QFileDialog.getSaveFileName(self, "Save the report", str(Path.home() / name),
                                              file_filter)  # fmt: skip
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        try:
            self.save(Path(path))
        except OSError as exc:
            self.status.setText(f"The report could not be saved ({exc}).")
