"""Test helpers for the scanning stations: printed orders with waybills, their goods."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db.engine import Database
from app.db.models import Order, OrderLine, Product, ProductBarcode
from app.services.demo import make_demo_data
from app.services.waybills import allocate_batch, record_print


@dataclass
class Goods:
    order_id: int
    order_no: str
    waybill_no: str
    status: str
    lines: list[tuple[str, int, str, bool]]  # sku, qty, barcode, serial tracked

    @property
    def serial(self) -> bool:
        return any(li[3] for li in self.lines)

    @property
    def units(self) -> int:
        return sum(li[1] for li in self.lines)


def printed_batch(db: Database, n: int = 30, seed: int = 3) -> str:
    """``n`` demo orders, allocated and printed as one batch; returns the batch code."""
    make_demo_data(db, n, seed=seed)
    batch = allocate_batch(db, limit=n, operator="1002", station="print-1")
    ids = [li.order_id for li in batch.lines]
    record_print(
        db, ids, document="waybill", batch_code=batch.code, printer="pdf", ok=True, operator="1002"
    )
    return batch.code


def goods(db: Database, status: str | None = "printed") -> list[Goods]:
    with db.read() as s:
        q = (
            select(Order)
            .options(
                selectinload(Order.lines)
                .selectinload(OrderLine.product)
                .selectinload(Product.barcodes)
            )
            .order_by(Order.id)
        )
        if status:
            q = q.where(Order.status == status)
        out = []
        for o in s.scalars(q):
            out.append(
                Goods(
                    o.id,
                    o.order_no,
                    o.waybill_no or "",
                    o.status,
                    [
                        (li.sku, li.qty, li.product.barcodes[0].code, li.product.serial_tracked)
                        for li in o.lines
                    ],
                )
            )
        return out


def pick(db: Database, *, serial: bool | None = False, lines: int | None = None, units=None):
    for g in goods(db):
        if serial is not None and g.serial != serial:
            continue
        if lines is not None and len(g.lines) != lines:
            continue
        if units is not None and g.units != units:
            continue
        return g
    raise LookupError("no such demo order")


def foreign_barcode(db: Database, g: Goods) -> str:
    """A real product barcode that is not in order ``g``."""
    skus = {li[0] for li in g.lines}
    with db.read() as s:
        for code, sku in s.execute(
            select(ProductBarcode.code, Product.sku).join(Product).order_by(ProductBarcode.id)
        ):
            if sku not in skus:
                return code
    raise LookupError
