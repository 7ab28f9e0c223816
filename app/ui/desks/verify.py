"""The verification station (校验 / 扫码出库): scan the waybill, then every item.

Scanner-first: waybill → items (→ serial numbers) → the order is verified and the station is
ready for the next waybill with no click. A carton scanned right after completion packs the
order in the same step (verify + pack). F8 puts the order on hold with a reason, F9 undoes
the last counted scan with a supervisor's badge and PIN (scanned/typed into the scan field).
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton

from app.db.engine import is_connection_error
from app.domain.stations import station_roles
from app.domain.verify import SERIAL_REFUSED
from app.services import outbox as ob
from app.services import scanning as sc
from app.services.scanning import OrderView, ScanResult
from app.ui.desks.scan import ScanStation, hold_text, verdict_text
from app.ui.kit.texts import hold_reason_label, weight_off_label
from app.ui.kit.widgets import LinesTable, keep_lines, set_big
from devices.barcodes import classify

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext

HOLD_CHOICES = ("shortage", "wrong_item", "damaged", "address_problem")


def reminder_lines(view: OrderView) -> list[str]:
    """The packing reminders worded for the packer."""
    r = view.reminders
    out: list[str] = []
    if r is None:
        return out
    for g in r.gifts:
        out.append(QCoreApplication.translate("Pack", "Gift: {text}").format(text=g))
    if r.invoice:
        out.append(QCoreApplication.translate("Pack", "Invoice: put the envelope on top"))
    for name in r.fragile:
        out.append(QCoreApplication.translate("Pack", "Fragile: {name}").format(name=name))
    if r.extra_filler:
        out.append(QCoreApplication.translate("Pack", "Use extra filler"))
    return out


def recount_text(view: OrderView) -> str:
    """Why a parcel is verified again, for the verifier: the hold at the scale and the
    supervisor's release (the same words as the scale's and the holds list's)."""
    r = view.recount
    assert r is not None
    why = hold_reason_label("weight")
    if r.held_for and r.difference_grams is not None:
        why += " · " + weight_off_label(r.held_for, r.difference_grams)
    return QCoreApplication.translate(
        "Verify",
        "RECOUNT — order {order_no} came back from the scale ({why}), released by {supervisor}:"
        " “{note}”. Open the parcel and scan every item again, then repack and weigh again.",
    ).format(order_no=view.order_no, why=why, supervisor=r.supervisor, note=r.note)


