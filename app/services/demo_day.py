"""A demo day on the floor: orders moved along the flow through the real services.

`run_demo_day` takes a demo database (`app.services.demo.make_demo_data`) and, round by round,
prints a batch of waybills (PDF files), verifies the previous round's parcels item by item,
weighs the parcels verified before that with readings from a simulated scale (one comes out
light and is held by the scale), puts a picked-short order on hold, and at the end hands the
weighed parcels of one carrier to the courier. Every screen then has real evidence to show:
the screenshots script and the dashboard's tests use it.

``round_clock(r)`` (optional) is a context manager entered around round ``r``; the screenshots
script uses it to spread the rounds over the working day.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db.engine import Database
from app.db.models import Order, OrderLine, Product
from app.services import handover as ho
from app.services import scanning as sc
from app.services import weighing as wg
from app.services.errors import ServiceError
from app.services.print_jobs import print_batch
from devices.scales.registry import get_protocol
from devices.simulate import SimulatedScale

PRINT = ("1002", "打单台 1")
VERIFY = ("1004", "校验台 1")
WEIGH = ("1006", "称重台 1")
SUPERVISOR = "1001"
COURIER = "张师傅"
LIGHT_BY = 400  # grams short on the parcel the scale holds


@dataclass
class DemoDay:
    """What the day did (order numbers / waybill numbers)."""

    batches: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)  # waybill numbers
    verified: list[str] = field(default_factory=list)
    weighed: list[str] = field(default_factory=list)  # weighed within tolerance
    held: list[str] = field(default_factory=list)  # order numbers put on hold
    handed_over: list[str] = field(default_factory=list)
    manifest_no: str = ""


class _Scale:
    """A simulated indicator read through its own protocol parser (no port, no thread)."""

    def __init__(self, seed: int) -> None:
        self._sim = SimulatedScale("stgs", start=False, serial_port=object(), seed=seed)
        self._sim.noise_grams = 2

    def weigh(self, grams: int) -> int:
        self._sim.set_target(grams, settle=False)
        readings = get_protocol("stgs").parse(self._sim.frame())
        stable = [r for r in readings if r.stable]
        return stable[-1].grams if stable else grams


def _plain_orders(db: Database, waybills: list[str]) -> list[tuple[int, str, list[str]]]:
    """(order id, waybill, item barcodes one per unit) of the orders without serial numbers."""
    with db.read() as s:
        orders = s.scalars(
            select(Order)
            .where(Order.waybill_no.in_(waybills))
            .options(
                selectinload(Order.lines)
                .selectinload(OrderLine.product)
                .selectinload(Product.barcodes)
            )
        ).all()
        by_wb = {o.waybill_no: o for o in orders}
        out = []
        for wb in waybills:
            o = by_wb.get(wb)
            if o is None or any(li.product is None or li.product.serial_tracked for li in o.lines):
                continue
            codes = [li.product.barcodes[0].code for li in o.lines for _ in range(li.qty)]
            out.append((o.id, wb, codes))
        return out


def _verify(db: Database, day: DemoDay, order_id: int, waybill: str, codes: list[str]) -> None:
    op, station = VERIFY
    sc.open_order(db, waybill, station=station, operator=op)
    for code in codes:
        sc.scan_item(db, order_id, code, station=station, operator=op)
    day.verified.append(waybill)


def _weigh(db: Database, day: DemoDay, scale: _Scale, waybill: str, light: bool) -> None:
    op, station = WEIGH
    ctx = wg.start_weighing(db, waybill, operator=op, station=station)
    grams = scale.weigh(ctx.expected_grams - (LIGHT_BY if light else 0))
    res = wg.record_weighing(db, waybill, grams, division=1, operator=op, station=station)
    if res.verdict == "ok":
        day.weighed.append(waybill)
    else:
        day.held.append(res.order_no)


def run_demo_day(
    db: Database,
    pdf_dir: Path,
    *,
    rounds: int = 6,
    per_round: int = 12,
    seed: int = 1,
    round_clock: Callable[[int], AbstractContextManager[object]] | None = None,
) -> DemoDay:
    """Move demo orders along the flow (see the module docstring); returns what it did.

    The last round's batch stays printed (for the pick and verify screens), the round before
    stays verified (for the weighing screen), and parcels of the carriers not handed over stay
    weighed (for the handover screen).
    """
    from printing import PdfFileBackend

    clock = round_clock or (lambda _r: contextlib.nullcontext())
    pdf_dir.mkdir(parents=True, exist_ok=True)
    day = DemoDay()
    scale = _Scale(seed)
    rounds_printed: list[list[tuple[int, str, list[str]]]] = []
    rounds_verified: list[list[str]] = []
    for r in range(rounds):
        with clock(r):
            op, station = PRINT
            backend = PdfFileBackend(str(pdf_dir) + "/")
            res = print_batch(
                db, backend, limit=per_round, operator=op, station=station, slips=False
            )
            waybills = [w["waybill_no"] for w in res.waybills]
            day.batches.append(res.batch)
            day.printed += waybills
            rounds_printed.append(_plain_orders(db, waybills))
            if r == 1 and rounds_printed[0]:
                # picked short: the first plain order of the first batch waits for stock
                oid, wb, _ = rounds_printed[0].pop()
                day.held.append(sc.hold(db, oid, "shortage", station="配货 1", operator="1003"))
            verified: list[str] = []
            if r >= 1:
                for oid, wb, codes in rounds_printed[r - 1]:
                    _verify(db, day, oid, wb, codes)
                    verified.append(wb)
            rounds_verified.append(verified)
            if r >= 2:
                for k, wb in enumerate(rounds_verified[r - 1]):
                    _weigh(db, day, scale, wb, light=(r == 2 and k == 0))
    with clock(rounds):
        _hand_over(db, day)
    return day


def _hand_over(db: Database, day: DemoDay) -> None:
    """The carrier with the most weighed parcels collects them all but one (left for the
    handover screen to show)."""
    op, station = WEIGH
    with db.read() as s:
        rows = s.execute(
            select(Order.waybill_no, Order.carrier_id).where(
                Order.waybill_no.in_(day.weighed), Order.status == "weighed"
            )
        ).all()
    if not rows:
        return
    codes = dict(ho.carriers(db))
    by_carrier: dict[int, list[str]] = {}
    for wb, cid in rows:
        by_carrier.setdefault(cid, []).append(wb)
    cid, waybills = max(by_carrier.items(), key=lambda kv: len(kv[1]))
    with db.read() as s:
        from app.db.models import Carrier

        code = s.scalar(select(Carrier.code).where(Carrier.id == cid))
    if code is None or code not in codes:
        return
    cart = ho.open_cart(db, code, operator=op, station=station)
    for wb in sorted(waybills)[:-1] or waybills:
        if ho.scan_parcel(db, cart, wb, operator=op, station=station).verdict == "accepted":
            day.handed_over.append(wb)
    if cart.count:
        try:
            closed = ho.close_cart(db, cart, COURIER, operator=op, station=station)
        except ServiceError:
            return
        day.manifest_no = closed.manifest_no
