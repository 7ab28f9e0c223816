"""A small dispatch floor for the weighing tests: products, cartons, a shop, operators and
orders that already carry a waybill number and stand in status ``verified``.

The verify station is built elsewhere; here the status is set directly in a write session.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import insert, select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import (
    Carton,
    Operator,
    Order,
    OrderLine,
    PrintJob,
    Product,
    Shop,
)
from app.domain.pins import hash_pin
from devices.simulate import SimulatedScale, SimulatedSerialScanner

PRODUCTS = {
    "BED-PIL-MEM": ("记忆棉枕头", 410),
    "CLO-TSH-M": ("纯棉T恤 M", 180),
    "ELE-CBL-C1M": ("USB-C 数据线 1m", 45),
    "HOM-SLP-42": ("拖鞋 42码", 330),
    "BED-QLT-150": ("春秋被 150x200", 1850),
}
CARTONS = {"CTN-1": ("1号纸箱", 120, 20), "CTN-BAG-S": ("快递袋 小", 15, 0)}


def seed_floor(db: Database) -> None:
    with db.write() as s:
        if s.scalar(select(Shop.id).limit(1)):
            return
        s.add(Shop(code="shop", name="棉眠家纺旗舰店", platform="taobao"))
        for sku, (name, grams) in PRODUCTS.items():
            s.add(Product(sku=sku, name=name, unit_grams=grams))
        for code, (name, tare, filler) in CARTONS.items():
            s.add(Carton(code=code, name=name, tare_grams=tare, filler_grams=filler))
        for code, name, role in (
            ("1001", "主管 周敏", "supervisor"),
            ("1006", "称重员 赵磊", "weigher"),
            ("1004", "校验员 陈静", "verifier"),
        ):
            s.add(
                Operator(
                    code=code,
                    name=name,
                    role=role,
                    badge=f"OP{code}",
                    pin_hash=hash_pin("0000") if role == "supervisor" else None,
                )
            )


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
