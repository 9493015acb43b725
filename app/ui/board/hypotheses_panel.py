"""Hypotheses of a study: the matrix (hypotheses x interviews), a dialog to mark one interview
with the lines that say so (suggested, confirmed by the user), and the "new per interview" curve."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.export.timefmt import clock
from app.store.hypotheses import StoredMark, Verdict
from app.synthesis.board import Novelty
from app.synthesis.hypotheses import (
    VERDICT_LABELS,
    VERDICT_SYMBOLS,
    Evidence,
    MatrixRow,
    VerdictSuggestion,
)
from app.ui.style import ACCENT, BORDER, MUTED, OK, OVER, THEM

CELL_COLOURS = {Verdict.SUPPORTED: "#e3f1e8", Verdict.CONTRADICTED: "#f8e1df",
                Verdict.NOT_DISCUSSED: "#f1f2f3"}  # fmt: skip


class MarkDialog(QDialog):
    """One interview's verdict on one hypothesis; suggested lines are offered, not imposed."""

    play_requested = Signal(float)

    def __init__(self, hypothesis: str, interview: str, suggestion: VerdictSuggestion,
                 current: StoredMark | None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Mark the hypothesis")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>{hypothesis}</b><br>in <i>{interview}</i>")
        head.setWordWrap(True)
        layout.addWidget(head)
        hint = QLabel(f"Suggested: {VERDICT_LABELS[suggestion.verdict]} \u2014 {suggestion.why}")
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QButtonGroup(self)
        row = QHBoxLayout()
        chosen = current.verdict if current else suggestion.verdict
        self.radios: dict[Verdict, QRadioButton] = {}
        for verdict in Verdict:
            radio = QRadioButton(VERDICT_LABELS[verdict])
            radio.setChecked(verdict is chosen)
            self.buttons.addButton(radio)
            self.radios[verdict] = radio
            row.addWidget(radio)
        layout.addLayout(row)
        layout.addWidget(QLabel("Lines that say so (tick to keep; click the time to listen):"))
        self.quotes = QListWidget()
        self.quotes.setWordWrap(True)
        kept = {q.segment_id for q in current.quotes} if current else None
        shown: list[Evidence] = list(suggestion.evidence)
        if current:
            known = {e.segment_id for e in shown}
            shown += [Evidence(q.segment_id, q.start, q.text, 0.0) for q in current.quotes
                      if q.segment_id not in known]  # fmt: skip
        for e in shown:
            score = f" (similarity {e.similarity:.2f})" if e.similarity else ""
            item = QListWidgetItem(f"{clock(e.start)} \u201c{e.text}\u201d{score}")
            item.setData(Qt.ItemDataRole.UserRole, (e.segment_id, e.start))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            keep = e.segment_id in kept if kept is not None else False
            item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
            self.quotes.addItem(item)
        self.quotes.itemDoubleClicked.connect(
            lambda item: self.play_requested.emit(item.data(Qt.ItemDataRole.UserRole)[1]))
        layout.addWidget(self.quotes, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    @property
    def verdict(self) -> Verdict:
        return next(v for v, r in self.radios.items() if r.isChecked())

    @property
    def segment_ids(self) -> list[int]:
        out = []
        for n in range(self.quotes.count()):
            item = self.quotes.item(n)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)[0]))
        return out

    def check_all(self) -> None:
        for n in range(self.quotes.count()):
            self.quotes.item(n).setCheckState(Qt.CheckState.Checked)


