"""The plain data the scanning services hand to the stations: an order's lines, the order
as a station shows it, a recount's reason and one scan's verdict."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.models import OrderStatus
from app.domain.verify import COUNTED, Reminders

# --- plain data handed to the UI -------------------------------------------------------------


@dataclass(frozen=True)
class LineView:
    line_id: int
    line_no: int
    sku: str
    name: str
    qty: int
    done: int
    bin_location: str = ""
    serial_tracked: bool = False
    fragile: bool = False

    @property
    def complete(self) -> bool:
        return self.done >= self.qty


@dataclass(frozen=True)
class Recount:
    """Why a parcel is verified again: a supervisor released its weight hold."""

    held_for: str  # the weighing's reason: light / heavy
    difference_grams: int | None
    supervisor: str
    note: str


@dataclass(frozen=True)
class OrderView:
    order_id: int
    order_no: str
    waybill_no: str
    status: str
    carrier: str
    receiver_name: str  # masked for the screen (王*雨): app.domain.privacy
    place: str
    lines: tuple[LineView, ...]
    seller_remark: str = ""
    buyer_message: str = ""
    reminders: Reminders | None = None
    suggested_carton: str | None = None
    carton_code: str | None = None
    recount: Recount | None = None  # released from a weight hold: counted again from zero
    #: (packing views) packing confirmation is on: the scale takes the parcel only once packed
    packing_required: bool = False

    @property
    def complete(self) -> bool:
        return all(li.complete for li in self.lines)

    @property
    def units(self) -> int:
        return sum(li.qty for li in self.lines)

    @property
    def units_done(self) -> int:
        return sum(min(li.done, li.qty) for li in self.lines)


@dataclass(frozen=True)
class ScanResult:
    verdict: str
    order_id: int
    code: str
    lines: tuple[LineView, ...]
    status: str
    line_id: int | None = None
    sku: str = ""
    name: str = ""
    serial: str | None = None
    other_order_no: str = ""  # the scan was the waybill of another order
    event_id: int | None = None

    @property
    def line(self) -> LineView | None:
        return next((li for li in self.lines if li.line_id == self.line_id), None)

    @property
    def counted(self) -> bool:
        return self.verdict in COUNTED

    @property
    def complete(self) -> bool:
        return self.status == OrderStatus.VERIFIED.value
