"""The supervisor's queue of held orders (挂起 / 主管): why, since when, who held them.

Scan a held order's waybill (or order number) to select it, then 1 release (back to where it
stood) or 2 cancel (it becomes intercepted everywhere). F5 reloads the queue.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
)

from app.services import scanning as sc
from app.services.scanning import HeldOrder
from app.ui.order_browser import local_time
from app.ui.scan_station import ScanStation, hold_text, list_table
from app.ui.texts import status_label

if TYPE_CHECKING:
    from app.ui.stations import StationContext


class SupervisorStation(ScanStation):
    STATION = "holds"
    ROLES = ("supervisor",)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Held orders")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.holds: list[HeldOrder] = []
        self.table = list_table(
            [
                self.tr("Order no."),
                self.tr("Waybill no."),
                self.tr("Reason"),
                self.tr("Note"),
                self.tr("Held at"),
                self.tr("Station / operator"),
                self.tr("Back to"),
            ]
        )
        self.reason = QLineEdit(self.tr("Cancelled by the supervisor"))
        self.reason.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.release_button = QPushButton(self.tr("1 Release"))
        self.cancel_button = QPushButton(self.tr("2 Cancel order"))
        row = QHBoxLayout()
        row.addWidget(self.release_button)
        row.addWidget(self.cancel_button)
        row.addWidget(QLabel(self.tr("Reason for cancelling:")))
        row.addWidget(self.reason, 1)
        for b in (self.release_button, self.cancel_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(row)
        self.release_button.clicked.connect(partial(self.decide, "1"))
        self.cancel_button.clicked.connect(partial(self.decide, "2"))
        self.reason.returnPressed.connect(self.focus_scan_field)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.reload)
        self.set_instruction(self.tr("Scan a held order, then 1 release or 2 cancel"))
        self.reload()

    def reload(self) -> None:
        db = self.db
        self._jobs.submit(lambda: sc.list_holds(db), self._on_holds_loaded, self.show_exception)

    def _on_holds_loaded(self, holds: list[HeldOrder]) -> None:
        self.holds = holds
        self.table.setRowCount(len(holds))
        for i, h in enumerate(holds):
            cells = [
                h.order_no,
                h.waybill_no,
                hold_text(h.reason),
                h.note,
                local_time(h.held_at),
                f"{h.station} / {h.operator}",
                status_label(h.status_before) if h.status_before else "",
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.lines_count = len(holds)
        self.show_status(
            "info", self.tr("%n order(s) on hold", "", len(holds)) if holds else self.tr("No holds")
        )

    def selected(self) -> HeldOrder | None:
        rows = self.table.selectionModel().selectedRows()
        return self.holds[rows[0].row()] if rows else None

    def handle_scan(self, code: str) -> None:
        if code in ("1", "2"):
            self.decide(code)
            return
        for i, h in enumerate(self.holds):
            if code in (h.waybill_no, h.order_no):
                self.table.selectRow(i)
                self.show_status(
                    "info",
                    self.tr("Order {order_no}: {reason}. 1 release, 2 cancel.").format(
                        order_no=h.order_no, reason=hold_text(h.reason)
                    ),
                )
                self.add_history(code, "info")
                self.play("ok")
                return
        self.add_history(code, "error")
        self.show_status("error", self.tr("{code} is not in the queue.").format(code=code))
        self.play("error")

    def decide(self, key: str) -> None:
        h = self.selected()
        if h is None:
            self.show_status("error", self.tr("Scan or select a held order first."))
            self.play("error")
            return
        db, station, op = self.db, self.station, self.operator
        reason = self.reason.text().strip()
        if key == "1":

            def job() -> str:
                return sc.release_hold(db, h.order_id, operator=op, station=station)

            msg = self.tr("Order {order_no} released")
        else:

            def job() -> str:
                return sc.cancel_hold(db, h.order_id, operator=op, station=station, reason=reason)

            msg = self.tr("Order {order_no} cancelled: return the goods to stock")
        self._busy = True
        self.run(job, partial(self._on_decided, msg))

    def _on_decided(self, msg: str, order_no: str) -> None:
        self.add_history(order_no, "ok")
        self.reload()
        self.show_status("ok", msg.format(order_no=order_no))
        self.play("ok")
        self.scan_field.setFocus()
