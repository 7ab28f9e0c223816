"""Foundation figures: Taobao import speed and order-browser search rate on 1,000,000 orders.

    python -m tests.bench.bench_foundation [--json] [--quick]

Prints numbers; asserts nothing. The million-order SQLite database is the benchmarks' one
(`app.bench.datasets.big_db`: built once, cached, shared with ``parcelproof bench``).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys

from sqlalchemy import func, select

from app.bench.datasets import big_db
from app.bench.suite import import_rate
from app.db.engine import Database
from app.db.models import Order
from app.services.orders import OrderFilter, count_orders, search_orders
from benchstats import percentile, timed


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

        ms = timed(one, reps)
        all_ms += ms
        out[f"search_{name}_p50_ms"] = round(statistics.median(ms), 2)
        out[f"search_{name}_p99_ms"] = round(percentile(ms, 99), 2)
    out["browser_searches_per_s"] = round(1000 * len(all_ms) / sum(all_ms), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true", help="10,000 imports, 100,000 orders")
    args = ap.parse_args(argv)
    figures = {}
    figures.update(import_rate(10_000 if args.quick else 100_000, again=True))
    db = big_db(100_000 if args.quick else 1_000_000)
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
