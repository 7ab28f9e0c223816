"""The supervisor's queue of held orders (挂起 / 主管): why, since when, who held them.

Scan a held order's waybill (or order number) to select it, then 1 release or 2 cancel (it
becomes intercepted everywhere); either asks a reason (typed in its field, Enter) and the
supervisor's PIN (typed in the scan field, Enter). A release sends a weight hold back to
verification for a recount, any other hold back to where it stood. F5 reloads the queue.
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

from app.domain.stations import station_roles
from app.services import scanning as sc
from app.services.scanning import HeldOrder
from app.ui.desks.scan import ScanStation, hold_text
from app.ui.kit.texts import status_label, weight_off_label
from app.ui.kit.wedge import WedgeFilter
from app.ui.kit.widgets import list_table, local_time

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext


class SupervisorStation(ScanStation):
    STATION = "holds"
    ROLES = station_roles("holds")

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
        self.stage = ""  # '' / 'reason' / 'pin'
        self.deciding: tuple[str, HeldOrder] | None = None
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why: typed here, then Enter"))
        self.reason.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.reason_label = QLabel(self.tr("Reason:"))
        WedgeFilter.exempt(self.reason)  # typed words (pinyin too), never taken for a scan
        self.release_button = QPushButton(self.tr("1 Release"))
        self.cancel_button = QPushButton(self.tr("2 Cancel order"))
        row = QHBoxLayout()
        row.addWidget(self.release_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.reason_label)
        row.addWidget(self.reason, 1)
        for b in (self.release_button, self.cancel_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(row)
        self.release_button.clicked.connect(partial(self.decide, "1"))
        self.cancel_button.clicked.connect(partial(self.decide, "2"))
        self.reason.returnPressed.connect(self._on_reason_return_pressed)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.reload)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self._on_escape_activated)
        self.set_instruction(self.tr("Scan a held order, then 1 release or 2 cancel"))
        self.reload()

    def reload(self, message: tuple[str, str] | None = None) -> None:
        """Read the queue again; ``message`` (kind, text) is shown once it is there (the
        outcome of a decision stays on screen, not replaced by the queue's count)."""
        db = self.db
        self._jobs.submit(
            lambda: sc.list_holds(db), partial(self._on_holds_loaded, message), self.show_exception
        )

    def _on_holds_loaded(self, message: tuple[str, str] | None, holds: list[HeldOrder]) -> None:
        self.holds = holds
        self.table.setRowCount(len(holds))
        for i, h in enumerate(holds):
            cells = [
                h.order_no,
                h.waybill_no,
                hold_text(h.reason),
                self._note(h),
                local_time(h.held_at),
                f"{h.station} / {h.operator}" if h.station or h.operator else "",
                self.release_to_text(h),
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.lines_count = len(holds)
        if message is not None:
            self.show_status(*message)
        else:
            self.show_status(
                "info",
                self.tr("%n order(s) on hold", "", len(holds)) if holds else self.tr("No holds"),
            )

    def _note(self, h: HeldOrder) -> str:
        if h.weight_reason and h.difference_grams is not None:
            return f"{weight_off_label(h.weight_reason, h.difference_grams)} {h.note}".strip()
        return h.note

    def release_to_text(self, h: HeldOrder) -> str:
        """Where a release sends the parcel, in the floor's words."""
        if h.recount:
            return self.tr("Verification: recount, repack, weigh again")
        return status_label(h.release_to) if h.release_to else ""

    def selected(self) -> HeldOrder | None:
        rows = self.table.selectionModel().selectedRows()
        return self.holds[rows[0].row()] if rows else None

    def handle_scan(self, code: str) -> None:
        if self.stage == "pin":
            self._decided_with_pin(code)
            return
        if self.stage == "reason":  # the reason is typed in its own field: a scan ends it
            self._end_decision()
        if code in ("1", "2"):
            self.decide(code)
            return
        for i, h in enumerate(self.holds):
            if code in (h.waybill_no, h.order_no):
                self.table.selectRow(i)
                self.show_status(
                    "info",
                    self.tr(
                        "Order {order_no}: {reason}. 1 release ({to}), 2 cancel the order."
                    ).format(
                        order_no=h.order_no, reason=hold_text(h.reason), to=self.release_to_text(h)
                    ),
                )
                self.add_history(code, "info")
                self.play("ok")
                return
        self.add_history(code, "error")
        self.show_status("error", self.tr("{code} is not in the queue.").format(code=code))
        self.play("error")

    def decide(self, key: str) -> None:
        """1 release, 2 cancel: then the reason (typed in its field, Enter), then the
        supervisor's PIN (in the scan field, Enter). Esc goes back."""
        h = self.selected()
        if h is None:
            self.show_status("error", self.tr("Scan or select a held order first."))
            self.play("error")
            return
        self.stage, self.deciding = "reason", (key, h)
        self.reason.clear()
        if key == "1":
            self.reason_label.setText(self.tr("Reason for releasing:"))
            self.set_instruction(
                self.tr("Type why order {order_no} may go on, then Enter").format(
                    order_no=h.order_no
                )
            )
            self.show_status(
                "warn",
                self.tr("Release order {order_no}: it goes to {to}.").format(
                    order_no=h.order_no, to=self.release_to_text(h)
                ),
            )
        else:
            self.reason_label.setText(self.tr("Reason for cancelling:"))
            self.set_instruction(
                self.tr("Type why order {order_no} is cancelled, then Enter").format(
                    order_no=h.order_no
                )
            )
            self.show_status(
                "warn",
                self.tr("Cancel order {order_no}: every station will stop it.").format(
                    order_no=h.order_no
                ),
            )
        self.reason.setFocus()

    def _on_reason_return_pressed(self) -> None:
        if self.stage != "reason":
            self.focus_scan_field()
            return
        if not self.reason.text().strip():
            self.show_status("error", self.tr("A reason is required."))
            self.play("error")
            return
        self.stage = "pin"
        self.scan_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.set_instruction(
            self.tr("{name}: type your PIN and press Enter").format(
                name=self.ctx.operator.name if self.ctx.operator else self.operator
            )
        )
        self.scan_field.setFocus()

    def _on_escape_activated(self) -> None:
        if self.stage:
            self._end_decision()
            self.show_status("info", self.tr("Nothing decided."))

    def _end_decision(self) -> None:
        self.stage, self.deciding = "", None
        self.scan_field.setEchoMode(QLineEdit.EchoMode.Normal)
        self.reason_label.setText(self.tr("Reason:"))
        self.set_instruction(self.tr("Scan a held order, then 1 release or 2 cancel"))

    def _decided_with_pin(self, pin: str) -> None:
        assert self.deciding is not None
        key, h = self.deciding
        reason = self.reason.text().strip()
        self._end_decision()
        db, station, op = self.db, self.station, self.operator
        if key == "1":

            def job() -> object:
                return sc.release_hold(
                    db, h.order_id, operator=op, station=station, pin=pin, note=reason
                )

        else:

            def job() -> object:
                return sc.cancel_hold(
                    db, h.order_id, operator=op, station=station, pin=pin, reason=reason
                )

        self.run(job, partial(self._on_decided, h))

    def _on_decided(self, h: HeldOrder, result: object) -> None:
        if isinstance(result, sc.Released):
            if result.recount:
                msg = self.tr(
                    "Order {order_no} released: take the parcel to verification. It is counted"
                    " again from zero, repacked and weighed again."
                )
            else:
                msg = self.tr("Order {order_no} released: it goes on as {status}.")
            text = msg.format(order_no=result.order_no, status=status_label(result.status))
        else:
            text = self.tr("Order {order_no} cancelled: return the goods to stock").format(
                order_no=h.order_no
            )
        self.add_history(h.order_no, "ok")
        self.reason.clear()
        self.reload(("ok", text))
        self.play("ok")
        self.scan_field.setFocus()
