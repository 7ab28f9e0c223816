"""The handover station (交接): load a courier's cart, close it with the courier's name, print
the manifest (交接单).

Scanner-first: with no cart open, scanning a carrier code (``ZTO``) opens that carrier's cart;
then every waybill scanned goes on the cart (green, with the running count and weight against
what was weighed for that carrier) or is refused (red, the reason in words, a beep). "Remove"
makes the next scan take a parcel off the cart. Closing asks for the courier's name, says first
how many parcels weighed for this carrier would be left behind (1 go back, 2 close anyway), and
prints the manifest to the station's printer (``settings.printer``;
in the demo, or with no printer set, a PDF in a temp folder).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
)

from app.domain.stations import station_roles
from app.services.errors import ServiceError
from app.services.handover import (
    CarrierDay,
    Cart,
    ClosedHandover,
    HandoverScan,
    carrier_day,
    carriers,
    close_cart,
    left_behind,
    open_cart,
    remove_parcel,
    scan_parcel,
    waiting_per_carrier,
)
from app.services.print_jobs import print_document
from app.ui.desks.scan import ScanStation
from app.ui.kit.printers import office_printer
from app.ui.kit.texts import error_text, register_error_texts, register_event_labels
from app.ui.kit.widgets import set_big

if TYPE_CHECKING:
    from app.ui.kit.context import StationContext


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "unknown_carrier": QCoreApplication.translate(
            "Handover", "{carrier} is not a known carrier."
        ),
        "courier_required": QCoreApplication.translate(
            "Handover", "Enter the courier's name before closing."
        ),
        "cart_empty": QCoreApplication.translate(
            "Handover", "The cart is empty: nothing to hand over."
        ),
        "not_on_cart": QCoreApplication.translate(
            "Handover", "Waybill {waybill} is not on this cart."
        ),
        "unknown_platform": QCoreApplication.translate(
            "Handover", "{platform} is not a known platform."
        ),
        "cannot_write": QCoreApplication.translate("Handover", "Cannot write {path}: {detail}"),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "handover_opened": QCoreApplication.translate("Handover", "Handover cart opened"),
        "handover_removed": QCoreApplication.translate("Handover", "Taken off the handover cart"),
        "shipment_exported": QCoreApplication.translate("Handover", "Exported to the platform"),
    }


def refusal_text(r: HandoverScan) -> str:
    """Why a parcel may not go on the cart, in words."""
    texts = {
        "not_found": QCoreApplication.translate("Handover", "Waybill {waybill} is not known."),
        "intercepted": QCoreApplication.translate(
            "Handover", "Order {order_no} is CANCELLED: take the parcel back."
        ),
        "not_weighed": QCoreApplication.translate(
            "Handover", "Waybill {waybill} has not been weighed: back to weighing."
        ),
        "weight_hold": QCoreApplication.translate(
            "Handover", "Waybill {waybill} is held for its weight: it waits for a supervisor."
        ),
        "other_carrier": QCoreApplication.translate(
            "Handover", "Waybill {waybill} belongs to carrier {carrier}, not to this cart."
        ),
        "already_on_cart": QCoreApplication.translate(
            "Handover", "Waybill {waybill} is already on this cart."
        ),
        "on_other_cart": QCoreApplication.translate(
            "Handover", "Waybill {waybill} is on another cart."
        ),
        "already_handed_over": QCoreApplication.translate(
            "Handover", "Waybill {waybill} was handed over already."
        ),
    }
    if r.code == "held":  # the same words as every station's, with the hold's reason
        return error_text("held", {"order_no": r.order_no, "reason": r.detail})
    text = texts.get(r.code, r.code)
    return text.format(waybill=r.waybill_no, order_no=r.order_no, carrier=r.detail or "?")


def _kg(grams: int) -> str:
    return f"{grams / 1000:.3f} kg"


class HandoverStation(ScanStation):
    """Runs on the GUI thread; every database and printing call goes through the job pool."""

    STATION = "handover"
    ROLES = station_roles("handover")

    cart_opened = Signal(str)  # carrier code
    parcel_scanned = Signal(object)  # HandoverScan
    handover_closed = Signal(object)  # ClosedHandover
    # (ok, message): the file or the printer's answer. An object, not Signal(bool, str):
    # shiboken miscounts references of Python bools sent through bool signal arguments.
    manifest_printed = Signal(object)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Stations", "Handover")

    def __init__(self, ctx: StationContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.cart: Cart | None = None
        self.day: CarrierDay | None = None
        self.closed: ClosedHandover | None = None
        self.manifest_file = ""
        self._remove_mode = False
        self._carrier_names: dict[str, str] = {}

        self.carrier = QComboBox()
        set_big(self.carrier, 16, bold=False)
        self.open_button = QPushButton(self.tr("Open cart"))
        self.counter = QLabel()
        set_big(self.counter, 26)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.parcels = QListWidget()
        set_big(self.parcels, 13, bold=False)
        self.remove_button = QPushButton(self.tr("Remove a parcel (then scan it)"))
        self.courier = QLineEdit()
        set_big(self.courier, 16, bold=False)
        self.courier.setPlaceholderText(self.tr("Courier's name"))
        self.close_button = QPushButton(self.tr("Close and print manifest (F10)"))
        self.left_title = QLabel()
        set_big(self.left_title, 14)
        self.left_behind = QListWidget()
        set_big(self.left_behind, 13, bold=False)
        for b in (self.open_button, self.remove_button, self.close_button):
            set_big(b, 14)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Carrier")))
        top.addWidget(self.carrier, 1)
        top.addWidget(self.open_button)
        closing = QHBoxLayout()
        closing.addWidget(self.remove_button)
        closing.addStretch(1)
        closing.addWidget(self.courier, 1)
        closing.addWidget(self.close_button)
        self.body.addLayout(top)
        self.body.addWidget(self.counter)
        self.body.addWidget(self.parcels, 2)
        self.body.addLayout(closing)
        self.body.addWidget(self.left_title)
        self.body.addWidget(self.left_behind, 1)

        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.courier.returnPressed.connect(self._on_close_button_clicked)
        # from the keyboard: F10 asks the courier's name (its field gets the focus), Enter closes
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, activated=self._on_close_button_clicked)
        self._show_no_cart()
        self.run(lambda: carriers(self.db), self._on_carriers_loaded)

    # --- states ------------------------------------------------------------------------------

    def _show_no_cart(self) -> None:
        self.set_instruction(self.tr("Scan the carrier code or choose the carrier"))
        self.counter.setText("")
        self.remove_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.courier.setEnabled(False)
        self.open_button.setEnabled(True)
        self.carrier.setEnabled(True)

    def _show_cart(self) -> None:
        assert self.cart is not None
        name = self._carrier_names.get(self.cart.carrier_code, self.cart.carrier_code)
        self.set_instruction(
            self.tr("{carrier}: scan each parcel onto the cart").format(carrier=name)
        )
        self.remove_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.courier.setEnabled(True)
        self.open_button.setEnabled(False)
        self.carrier.setEnabled(False)
        self._update_counter()

    def _update_counter(self) -> None:
        if self.cart is None:
            return
        text = self.tr("%n parcel(s) on the cart", "", self.cart.count)
        text += " · " + _kg(self.cart.total_grams)
        if self.day is not None:
            text += "\n" + self.tr("of {n} weighed for this carrier ({kg})").format(
                n=self.day.weighed, kg=_kg(self.day.weighed_grams)
            )
        self.counter.setText(text)

    # --- loading -----------------------------------------------------------------------------

    def _on_carriers_loaded(self, rows: list[tuple[str, str]]) -> None:
        self._carrier_names = dict(rows)
        for code, name in rows:
            self.carrier.addItem(f"{name} ({code})", code)
        db = self.db
        self._jobs.submit(lambda: waiting_per_carrier(db), self._on_waiting_loaded)

    def _on_waiting_loaded(self, waiting: dict[str, int]) -> None:
        """The chooser opens on the carrier with the most parcels waiting (not on one with
        none today), and each carrier says how many wait."""
        for i in range(self.carrier.count()):
            code = self.carrier.itemData(i)
            name = self._carrier_names.get(code, code)
            n = waiting.get(code, 0)
            text = f"{name} ({code})"
            if n:
                text += " · " + self.tr("%n waiting", "", n)
            self.carrier.setItemText(i, text)
        if waiting and self.cart is None:
            best = max(waiting, key=lambda c: waiting[c])
            i = self.carrier.findData(best)
            if i >= 0:
                self.carrier.setCurrentIndex(i)

    def open_for(self, code: str) -> None:
        """Open a cart for the carrier ``code`` (a scan or the chooser)."""
        db, op, st = self.db, self.operator, self.station

        def work() -> tuple[Cart, CarrierDay]:
            cart = open_cart(db, code, operator=op, station=st)
            return cart, carrier_day(db, cart.carrier_code)

        self.run(work, self._on_cart_opened)

    def _on_cart_opened(self, result: tuple[Cart, CarrierDay]) -> None:
        self.cart, self.day = result
        self.closed = None
        self.parcels.clear()
        self.left_behind.clear()
        self.left_title.setText("")
        self.courier.clear()
        i = self.carrier.findData(self.cart.carrier_code)
        if i >= 0:
            self.carrier.setCurrentIndex(i)
        self._show_cart()
        self.show_status("info", self.tr("Cart opened. Scan the first parcel."))
        self.cart_opened.emit(self.cart.carrier_code)
        self.scan_field.setFocus()

    # --- scans -------------------------------------------------------------------------------

    def handle_scan(self, code: str) -> None:
        if self.cart is None:
            self.open_for(code.upper())
            return
        cart, db, op, st = self.cart, self.db, self.operator, self.station
        if self._remove_mode:
            self._remove_mode = False

            def take_off() -> CarrierDay:
                remove_parcel(db, cart, code, operator=op, station=st)
                return carrier_day(db, cart.carrier_code)

            self.run(take_off, lambda day: self._on_removed(code, day))
            return

        def work() -> tuple[HandoverScan, CarrierDay]:
            r = scan_parcel(db, cart, code, operator=op, station=st)
            return r, carrier_day(db, cart.carrier_code)

        self.run(work, self._on_scanned)

    def _on_scanned(self, result: tuple[HandoverScan, CarrierDay]) -> None:
        r, self.day = result
        if r.verdict == "accepted":
            line = f"✔ {r.waybill_no}   {r.grams} g   {r.order_no}"
            if r.overridden:
                line += "   ⚠ " + self.tr("released by a supervisor")
            self.parcels.insertItem(0, line)
            self.show_status(
                "ok",
                self.tr("On the cart: {waybill} ({grams} g)").format(
                    waybill=r.waybill_no, grams=r.grams
                ),
            )
            self.add_history(r.waybill_no, "ok")
            self.play("ok")
        elif r.code == "intercepted":
            self.stop(ServiceError("intercepted", order_no=r.order_no, waybill=r.waybill_no))
        else:
            self.show_status("error", refusal_text(r))
            self.add_history(lambda: f"{r.waybill_no} — {refusal_text(r)}", "error")
            self.play("error")
        self._update_counter()
        self.parcel_scanned.emit(r)

    def _on_remove_button_clicked(self) -> None:
        self._remove_mode = True
        self.show_status("warn", self.tr("Scan the parcel to take off the cart."))
        self.scan_field.setFocus()

    def _on_removed(self, code: str, day: CarrierDay) -> None:
        self.day = day
        for i in range(self.parcels.count()):
            if code in self.parcels.item(i).text():
                self.parcels.takeItem(i)
                break
        self.show_status("info", self.tr("Taken off the cart: {waybill}").format(waybill=code))
        self.add_history(code, "info")
        self._update_counter()

    def _on_open_button_clicked(self) -> None:
        code = self.carrier.currentData()
        if code:
            self.open_for(code)

    # --- closing and the manifest ---------------------------------------------------------

    def _on_close_button_clicked(self) -> None:
        if self.cart is None:
            return
        name = self.courier.text().strip()
        if not name:
            self.show_status("error", self.tr("Enter the courier's name before closing."))
            self.play("error")
            self.courier.setFocus()
            return
        cart, db = self.cart, self.db
        # first what closing now would leave behind: the clerk is told before, not after
        self.run(lambda: left_behind(db, cart), lambda left: self._confirm_close(name, left))

    def _confirm_close(self, name: str, left: list[tuple[str, str, int]]) -> None:
        if not left:
            self._close(name)
            return
        shown = ", ".join(w for _o, w, _g in left[:5]) + (" …" if len(left) > 5 else "")
        self.show_status(
            "warn",
            self.tr(
                "%n weighed parcel(s) for this carrier are not on the cart: {waybills}",
                "",
                len(left),
            ).format(waybills=shown),  # fmt: skip
        )
        self.ask(
            self.tr("Close the cart and leave %n parcel(s) behind?", "", len(left)),
            [("1", self.tr("Go back and load them")), ("2", self.tr("Close anyway"))],
            lambda key: self._close(name) if key == "2" else self._back_to_loading(),
        )

    def _back_to_loading(self) -> None:
        self.show_status("info", self.tr("Scan the parcels left behind onto the cart."))

    def _close(self, name: str) -> None:
        cart, db, op, st = self.cart, self.db, self.operator, self.station
        if cart is None:
            return
        self.run(lambda: close_cart(db, cart, name, operator=op, station=st), self._on_cart_closed)

    def _on_cart_closed(self, closed: ClosedHandover) -> None:
        self.closed = closed
        self.cart = None
        self._show_no_cart()
        self.left_behind.clear()
        for order_no, waybill, grams in closed.left_behind:
            self.left_behind.addItem(f"⚠ {waybill}   {grams} g   {order_no}")
        if closed.left_behind:
            self.left_title.setText(
                self.tr(
                    "%n weighed parcel(s) left behind — not on this cart:",
                    "",
                    len(closed.left_behind),
                )
            )
            self.show_status(
                "warn",
                self.tr("Manifest {no}: {n} parcels handed over, {left} left behind.").format(
                    no=closed.manifest_no, n=len(closed.parcels), left=len(closed.left_behind)
                ),
            )
            self.play("warn")
        else:
            self.left_title.setText(self.tr("Nothing left behind."))
            self.show_status(
                "ok",
                self.tr("Manifest {no}: {n} parcels handed over to {courier}.").format(
                    no=closed.manifest_no, n=len(closed.parcels), courier=closed.courier_name
                ),
            )
            self.play("ok")
        self.handover_closed.emit(closed)
        self._print_manifest(closed)
        db = self.db  # the counts waiting per carrier changed
        self._jobs.submit(lambda: waiting_per_carrier(db), self._on_waiting_loaded)

    def _print_manifest(self, closed: ClosedHandover) -> None:
        from app.domain.floortime import floor_zone
        from app.settings import choose_language
        from printing import ManifestData, ManifestEntry, render_manifest

        lang = choose_language(None, self.ctx.settings.lang)
        data = ManifestData(
            manifest_no=closed.manifest_no,
            carrier_code=closed.carrier_code,
            carrier_name=closed.carrier_name,
            entries=[
                ManifestEntry(
                    e.waybill_no,
                    e.grams,
                    order_no=e.order_no,
                    destination=e.destination,
                    overridden=e.overridden,
                    expected_grams=e.expected_grams,
                )
                for e in closed.entries
            ],
            courier_name=closed.courier_name,
            warehouse=self.station,
            operator=self.operator,
            created_at=closed.at,
            tz=floor_zone(),
        )
        backend = office_printer(self.ctx).backend
        db, op, st = self.db, self.operator, self.station

        def work() -> tuple[bool, str]:
            res = print_document(
                db,
                backend,
                lambda: render_manifest(data, lang),
                document="manifest",
                ref=closed.manifest_no,
                title=closed.manifest_no,
                operator=op,
                station=st,
            )
            return res.ok, res.where

        self.run(work, self._on_printed, lambda exc: self._on_printed((False, str(exc))))

    def _on_printed(self, result: tuple[bool, str]) -> None:
        ok, message = result
        if ok:
            self.manifest_file = message
            self.add_history(
                lambda: QCoreApplication.translate(
                    "HandoverStation", "Manifest printed: {where}"
                ).format(where=message),
                "ok",
            )
        else:
            self.show_status(
                "error", self.tr("The manifest did not print: {message}").format(message=message)
            )
            self.play("error")
        self.manifest_printed.emit((ok, message))
