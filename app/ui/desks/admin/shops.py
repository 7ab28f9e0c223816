"""The admin station's Shops tab: each shop's default carriers and weight tolerances."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton

from app.services import admin as svc
from app.ui.desks.admin.common import AdminTab, fill, new_table, spin
from app.ui.kit.widgets import set_big

if TYPE_CHECKING:
    from app.ui.desks.admin.station import AdminStation


class ShopsTab(AdminTab):
    """Each shop's primary and secondary default carrier and its weight tolerances."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.ShopRow] = []
        self.table = new_table(
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
        self.tol_abs = spin(0, 100_000, " g")
        self.tol_permille = spin(0, 1000, " ‰")
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
        fill(
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
