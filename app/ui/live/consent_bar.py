"""Consent and recording in the live window: the participant's answer, the record button that
stays locked until they agree, and a plain line saying what is being written to disk."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.live.call import keeping_for
from app.session.consent import ConsentState
from app.session.session import InterviewSession, SessionState
from app.ui import icons, style
from app.ui.live.shortcuts import SHORTCUTS, tip

LOCKED_TIP = "Ask for consent first"
CONSENT_TEXT = {
    ConsentState.NOT_ASKED: "Consent?",
    ConsentState.GRANTED: "Consent granted \u2713",
    ConsentState.DECLINED: "Consent declined",
    ConsentState.REVOKED: "Consent revoked",
}


class ConsentBar(QWidget):
    def __init__(self, participant_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.participant_name = participant_name
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        self.consent_label = QLabel()
        self.consent_label.setProperty("role", "muted")
        row.addWidget(self.consent_label)
        self.granted_button = QPushButton("\u2713 Granted")
        self.granted_button.setToolTip(tip("The participant agreed to be recorded", "granted"))
        self.declined_button = QPushButton("\u2717 Declined")
        self.declined_button.setToolTip(tip("The participant said no to recording", "declined"))
        self.revoke_button = QPushButton("Revoke")
        self.revoke_button.setProperty("danger", True)
        self.revoke_button.setToolTip("The participant withdrew consent; stops the recording")
        self.record_button = QPushButton("Record")
        row.addWidget(self.granted_button)
        row.addWidget(self.declined_button)
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        row.addWidget(self.record_button)
        column.addLayout(row)
        # What is being written to disk, said plainly (the call's Keeping reports update it).
        self.keeping_label = QLabel()
        self.keeping_label.setWordWrap(True)
        column.addWidget(self.keeping_label)
        keeping = keeping_for(ConsentState.NOT_ASKED, participant_name)
        self.set_keeping(keeping.message, keeping.participant_words)

    def set_keeping(self, message: str, participant_words: bool) -> None:
        """Said in the window while the participant's words are NOT kept (the surprise worth a
        line of a small window); once they consent, the badge says "Recording" and the line
        goes, its text kept as the consent label's tooltip."""
        self.keeping_label.setText(message)
        self.keeping_label.setProperty("role", "warning")
        self.keeping_label.setVisible(not participant_words)
        self.consent_label.setToolTip(message)
        style.repolish(self.keeping_label)

    def update_from(self, session: InterviewSession) -> None:
        ended = session.state is SessionState.ENDED
        consent = session.consent
        self.granted_button.setEnabled(not ended and consent is not ConsentState.GRANTED)
        self.declined_button.setEnabled(not ended and consent is ConsentState.NOT_ASKED)
        self.granted_button.setVisible(consent is not ConsentState.GRANTED)
        self.declined_button.setVisible(consent is ConsentState.NOT_ASKED)
        self.revoke_button.setVisible(consent is ConsentState.GRANTED and not ended)
        self.consent_label.setText(CONSENT_TEXT[consent])
        self._update_record_button(session)

    def _update_record_button(self, session: InterviewSession) -> None:
        button = self.record_button
        live = session.state in (SessionState.RUNNING, SessionState.PAUSED)
        locked = session.consent is not ConsentState.GRANTED
        button.setProperty("locked", locked)
        button.setProperty("recording", session.recording)
        if session.recording:
            button.setText("Stop recording")
            button.setIcon(icons.dot_icon("white"))
            button.setToolTip(tip("Stop recording", "record"))
        elif locked:
            button.setText("Record")
            button.setIcon(icons.lock_icon())
            button.setToolTip(f"{LOCKED_TIP} ({SHORTCUTS['record'][1]} once granted)")
        else:
            button.setText("Record")
            button.setIcon(icons.dot_icon())
            button.setToolTip(tip("Start recording" if live else "Start the interview first",
                                  "record"))  # fmt: skip
        button.setEnabled(session.recording or session.can_record())
        style.repolish(button)
