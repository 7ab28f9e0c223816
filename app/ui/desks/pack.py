"""The packing station (打包): scan the waybill, read the reminders (gifts, invoice on top,
fragile, filler), scan the carton used — packing is confirmed and the carton enters the
parcel's expected weight."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from app.db.engine import is_connection_error
from app.domain.stations import station_roles
from app.services import outbox as ob
from app.services import scanning as sc
from app.services.scanning import OrderView
from app.ui.desks.scan import ScanStation
from app.ui.desks.verify import reminder_lines
from app.ui.kit.widgets import LinesTable, set_big

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext


class PackStation(ScanStation):
    STATION = "pack"
    ROLES = station_roles("pack")
    OPEN_STEP = "pack"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Packing")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.order: OrderView | None = None
        self.cartons: dict[str, str] = {}
        self.lines = LinesTable()
        self.lines.set_columns([self.tr("SKU"), self.tr("Product"), self.tr("Qty")])
        self.reminders = QLabel()
        set_big(self.reminders, 22, extra="color: #6a1b9a;")
        self.reminders.setWordWrap(True)
        self.body.addWidget(self.reminders)
        self.body.addWidget(self.lines, 1)
        self._jobs.submit(partial(sc.list_cartons, self.db), self._on_cartons_loaded)
        # offline (server unreachable): the waybill scanned, its carton goes to the outbox
        self.offline_order: str | None = None
        self.start_outbox()
        self.start_camera()
        self.reset()

    def _on_cartons_loaded(self, cartons) -> None:
        self.cartons = {c.code: c.name for c in cartons}

    def close_station(self) -> None:
        super().close_station()
        if self.order is not None and not self.state_kept:
            oid, db, station = self.order.order_id, self.db, self.station
            self._jobs.submit(lambda: sc.release_claim(db, oid, station=station), lambda _: None)

    def reset(self) -> None:
        self.order = None
        self.lines.clear()
        self.reminders.setText("")
        self.set_instruction(self.tr("Scan the waybill"))

    def after_stop(self) -> None:
        self.reset()

    def handle_scan(self, code: str) -> None:
        if self.offline_order is not None:
            self._offline_scan(code)
        elif self.order is not None and code in self.cartons:
            self._pack(code)
        else:
            self.open_parcel(code)

    def parcel_refused(self, code: str, at: float | None, exc: Exception) -> None:
        """A code that is neither a carton nor a parcel, scanned while a parcel waits for its
        carton: said as the wrong carton it most likely is, and the parcel stays open."""
        if self.order is not None and getattr(exc, "code", "") == "not_found":
            self.add_history(code, "error")
            carton = self.order.suggested_carton or ""
            self.show_status(
                "error",
                self.tr(
                    "{code} is not a carton of this floor (nor a waybill): scan the carton used"
                    " (suggested: {carton})"
                ).format(code=code, carton=f"{carton} {self.cartons.get(carton, '')}".strip()),
            )
            self.play("error")
            return
        super().parcel_refused(code, at, exc)

    def open_offline(self, code: str, at: float) -> None:
        self._offline_open(code)

    def _on_pack_failed(self, carton: str, exc: Exception) -> None:
        if not is_connection_error(exc):
            self.parcel_refused(carton, None, exc)  # a carton scan starts no clip
        elif self.order is not None:  # the carton scan of an open order failed
            self.offline_order = self.order.waybill_no or self.order.order_no
            self._offline_scan(carton)
        else:
            self._offline_open(carton)

    # --- offline ----------------------------------------------------------------------------

    def _offline_open(self, code: str) -> None:
        self.clip_scan(code, time.time())
        self.reset()
        self.offline_order = code
        self.add_history(code, "info")
        self.set_instruction(self.tr("OFFLINE: scan the carton used"))
        self.show_status(
            "warn",
            self.tr(
                "Server unreachable. Waybill {waybill}: scan the carton; it is kept at this"
                " station ({kept} waiting) and recorded when the server is back."
            ).format(waybill=code, kept=self.kept()),
        )
        self.play("error")  # the floor must notice: no reminders, no checks now

    def _offline_scan(self, code: str) -> None:
        if code not in self.cartons:  # not a carton: the next parcel's waybill
            self._offline_open(code)
            return
        assert self.offline_order is not None
        self.outbox().add(
            ob.PACK,
            {
                "code": self.offline_order,
                "carton": code,
                "operator": self.operator,
                "station": self.station,
            },
        )
        self.add_history(f"{code} → {self.offline_order}", "info")
        self.clip_completed(self.offline_order)
        self.offline_order = None
        self.order = None
        self.set_instruction(self.tr("OFFLINE: scan the next waybill"))
        self.show_status(
            "warn",
            self.tr("Kept offline ({kept} waiting): recorded when the server is back.").format(
                kept=self.kept()
            ),
        )
        self.play("ok")

    def offline_sent(self) -> None:
        if self.offline_order is None and self.order is None:
            self.reset()

    def keep_state(self) -> dict:
        state = super().keep_state()
        state.update(order=self.order, offline_order=self.offline_order)
        return state

    def resume_state(self, state: dict) -> None:
        super().resume_state(state)
        self.offline_order = state.get("offline_order")
        if self.offline_order is not None:
            self.set_instruction(self.tr("OFFLINE: scan the carton used"))
        elif state.get("order") is not None:
            self._show_order(state["order"])

    def parcel_opened(self, code: str, at: float, view: OrderView) -> None:
        self.clip_scan(view.waybill_no or code, at, view.order_no, view.order_id)
        self.add_history(code, "info")
        self._show_order(view)
        self.play("ok")

    def _show_order(self, view: OrderView) -> None:
        self.order = view
        self.lines.header.setText(
            self.tr("Order {order_no} · waybill {waybill} · {carrier}").format(
                order_no=view.order_no, waybill=view.waybill_no, carrier=view.carrier
            )
        )
        self.lines.set_rows([([li.sku, li.name, str(li.qty)], False, False) for li in view.lines])
        self.lines.progress.setText(self.tr("%n item(s)", "", view.units))
        self.reminders.setText("\n".join(reminder_lines(view)))
        carton = view.suggested_carton or ""
        carton = f"{carton} {self.cartons.get(carton, '')}".strip()
        if view.packing_required:  # the floor's packing confirmation: the scale waits for it
            text = self.tr("Scan the carton used (suggested: {carton}): weighing needs it")
        else:
            text = self.tr("Scan the carton used (suggested: {carton})")
        self.set_instruction(text.format(carton=carton))
        self.show_status("info", self.tr("Order {order_no} opened").format(order_no=view.order_no))

    def _pack(self, carton: str) -> None:
        assert self.order is not None
        db, station, op, oid = self.db, self.station, self.operator, self.order.order_id

        def job() -> OrderView:
            return sc.pack_order(db, oid, carton, station=station, operator=op)

        self.run(job, self._on_packed, partial(self._on_pack_failed, carton))

    def _on_packed(self, view: OrderView) -> None:
        self.clip_completed(view.waybill_no)
        self.offline_order = None
        self.reset()
        self.add_history(f"{view.carton_code} → {view.order_no}", "ok")
        self.show_status(
            "ok",
            self.tr("Order {order_no} packed in {carton}").format(
                order_no=view.order_no, carton=view.carton_code
            ),
        )
        self.set_instruction(self.tr("Packed — scan the next waybill"))
        self.play("ok")
