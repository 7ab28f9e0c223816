"""Learned unit weights (学习重量) for the supervisor: what the floor's scale says each product
weighs, beside the master weight, and adopting it.

Each product's weight is re-estimated from weighings of single-product parcels net of their
carton (the median, so a few odd parcels do not move it). Where the learned weight differs from
the master weight, expected weights are off and parcels are held for nothing (or missing items
pass). The supervisor selects a product (click, or scan its SKU) and presses 1 to adopt the
learned weight or 2 to go back to the master weight. Each change is an evidence event
(``weight_adopted``); the service refuses anyone but a supervisor.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidgetItem,
)

from app.domain.stations import station_roles
from app.services import weighing as svc
from app.services.weighing import LearnedWeight
from app.ui.desks.scan import ScanStation
from app.ui.kit.widgets import list_table, set_big

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext

#: A learned weight this far (per cent) from the one in use is flagged.
FLAG_PERCENT = 5


def _g(grams: int | None) -> str:
    return "" if grams is None else f"{grams:,} g"


class WeightsStation(ScanStation):
    STATION = "weights"
    ROLES = station_roles("weights")

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Learned weights")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[LearnedWeight] = []
        self.table = list_table(
            [
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Master weight"),
                self.tr("Learned weight"),
                self.tr("Parcels (spread)"),
                self.tr("In use"),
                self.tr("Difference"),
            ]
        )
        self.adopt_button = QPushButton(self.tr("1 Adopt the learned weight"))
        self.master_button = QPushButton(self.tr("2 Back to the master weight"))
        row = QHBoxLayout()
        for b in (self.adopt_button, self.master_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            set_big(b, 14)
            row.addWidget(b)
        row.addStretch(1)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(row)
        self.adopt_button.clicked.connect(partial(self.decide, "1"))
        self.master_button.clicked.connect(partial(self.decide, "2"))
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.reload)
        self.set_instruction(self.tr("Scan or select a product, then 1 adopt or 2 master weight"))
        self.reload()

    def reload(self) -> None:
        db = self.db
        self._jobs.submit(lambda: svc.learned_weights(db), self._on_loaded, self.show_exception)

    def _on_loaded(self, rows: list[LearnedWeight]) -> None:
        keep = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        flagged = 0
        for i, lw in enumerate(rows):
            in_use = lw.adopted_grams or lw.master_grams
            diff = lw.learned_grams - in_use
            pct = 100 * diff / in_use if in_use else 0.0
            flag = abs(pct) >= FLAG_PERCENT
            flagged += flag
            cells = [
                lw.sku,
                lw.name,
                _g(lw.master_grams),
                _g(lw.learned_grams),
                f"{lw.samples} (±{lw.spread_grams} g)",
                (self.tr("{grams} (adopted)").format(grams=_g(lw.adopted_grams)))
                if lw.adopted_grams
                else self.tr("{grams} (master)").format(grams=_g(lw.master_grams)),
                f"{diff:+,} g ({pct:+.1f} %)",
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 6 and flag:
                    item.setText("⚠ " + text)  # not colour alone
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(i, j, item)
            if keep is not None and lw.sku == keep.sku:
                self.table.selectRow(i)
        if rows:
            self.show_status(
                "info",
                self.tr("%n product(s) learned from the scale; ", "", len(rows))
                + self.tr("%n differ by {p} % or more", "", flagged).format(p=FLAG_PERCENT),
            )
        else:
            self.show_status(
                "info", self.tr("Not enough single-product parcels weighed yet to learn from.")
            )

    def selected(self) -> LearnedWeight | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def handle_scan(self, code: str) -> None:
        if code in ("1", "2"):
            self.decide(code)
            return
        for i, lw in enumerate(self.rows):
            if code == lw.sku:
                self.table.selectRow(i)
                self.show_status(
                    "info",
                    self.tr("{sku}: learned {learned}, in use {used}. 1 adopt, 2 master.").format(
                        sku=lw.sku,
                        learned=_g(lw.learned_grams),
                        used=_g(lw.adopted_grams or lw.master_grams),
                    ),
                )
                self.add_history(code, "info")
                self.play("ok")
                return
        self.add_history(code, "error")
        self.show_status("error", self.tr("{code} is not in the list.").format(code=code))
        self.play("error")

    def decide(self, key: str) -> None:
        lw = self.selected()
        if lw is None:
            self.show_status("error", self.tr("Scan or select a product first."))
            self.play("error")
            return
        db, station, op = self.db, self.station, self.operator
        grams = lw.learned_grams if key == "1" else None

        def job() -> str:
            svc.adopt_weight(db, lw.sku, grams, op, station=station)
            return lw.sku

        if grams:
            msg = self.tr("{sku} now weighs {grams} per unit (learned)").format(
                sku=lw.sku, grams=_g(grams)
            )
        else:
            msg = self.tr("{sku} back to its master weight {grams}").format(
                sku=lw.sku, grams=_g(lw.master_grams)
            )
        self.run(job, partial(self._on_decided, msg))

    def _on_decided(self, msg: str, sku: str) -> None:
        self.add_history(sku, "ok")
        self.reload()
        self.show_status("ok", msg)
        self.play("ok")
        self.scan_field.setFocus()
