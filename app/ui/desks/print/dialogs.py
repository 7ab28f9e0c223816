"""The print station's dialogs: why a waybill is reprinted (`ReasonDialog`) and which
carrier an order ships with instead, and why (`CarrierDialog`); both pick a numbered reason
with the keys 1–n and take a free note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.texts import carrier_reason_label, reason_label


class _ReasonsDialog(QDialog):
    """A dialog with a numbered list of reason codes (keys 1–n pick one) and a free note."""

    CODES: tuple[str, ...] = ()

    def _reason_widgets(self, label: Callable[[str], str], placeholder: str) -> None:
        self.reasons = QListWidget()
        for i, code in enumerate(self.CODES, 1):
            item = QListWidgetItem(f"{i}  {label(code)}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.reasons.addItem(item)
        self.reasons.setCurrentRow(0)
        self.reasons.itemActivated.connect(lambda _i: self.accept())
        for i in range(len(self.CODES)):
            QShortcut(
                QKeySequence(str(i + 1)),
                self.reasons,
                activated=lambda row=i: self.reasons.setCurrentRow(row),
            )
        self.note = QLineEdit()
        self.note.setPlaceholderText(placeholder)

    def _buttons(self, ok_text: str) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def reason(self) -> str:
        """The chosen code, with the note after a colon when one was typed."""
        item = self.reasons.currentItem()
        code = item.data(Qt.ItemDataRole.UserRole) if item else "other"
        note = self.note.text().strip()
        return f"{code}: {note}" if note else code


def _heading(text: str) -> QLabel:
    head = QLabel(text)
    f = QFont(head.font())
    f.setPointSize(16)
    f.setBold(True)
    head.setFont(f)
    head.setWordWrap(True)
    return head


class ReasonDialog(_ReasonsDialog):
    """Why a waybill is reprinted: 卡纸 / 模糊 / 丢失 / 改地址 / 其他 (number keys 1–5)."""

    CODES = ("jammed", "smudged", "lost", "address_changed", "other")

    def __init__(self, waybill_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reprint waybill"))
        self.waybill_no = waybill_no
        self._reason_widgets(reason_label, self.tr("Other: say what happened"))
        lay = QVBoxLayout(self)
        lay.addWidget(
            _heading(self.tr("Reprint waybill {waybill}: why?").format(waybill=waybill_no))
        )
        lay.addWidget(self.reasons)
        lay.addWidget(self.note)
        lay.addWidget(self._buttons(self.tr("Reprint")))
        self.reasons.setFocus()

    def choose(self, code: str) -> None:
        self.reasons.setCurrentRow(self.CODES.index(code))


class CarrierDialog(_ReasonsDialog):
    """Manual carrier override (改快递) for one order waiting to print: which carrier, and why."""

    CODES = ("buyer_asked", "faster", "bulky", "fragile", "other")

    def __init__(
        self,
        order_no: str,
        current: str,
        carriers: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change carrier"))
        self.carrier = QComboBox()
        for code, name in carriers:
            if code != current:
                self.carrier.addItem(f"{name} ({code})", code)
        self._reason_widgets(carrier_reason_label, self.tr("Other: say why"))
        lay = QVBoxLayout(self)
        lay.addWidget(
            _heading(
                self.tr("Order {order} ships with {carrier}. Change to:").format(
                    order=order_no, carrier=current or self.tr("none")
                )
            )
        )
        lay.addWidget(self.carrier)
        lay.addWidget(QLabel(self.tr("Why?")))
        lay.addWidget(self.reasons)
        lay.addWidget(self.note)
        lay.addWidget(self._buttons(self.tr("Change carrier")))
        self.carrier.setFocus()

    def choose(self, carrier_code: str, reason_code: str, note: str = "") -> None:
        self.carrier.setCurrentIndex(self.carrier.findData(carrier_code))
        self.reasons.setCurrentRow(self.CODES.index(reason_code))
        self.note.setText(note)

    def carrier_code(self) -> str:
        return self.carrier.currentData() or ""
