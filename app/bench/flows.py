"""Station-flow benchmarks for `parcelproof bench`: scan → verdict, weigh → commit.

Both drive the service functions the stations call, on the benchmark database as it is:

* `bench_scan_verdict` — the verify station: a waybill scan (`scanning.open_order`), one wrong
  item (refused and recorded), then every unit of the order (`scanning.scan_item`) until the
  order is ``verified``. Each call is timed from the call until its verdict is committed.
* `bench_weigh_commit` — the weighing station: the waybill scan (`weighing.start_weighing`,
  not timed), then the stable reading (`weighing.record_weighing`: verdict, stub place, the
  ``weighed`` event linked into the hash chain, commit) is timed. One parcel in ten is light
  (a hold with its explanation), the rest weigh what they should.

The orders they need are made at the start: paid demo orders of the benchmark database are
given waybills and printed (`waybills.allocate_batch` / `record_print`, as the print station
does); new paid orders are added with the demo generator when none are left. The scan bench
leaves its orders ``verified``; the weigh bench uses verified orders first and verifies more
(untimed) when it runs short. The database grows by the orders a run uses, as a floor's would.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app import heap
from app.db.engine import Database
from app.db.models import Order, OrderLine, OrderStatus, Product
from benchstats import summary

STATION_VERIFY = "bench-verify"
STATION_WEIGH = "bench-weigh"
VERIFIER = "1004"
WEIGHER = "1006"
PRINTER = "1002"


@dataclass(frozen=True)
class _Parcel:
    order_id: int
    waybill_no: str
    units: tuple[str, ...]  # one barcode per unit to scan, in line order
    product_ids: frozenset[int]


def _parcels(db: Database, status: str, limit: int) -> list[_Parcel]:
    """Orders in ``status`` with a waybill whose goods need no serial numbers (newest first)."""
    awkward = (
        select(OrderLine.id)
        .outerjoin(Product, Product.id == OrderLine.product_id)
        .where(
            OrderLine.order_id == Order.id,
            or_(Product.id.is_(None), Product.serial_tracked.is_(True)),
        )
        .exists()
    )
    with db.read() as s:
        orders = s.scalars(
            select(Order)
            .where(Order.status == status, Order.waybill_no.is_not(None), ~awkward)
            .options(
                selectinload(Order.lines)
                .selectinload(OrderLine.product)
                .selectinload(Product.barcodes)
            )
            .order_by(Order.id.desc())
            .limit(limit)
        ).all()
        out = []
        for o in orders:
            if not o.lines or any(li.product is None or not li.product.barcodes for li in o.lines):
                continue
            units = tuple(
                li.product.barcodes[0].code for li in o.lines for _ in range(li.qty) if li.product
            )
            pids = frozenset(li.product_id for li in o.lines if li.product_id is not None)
            out.append(_Parcel(o.id, o.waybill_no or "", units, pids))
        return out


def prepare_printed(db: Database, n: int) -> list[_Parcel]:
    """``n`` printed orders with waybills, ready for the verify station.

    Paid orders are taken newest first, walking down by id so that an order the print
    service refuses (no carrier serves the address) is not offered again; when none are left,
    demo orders are added."""
    from app.services.demo import make_demo_data
    from app.services.waybills import allocate_batch, record_print

    have = _parcels(db, OrderStatus.PRINTED.value, n)
    below: int | None = None  # walk paid orders downwards from here
    above = 0  # ... but not into the ones walked before new demo orders were added
    for _ in range(50):
        if len(have) >= n:
            break
        want = n - len(have)
        q = select(Order.id, Order.order_no).where(
            Order.status == OrderStatus.PAID.value, Order.waybill_no.is_(None), Order.id > above
        )
        if below is not None:
            q = q.where(Order.id < below)
        with db.read() as s:
            rows = s.execute(q.order_by(Order.id.desc()).limit(want * 2)).all()
            top = s.scalar(select(func.max(Order.id))) or 0
        if not rows:
            make_demo_data(db, want * 2, seed=int(time.time()) % 1000)
            below, above = None, top
            continue
        below = rows[-1].id
        batch = allocate_batch(
            db,
            limit=len(rows),
            order_nos=[r.order_no for r in rows],
            operator=PRINTER,
            station="bench-print",
        )
        ids = [li.order_id for li in batch.lines]
        if ids:
            record_print(
                db,
                ids,
                document="waybill",
                batch_code=batch.code,
                printer="bench",
                ok=True,
                operator=PRINTER,
                station="bench-print",
            )
        have = _parcels(db, OrderStatus.PRINTED.value, n)
    if len(have) < n:
        raise RuntimeError(f"the bench could print only {len(have)} of {n} orders")
    return have


def _foreign_code(db: Database, p: _Parcel) -> str:
    """A known product barcode that is not in this order (a wrong item)."""
    from app.db.models import ProductBarcode

    with db.read() as s:
        code = s.scalar(
            select(ProductBarcode.code)
            .where(ProductBarcode.product_id.not_in(p.product_ids))
            .order_by(ProductBarcode.id)
            .limit(1)
        )
    return code or "6900000000000"


def _verify(
    db: Database, parcels: list[_Parcel], clock: Callable[[str, float], None] | None = None
) -> int:
    """Verify the parcels scan by scan as the verify station does; returns units scanned."""
    from app.services import scanning as sc

    st = {"station": STATION_VERIFY, "operator": VERIFIER}
    units = 0
    for p in parcels:
        t = time.perf_counter()
        sc.open_order(db, p.waybill_no, step="verify", **st)
        if clock:
            clock("open", t)
        wrong = _foreign_code(db, p) if clock else None
        if wrong:
            t = time.perf_counter()
            r = sc.scan_item(db, p.order_id, wrong, **st)  # refused: a result, not an error
            assert not r.counted, r.verdict
            clock("wrong", t)  # type: ignore[misc]
        for code in p.units:
            t = time.perf_counter()
            sc.scan_item(db, p.order_id, code, **st)
            if clock:
                clock("item", t)
            units += 1
    return units


def bench_scan_verdict(db: Database, reps: int) -> dict:
    """Verify-station scans → verdict committed, about ``reps`` item scans in all."""
    parcels = prepare_printed(db, max(5, reps // 2))
    heap.settle()  # as a station does once it is up (app.heap)
    times: dict[str, list[float]] = {"open": [], "wrong": [], "item": []}

    def clock(kind: str, t0: float) -> None:
        times[kind].append((time.perf_counter() - t0) * 1000)

    used = []
    for p in parcels:
        if len(times["item"]) >= reps:
            break
        _verify(db, [p], clock)
        used.append(p)
    every = times["open"] + times["wrong"] + times["item"]
    return {
        "scan_verdict_scans": len(every),
        **summary("scan_verdict", every),
        **summary("scan_item", times["item"]),
        **summary("scan_open", times["open"]),
        **summary("scan_wrong_item", times["wrong"]),
    }


def prepare_verified(db: Database, n: int) -> list[_Parcel]:
    """``n`` verified orders (printed ones verified, untimed, when there are too few)."""
    have = _parcels(db, OrderStatus.VERIFIED.value, n)
    if len(have) < n:
        _verify(db, prepare_printed(db, n - len(have)))
        have = _parcels(db, OrderStatus.VERIFIED.value, n)
    return have


def bench_weigh_commit(db: Database, reps: int) -> dict:
    """Weighing-station captures → weighing committed with its chain link, ``reps`` parcels."""
    from app.services.weighing import record_weighing, start_weighing

    ms: list[float] = []
    held = 0
    parcels = prepare_verified(db, reps)
    heap.settle()  # as a station does once it is up (app.heap)
    for k, p in enumerate(parcels):
        ctx = start_weighing(db, p.waybill_no, operator=WEIGHER, station=STATION_WEIGH)
        light = k % 10 == 9
        grams = ctx.expected_grams - (ctx.tolerance_grams + 200 if light else 0)
        grams = max(grams, 1)
        t = time.perf_counter()
        r = record_weighing(db, p.waybill_no, grams, 1, WEIGHER, STATION_WEIGH)
        ms.append((time.perf_counter() - t) * 1000)
        held += r.verdict != "ok"
    return {
        "weigh_commit_parcels": len(ms),
        "weigh_commit_held": held,
        **summary("weigh_commit", ms),
    }
