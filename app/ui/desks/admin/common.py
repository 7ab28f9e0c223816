"""What the admin station's tabs share: the words for the admin service's refusal codes and
for its evidence event, the tab base class (its jobs run through the station) and the
table and spin-box helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox, QTableWidget, QTableWidgetItem, QWidget

from app.services import admin as svc
from app.ui.kit.texts import exception_text, register_error_texts, register_event_labels
from app.ui.kit.widgets import list_table

if TYPE_CHECKING:
    from app.ui.desks.admin.account_dialogs import PinDialog
    from app.ui.desks.admin.station import AdminStation


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "invalid_value": QCoreApplication.translate("Admin", "{field}: “{value}” is not valid."),
        "too_long": QCoreApplication.translate(
            "Admin", "{field} is too long (at most {max} characters)."
        ),
        "out_of_range": QCoreApplication.translate(
            "Admin", "{field} must be between {low} and {high}."
        ),
        "duplicate_sku": QCoreApplication.translate(
            "Admin", "A product with SKU {sku} exists already."
        ),
        "duplicate_barcode": QCoreApplication.translate(
            "Admin", "Barcode {barcode} already belongs to product {sku}."
        ),
        "unknown_product": QCoreApplication.translate("Admin", "No product has SKU {sku}."),
        "duplicate_carrier": QCoreApplication.translate(
            "Admin", "A carrier with code {carrier} exists already."
        ),
        "unknown_carrier": QCoreApplication.translate("Admin", "{carrier} is not a known carrier."),
        "shop_not_found": QCoreApplication.translate("Admin", "No shop is called {shop}."),
        "same_carrier_twice": QCoreApplication.translate(
            "Admin", "{carrier} cannot be both the primary and the secondary carrier."
        ),
        "invalid_range": QCoreApplication.translate(
            "Admin",
            "{first} – {last} is not a range: same letters, same number of digits, "
            "first not after last.",
        ),
        "range_too_large": QCoreApplication.translate(
            "Admin", "A range may hold at most {max} numbers."
        ),
        "not_carrier_number": QCoreApplication.translate(
            "Admin", "{number} is not a {carrier} waybill number."
        ),
        "numbers_known": QCoreApplication.translate(
            "Admin",
            "Every number from {first} to {last} is known already (a number is used once, ever).",
        ),
        "bad_pin": QCoreApplication.translate("Admin", "A PIN is 4 to 12 digits."),
        "pin_six_digits": QCoreApplication.translate(
            "Admin", "This floor requires PINs of 6 to 12 digits."
        ),
        "own_pin_six_digits": QCoreApplication.translate(
            "Admin",
            "Set yourself a PIN of {digits} digits first: with a shorter one you could not "
            "sign in once {digits} digits are required.",
        ),
        "badge_not_locked": QCoreApplication.translate(
            "Admin", "The badge of {operator} is not locked."
        ),
        "pin_needed": QCoreApplication.translate(
            "Admin", "Supervisors and admins need a PIN: enter one for {operator}."
        ),
        "unknown_operator": QCoreApplication.translate(
            "Admin", "No operator has staff number {operator}."
        ),
        "duplicate_operator": QCoreApplication.translate(
            "Admin", "Staff number {operator} is taken already."
        ),
        "duplicate_badge": QCoreApplication.translate(
            "Admin", "Badge {badge} belongs to another operator."
        ),
        "last_admin": QCoreApplication.translate(
            "Admin", "{operator} is the last active admin and stays one."
        ),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {svc.AUDIT_KIND: QCoreApplication.translate("Event", "Admin change")}


def new_table(headers: list[str]) -> QTableWidget:
    t = list_table(headers, None, keep_focus_off=False)  # forms here: the keyboard may go in
    t.setAlternatingRowColors(True)
    return t


def fill(table: QTableWidget, rows: list[list[object]]) -> None:
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for j, v in enumerate(cells):
            table.setItem(i, j, QTableWidgetItem("" if v is None else str(v)))


def yes(flag: bool) -> str:
    return "✔" if flag else ""


def spin(lo: int, hi: int, suffix: str = "") -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setSuffix(suffix)
    s.setGroupSeparatorShown(True)
    return s


class AdminTab(QWidget):
    """A tab of the admin station: it runs its jobs through the station (one status line)."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__()
        self.station = station
        self.db = station.ctx.db
        self.who = {"operator": station.ctx.operator_code, "station": station.ctx.station_name}

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self.station.run(fn, on_done)

    def with_pin(
        self, question: str, act: Callable[[str], Any], on_done: Callable[[Any], None]
    ) -> PinDialog:
        """An act that asks the admin's own PIN again (floor settings, operators, unlocking a
        badge): ``act(pin)`` runs once the PIN is typed. A refused PIN stays in the dialog for
        another try (with the floor's wait counted down); any other refusal closes it and is
        said in the station's status line, like every other edit's."""
        from app.ui.desks.admin.account_dialogs import PinDialog
        from app.ui.kit.pin_wait import PIN_CODES, wait_seconds

        dlg = PinDialog(question, self)

        def entered(pin: str) -> None:
            def done(result: object) -> None:
                dlg.accept()
                on_done(result)

            def failed(exc: Exception) -> None:
                if getattr(exc, "code", "") in PIN_CODES:
                    nothing = QCoreApplication.translate("Admin", "{reason} Nothing was saved.")
                    dlg.refused(nothing.format(reason=exception_text(exc)), wait_seconds(exc))
                    return
                dlg.reject()
                self.station._on_job_failed(exc)  # said where every edit's refusal is

            self.station.run(lambda: act(pin), done, failed)

        dlg.pin_entered.connect(entered)
        self.pin_dialog = dlg
        dlg.open()
        return dlg

    def reload(self) -> None:  # pragma: no cover - every tab has its own
        raise NotImplementedError
