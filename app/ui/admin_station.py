"""The admin station (管理): products, operators, carriers and waybill pools, shops' carrier
rules, shops' e-waybill accounts (`app.ui.admin_accounts`), floor settings, and the audit log
of every admin change.

Each tab is a searchable table and an edit form. Saving runs the `app.services.admin` call on
the job pool (never on the GUI thread); the service checks that the signed-in operator is an
admin and records the change as an ``admin_changed`` event in the evidence chain, so a screen
that somehow reached a non-admin would still be refused. Refusals come back as codes and are
worded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import floortime
from app.domain.stations import station_roles
from app.services import admin as svc
from app.ui.admin_accounts import AccountsTab
from app.ui.order_browser import local_time
from app.ui.scan_station import COLOURS, SIGNS, list_table, set_big
from app.ui.texts import exception_text, register_error_texts, register_event_labels, role_label
from app.ui.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.stations import StationContext

_SPLIT = re.compile(r"[\s,;，；、]+")


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


def entity_label(entity: str) -> str:
    labels = {
        "product": QCoreApplication.translate("Admin", "Product"),
        "carrier": QCoreApplication.translate("Admin", "Carrier"),
        "shop": QCoreApplication.translate("Admin", "Shop"),
        "waybill_pool": QCoreApplication.translate("Admin", "Waybill numbers"),
        "operator": QCoreApplication.translate("Admin", "Operator"),
        "floor_setting": QCoreApplication.translate("Admin", "Floor setting"),
    }
    return labels.get(entity, entity)


def action_label(action: str) -> str:
    labels = {
        "create": QCoreApplication.translate("Admin", "added"),
        "update": QCoreApplication.translate("Admin", "changed"),
        "add_range": QCoreApplication.translate("Admin", "range added"),
        "reset_pin": QCoreApplication.translate("Admin", "PIN reset"),
        "deactivate": QCoreApplication.translate("Admin", "deactivated"),
        "activate": QCoreApplication.translate("Admin", "reactivated"),
    }
    return labels.get(action, action)


def change_text(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """``field: old → new`` for each changed field (only the new value for an addition)."""
    after = after or {}
    if before is None:
        return "; ".join(f"{k}: {v}" for k, v in after.items())
    return "; ".join(f"{k}: {before.get(k)} → {v}" for k, v in after.items())


def _table(headers: list[str]) -> QTableWidget:
    t = list_table(headers, None, keep_focus_off=False)  # forms here: the keyboard may go in
    t.setAlternatingRowColors(True)
    return t


def _fill(table: QTableWidget, rows: list[list[object]]) -> None:
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for j, v in enumerate(cells):
            table.setItem(i, j, QTableWidgetItem("" if v is None else str(v)))


def _yes(flag: bool) -> str:
    return "✔" if flag else ""


def _spin(lo: int, hi: int, suffix: str = "") -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setSuffix(suffix)
    s.setGroupSeparatorShown(True)
    return s


class _Tab(QWidget):
    """A tab of the admin station: it runs its jobs through the station (one status line)."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__()
        self.station = station
        self.db = station.ctx.db
        self.who = {"operator": station.ctx.operator_code, "station": station.ctx.station_name}

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self.station.run(fn, on_done)

    def reload(self) -> None:  # pragma: no cover - every tab has its own
        raise NotImplementedError


