"""The tests' floor: demo orders moved along the flow through the real services.

Orders come from the demo generator (`app.services.demo.make_demo_data`); printing, verifying,
weighing and a supervisor's override go through the same service calls the stations make (as
`app.services.demo_day` does), so every event, weighing row, stub place and hold reason is the
one the floor would record. Only `set_lines` writes rows itself: it is order data (what an
import would bring), set before any evidence.

* printing: `printed_parcels` (the handover and dispute tests' parcels), `printed_batch`
  (the scanning stations' batch);
* the goods of the orders: `goods`, `pick`, `foreign_barcode`, `set_lines`;
* the flow: `verify` (item by item at the verify station), `weigh` (a scale reading of the
  expected weight plus ``delta``), `weighed_parcels`;
* reading back: `expected_of`, `status_of`;
* the weigh line as a process: `Line`.

What is left of the old weighing floor: `add_order` / `add_many` place orders straight at the
scale (a chosen waybill number, status ``verified`` set in a write session, no print or verify
evidence) for the weighing tests that type those numbers; their catalogue, cartons, shops and
operators are the demo's (`seed_floor`), as everywhere else.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import selectinload

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import (
    Carton,
    Order,
    OrderLine,
    PrintJob,
    Product,
    ProductBarcode,
    Shop,
    Weighing,
)
from app.services import scanning as sc
from app.services import weighing as wg
from app.services.demo import make_demo_data
from app.services.orders import order_expectation
from app.services.waybills import allocate_batch, record_print
from devices.simulate import SimulatedScale, SimulatedSerialScanner

PRINT_STATION = "打单台 1"
VERIFY_STATION = "校验台 1"
WEIGH_STATION = "称重台 1"
SUPERVISOR, SUPERVISOR_PIN = "1001", "0000"  # the demo's supervisor


# --- printing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parcel:
    order_id: int
    order_no: str
    waybill_no: str
    carrier: str
    platform: str


def _print(db: Database, n: int, seed: int, station: str):
    """``n`` new demo orders allocated and printed as one batch (the print station's calls)."""
    make_demo_data(db, n, seed=seed)
    batch = allocate_batch(db, limit=n, operator="1002", station=station)
    ids = [li.order_id for li in batch.lines]
    record_print(
        db,
        ids,
        document="waybill",
        batch_code=batch.code,
        printer="pdf",
        ok=True,
        operator="1002",
        station=station,
    )
    return batch


def printed_parcels(db: Database, n: int, *, seed: int = 1) -> list[Parcel]:
    """``n`` demo orders with waybills printed (status ``printed``), in batch order."""
    batch = _print(db, n, seed, PRINT_STATION)
    ids = [li.order_id for li in batch.lines]
    with db.read() as s:
        platform = dict(s.execute(select(Order.id, Order.platform).where(Order.id.in_(ids))).all())
    return [
        Parcel(li.order_id, li.order_no, li.waybill_no, li.carrier, platform[li.order_id])
        for li in batch.lines
    ]


def printed_batch(db: Database, n: int = 30, seed: int = 3) -> str:
    """``n`` demo orders, allocated and printed as one batch; returns the batch code."""
    return _print(db, n, seed, "print-1").code


# --- the goods ----------------------------------------------------------------------------------


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


def goods(db: Database, status: str | None = "printed") -> list[Goods]:
    """The orders (in ``status``; all with None) with their lines' barcodes, by id."""
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
    """The first printed order with serial-tracked goods (or not), ``lines`` lines, ``units``
    units."""
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


def set_lines(db: Database, order_id: int, lines: list[tuple[str, int]]) -> None:
    """Give an order exactly these (sku, qty) lines (order data, before any evidence)."""
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


# --- the flow -----------------------------------------------------------------------------------


def verify(
    db: Database, order_id: int, operator: str = "1004", station: str = VERIFY_STATION
) -> None:
    """The verify station's scans: the waybill, then every unit's barcode (and a serial number
    for serial-tracked goods) until the order is ``verified``."""
    (g,) = [x for x in goods(db, status=None) if x.order_id == order_id]
    st = {"station": station, "operator": operator}
    sc.open_order(db, g.waybill_no, step="verify", **st)
    for k, (_sku, qty, code, serial) in enumerate(g.lines):
        for u in range(qty):
            sn = f"SN{order_id:06d}{k:02d}{u:03d}" if serial else None
            r = sc.scan_item(db, order_id, code, serial=sn, **st)
            assert r.counted, r.verdict
    assert status_of(db, order_id) == "verified"


def weigh(
    db: Database,
    order_id: int,
    *,
    delta: int = 0,
    verdict: str | None = None,
    operator: str = "1006",
    station: str = WEIGH_STATION,
) -> Weighing:
    """The scale reads the expected weight + ``delta`` grams (the weighing station's calls):
    within the tolerance the order is ``weighed``, outside it ``held`` (reason ``light`` or
    ``heavy``). ``verdict="override"``: the hold is then released by the supervisor. A
    ``verdict`` the reading does not give is a mistake in the test."""
    with db.read() as s:
        waybill = s.scalar(select(Order.waybill_no).where(Order.id == order_id)) or ""
    ctx = wg.start_weighing(db, waybill, operator=operator, station=station)
    r = wg.record_weighing(db, waybill, ctx.expected_grams + delta, 1, operator, station)
    if verdict == "override" and r.verdict == "hold":
        r = wg.override(
            db,
            waybill,
            "weighed again by hand",
            SUPERVISOR,
            SUPERVISOR_PIN,
            operator=operator,
            station=station,
        )
    assert verdict is None or r.verdict == verdict, (verdict, r.verdict, r.reason)
    with db.read() as s:
        w = s.scalars(
            select(Weighing).where(Weighing.order_id == order_id).order_by(Weighing.id.desc())
        ).first()
        s.expunge(w)
    return w


def weighed_parcels(db: Database, n: int, *, seed: int = 1) -> list[Parcel]:
    """``n`` parcels printed, verified and weighed ok."""
    parcels = printed_parcels(db, n, seed=seed)
    for p in parcels:
        verify(db, p.order_id)
        weigh(db, p.order_id)
    return parcels


# --- orders placed straight at the scale (the weighing tests) ----------------------------------


def seed_floor(db: Database) -> None:
    """The demo's catalogue, cartons, shops, carriers and operators (once)."""
    with db.read() as s:
        if s.scalar(select(Shop.id).limit(1)):
            return
    make_demo_data(db, 0)


def add_order(
    db: Database,
    waybill_no: str,
    lines: list[tuple[str, int]],
    *,
    status: str = "verified",
    carton: str | None = "CTN-1",
    batch: str = "",
) -> str:
    """An order with ``lines`` [(sku, qty)] under ``waybill_no``; returns its order number."""
    seed_floor(db)
    with db.write() as s:
        shop = s.scalar(select(Shop.id))
        carton_id = s.scalar(select(Carton.id).where(Carton.code == carton)) if carton else None
        o = Order(
            platform="taobao",
            order_no=f"O{waybill_no}",
            shop_id=shop,
            status=status,
            waybill_no=waybill_no,
            carton_id=carton_id,
            item_count=sum(q for _, q in lines),
        )
        s.add(o)
        s.flush()
        for i, (sku, qty) in enumerate(lines, start=1):
            p = s.scalars(select(Product).where(Product.sku == sku)).one()
            s.add(
                OrderLine(order_id=o.id, line_no=i, sku=sku, product_id=p.id, title=p.name, qty=qty)
            )
        if batch:
            ev = append_event(s, "printed", order_id=o.id, detail={"waybill_no": waybill_no})
            s.add(
                PrintJob(
                    event_id=ev.id,
                    order_id=o.id,
                    document="waybill",
                    waybill_no=waybill_no,
                    batch_code=batch,
                )
            )
        return o.order_no


def add_many(db: Database, n: int, prefix: str = "WB", status: str = "verified") -> list[str]:
    """``n`` single-pillow orders quickly (bulk insert); returns their waybill numbers."""
    seed_floor(db)
    with db.write() as s:
        shop = s.scalar(select(Shop.id))
        carton_id = s.scalar(select(Carton.id).where(Carton.code == "CTN-1"))
        pid = s.scalar(select(Product.id).where(Product.sku == "BED-PIL-MEM"))
        wbs = [f"{prefix}{i:07d}" for i in range(n)]
        s.execute(
            insert(Order),
            [
                {
                    "platform": "taobao",
                    "order_no": f"O{wb}",
                    "shop_id": shop,
                    "status": status,
                    "waybill_no": wb,
                    "carton_id": carton_id,
                    "item_count": 1,
                }
                for wb in wbs
            ],
        )
        ids = dict(
            s.execute(select(Order.waybill_no, Order.id).where(Order.waybill_no.in_(wbs))).all()
        )
        s.execute(
            insert(OrderLine),
            [
                {
                    "order_id": ids[wb],
                    "line_no": 1,
                    "sku": "BED-PIL-MEM",
                    "product_id": pid,
                    "title": "记忆棉枕头",
                    "qty": 1,
                }
                for wb in wbs
            ],  # fmt: skip
        )
    return wbs


def set_status(db: Database, waybill_no: str, status: str) -> None:
    with db.write() as s:
        o = s.scalars(select(Order).where(Order.waybill_no == waybill_no)).one()
        o.status = status


# --- reading back -------------------------------------------------------------------------------


def expected_of(db: Database, order_id: int) -> tuple[int, int]:
    """(expected grams, tolerance) of the order, as the scale and the dispute desk have them."""
    with db.read() as s:
        exp = order_expectation(s, order_id)
    return exp.grams, exp.tolerance_grams


def status_of(db: Database, order_id: int) -> str:
    with db.read() as s:
        return s.scalar(select(Order.status).where(Order.id == order_id))


# --- the weigh line as a process ------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


class Line:
    """A `parcelproof weigh-line` subprocess with its stdout/stderr read on threads."""

    def __init__(self, db_url: str, scale: SimulatedScale, scanner: SimulatedSerialScanner):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app", "--db", db_url, "--operator", "1006", "weigh-line",
             "--scanner", scanner.port, "--scale", scale.port, "--scale-protocol", "stgs"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.out: queue.Queue[dict] = queue.Queue()
        self.err: list[str] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read_out, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    def _read_out(self):
        for line in self.proc.stdout:
            self.out.put(json.loads(line))

    def _read_err(self):
        for line in self.proc.stderr:
            self.err.append(line)
            if line.rstrip().endswith("ready"):
                self.ready.set()

    def next(self, timeout=15.0) -> dict:
        try:
            return self.out.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("no JSON line; stderr:\n" + "".join(self.err)) from None

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
