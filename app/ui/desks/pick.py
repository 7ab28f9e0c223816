"""The picking station (配货): scan the pick list (its batch code) or one waybill, walk the
bins in order, scan each item (or confirm a line, F6), mark a shortage (缺货, F7)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from app.domain.stations import station_roles
from app.services import scanning as sc
from app.services.scanning import PickList, PickResult
from app.ui.desks.scan import ScanStation, verdict_text
from app.ui.kit.widgets import LinesTable

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext


class PickStation(ScanStation):
    STATION = "pick"
    ROLES = station_roles("pick")

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Picking")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.pick_list: PickList | None = None
        self.lines = LinesTable()
        self.lines.set_columns(
            [
                self.tr("Bin"),
                self.tr("Product"),
                self.tr("SKU"),
                self.tr("Qty"),
                self.tr("Picked"),
                self.tr("Short"),
            ]
        )
        self.body.addWidget(self.lines, 1)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("Confirm line (F6)"))
        self.short_button = QPushButton(self.tr("Shortage on line (F7)"))
        for b in (self.confirm_button, self.short_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.confirm_button.clicked.connect(self.confirm_line)
        self.short_button.clicked.connect(self.mark_shortage)
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, activated=self.confirm_line)
        QShortcut(QKeySequence(Qt.Key.Key_F7), self, activated=self.mark_shortage)
        self.reset()

    def reset(self) -> None:
        self.pick_list = None
        self.lines.clear()
        self.set_instruction(self.tr("Scan the pick list or a waybill"))

    def after_stop(self) -> None:
        if self.pick_list is None:
            self.reset()

    def keep_state(self) -> dict:
        state = super().keep_state()
        state["pick_list"] = self.pick_list
        return state

    def resume_state(self, state: dict) -> None:
        super().resume_state(state)
        if state.get("pick_list") is not None:
            self.show_list(state["pick_list"])

    def current_line(self) -> int | None:
        if self.pick_list is None:
            return None
        return next((i for i, li in enumerate(self.pick_list.lines) if not li.complete), None)

    def show_list(self, pl: PickList) -> None:
        self.pick_list = pl
        self.lines.header.setText(
            self.tr("Pick list {code} · {n} orders").format(code=pl.code, n=len(pl.order_ids))
        )
        cur = self.current_line()
        self.lines.set_rows(
            [
                (
                    [li.bin_location, li.name, li.sku, str(li.qty), str(li.picked), str(li.short)],
                    li.complete and not li.short,
                    li.short > 0,
                )
                for li in pl.lines
            ],
            cur,
        )
        done = sum(min(li.picked + li.short, li.qty) for li in pl.lines)
        self.lines.progress.setText(
            self.tr("{done} of {total} items picked").format(
                done=done, total=sum(li.qty for li in pl.lines)
            )
        )
        if cur is None:
            self.set_instruction(self.tr("Pick list complete — scan the next pick list"))
        else:
            li = pl.lines[cur]
            self.set_instruction(
                self.tr("Bin {bin}: pick {n} × {name}").format(
                    bin=li.bin_location or "-", n=li.qty - li.picked - li.short, name=li.name
                )
            )

    def handle_scan(self, code: str) -> None:
        if self.pick_list is not None and self.current_line() is not None:
            self._pick(code)
        else:
            self._open(code)

    def _open(self, code: str) -> None:
        db, station, op = self.db, self.station, self.operator

        def job() -> PickList:
            return sc.open_pick_list(db, code, station=station, operator=op)

        self.run(job, partial(self._on_opened, code), partial(self._on_failed, code))

    def _on_failed(self, code: str, exc: Exception) -> None:
        self.add_history(code, "error")
        self.show_exception(exc)

    def _on_opened(self, code: str, pl: PickList) -> None:
        self.add_history(code, "info")
        self.show_list(pl)
        if pl.intercepted:
            self.overlay.show_stop(
                self.tr("INTERCEPTED: return to stock"),
                self.tr("Pull these slips, do not pick them: {orders}").format(
                    orders=", ".join(pl.intercepted)
                ),
            )
            self.show_status("stop", self.tr("INTERCEPTED: return to stock"))
            self.play("stop")
        else:
            self.show_status("info", self.tr("Pick list {code} opened").format(code=pl.code))
            self.play("ok")

    def _pick(self, code: str) -> None:
        pl = self.pick_list
        assert pl is not None
        db, station, op = self.db, self.station, self.operator

        def job() -> PickResult:
            return sc.pick_item(
                db, pl.order_ids, code, list_code=pl.code, station=station, operator=op
            )

        self.run(job, partial(self._on_result, code), partial(self._on_failed, code))

    def _on_result(self, code: str, r: PickResult) -> None:
        self.show_list(r.pick_list)
        ok = r.verdict in ("ok", "line_complete", "order_complete", "confirmed", "shortage")
        text = verdict_text(r.verdict)
        if r.sku:
            text += f" · {r.sku}"
        if r.orders_picked:
            text += " · " + self.tr("picked: {orders}").format(orders=", ".join(r.orders_picked))
        if r.orders_held:
            text += " · " + self.tr("on hold: {orders}").format(orders=", ".join(r.orders_held))
        kind = "warn" if r.verdict == "shortage" else ("ok" if ok else "error")
        self.show_status(kind, text)
        self.add_history(f"{code} {r.sku}".strip(), "ok" if ok else "error")
        self.play(kind)
        if r.pick_list.complete:
            self.show_status(
                kind, self.tr("Pick list {code} complete").format(code=r.pick_list.code)
            )

    def _line_action(self, fn) -> None:
        pl = self.pick_list
        cur = self.current_line()
        if pl is None or cur is None:
            self.show_status("error", self.tr("Scan a pick list first."))
            self.play("error")
            return
        sku = pl.lines[cur].sku
        db, station, op = self.db, self.station, self.operator

        def job() -> PickResult:
            return fn(db, pl.order_ids, sku, list_code=pl.code, station=station, operator=op)

        self.run(job, partial(self._on_result, sku), partial(self._on_failed, sku))

    def confirm_line(self) -> None:
        self._line_action(sc.confirm_pick_line)

    def mark_shortage(self) -> None:
        self._line_action(sc.mark_shortage)