class ProductsTab(_Tab):
    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.ProductRow] = []
        self.creating = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search SKU, name, barcode or bin"))
        self.search.setClearButtonEnabled(True)
        self.table = _table(
            [
                self.tr("SKU"),
                self.tr("Name"),
                self.tr("Barcodes"),
                self.tr("Unit weight (g)"),
                self.tr("Bin"),
                self.tr("Serial no."),
                self.tr("Fragile"),
            ]
        )
        self.sku = QLineEdit()
        self.name = QLineEdit()
        self.barcodes = QLineEdit()
        self.barcodes.setPlaceholderText(self.tr("several: separate with spaces or commas"))
        self.grams = _spin(0, svc.MAX_GRAMS, " g")
        self.bin = QLineEdit()
        self.serial = QCheckBox(self.tr("Serial numbers are scanned"))
        self.fragile = QCheckBox(self.tr("Fragile"))
        self.new_button = QPushButton(self.tr("New product"))
        self.save_button = QPushButton(self.tr("Save product"))
        form = QFormLayout()
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Barcodes"), self.barcodes)
        form.addRow(self.tr("Unit weight"), self.grams)
        form.addRow(self.tr("Bin location"), self.bin)
        form.addRow("", self.serial)
        form.addRow("", self.fragile)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(form, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addLayout(body, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.start_new()

    def reload(self) -> None:
        self._debounce.stop()
        db, text = self.db, self.search.text()
        self.run(lambda: svc.list_products(db, text), self._on_loaded)

    def _on_loaded(self, rows: list[svc.ProductRow]) -> None:
        self.rows = rows
        _fill(
            self.table,
            [
                [
                    r.sku,
                    r.name,
                    " ".join(r.barcodes),
                    r.unit_grams,
                    r.bin_location,
                    _yes(r.serial_tracked),
                    _yes(r.fragile),
                ]
                for r in rows
            ],
        )
        if len(rows) == 1 and self.search.text().strip():
            self.table.selectRow(0)

    def _on_table_item_selection_changed(self) -> None:
        sel = self.table.selectionModel().selectedRows()
        if not sel:
            return
        r = self.rows[sel[0].row()]
        self.creating = False
        self.sku.setText(r.sku)
        self.sku.setReadOnly(True)  # a SKU names the product in orders: it is not renamed
        self.name.setText(r.name)
        self.barcodes.setText(" ".join(r.barcodes))
        self.grams.setValue(r.unit_grams)
        self.bin.setText(r.bin_location)
        self.serial.setChecked(r.serial_tracked)
        self.fragile.setChecked(r.fragile)

    def start_new(self) -> None:
        self.table.clearSelection()
        self.creating = True
        self.sku.setReadOnly(False)
        for w in (self.sku, self.name, self.barcodes, self.bin):
            w.clear()
        self.grams.setValue(0)
        self.serial.setChecked(False)
        self.fragile.setChecked(False)
        self.sku.setFocus()

    def save(self) -> None:
        edit = svc.ProductEdit(
            sku=self.sku.text(),
            name=self.name.text(),
            barcodes=tuple(c for c in _SPLIT.split(self.barcodes.text()) if c),
            unit_grams=self.grams.value(),
            bin_location=self.bin.text(),
            serial_tracked=self.serial.isChecked(),
            fragile=self.fragile.isChecked(),
        )
        db, who, create = self.db, self.who, self.creating

        def done(row: svc.ProductRow) -> None:
            self.creating = False
            self.sku.setReadOnly(True)
            self.station.report("ok", self.tr("Product {sku} saved.").format(sku=row.sku))
            self.reload()

        self.run(lambda: svc.save_product(db, edit, create=create, **who), done)


class OperatorsTab(_Tab):
    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.OperatorRow] = []
        self.creating = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search staff number, name or badge"))
        self.table = _table(
            [
                self.tr("Staff no."),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Badge"),
                self.tr("Active"),
                self.tr("PIN set"),
            ]
        )
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.role = QComboBox()
        for r in svc.ROLES:
            self.role.addItem(role_label(r), r)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("empty: OP + staff number"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4–12 digits; supervisors and admins need one"))
        self.new_button = QPushButton(self.tr("New operator"))
        self.save_button = QPushButton(self.tr("Save operator"))
        self.pin_button = QPushButton(self.tr("Reset PIN"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        form = QFormLayout()
        form.addRow(self.tr("Staff no."), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow(self.tr("PIN"), self.pin)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.pin_button, self.active_button, self.save_button):
            buttons.addWidget(b)
        form.addRow(buttons)
        note = QLabel(self.tr("Operators are never deleted: events name them. Deactivate instead."))
        note.setWordWrap(True)
        form.addRow(note)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(form, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addLayout(body, 1)
        self.search.returnPressed.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.pin_button.clicked.connect(self.reset_pin)
        self.active_button.clicked.connect(self.toggle_active)
        self.start_new()

    def reload(self) -> None:
        db, text = self.db, self.search.text()
        self.run(lambda: svc.list_operators(db, text), self._on_loaded)

    def _on_loaded(self, rows: list[svc.OperatorRow]) -> None:
        self.rows = rows
        _fill(
            self.table,
            [
                [r.code, r.name, role_label(r.role), r.badge, _yes(r.active), _yes(r.has_pin)]
                for r in rows
            ],
        )

    def current(self) -> svc.OperatorRow | None:
        sel = self.table.selectionModel().selectedRows()
        return self.rows[sel[0].row()] if sel else None

    def _on_table_item_selection_changed(self) -> None:
        r = self.current()
        if r is None:
            return
        self.creating = False
        self.code.setText(r.code)
        self.code.setReadOnly(True)
        self.name.setText(r.name)
        self.role.setCurrentIndex(max(0, self.role.findData(r.role)))
        self.badge.setText(r.badge)
        self.pin.clear()
        self.active_button.setText(self.tr("Deactivate") if r.active else self.tr("Reactivate"))
        self.pin_button.setEnabled(True)
        self.active_button.setEnabled(True)

    def start_new(self) -> None:
        self.table.clearSelection()
        self.creating = True
        self.code.setReadOnly(False)
        for w in (self.code, self.name, self.badge, self.pin):
            w.clear()
        self.role.setCurrentIndex(0)
        self.pin_button.setEnabled(False)
        self.active_button.setEnabled(False)

    def _done(self, message: str) -> Callable[[Any], None]:
        def done(_result: object) -> None:
            self.pin.clear()
            self.station.report("ok", message)
            self.reload()

        return done

    def save(self) -> None:
        db, who = self.db, self.who
        code, name, role = self.code.text().strip(), self.name.text(), self.role.currentData()
        badge, pin = self.badge.text().strip(), self.pin.text().strip()
        msg = self.tr("Operator {code} saved.").format(code=code)
        if self.creating:
            report = self._done(msg)

            def added(row: svc.OperatorRow) -> None:
                self.creating = False
                self.code.setReadOnly(True)
                report(row)

            self.run(
                lambda: svc.add_operator(db, code, name, role, badge=badge, pin=pin, **who), added
            )
        else:
            self.run(
                lambda: svc.update_operator(
                    db, code, name=name, role=role, badge=badge or None, pin=pin, **who
                ),
                self._done(msg),
            )

    def reset_pin(self) -> None:
        db, who, code, pin = self.db, self.who, self.code.text().strip(), self.pin.text().strip()
        msg = self.tr("New PIN set for {code}.").format(code=code)
        self.run(lambda: svc.reset_pin(db, code, pin, **who), self._done(msg))

    def toggle_active(self) -> None:
        r = self.current()
        if r is None:
            return
        db, who, active = self.db, self.who, not r.active
        msg = (
            self.tr("Operator {code} reactivated.")
            if active
            else self.tr("Operator {code} deactivated.")
        ).format(code=r.code)
        self.run(lambda: svc.set_operator_active(db, r.code, active, **who), self._done(msg))


class CarriersTab(_Tab):
    """Carriers (code, name, waybill pattern, areas not served) and their waybill-number
    pools: the numbers left per carrier and per pool, and a form to add a range."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.CarrierRow] = []
        self.creating = False
        self.table = _table(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Active"),
                self.tr("Numbers left"),
                self.tr("Used"),
                self.tr("Void"),
                self.tr("Areas not served"),
            ]
        )
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.pattern = QLineEdit()
        self.pattern.setPlaceholderText(self.tr("regular expression, e.g. SF\\d{13}"))
        self.areas = QLineEdit()
        self.areas.setPlaceholderText(self.tr("province or province/city, separated by ;"))
        self.active = QCheckBox(self.tr("In use"))
        self.new_button = QPushButton(self.tr("New carrier"))
        self.save_button = QPushButton(self.tr("Save carrier"))
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Waybill number pattern"), self.pattern)
        form.addRow(self.tr("Areas not served"), self.areas)
        form.addRow("", self.active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        top = QHBoxLayout()
        top.addWidget(self.table, 3)
        top.addLayout(form, 2)

        self.pools = _table(
            [
                self.tr("Carrier"),
                self.tr("First"),
                self.tr("Last"),
                self.tr("Added"),
                self.tr("Left"),
                self.tr("Used"),
                self.tr("Void"),
                self.tr("Added at"),
            ]
        )
        self.pool_carrier = QComboBox()
        self.first = QLineEdit()
        self.first.setPlaceholderText(self.tr("first number"))
        self.last = QLineEdit()
        self.last.setPlaceholderText(self.tr("last number"))
        self.add_button = QPushButton(self.tr("Add range"))
        add = QHBoxLayout()
        add.addWidget(QLabel(self.tr("Add numbers the carrier issued:")))
        for w in (self.pool_carrier, self.first, self.last, self.add_button):
            add.addWidget(w)
        pools_box = QGroupBox(self.tr("Waybill-number pools"))
        pl = QVBoxLayout(pools_box)
        pl.addWidget(self.pools, 1)
        pl.addLayout(add)
        pl.addWidget(
            QLabel(
                self.tr("Numbers already known are skipped: a waybill number is used once, ever.")
            )
        )
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addWidget(pools_box, 1)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.add_button.clicked.connect(self.add_range)
        self.start_new()

    def reload(self) -> None:
        db = self.db
        self.run(lambda: (svc.list_carriers(db), svc.list_pools(db)), self._on_loaded)

    def _on_loaded(self, result: tuple[list[svc.CarrierRow], list[svc.PoolRow]]) -> None:
        self.rows, pools = result
        _fill(
            self.table,
            [
                [
                    c.code,
                    c.name,
                    _yes(c.active),
                    c.free,
                    c.used,
                    c.void,
                    "; ".join(c.excluded_areas),
                ]
                for c in self.rows
            ],
        )
        _fill(
            self.pools,
            [
                [
                    p.carrier,
                    p.first_no,
                    p.last_no,
                    p.count,
                    p.free,
                    p.used,
                    p.void,
                    local_time(p.imported_at),
                ]
                for p in pools
            ],
        )
        keep = self.pool_carrier.currentText()
        self.pool_carrier.clear()
        self.pool_carrier.addItems([c.code for c in self.rows if c.active])
        if keep:
            self.pool_carrier.setCurrentText(keep)

    def _on_table_item_selection_changed(self) -> None:
        sel = self.table.selectionModel().selectedRows()
        if not sel:
            return
        c = self.rows[sel[0].row()]
        self.creating = False
        self.code.setText(c.code)
        self.code.setReadOnly(True)
        self.name.setText(c.name)
        self.pattern.setText(c.waybill_pattern)
        self.areas.setText("; ".join(c.excluded_areas))
        self.active.setChecked(c.active)
        if c.active:
            self.pool_carrier.setCurrentText(c.code)

    def start_new(self) -> None:
        self.table.clearSelection()
        self.creating = True
        self.code.setReadOnly(False)
        for w in (self.code, self.name, self.pattern, self.areas):
            w.clear()
        self.active.setChecked(True)

    def save(self) -> None:
        edit = svc.CarrierEdit(
            code=self.code.text(),
            name=self.name.text(),
            waybill_pattern=self.pattern.text(),
            excluded_areas=tuple(a for a in re.split(r"[;；\n]+", self.areas.text()) if a.strip()),
            active=self.active.isChecked(),
        )
        db, who, create = self.db, self.who, self.creating

        def done(_r: object) -> None:
            self.creating = False
            self.code.setReadOnly(True)
            self.station.report(
                "ok", self.tr("Carrier {code} saved.").format(code=edit.code.strip().upper())
            )
            self.reload()

        self.run(lambda: svc.save_carrier(db, edit, create=create, **who), done)

    def add_range(self) -> None:
        db, who = self.db, self.who
        carrier, first, last = self.pool_carrier.currentText(), self.first.text(), self.last.text()

        def done(added: svc.PoolAdded) -> None:
            self.first.clear()
            self.last.clear()
            self.station.report(
                "ok",
                self.tr("{added} numbers added for {carrier}, {skipped} already known.").format(
                    added=added.added, carrier=carrier, skipped=added.skipped
                ),
            )
            self.reload()

        self.run(lambda: svc.add_pool(db, carrier, first, last or first, **who), done)


class ShopsTab(_Tab):
    """Each shop's primary and secondary default carrier and its weight tolerances."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.ShopRow] = []
        self.table = _table(
            [
                self.tr("Shop"),
                self.tr("Platform"),
                self.tr("Primary carrier"),
                self.tr("Secondary carrier"),
                self.tr("Tolerance (g)"),
                self.tr("Tolerance (‰)"),
            ]
        )
        self.shop = QLabel()
        set_big(self.shop, 14)
        self.primary = QComboBox()
        self.secondary = QComboBox()
        self.tol_abs = _spin(0, 100_000, " g")
        self.tol_permille = _spin(0, 1000, " ‰")
        self.save_button = QPushButton(self.tr("Save shop"))
        form = QFormLayout()
        form.addRow(self.tr("Shop"), self.shop)
        form.addRow(self.tr("Primary carrier"), self.primary)
        form.addRow(self.tr("Secondary carrier"), self.secondary)
        form.addRow(self.tr("Weight tolerance at least"), self.tol_abs)
        form.addRow(self.tr("or of the expected weight"), self.tol_permille)
        form.addRow(self.save_button)
        note = QLabel(
            self.tr(
                "Orders go to the primary carrier; to the secondary one where the primary "
                "does not serve the area (see Carriers)."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        lay = QHBoxLayout(self)
        lay.addWidget(self.table, 3)
        lay.addLayout(form, 2)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)

    def reload(self) -> None:
        db = self.db
        self.run(lambda: (svc.list_shops(db), svc.list_carriers(db)), self._on_loaded)

    def _on_loaded(self, result: tuple[list[svc.ShopRow], list[svc.CarrierRow]]) -> None:
        self.rows, carriers = result
        for combo in (self.primary, self.secondary):
            combo.clear()
            combo.addItem(self.tr("(none)"), "")
            for c in carriers:
                combo.addItem(f"{c.code} {c.name}", c.code)
        _fill(
            self.table,
            [
                [
                    s.name,
                    s.platform,
                    s.primary_carrier,
                    s.secondary_carrier,
                    s.tolerance_abs_grams,
                    s.tolerance_permille,
                ]
                for s in self.rows
            ],
        )

    def _on_table_item_selection_changed(self) -> None:
        sel = self.table.selectionModel().selectedRows()
        if not sel:
            return
        s = self.rows[sel[0].row()]
        self.shop.setText(s.name)
        self.primary.setCurrentIndex(max(0, self.primary.findData(s.primary_carrier)))
        self.secondary.setCurrentIndex(max(0, self.secondary.findData(s.secondary_carrier)))
        self.tol_abs.setValue(s.tolerance_abs_grams)
        self.tol_permille.setValue(s.tolerance_permille)
        self.save_button.setEnabled(True)

    def save(self) -> None:
        sel = self.table.selectionModel().selectedRows()
        if not sel:
            return
        shop = self.rows[sel[0].row()]
        edit = svc.ShopEdit(
            code=shop.code,
            primary_carrier=self.primary.currentData() or "",
            secondary_carrier=self.secondary.currentData() or "",
            tolerance_abs_grams=self.tol_abs.value(),
            tolerance_permille=self.tol_permille.value(),
        )
        db, who = self.db, self.who

        def done(_r: object) -> None:
            self.station.report("ok", self.tr("Shop {shop} saved.").format(shop=shop.name))
            self.reload()

        self.run(lambda: svc.save_shop(db, edit, **who), done)


def _zone_box() -> QComboBox:
    """The floor time zone: the system's first (data ``""``), then the IANA names; typing
    completes a name (``Asia/Sh…``)."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    system = floortime.system_zone()
    box.addItem(
        QCoreApplication.translate("Admin", "System time zone ({zone})").format(
            zone=floortime.zone_name(system)
        ),
        "",
    )
    for name in sorted(available_timezones()):
        box.addItem(name, name)
    completer = box.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
    return box


class SettingsTab(_Tab):
    """The floor settings every station reads."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.bundle = _spin(1, svc.MAX_BUNDLE_SIZE)
        self.packing = QCheckBox(self.tr("Parcels must be packed (confirmed) before weighing"))
        self.time_zone = _zone_box()
        self.mask_phone = QCheckBox(self.tr("Our own labels print the receiver's phone masked"))
        self.save_button = QPushButton(self.tr("Save settings"))
        form = QFormLayout()
        form.addRow(self.tr("Stubs per bundle"), self.bundle)
        form.addRow("", self.packing)
        form.addRow(self.tr("Floor time zone"), self.time_zone)
        zone_note = QLabel(
            self.tr(
                "Every screen, document, report and the same-day cut-off use this zone; "
                "documents print it next to their times."
            )
        )
        zone_note.setWordWrap(True)
        form.addRow("", zone_note)
        form.addRow("", self.mask_phone)
        phone_note = QLabel(
            self.tr(
                "Off: the phone prints whole, so the courier can call the receiver. The stub and "
                "every screen show the receiver masked either way; a platform's e-waybill is "
                "printed by its own print component."
            )
        )
        phone_note.setWordWrap(True)
        form.addRow("", phone_note)
        form.addRow(self.save_button)
        note = QLabel(self.tr("Weight tolerances are set per shop (Shops tab)."))
        note.setWordWrap(True)
        form.addRow(note)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addStretch(1)
        self.save_button.clicked.connect(self.save)

    def reload(self) -> None:
        db = self.db
        self.run(lambda: svc.floor_settings(db), self._on_loaded)

    def _on_loaded(self, fs: svc.FloorSettings) -> None:
        self.bundle.setValue(fs.bundle_size)
        self.packing.setChecked(fs.packing_required)
        i = self.time_zone.findData(fs.time_zone)
        if i < 0:  # a name this machine's list lacks: shown as it is
            self.time_zone.addItem(fs.time_zone, fs.time_zone)
            i = self.time_zone.count() - 1
        self.time_zone.setCurrentIndex(i)
        self.mask_phone.setChecked(fs.label_masks_phone)

    def zone_name(self) -> str:
        """The chosen IANA name (``""``: the system's zone); typed text counts as a name."""
        text = self.time_zone.currentText().strip()
        i = self.time_zone.findText(text)
        return str(self.time_zone.itemData(i) or "") if i >= 0 else text

    def save(self) -> None:
        new = svc.FloorSettings(
            self.bundle.value(),
            self.packing.isChecked(),
            self.zone_name(),
            self.mask_phone.isChecked(),
        )
        db, who = self.db, self.who

        def done(_r: object) -> None:
            self.station.report("ok", self.tr("Floor settings saved."))
            self.reload()

        self.run(lambda: svc.save_floor_settings(db, new, **who), done)


class AuditTab(_Tab):
    """Every admin change, newest first, from the evidence chain."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.AuditRow] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by operator, what or key"))
        self.table = _table(
            [
                self.tr("When"),
                self.tr("Operator"),
                self.tr("Station"),
                self.tr("What"),
                self.tr("Key"),
                self.tr("Change"),
            ]
        )
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addWidget(self.table, 1)
        self.search.returnPressed.connect(self.reload)
        self.search.textChanged.connect(self.reload)

    def reload(self) -> None:
        db, text = self.db, self.search.text()
        self.run(lambda: svc.audit_log(db, text), self._on_loaded)

    def _on_loaded(self, rows: list[svc.AuditRow]) -> None:
        self.rows = rows
        _fill(
            self.table,
            [
                [
                    local_time(r.at),
                    r.operator,
                    r.station,
                    f"{entity_label(r.entity)} {action_label(r.action)}",
                    r.key,
                    change_text(r.before, r.after),
                ]
                for r in rows
            ],
        )


class AdminStation(QWidget):
    """The admin station. Lives on the GUI thread; every query and change runs on the pool."""

    STATION = "admin"
    ROLES = station_roles("admin")

    changed = Signal(str)  # a change was saved: the message shown

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Administration")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._jobs = JobRunner(self)
        self.status_kind = ""
        self.tabs = QTabWidget()
        set_big(self.tabs.tabBar(), 14, bold=True)
        self.products = ProductsTab(self)
        self.operators = OperatorsTab(self)
        self.carriers = CarriersTab(self)
        self.shops = ShopsTab(self)
        self.accounts = AccountsTab(self)
        self.settings = SettingsTab(self)
        self.audit = AuditTab(self)
        for tab, label in (
            (self.products, self.tr("Products")),
            (self.operators, self.tr("Operators")),
            (self.carriers, self.tr("Carriers and waybill numbers")),
            (self.shops, self.tr("Shops")),
            (self.accounts, self.tr("E-waybill accounts")),
            (self.settings, self.tr("Floor settings")),
            (self.audit, self.tr("Audit log")),
        ):
            self.tabs.addTab(tab, label)
        self.status = QLabel(self.tr("Choose a tab, find the entry, change it, save."))
        self.status.setWordWrap(True)
        self._paint("info")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.status)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.products.reload()

    @property
    def idle(self) -> bool:
        """No job running (tests wait for this)."""
        return not self._jobs.busy

    def focus_scan_field(self) -> None:
        self.products.search.setFocus()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """``on_failed``: a tab that words a refusal itself (in a dialog); else the status."""
        self._jobs.submit(fn, on_done, on_failed or self._on_job_failed)

    def report(self, kind: str, text: str) -> None:
        self.status_kind = kind
        self.status.setText(f"{SIGNS.get(kind, '')} {text}")
        self._paint(kind)
        if kind == "ok":
            self.changed.emit(text)
            self.audit.reload()

    def _paint(self, kind: str) -> None:
        bg, fg = COLOURS.get(kind, COLOURS["info"])
        set_big(self.status, 16, extra=f"background: {bg}; color: {fg}; padding: 10px;")

    def _on_job_failed(self, exc: Exception) -> None:
        self.status_kind = "error"
        self.status.setText(f"{SIGNS['error']} {exception_text(exc)}")
        self._paint("error")

    def _on_tabs_current_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, _Tab | AccountsTab):
            tab.reload()