class NoveltyCurve(QWidget):
    """New piles (and new tags) each interview added, in study order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Novelty] = []
        self.setMinimumHeight(150)

    def set_points(self, points: Sequence[Novelty]) -> None:
        self.points = list(points)
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(36, 26, max(10, self.width() - 52), max(10, self.height() - 52))
        painter.setPen(QColor(MUTED))
        painter.drawText(QRectF(0, 2, self.width(), 20), Qt.AlignmentFlag.AlignLeft,
                         "  New per interview (in study order): piles it opened (blue) and tags "
                         "it used first (purple). Flat near zero: more interviews teach little.")  # fmt: skip
        painter.setPen(QPen(QColor(BORDER)))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        if not self.points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No interviews in the study")
            return
        top = max(1, max(max(p.new_piles, p.new_tags) for p in self.points))
        painter.setPen(QColor(MUTED))
        painter.drawText(QRectF(0, area.top() - 8, 30, 16), Qt.AlignmentFlag.AlignRight, str(top))
        painter.drawText(QRectF(0, area.bottom() - 8, 30, 16), Qt.AlignmentFlag.AlignRight, "0")
        step = area.width() / max(1, len(self.points) - 1) if len(self.points) > 1 else 0

        def point(n: int, v: int) -> QPointF:
            x = area.left() + (n * step if step else area.width() / 2)
            return QPointF(x, area.bottom() - v / top * area.height())

        for colour, get in ((ACCENT, lambda p: p.new_piles), (THEM, lambda p: p.new_tags)):
            painter.setPen(QPen(QColor(colour), 2))
            pts = [point(n, get(p)) for n, p in enumerate(self.points)]
            for a, b in zip(pts, pts[1:], strict=False):
                painter.drawLine(a, b)
            for p in pts:
                painter.drawEllipse(p, 3, 3)
        painter.setPen(QColor(MUTED))
        for n in range(len(self.points)):
            painter.drawText(QRectF(point(n, 0).x() - 12, area.bottom() + 4, 24, 16),
                             Qt.AlignmentFlag.AlignCenter, str(n + 1))  # fmt: skip


class HypothesesPanel(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)  # hypothesis id
    delete_requested = Signal(int)
    cell_requested = Signal(int, int)  # hypothesis id, interview id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        intro = QLabel("Specific, testable beliefs; each interview supports (\u2714), contradicts "
                       "(\u2718) or does not discuss (\u2013) each. Click a cell to mark it.")  # fmt: skip
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        row.addWidget(intro, 1)
        self.add_button = QPushButton("Add hypothesis\u2026")
        self.edit_button = QPushButton("Edit\u2026")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setProperty("danger", True)
        for b in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setDefaultSectionSize(96)
        self.table.verticalHeader().setDefaultSectionSize(44)
        layout.addWidget(self.table, 2)
        self.curve = NoveltyCurve()
        layout.addWidget(self.curve, 1)
        self.rows: list[MatrixRow] = []
        self.interview_ids: list[int] = []
        self.add_button.clicked.connect(self.add_requested.emit)
        self.edit_button.clicked.connect(lambda: self._with_selected(self.edit_requested.emit))
        self.delete_button.clicked.connect(lambda: self._with_selected(self.delete_requested.emit))
        self.table.cellClicked.connect(self._on_cell)

    def set_matrix(self, rows: Sequence[MatrixRow], interview_ids: Sequence[int],
                   names: dict[int, str]) -> None:  # fmt: skip
        self.rows, self.interview_ids = list(rows), list(interview_ids)
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(interview_ids) + 1)
        self.table.setHorizontalHeaderItem(0, QTableWidgetItem("Hypothesis"))
        for c, iid in enumerate(interview_ids, start=1):
            full = names.get(iid, str(iid))
            # "P12 (va-caregivers)" -> "P12": the column stays narrow, the tooltip says all.
            head = QTableWidgetItem(f"{c}. {full.split(' (')[0][:18]}")
            head.setToolTip(full)
            self.table.setHorizontalHeaderItem(c, head)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(interview_ids) + 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        for r, row in enumerate(rows):
            head = QTableWidgetItem(row.hypothesis.text)
            head.setToolTip(f"{row.hypothesis.text}\n{row.count(Verdict.SUPPORTED)} support, "
                            f"{row.count(Verdict.CONTRADICTED)} contradict")  # fmt: skip
            self.table.setItem(r, 0, head)
            for c, cell in enumerate(row.cells, start=1):
                item = QTableWidgetItem(VERDICT_SYMBOLS[cell] if cell else "?")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if cell:
                    item.setBackground(QColor(CELL_COLOURS[cell]))
                    item.setForeground(QColor(OK if cell is Verdict.SUPPORTED else OVER
                                              if cell is Verdict.CONTRADICTED else MUTED))  # fmt: skip
                    item.setToolTip(VERDICT_LABELS[cell])
                else:
                    item.setToolTip("Not marked yet: click to mark")
                self.table.setItem(r, c, item)
        has = bool(rows)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _with_selected(self, emit: object) -> None:
        r = self.table.currentRow()
        if 0 <= r < len(self.rows):
            emit(self.rows[r].hypothesis.id)  # type: ignore[operator]

    def _on_cell(self, r: int, c: int) -> None:
        if c >= 1 and r < len(self.rows):
            self.cell_requested.emit(self.rows[r].hypothesis.id, self.interview_ids[c - 1])
