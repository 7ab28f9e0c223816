"""Sign-in by badge scan (工牌), with a PIN for supervisors and administrators.

The badge field has the focus and the input method off, so a keyboard-wedge scanner's burst
plus Enter signs in without a click. The check runs off the GUI thread (scrypt is slow on
purpose). After a wrong PIN the button waits out the floor's delay, counting down (the service
refuses an early try anyway); after five in a row the badge is locked and the dialog says until
when. Opened for one operator (``--operator``), the badge is fixed and only the PIN is asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.db.engine import Database
from app.services.operators import OperatorInfo, find_operator, sign_in
from app.ui.kit.pin_wait import PinCountdown, wait_seconds
from app.ui.kit.texts import exception_text
from app.ui.kit.workers import JobRunner


class SignInDialog(QDialog):
    """Modal; `operator` holds the signed-in operator after `accept()`."""

    signed_in = Signal(object)  # OperatorInfo

    def __init__(
        self,
        db: Database,
        *,
        hint: str = "",
        operator: OperatorInfo | None = None,
        station: str = "",
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._station = station
        self._refusal = ""
        self._jobs = JobRunner(self)
        self.operator: OperatorInfo | None = None
        self.setWindowTitle(self.tr("Sign in"))
        self.setMinimumWidth(520)
        title = QLabel(self.tr("Scan your badge"))
        f = QFont(title.font())
        f.setPointSize(24)
        f.setBold(True)
        title.setFont(f)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("Badge or staff number"))
        self.badge.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setVisible(False)
        big = QFont(self.badge.font())
        big.setPointSize(18)
        for w in (self.badge, self.pin):
            w.setFont(big)
        self.message = QLabel(hint)
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setDefault(True)
        lay = QVBoxLayout(self)
        for w in (title, self.badge, self.pin, self.message, self.button):
            lay.addWidget(w)
        self.countdown = PinCountdown(self.button, self._on_countdown_tick)
        self.badge.returnPressed.connect(self._on_badge_return_pressed)
        self.pin.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.badge.setFocus()
        if operator is not None:  # `--operator`: this person's PIN, the badge is theirs
            self.badge.setText(operator.code)
            self.badge.setReadOnly(True)
            self._on_found(operator)

    def _on_badge_return_pressed(self) -> None:
        key, db = self.badge.text().strip(), self._db
        if not key:
            return
        self._jobs.submit(lambda: find_operator(db, key), self._on_found, self._on_failed)

    def _on_found(self, info: OperatorInfo) -> None:
        if info.needs_pin:
            self.pin.setVisible(True)
            self.pin.setFocus()
            self._set_message(self.tr("{name}: enter your PIN.").format(name=info.name), False)
        else:
            self.submit()

    def submit(self) -> None:
        key, pin, db, station = self.badge.text().strip(), self.pin.text(), self._db, self._station
        if not key:
            self.badge.setFocus()
            return
        if self.countdown.running or not self.button.isEnabled():
            return  # Enter while the wait runs, or a check already under way
        self.button.setEnabled(False)
        self._jobs.submit(
            lambda: sign_in(db, key, pin or None, station=station),
            self._on_signed_in,
            self._on_failed,
        )

    def _on_signed_in(self, info: OperatorInfo) -> None:
        self.operator = info
        self.signed_in.emit(info)
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self.button.setEnabled(True)
        self._refusal = exception_text(exc)
        self._set_message(self._refusal, True)
        code = getattr(exc, "code", "")
        if code == "pin_required":
            self.pin.setVisible(True)
            self.pin.setFocus()
        elif code in ("wrong_pin", "pin_wait", "pin_too_short"):
            self.pin.clear()
            self.pin.setFocus()
            self.countdown.start(wait_seconds(exc))
        elif code == "badge_locked" and self.badge.isReadOnly():
            self.pin.clear()
        else:
            self.pin.clear()
            self.badge.selectAll()
            self.badge.setFocus()

    def _on_countdown_tick(self, left: int) -> None:
        text = self._refusal
        if left:
            text += " " + self.tr("Try again in {seconds} s.").format(seconds=left)
        self._set_message(text, True)

    def _set_message(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")
