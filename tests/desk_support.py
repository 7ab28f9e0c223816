"""Test helpers for the handover and dispute tests: parcels printed, verified and weighed.

The real weighing service is written elsewhere; these helpers record a weighing the way the
floor does (an evidence event ``weighed`` plus its `Weighing` row), so the handover and the
dispute desk can be tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Order, OrderLine, Product, ScanEvent, Shop, Weighing
from app.domain.weight import expected_weight, unit_weight
from app.services.demo import make_demo_data
from app.services.waybills import allocate_batch, record_print

WEIGH_STATION = "称重台 1"


@dataclass(frozen=True)
class Parcel:
    order_id: int
    order_no: str
    waybill_no: str
    carrier: str
    platform: str


def printed_parcels(db: Database, n: int, *, seed: int = 1) -> list[Parcel]:
    """``n`` demo orders with waybills printed (status ``printed``), in batch order."""
    make_demo_data(db, n, seed=seed)
    batch = allocate_batch(db, limit=n, operator="1002", station="打单台 1")
    ids = [li.order_id for li in batch.lines]
    record_print(
        db,
        ids,
        document="waybill",
        batch_code=batch.code,
        printer="pdf",
        ok=True,
        operator="1002",
        station="打单台 1",
    )
    with db.read() as s:
        platform = dict(s.execute(select(Order.id, Order.platform).where(Order.id.in_(ids))).all())
    return [
        Parcel(li.order_id, li.order_no, li.waybill_no, li.carrier, platform[li.order_id])
        for li in batch.lines
    ]


def set_lines(db: Database, order_id: int, lines: list[tuple[str, int]]) -> None:
    """Give an order exactly these (sku, qty) lines (test set-up, before any evidence)."""
    with db.write() as s:
        s.execute(delete(OrderLine).where(OrderLine.order_id == order_id))
        for i, (sku, qty) in enumerate(lines, start=1):
            p = s.scalar(select(Product).where(Product.sku == sku))
            s.add(
                OrderLine(
                    order_id=order_id,
                    line_no=i,
                    sku=sku,
                    product_id=p.id,
                    title=p.name,
                    qty=qty,
                    verified_qty=0,
                )
            )
        o = s.get(Order, order_id)
        o.item_count = sum(q for _, q in lines)


def expected_of(db: Database, order_id: int) -> tuple[int, int]:
    """(expected grams, tolerance) as the dispute desk computes them."""
    with db.read() as s:
        o = s.get(Order, order_id)
        pairs = [
            (unit_weight(li.product.unit_grams, li.product.adopted_grams), li.qty) for li in o.lines
        ]
        shop = s.get(Shop, o.shop_id)
        exp = expected_weight(
            pairs,
            tolerance_abs=shop.tolerance_abs_grams,
            tolerance_permille=shop.tolerance_permille,
        )
    return exp.grams, exp.tolerance_grams


def verify(db: Database, order_id: int, operator: str = "1004", station: str = "校验台 1") -> None:
    """One verify scan per line, recorded as the verify station does."""
    with db.write() as s:
        o = s.get(Order, order_id)
        for li in o.lines:
            ev = append_event(
                s,
                "scan",
                order_id=o.id,
                station=station,
                operator=operator,
                detail={"step": "verify", "code": li.sku, "verdict": "ok"},
            )
            s.add(
                ScanEvent(
                    event_id=ev.id,
                    order_id=o.id,
                    step="verify",
                    code=li.sku,
                    verdict="ok",
                    order_line_id=li.id,
                )
            )
            li.verified_qty = li.qty
        o.status = "verified"


def weigh(
    db: Database,
    order_id: int,
    *,
    delta: int = 0,
    verdict: str | None = None,
    operator: str = "1006",
    station: str = WEIGH_STATION,
) -> Weighing:
    """Record a weighing of expected + ``delta`` grams; the verdict follows the tolerance
    unless given. The order moves to ``weighed`` (or ``held`` for a hold)."""
    expected, tol = expected_of(db, order_id)
    grams = expected + delta
    if verdict is None:
        verdict = "ok" if abs(delta) <= tol else "hold"
    with db.write() as s:
        o = s.get(Order, order_id)
        position = (s.scalar(select(func.count()).select_from(Weighing)) or 0) + 1
        ev = append_event(
            s,
            "weighed",
            order_id=o.id,
            station=station,
            operator=operator,
            detail={"waybill_no": o.waybill_no, "grams": grams, "verdict": verdict},
        )
        w = Weighing(
            event_id=ev.id,
            order_id=o.id,
            waybill_no=o.waybill_no or "",
            grams=grams,
            expected_grams=expected,
            tolerance_grams=tol,
            verdict=verdict,
            reason="" if verdict != "hold" else "too_light" if delta < 0 else "too_heavy",
            stub_bundle=3,
            stub_position=position,
        )
        s.add(w)
        if verdict == "hold":
            o.status, o.hold_reason = "held", "weight"
        else:
            o.status, o.hold_reason = "weighed", ""
        s.flush()
        s.expunge(w)
    return w


def weighed_parcels(db: Database, n: int, *, seed: int = 1) -> list[Parcel]:
    """``n`` parcels printed, verified and weighed ok."""
    parcels = printed_parcels(db, n, seed=seed)
    for p in parcels:
        verify(db, p.order_id)
        weigh(db, p.order_id)
    return parcels


def status_of(db: Database, order_id: int) -> str:
    with db.read() as s:
        return s.scalar(select(Order.status).where(Order.id == order_id))
