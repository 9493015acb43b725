"""HTML to PDF with QTextDocument and QPdfWriter, and a PDF page to an image (to look at it).

Usable without a window: ensure_gui_app() starts a QGuiApplication on the offscreen platform
when there is no display, which is what `tellmemore report --out x.pdf` needs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

RESOLUTION_DPI = 300
MARGIN_MM = 15.0


def ensure_gui_app() -> QGuiApplication:
    """The running application, or a new one; offscreen on Linux without a display. A
    QApplication, not a bare QGuiApplication, so widgets can still be made in the process."""
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(sys.argv[:1])


def render_pdf(html: str, path: Path, title: str = "") -> Path:
    """Writes the HTML as an A4 PDF; written next to the target and moved into place, so a
    failure leaves no half file."""
    ensure_gui_app()
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(title)
    writer.setCreator("Tell Me More")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))  # fmt: skip
    document = QTextDocument()
    # Laid out on the page in points; print_() scales points to the writer's resolution.
    # QTextDocument lays out in the screen's logical pixels (96 dpi offscreen) and print_()
    # maps that page onto the paper, so the page is the paper's size in those pixels.
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
    rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(rect.width() * dpi / 72.0, rect.height() * dpi / 72.0))
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is finished when the writer is gone
    if not partial.exists() or partial.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
    partial.replace(path)
    return path


def pdf_page_image(path: Path, out: Path, page: int = 0, width: int = 1240) -> Path:
    """Renders one page of a PDF to PNG (QtPdf), to look at what was made."""
    ensure_gui_app()
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    status = document.load(str(path))
    if status != QPdfDocument.Error.None_:
        raise OSError(f"{path} could not be read as a PDF ({status.name})")
    size = document.pagePointSize(page)
    height = int(width * size.height() / size.width())
    image = document.render(page, QSize(width, height))
    if image.isNull() or not image.save(str(out)):
        raise OSError(f"page {page + 1} of {path} could not be saved as {out}")
    return out
