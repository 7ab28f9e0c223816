"""The e-waybill accounts tab's dialogs: adding or replacing a shop's account for a carrier
(`AccountDialog`) and an admin's own PIN for one act (`PinDialog`). Both stay open on a
refusal and say why in themselves."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services import accounts
from app.ui.kit.pin_wait import PinCountdown
from app.ui.kit.texts import platform_label
from app.ui.kit.widgets import COLOURS, SIGNS, set_big


def _password(field: QLineEdit) -> QLineEdit:
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class AccountDialog(QDialog):
    """Add or replace a shop's account for a carrier. The dialog stays open until the save is
    done: a refusal (wrong PIN, missing credentials) is shown in it, nothing typed is lost but
    the PIN."""

    submitted = Signal(dict)  # add_account's arguments, the PIN among them

    def __init__(
        self,
        shops: list[tuple[str, str]],
        carriers: list[tuple[str, str]],
        current: accounts.AccountInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add / replace account"))
        self.setMinimumWidth(560)
        self.shop = QComboBox()
        for code, name in shops:
            self.shop.addItem(name if name == code else f"{name} ({code})", code)
        self.carrier = QComboBox()
        for code, name in carriers:
            self.carrier.addItem(f"{code} {name}", code)
        self.platform = QComboBox()
        for p in accounts.PLATFORMS:
            self.platform.addItem(platform_label(p), p)
        self.app_key = QLineEdit()
        self.secret = _password(QLineEdit())
        self.session = _password(QLineEdit())
        self.gateway = QLineEdit()
        self.gateway.setPlaceholderText(self.tr("blank: the platform's production address"))
        self.template = QLineEdit()
        self.template.setPlaceholderText(self.tr("the platform's standard template URL"))
        self.custom_area = QLineEdit()
        self.custom_area.setPlaceholderText(
            self.tr("custom area (自定义区) template URL: our goods and order number print there")
        )
        self.branch = QLineEdit()
        self.branch.setPlaceholderText(self.tr("branch (网点) code"))
        self.user_id = QLineEdit()
        self.user_id.setPlaceholderText(self.tr("the seller id the platform numbers for"))
        self.pin = _password(QLineEdit())
        self.pin.setPlaceholderText(self.tr("your own PIN"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Shop"), self.shop)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("App key"), self.app_key)
        form.addRow(self.tr("App secret"), self.secret)
        form.addRow(self.tr("Session token"), self.session)
        form.addRow(self.tr("Gateway"), self.gateway)
        form.addRow(self.tr("Template URL"), self.template)
        form.addRow(self.tr("Custom area URL"), self.custom_area)
        form.addRow(self.tr("Branch"), self.branch)
        form.addRow(self.tr("User id"), self.user_id)
        note = QLabel(
            self.tr(
                "The secret and the session token are stored encrypted and never shown: to "
                "replace an account, enter them again."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.tr("Your PIN"), self.pin)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Save account"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        if current is not None:
            self.shop.setCurrentIndex(max(0, self.shop.findData(current.shop)))
            self.carrier.setCurrentIndex(max(0, self.carrier.findData(current.carrier)))
            self.platform.setCurrentIndex(max(0, self.platform.findData(current.platform)))
            self.app_key.setText(current.app_key)
            self.gateway.setText(current.gateway)
            self.template.setText(current.template_url)
            self.custom_area.setText(current.custom_area_url)
            self.branch.setText(current.branch)
            self.secret.setFocus()
        else:
            self.shop.setFocus()

    def values(self) -> dict[str, str]:
        return {
            "shop": self.shop.currentData() or "",
            "carrier": self.carrier.currentData() or "",
            "platform": self.platform.currentData() or "",
            "app_key": self.app_key.text().strip(),
            "app_secret": self.secret.text(),
            "session": self.session.text(),
            "gateway": self.gateway.text().strip(),
            "template_url": self.template.text().strip(),
            "custom_area": self.custom_area.text().strip(),
            "branch": self.branch.text().strip(),
            "user_id": self.user_id.text().strip(),
            "pin": self.pin.text().strip(),
        }

    def _on_buttons_accepted(self) -> None:
        if not self.pin.text().strip():
            self.refused(self.tr("Enter your own PIN: saving an account is an admin's act."))
            return
        self.save_button.setEnabled(False)
        self.submitted.emit(self.values())

    def refused(self, text: str, wait: int = 0) -> None:
        """The save was refused: say why here, keep what was typed but the PIN; after a wrong
        PIN the save button waits out the floor's delay."""
        self.message.setText(f"{SIGNS['error']} {text}")
        bg, fg = COLOURS["error"]
        set_big(self.message, 13, extra=f"background: {bg}; color: {fg}; padding: 6px;")
        self.message.show()
        self.pin.clear()
        self.pin.setFocus()
        self.save_button.setEnabled(True)
        if wait:
            self._refusal = text
            if not hasattr(self, "countdown"):
                self.countdown = PinCountdown(self.save_button, self._on_countdown_tick)
            self.countdown.start(wait)

    def _on_countdown_tick(self, left: int) -> None:
        text = f"{SIGNS['error']} {self._refusal}"
        if left:
            text += " " + self.tr("Try again in {seconds} s.").format(seconds=left)
        self.message.setText(text)


class PinDialog(QDialog):
    """An admin's own PIN for one act (saving the floor settings or the low-balance threshold,
    an operator's change, unlocking a badge, removing an account). After a wrong PIN the OK
    button waits out the floor's delay, counting down (`PinCountdown`)."""

    pin_entered = Signal(str)

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your PIN"))
        self.pin = _password(QLineEdit())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.question = question_label = QLabel(question)
        question_label.setWordWrap(True)
        self._refusal = ""
        self.countdown = PinCountdown(self.ok_button, self._on_countdown_tick)
        lay = QVBoxLayout(self)
        lay.addWidget(question_label)
        lay.addWidget(self.pin)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.pin.setFocus()

    def _on_buttons_accepted(self) -> None:
        if self.countdown.running or not self.ok_button.isEnabled():
            return  # Enter in the PIN field while the wait runs
        self.ok_button.setEnabled(False)  # one try at a time
        self.pin_entered.emit(self.pin.text().strip())

    def refused(self, text: str, wait: int = 0) -> None:
        """The PIN was refused: say why; after a wrong one, count the wait down."""
        self._refusal = text
        self.message.setText(f"{SIGNS['error']} {text}")
        self.message.show()
        self.pin.clear()
        self.pin.setFocus()
        self.ok_button.setEnabled(True)
        self.countdown.start(wait)

    def _on_countdown_tick(self, left: int) -> None:
        text = f"{SIGNS['error']} {self._refusal}"
        if left:
            text += " " + self.tr("Try again in {seconds} s.").format(seconds=left)
        self.message.setText(text)
