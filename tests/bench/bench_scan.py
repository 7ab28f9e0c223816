"""Scan-to-verdict time at the service layer on a large SQLite database.

    python -m tests.bench.bench_scan [--json] [--quick] [--orders N]

An item scan is timed from the call to `scan_item` until its verdict is computed and
committed (the scan event chained, the count updated). The million-order database of
`bench_foundation.million_db` is copied to a temp dir (the cache stays as it was); N of its
waiting orders are given waybills and printed, then verified scan by scan, with one wrong item
per order. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from app.db.engine import open_database
from app.db.models import Order
from app.services import scanning as sc
from app.services.demo import make_demo_data
from app.services.waybills import allocate_batch, record_print
from tests.bench.bench_foundation import cache_dir, million_db
from tests.scanning_support import foreign_barcode, goods


def _pct(ms: list[float], p: float) -> float:
    s = sorted(ms)
    return round(s[min(len(s) - 1, max(0, int(len(s) * p) - 1))], 2)


def run(n_db: int, n_orders: int) -> dict:
    million_db(n_db).dispose()
    src = cache_dir() / f"orders_{n_db}.db"
    with tempfile.TemporaryDirectory(dir=cache_dir()) as tmp:
        path = Path(tmp) / "scan.db"
        shutil.copy(src, path)
        db = open_database(f"sqlite:///{path}")
        with db.read() as s:
            total = s.scalar(select(func.count()).select_from(Order))
        make_demo_data(db, n_orders, seed=11)  # fresh orders with lines, on top of the rest
        with db.read() as s:
            nos = list(s.scalars(select(Order.order_no).order_by(Order.id.desc()).limit(n_orders)))
        batch = allocate_batch(db, limit=n_orders, order_nos=nos, operator="1002", station="bench")
        ids = [li.order_id for li in batch.lines]
        record_print(db, ids, document="waybill", batch_code=batch.code, printer="bench", ok=True)
        chosen = [g for g in goods(db) if g.order_id in set(ids) and g.lines and not g.serial]
        st = {"station": "bench-verify", "operator": "1004"}
        open_ms: list[float] = []
        item_ms: list[float] = []
        refuse_ms: list[float] = []
        verified = 0
        for g in chosen:
            t = time.perf_counter()
            sc.open_order(db, g.waybill_no, step="verify", **st)
            open_ms.append((time.perf_counter() - t) * 1000)
            wrong = foreign_barcode(db, g)
            t = time.perf_counter()
            sc.scan_item(db, g.order_id, wrong, **st)
            refuse_ms.append((time.perf_counter() - t) * 1000)
            for _, qty, code, _ in g.lines:
                for _ in range(qty):
                    t = time.perf_counter()
                    r = sc.scan_item(db, g.order_id, code, **st)
                    item_ms.append((time.perf_counter() - t) * 1000)
                    verified += r.status == "verified"
        db.dispose()
    return {
        "scan_orders_in_db": total,
        "scan_orders_verified": verified,
        "scan_item_scans": len(item_ms),
        "scan_to_verdict_p50_ms": _pct(item_ms, 0.5),
        "scan_to_verdict_p99_ms": _pct(item_ms, 0.99),
        "scan_wrong_item_p50_ms": _pct(refuse_ms, 0.5),
        "scan_wrong_item_p99_ms": _pct(refuse_ms, 0.99),
        "scan_open_order_p50_ms": _pct(open_ms, 0.5),
        "scan_open_order_p99_ms": _pct(open_ms, 0.99),
        "scan_mean_ms": round(statistics.mean(item_ms), 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true", help="100,000 orders in the database")
    ap.add_argument("--orders", type=int, default=0, help="orders to verify (default 200/60)")
    args = ap.parse_args(argv)
    n_db = 100_000 if args.quick else 1_000_000
    figures = run(n_db, args.orders or (60 if args.quick else 200))
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:32} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
