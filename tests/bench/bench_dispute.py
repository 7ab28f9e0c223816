"""Dispute desk lookup time on a year's worth of orders: 1,000,000 orders, 1,000,000 weighings.

    python -m tests.bench.bench_dispute [--json] [--quick] [--reps N]

Prints numbers; asserts nothing. Starts from the cached order database of
`app.bench.datasets.big_db` (the benchmarks' one) and works on a COPY of it under the same
cache dir (``dispute_<n>.db``, built once): every order without a waybill number gets one and a
carrier, and every order without a weighing gets one (an evidence event plus its `weighings`
row) in bulk SQL. The synthetic events are not hash-linked; this copy is for timing lookups
only.

Figures: `dispute_check` p50/p99 by waybill number, by a 7-digit phone tail, and by a 4-digit
phone tail (which matches ~100 orders among a million: the desk lists them and checks the
chosen one, so that figure is the list plus the check).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time

from sqlalchemy import func, select, text

from app.bench.datasets import cache_dir, copy_of_big_db
from app.db.engine import Database, open_database
from app.db.models import Order, Weighing
from app.services.dispute import dispute_check
from app.services.orders import OrderFilter, search_orders
from benchstats import percentile

MARK = "bench_dispute_ready"


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def dispute_db(n: int) -> Database:
    """The cached copy with a waybill and a weighing for every order (built on first use)."""
    path = cache_dir() / f"dispute_{n}.db"
    if path.exists():
        db = open_database(f"sqlite:///{path}")
        with db.read() as s:
            ready = s.execute(
                text("SELECT 1 FROM floor_settings WHERE key = :k"), {"k": MARK}
            ).first()
        if ready:
            return db
        db.dispose()
        path.unlink()
    db = copy_of_big_db(n, path, _say)
    with db.engine.begin() as conn:
        _say("waybill numbers and carriers for the orders without one…")
        carriers = [r[0] for r in conn.execute(text("SELECT id FROM carriers ORDER BY id"))]
        conn.execute(
            text(
                "UPDATE orders SET waybill_no = 'BW' || printf('%012d', id), "
                "carrier_id = COALESCE(carrier_id, :c0 + id % :nc) WHERE waybill_no IS NULL"
            ),
            {"c0": carriers[0], "nc": len(carriers)},
        )
        seq0 = conn.scalar(text("SELECT COALESCE(max(seq), 0) FROM events"))
        _say("a weighing event for every order without a weighing…")
        conn.execute(
            text(
                "INSERT INTO events (seq, uid, at, kind, order_id, station, operator, detail, "
                "prev_hash, hash) SELECT :seq0 + id, 'bench-w-' || id, "
                "datetime(paid_at, '+5 hours'), 'weighed', id, '称重台 1', '1006', "
                "'{\"bench\": true}', '', '' FROM orders "
                "WHERE id NOT IN (SELECT order_id FROM weighings)"
            ),
            {"seq0": seq0},
        )
        _say("their weighing rows…")
        conn.execute(
            text(
                "INSERT INTO weighings (event_id, order_id, waybill_no, grams, expected_grams, "
                "tolerance_grams, verdict, reason, stub_bundle, stub_position) "
                "SELECT e.id, o.id, o.waybill_no, 140 + o.item_count * 480 + (o.id % 41) - 20, "
                "140 + o.item_count * 480, 50, 'ok', '', o.id / 50, o.id % 50 + 1 "
                "FROM events e JOIN orders o ON o.id = e.order_id WHERE e.seq > :seq0"
            ),
            {"seq0": seq0},
        )
        conn.execute(
            text(
                "UPDATE chain_head SET seq = (SELECT max(seq) FROM events), "
                "hash = (SELECT hash FROM events ORDER BY seq DESC LIMIT 1) WHERE id = 1"
            )
        )
        conn.execute(text("INSERT INTO floor_settings (key, value) VALUES (:k, '{}')"), {"k": MARK})
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return db


def bench(db: Database, reps: int) -> dict:
    rng = random.Random(8)
    with db.read() as s:
        n_orders = s.scalar(select(func.max(Order.id)))
        n_weighings = s.scalar(select(func.count()).select_from(Weighing))
        sample = list(
            s.execute(
                select(Order.id, Order.waybill_no, Order.receiver_phone).where(
                    Order.id.in_([rng.randrange(1, n_orders) for _ in range(reps * 2)])
                )
            )
        )[:reps]
    out: dict = {"dispute_orders": n_orders, "dispute_weighings": n_weighings}

    def timed(name: str, fn) -> None:
        ms = []
        for row in sample:
            t = time.perf_counter()
            fn(row)
            ms.append((time.perf_counter() - t) * 1000)
        out[f"dispute_{name}_p50_ms"] = round(statistics.median(ms), 2)
        out[f"dispute_{name}_p99_ms"] = round(percentile(ms, 99), 2)

    def by_waybill(row) -> None:
        f = dispute_check(db, row.waybill_no, dest_grams=1000, claim="missing")
        assert f["recorded_grams"] is not None

    def by_tail7(row) -> None:
        try:
            dispute_check(db, row.receiver_phone[-7:])
        except Exception as exc:  # a shared 7-digit tail: the desk lists and picks
            if getattr(exc, "code", "") != "ambiguous_key":
                raise
            dispute_check(db, "", order_id=row.id)

    def by_tail4(row) -> None:
        with db.read() as s:
            rows = search_orders(s, OrderFilter(text=row.receiver_phone[-4:]), limit=50)
        dispute_check(db, "", order_id=rows[0].id if rows else row.id)

    timed("waybill", by_waybill)
    timed("phone_tail7", by_tail7)
    timed("phone_tail4_list_and_check", by_tail4)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true", help="100,000 orders instead of 1,000,000")
    ap.add_argument("--reps", type=int, default=0)
    args = ap.parse_args(argv)
    n = 100_000 if args.quick else 1_000_000
    t = time.perf_counter()
    db = dispute_db(n)
    build = time.perf_counter() - t
    figures = bench(db, args.reps or (50 if args.quick else 200))
    figures["dispute_db_ready_s"] = round(build, 1)
    db.dispose()
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:40} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