class VerifyStation(ScanStation):
    STATION = "verify"
    ROLES = station_roles("verify")
    OPEN_STEP = "verify"
    INTERCEPTED_MARK = "stop"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Verification")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.order: OrderView | None = None  # being verified
        self.finished: OrderView | None = None  # just verified: a carton scan packs it
        self.pending_item: str | None = None  # item scanned, its serial number expected
        self.undo_stage = ""  # '' / 'badge' / 'pin'
        self._undo_badge = ""
        self.cartons: set[str] = set()
        # offline (server unreachable): the waybill whose scans go to the station's outbox
        self.offline_order: str | None = None
        self.offline_items = 0
        self.lines = LinesTable()
        self.lines.set_columns(
            [self.tr("SKU"), self.tr("Product"), self.tr("Qty"), self.tr("Scanned"), ""]
        )
        self.reminders = QLabel()
        set_big(self.reminders, 16, extra="color: #6a1b9a;")
        self.reminders.setWordWrap(True)
        keep_lines(self.reminders, 3)
        self.body.addWidget(self.lines, 1)
        self.body.addWidget(self.reminders)
        buttons = QHBoxLayout()
        self.hold_button = QPushButton(self.tr("Exception / hold (F8)"))
        self.undo_button = QPushButton(self.tr("Undo last scan (F9)"))
        for b in (self.hold_button, self.undo_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.hold_button.clicked.connect(self.start_hold)
        self.undo_button.clicked.connect(self.start_undo)
        QShortcut(QKeySequence(Qt.Key.Key_F8), self, activated=self.start_hold)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, activated=self.start_undo)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self._on_escape_activated)
        self._jobs.submit(partial(sc.list_cartons, self.db), self._on_cartons_loaded)
        self.start_outbox()
        self.start_camera()
        self.reset()

    def _on_cartons_loaded(self, cartons) -> None:
        self.cartons = {c.code for c in cartons}

    def close_station(self) -> None:
        super().close_station()
        if self.order is not None and not self.state_kept:
            oid, db, station = self.order.order_id, self.db, self.station
            self._jobs.submit(lambda: sc.release_claim(db, oid, station=station), lambda _: None)

    # --- states --------------------------------------------------------------------------------

    def keep_state(self) -> dict:
        state = super().keep_state()
        state.update(
            order=self.order,
            finished=self.finished,
            pending_item=self.pending_item,
            offline=(self.offline_order, self.offline_items),
        )
        return state

    def resume_state(self, state: dict) -> None:
        super().resume_state(state)
        self.offline_order, self.offline_items = state.get("offline", (None, 0))
        if self.offline_order is not None:
            self._show_offline()
            return
        order: OrderView | None = state.get("order")
        if order is not None:
            self.order, self.pending_item = order, state.get("pending_item")
            self.show_order(order)
            self.reminders.setText(recount_text(order) if order.recount else "")
            self.set_instruction(self.tr("Scan the items"))
            self.show_status(
                "info",
                self.tr("Order {order_no} is still open: {done} of {total} items scanned.").format(
                    order_no=order.order_no, done=order.units_done, total=order.units
                ),
            )
            if self.pending_item is not None:
                line = next((li for li in order.lines if not li.complete), None)
                self.set_instruction(
                    self.tr("Scan the serial number of {name}").format(
                        name=line.name if line else self.pending_item
                    )
                )
        elif state.get("finished") is not None:
            self.finished = state["finished"]
            self.set_instruction(self.tr("Verified — scan the next waybill"))
            self._on_packing_view(self.finished)

    def reset(self) -> None:
        self.order = None
        self.pending_item = None
        self.lines.clear()
        self.reminders.setText("")
        self.set_instruction(self.tr("Scan the waybill"))

    def after_stop(self) -> None:
        self.reset()
        self.show_status("info", self.tr("Ready for the next waybill."))

    def show_order(self, view: OrderView, current_line: int | None = None) -> None:
        self.lines.header.setText(
            self.tr("Order {order_no} · waybill {waybill} · {carrier} · {receiver} {place}").format(
                order_no=view.order_no,
                waybill=view.waybill_no,
                carrier=view.carrier,
                receiver=view.receiver_name,
                place=view.place,
            )
        )
        self._show_lines(view.lines, current_line)

    def _show_lines(self, lines, current_line: int | None = None) -> None:
        rows = []
        current = None
        for i, li in enumerate(lines):
            if li.line_id == current_line:
                current = i
            mark = "✔" if li.complete else ("SN" if li.serial_tracked else "")
            rows.append(([li.sku, li.name, str(li.qty), str(li.done), mark], li.complete, False))
        self.lines.set_rows(rows, current)
        done = sum(min(li.done, li.qty) for li in lines)
        total = sum(li.qty for li in lines)
        self.lines.progress.setText(
            self.tr("{done} of {total} items scanned").format(done=done, total=total)
        )

    # --- scans -----------------------------------------------------------------------------------

    def handle_scan(self, code: str) -> None:
        if self.offline_order is not None:
            self._offline_scan(code)
        elif self.undo_stage:
            self._undo_step(code)
        elif self.order is not None and self.pending_item is not None:
            item, self.pending_item = self.pending_item, None
            self._scan_item(item, serial=code)
        elif self.order is not None:
            self._scan_item(code)
        elif self.finished is not None and code in self.cartons:
            self._pack(code)
        else:
            self.open_parcel(code)

    def parcel_opened(self, code: str, at: float, view: OrderView) -> None:
        self.clip_scan(view.waybill_no or code, at, view.order_no, view.order_id)
        self.finished = None
        self.order = view
        self.reminders.setText("")
        self.show_order(view)
        self.set_instruction(self.tr("Scan the items"))
        if view.recount is not None:  # said, and kept on screen while the order is open
            self.show_status("warn", recount_text(view))
            self.reminders.setText(recount_text(view))
        else:
            self.show_status(
                "info", self.tr("Order {order_no} opened").format(order_no=view.order_no)
            )
        self.add_history(code, "info")
        self.play("ok")

    def refused_scan(self, code: str) -> None:
        db, station, op = self.db, self.station, self.operator
        oid = self.order.order_id if self.order is not None else None

        def job() -> None:
            sc.refuse_scan(db, code, order_id=oid, step="verify", station=station, operator=op)

        self._jobs.submit(job, lambda _r: None, self.show_exception)

    def open_offline(self, code: str, at: float) -> None:
        self._offline_open(code, at=at)

    def _scan_item(self, code: str, serial: str | None = None) -> None:
        assert self.order is not None
        db, station, op, oid = self.db, self.station, self.operator, self.order.order_id

        def job() -> ScanResult:
            return sc.scan_item(db, oid, code, station=station, operator=op, serial=serial)

        self.run(job, self._on_scanned, partial(self._on_scan_failed, serial or code))

    def _on_scan_failed(self, code: str, exc: Exception) -> None:
        if is_connection_error(exc) and self.order is not None:
            # the order was opened online: its waybill opens it again on replay
            self._offline_open(self.order.waybill_no or self.order.order_no, code)
            return
        if getattr(exc, "code", "") in ("intercepted", "held", "already_verified", "wrong_step"):
            self.reset()
        self.add_history(code, "error")
        self.show_exception(exc)

    # --- offline: the outbox ------------------------------------------------------------------

    def _offline_open(
        self, code: str, first_item: str | None = None, at: float | None = None
    ) -> None:
        """The server is unreachable: keep verifying into the outbox, verdicts later."""
        self.clip_scan(code, time.time() if at is None else at)
        box = self.outbox()
        box.add(ob.VERIFY_OPEN, {"code": code, "operator": self.operator, "station": self.station})
        self.order, self.finished, self.pending_item = None, None, None
        self.lines.clear()
        self.offline_order, self.offline_items = code, 0
        self.add_history(code, "info")
        if first_item is not None:
            self._offline_scan(first_item)
            return
        self._show_offline()
        self.play("error")  # the floor must notice: no verdicts now

    def _offline_scan(self, code: str) -> None:
        c = classify(code)
        if c.kind == "waybill" and code != self.offline_order:
            self._offline_open(code)  # the next parcel
            return
        if c.refused:  # a misread is known without the server
            self.add_history(code, "error")
            self.show_status("error", self.tr("Misread: scan the item again"))
            self.play("error")
            return
        assert self.offline_order is not None
        self.outbox().add(
            ob.VERIFY_ITEM,
            {
                "order_code": self.offline_order,
                "code": code,
                "operator": self.operator,
                "station": self.station,
            },
        )
        self.offline_items += 1
        self.add_history(code, "info")
        self._show_offline()
        self.play("ok")

    def _show_offline(self) -> None:
        self.set_instruction(self.tr("OFFLINE: scan the items, then the next waybill"))
        self.show_status(
            "warn",
            self.tr(
                "Server unreachable. Waybill {waybill}: {n} item scan(s) kept at this station"
                " ({kept} waiting); they are checked when the server is back."
            ).format(waybill=self.offline_order, n=self.offline_items, kept=self.kept()),
        )

    def offline_sent(self) -> None:
        if self.offline_order is not None:
            self.offline_order = None
            self.reset()

    def _on_scanned(self, r: ScanResult) -> None:
        assert self.order is not None
        # the open order keeps the counts the screen shows (a later question quotes them)
        self.order = replace(self.order, lines=r.lines, status=r.status)
        self._show_lines(r.lines, r.line_id)
        shown = r.serial or r.code
        if r.counted:
            line = r.line
            text = f"{verdict_text(r.verdict)} · {r.name}"
            if line is not None:
                text += f" {line.done}/{line.qty}"
            self.add_history(f"{shown} {r.name}", "ok")
            if r.verdict == "order_complete":
                self._complete()
                return
            self.show_status("ok", text)
            self.set_instruction(self.tr("Scan the items"))
            self.play("ok")
        elif r.verdict == "need_serial":
            self.pending_item = r.code
            self.set_instruction(self.tr("Scan the serial number of {name}").format(name=r.name))
            self.show_status("warn", verdict_text(r.verdict))
            self.add_history(f"{r.code} {r.name}", "info")
            self.play("warn")
        elif r.verdict in SERIAL_REFUSED:
            # still this unit's serial number that is wanted: the prompt and the state agree
            self.pending_item = r.code
            self.set_instruction(self.tr("Scan the serial number of {name}").format(name=r.name))
            self.add_history(lambda: f"{shown} — {verdict_text(r.verdict)}", "error")
            self.show_status("error", f"{verdict_text(r.verdict)} ({shown})")
            self.play("error")
        elif r.verdict == "other_order":
            self.add_history(r.code, "error")
            self._ask_incomplete(r.code, r.other_order_no)
        else:
            self.add_history(lambda: f"{shown} — {verdict_text(r.verdict)}", "error")
            self.show_status("error", f"{verdict_text(r.verdict)} ({shown})")
            self.play("error", r.verdict)  # 错货 / 多扫一件 spoken

    def _complete(self) -> None:
        assert self.order is not None
        done = self.order
        self.order = None
        self.pending_item = None
        self.clip_completed(done.waybill_no)
        self.set_instruction(self.tr("Verified — scan the next waybill"))
        self.show_status("ok", self.tr("Order {order_no} verified").format(order_no=done.order_no))
        self.play("ok")
        oid, db = done.order_id, self.db
        self._jobs.submit(lambda: sc.packing_view(db, oid), self._on_packing_view)

    def _on_packing_view(self, view: OrderView) -> None:
        if self.order is not None:
            return  # the next order is already open
        self.finished = view
        lines = reminder_lines(view)
        if view.suggested_carton:
            lines.append(
                self.tr("Carton: {carton} — scan it to pack now").format(
                    carton=view.suggested_carton
                )
            )
        self.reminders.setText("\n".join(lines))

    def _pack(self, carton: str) -> None:
        assert self.finished is not None
        db, station, op, oid = self.db, self.station, self.operator, self.finished.order_id

        def job() -> OrderView:
            return sc.pack_order(db, oid, carton, station=station, operator=op)

        self.run(job, self._on_packed, self.show_exception)

    def _on_packed(self, view: OrderView) -> None:
        self.finished = None
        self.add_history(f"{view.carton_code} → {view.order_no}", "ok")
        self.show_status(
            "ok",
            self.tr("Order {order_no} packed in {carton}").format(
                order_no=view.order_no, carton=view.carton_code
            ),
        )
        self.set_instruction(self.tr("Scan the next waybill"))
        self.play("ok")

    # --- the next waybill before the order is complete -----------------------------------------

    def _ask_incomplete(self, code: str, other_no: str) -> None:
        assert self.order is not None
        self.show_status(
            "warn",
            self.tr("Order {order_no} is not complete ({done} of {total}).").format(
                order_no=self.order.order_no,
                done=self.order.units_done,
                total=self.order.units,
            ),
        )
        self.ask(
            self.tr("Another waybill ({other}) was scanned. What about the open order?").format(
                other=other_no
            ),
            [("1", self.tr("Hold as incomplete")), ("2", self.tr("Continue this order"))],
            partial(self._on_incomplete_decided, code),
        )

    def _on_incomplete_decided(self, code: str, key: str) -> None:
        if key == "2":
            self.show_status("info", self.tr("Continue scanning the items."))
            return
        self._hold("incomplete", then_open=code)

    # --- exceptions and holds ------------------------------------------------------------------

    def start_hold(self) -> None:
        if self.order is None:
            self.show_status("error", self.tr("Scan a waybill first."))
            self.play("error")
            return
        self.ask(
            self.tr("Why does order {order_no} go on hold?").format(order_no=self.order.order_no),
            [(str(i + 1), hold_text(r)) for i, r in enumerate(HOLD_CHOICES)]
            + [("0", self.tr("Back"))],
            self._on_hold_reason_chosen,
        )
        self.scan_field.setFocus()

    def _on_hold_reason_chosen(self, key: str) -> None:
        if key == "0":
            self.show_status("info", self.tr("Continue scanning the items."))
            return
        self._hold(HOLD_CHOICES[int(key) - 1])

    def _hold(self, reason: str, then_open: str | None = None) -> None:
        assert self.order is not None
        db, station, op, oid = self.db, self.station, self.operator, self.order.order_id

        def job() -> str:
            return sc.hold(db, oid, reason, station=station, operator=op, step="verify")

        def done(order_no: str) -> None:
            self.reset()
            self.show_status(
                "warn",
                self.tr(
                    "Order {order_no} on hold: {reason}. Put the goods on the hold shelf."
                ).format(order_no=order_no, reason=hold_text(reason)),
            )
            self.add_history(order_no, "info")
            if then_open:
                self.open_parcel(then_open)

        self.run(job, done)

    # --- undo with a supervisor badge ------------------------------------------------------------

    def start_undo(self) -> None:
        if self.order is None and self.finished is None:
            self.show_status("error", self.tr("There is no counted scan to undo."))
            self.play("error")
            return
        self.undo_stage = "badge"
        self.set_instruction(self.tr("Supervisor: scan your badge to undo the last scan"))
        self.show_status("warn", self.tr("Undo needs a supervisor (Esc to go back)."))
        self.scan_field.setFocus()

    def _on_escape_activated(self) -> None:
        if self.undo_stage:
            self._end_undo()
            self.show_status("info", self.tr("Undo abandoned."))

    def _end_undo(self) -> None:
        self.undo_stage = ""
        self._undo_badge = ""
        self.scan_field.setEchoMode(QLineEdit.EchoMode.Normal)
        self.set_instruction(
            self.tr("Scan the items") if self.order is not None else self.tr("Scan the waybill")
        )

    def _undo_step(self, code: str) -> None:
        if self.undo_stage == "badge":
            self._undo_badge = code
            self.undo_stage = "pin"
            self.scan_field.setEchoMode(QLineEdit.EchoMode.Password)
            self.set_instruction(self.tr("Supervisor: type your PIN and press Enter"))
            return
        view = self.order or self.finished
        assert view is not None
        db, station, op, oid = self.db, self.station, self.operator, view.order_id
        badge = self._undo_badge
        self._end_undo()

        def job() -> ScanResult:
            return sc.undo_scan(
                db, oid, supervisor_badge=badge, pin=code, station=station, operator=op
            )

        self.run(job, partial(self._on_undone, view), self.show_exception)

    def _on_undone(self, view: OrderView, r: ScanResult) -> None:
        self.finished = None
        self.order = replace(view, lines=r.lines, status=r.status)
        self.show_order(self.order, r.line_id)
        self.reminders.setText("")
        self.set_instruction(self.tr("Scan the items"))
        self.show_status("warn", self.tr("Scan undone: {sku}").format(sku=r.sku))
        self.add_history(f"↶ {r.code}", "info")
        self.play("warn")
