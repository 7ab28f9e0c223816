"""The admin station's Audit log tab: every admin change from the evidence chain, worded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from app.services import admin as svc
from app.ui.desks.admin.common import AdminTab, fill, new_table
from app.ui.kit.widgets import local_time

if TYPE_CHECKING:
    from app.ui.desks.admin.station import AdminStation


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


class AuditTab(AdminTab):
    """Every admin change, newest first, from the evidence chain."""

    def __init__(self, station: AdminStation) -> None:
        super().__init__(station)
        self.rows: list[svc.AuditRow] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by operator, what or key"))
        self.table = new_table(
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
        fill(
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
