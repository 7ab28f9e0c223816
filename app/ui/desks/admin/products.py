"""The admin station's Products tab: SKU, name, barcodes, unit weight, bin, serial and fragile
flags.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.services import admin as svc
from app.ui.desks.admin.common import AdminTab, fill, new_table, spin, yes

if TYPE_CHECKING:
    from app.ui.desks.admin.station import AdminStation


_SPLIT = re.compile(r"[\s,;，；、]+")


class ProductsTab(AdminTab):
    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.ProductRow] = []
        self.creating = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search SKU, name, barcode or bin"))
        self.search.setClearButtonEnabled(True)
        self.table = new_table(
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
        self.grams = spin(0, svc.MAX_GRAMS, " g")
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
        fill(
            self.table,
            [
                [
                    r.sku,
                    r.name,
                    " ".join(r.barcodes),
                    r.unit_grams,
                    r.bin_location,
                    yes(r.serial_tracked),
                    yes(r.fragile),
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
