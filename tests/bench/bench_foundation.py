"""Foundation figures: Taobao import speed and order-browser search rate on 1,000,000 orders.

    python -m tests.bench.bench_foundation [--json] [--quick]

Prints numbers; asserts nothing. The million-order SQLite database is built once (demo data,
then copied in SQL with fresh numbers and phones) and cached under the user cache dir.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, text

from app.db.engine import Database, open_database
from app.db.migrate import upgrade
from app.db.models import Order
from app.services.demo import make_demo_data
from app.services.importing import import_orders
from app.services.orders import OrderFilter, count_orders, search_orders
from tests.fixtures.platform_files import (
    TAOBAO_DETAIL_HEADER,
    TAOBAO_ORDER_HEADER,
    taobao_detail_row,
    taobao_order_row,
    write_csv,
)

SKUS = ("BED-PIL-MEM", "HOM-STR-BOX", "BED-QLT-200", "CLO-TSH-M", "ELE-PWR-10K")


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    d = Path(user_cache_dir("parcelproof", appauthor=False)) / "bench"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def bench_import(n: int) -> dict:
    """Write an n-order Taobao pair (GBK, guards, CRLF) and import it into a fresh database."""
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        orders, details = [], []
        for k in range(n):
            no = str(3_900_000_000_000_000_000 + k)
            lines = rng.choice((1, 1, 2, 3))
            orders.append(
                taobao_order_row(
                    no,
                    phone=f"139{rng.randrange(10**8):08d}",
                    count=lines,
                    message=rng.choice(("", "周末不在家，放快递柜", "送朋友的礼物,不要放价格单")),
                )
            )
            for j in range(lines):
                details.append(taobao_detail_row(no, SKUS[(k + j) % len(SKUS)], 1))
        o = write_csv(tmpd / "ExportOrderList.csv", TAOBAO_ORDER_HEADER, orders)
        d = write_csv(tmpd / "ExportOrderDetailList.csv", TAOBAO_DETAIL_HEADER, details)
        db = open_database(f"sqlite:///{tmpd / 'import.db'}")
        upgrade(db)
        make_demo_data(db, 0)
        t = time.perf_counter()
        res = import_orders(db, o, lines_path=d)
        took = time.perf_counter() - t
        t = time.perf_counter()
        again = import_orders(db, o, lines_path=d)
        took_again = time.perf_counter() - t
        db.dispose()
    assert res.imported == n and not res.errors, res.as_json()
    assert again.imported == 0
    return {
        "import_orders": n,
        "import_seconds": round(took, 2),
        "import_orders_per_s": round(n / took),
        "reimport_seconds": round(took_again, 2),
    }


def million_db(n: int) -> Database:
    """The cached n-order database (built on first use: about a minute per 100,000 base)."""
    path = cache_dir() / f"orders_{n}.db"
    db = open_database(f"sqlite:///{path}")
    upgrade(db)
    with db.read() as s:
        have = s.scalar(select(func.count()).select_from(Order)) or 0
    if have >= n:
        return db
    base = min(n, 100_000)
    if have < base:
        _say(f"building {base:,} demo orders…")
        make_demo_data(db, base - have, seed=9)
    copies = (n - base) // base
    with db.engine.begin() as conn:
        max_id = conn.scalar(text("SELECT max(id) FROM orders"))
        for k in range(1, copies + 1):
            _say(f"copying orders {k * base:,}–{(k + 1) * base:,}…")
            off = k * max_id
            conn.execute(
                text(
                    "INSERT INTO orders (id, platform, order_no, shop_id, buyer, receiver_name, "
                    "receiver_phone, phone_tail, province, city, district, address, paid_at, "
                    "promised_ship_at, buyer_message, seller_remark, status, hold_reason, total_fen, "
                    "item_count, carrier_id, waybill_no, imported_at, updated_at) "
                    "SELECT id + :off, platform, order_no || :suffix, shop_id, buyer, receiver_name, "
                    "substr(receiver_phone, 1, 3) || printf('%08d', abs(random()) % 100000000), "
                    "'', province, city, district, address, "
                    "datetime(paid_at, printf('-%d days', :k)), promised_ship_at, buyer_message, "
                    "seller_remark, CASE WHEN :k % 3 = 0 THEN 'shipped' ELSE 'handed_over' END, "
                    "hold_reason, total_fen, item_count, carrier_id, waybill_no, imported_at, "
                    "updated_at FROM orders WHERE id <= :max_id"
                ),
                {"off": off, "suffix": f"-{k}", "k": k, "max_id": max_id},
            )
            conn.execute(
                text(
                    "INSERT INTO order_lines (order_id, line_no, sku, product_id, title, attributes, "
                    "qty, price_fen, verified_qty) SELECT order_id + :off, line_no, sku, product_id, "
                    "title, attributes, qty, price_fen, qty FROM order_lines WHERE order_id <= :max_id"
                ),
                {"off": off, "max_id": max_id},
            )
        conn.execute(
            text("UPDATE orders SET phone_tail = substr(receiver_phone, -4) WHERE phone_tail = ''")
        )
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return db


def _timed(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def bench_search(db: Database, reps: int) -> dict:
    """Browser searches as the floor makes them: first page (200 rows) plus the count."""
    rng = random.Random(3)
    with db.read() as s:
        n = s.scalar(select(func.count()).select_from(Order))
        sample = list(
            s.execute(
                select(
                    Order.order_no, Order.receiver_name, Order.phone_tail, Order.receiver_phone
                ).where(Order.id.in_([rng.randrange(1, n) for _ in range(reps * 2)]))
            )
        )
    kinds = {
        "order_no": lambda r: OrderFilter(text=r[0]),
        "phone_tail_4": lambda r: OrderFilter(text=r[2]),
        "phone_tail_7": lambda r: OrderFilter(text=r[3][-7:]),
        "receiver_name": lambda r: OrderFilter(text=r[1]),
        "status_paid": lambda r: OrderFilter(statuses=("paid",)),
    }
    out: dict = {"orders_in_db": n}
    all_ms: list[float] = []
    for name, make in kinds.items():
        rows = iter(sample)

        def one(make=make, rows=rows) -> None:
            f = make(next(rows))
            with db.read() as s:
                search_orders(s, f, limit=200)
                count_orders(s, f)

        ms = _timed(one, reps)
        all_ms += ms
        out[f"search_{name}_p50_ms"] = round(statistics.median(ms), 2)
        out[f"search_{name}_p99_ms"] = round(sorted(ms)[int(len(ms) * 0.99) - 1], 2)
    out["browser_searches_per_s"] = round(1000 * len(all_ms) / sum(all_ms), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true", help="10,000 imports, 100,000 orders")
    args = ap.parse_args(argv)
    figures = {}
    figures.update(bench_import(10_000 if args.quick else 100_000))
    db = million_db(100_000 if args.quick else 1_000_000)
    figures.update(bench_search(db, 50 if args.quick else 200))
    db.dispose()
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:32} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
