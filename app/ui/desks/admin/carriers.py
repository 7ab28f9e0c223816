"""The admin station's Carriers tab: carriers, their waybill-number patterns and areas not
served, and the pools of waybill numbers they issued.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.services import admin as svc
from app.ui.desks.admin.common import AdminTab, fill, new_table, yes
from app.ui.kit.widgets import local_time

if TYPE_CHECKING:
    from app.ui.desks.admin.station import AdminStation


class CarriersTab(AdminTab):
    """Carriers (code, name, waybill pattern, areas not served) and their waybill-number
    pools: the numbers left per carrier and per pool, and a form to add a range."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.CarrierRow] = []
        self.creating = False
        self.table = new_table(
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

        self.pools = new_table(
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
        fill(
            self.table,
            [
                [
                    c.code,
                    c.name,
                    yes(c.active),
                    c.free,
                    c.used,
                    c.void,
                    "; ".join(c.excluded_areas),
                ]
                for c in self.rows
            ],
        )
        fill(
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
