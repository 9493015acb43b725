"""The drafted follow-up email: edit it, copy it, or open it in the mail app (mailto:)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.export.email import FollowUpEmail


class EmailDialog(QDialog):
    def __init__(self, draft: FollowUpEmail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Follow-up email")
        self.resize(560, 480)
        form = QFormLayout(self)
        self.to_edit = QLineEdit(draft.to)
        self.to_edit.setPlaceholderText("their email address")
        self.subject_edit = QLineEdit(draft.subject)
        self.body_edit = QPlainTextEdit(draft.body)
        form.addRow("To", self.to_edit)
        form.addRow("Subject", self.subject_edit)
        form.addRow(self.body_edit)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        self.copy_button = QPushButton("Copy to clipboard")
        self.mail_button = QPushButton("Open in mail app")
        self.mail_button.setProperty("primary", True)
        close = QPushButton("Close")
        for b in (self.copy_button, self.mail_button, close):
            row.addWidget(b)
        form.addRow(row)
        self.copy_button.clicked.connect(self.copy)
        self.mail_button.clicked.connect(self.open_mail)
        close.clicked.connect(self.accept)

    def email(self) -> FollowUpEmail:
        return FollowUpEmail(self.to_edit.text().strip(), self.subject_edit.text().strip(),
                             self.body_edit.toPlainText())  # fmt: skip

    def copy(self) -> str:
        text = self.email().as_text()
        QGuiApplication.clipboard().setText(text)
        self.status.setText("Copied.")
        return text

    def open_mail(self) -> QUrl:
        url = QUrl(self.email().mailto_url(), QUrl.ParsingMode.StrictMode)
        if not QDesktopServices.openUrl(url):
            self.status.setText("No mail app answered; the text was copied instead.")
            self.copy()
        return url
