"""The admin station (管理): products, operators, carriers and waybill pools, shops' carrier
rules, shops' e-waybill accounts, floor settings, and the audit log of every admin change.

Each tab is a searchable table and an edit form, in its own module of `app.ui.desks.admin`; this
module holds the station: the tabs and the one status line they report to. Saving runs the
`app.services.admin` call on the job pool (never on the GUI thread); the service checks that
the signed-in operator is an admin and records the change as an ``admin_changed`` event in the
evidence chain, so a screen that somehow reached a non-admin would still be refused. Refusals
come back as codes and are worded in `app.ui.desks.admin.common`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.stations import station_roles
from app.ui.desks.admin.accounts import AccountsTab
from app.ui.desks.admin.audit import AuditTab, action_label, change_text, entity_label
from app.ui.desks.admin.carriers import CarriersTab
from app.ui.desks.admin.common import AdminTab
from app.ui.desks.admin.operators import OperatorsTab
from app.ui.desks.admin.products import ProductsTab
from app.ui.desks.admin.settings import SettingsTab
from app.ui.desks.admin.shops import ShopsTab
from app.ui.kit.texts import exception_text
from app.ui.kit.widgets import COLOURS, SIGNS, set_big
from app.ui.kit.workers import JobRunner

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext

# the tabs and the audit log's words, importable from here as before the tabs had modules
__all__ = [
    "AccountsTab",
    "AdminStation",
    "AuditTab",
    "CarriersTab",
    "OperatorsTab",
    "ProductsTab",
    "SettingsTab",
    "ShopsTab",
    "action_label",
    "change_text",
    "entity_label",
]


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
        if isinstance(tab, AdminTab | AccountsTab):
            tab.reload()
