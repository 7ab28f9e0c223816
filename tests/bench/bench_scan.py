"""Scan-to-verdict time at the service layer on a copy of the large SQLite database.

    python -m tests.bench.bench_scan [--json] [--quick] [--scans N]

The benchmarks' cached database (`app.bench.datasets.big_db`) is copied to a temp dir (the
cache stays as it was), and the verify station's flow of ``parcelproof bench``
(`app.bench.flows.bench_scan_verdict`: waybill scan, one wrong item, every unit until the order
is verified) is timed on it, about N item scans. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from app.bench.datasets import cache_dir, copy_of_big_db
from app.bench.flows import bench_scan_verdict
from app.db.models import Order


def run(n_db: int, scans: int) -> dict:
    with tempfile.TemporaryDirectory(dir=cache_dir()) as tmp:
        db = copy_of_big_db(n_db, Path(tmp) / "scan.db")
        with db.read() as s:
            total = s.scalar(select(func.count()).select_from(Order))
        figures = {"scan_orders_in_db": total, **bench_scan_verdict(db, scans)}
        db.dispose()
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true", help="100,000 orders in the database")
    ap.add_argument("--scans", type=int, default=0, help="item scans (default 400/120)")
    args = ap.parse_args(argv)
    n_db = 100_000 if args.quick else 1_000_000
    figures = run(n_db, args.scans or (120 if args.quick else 400))
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:32} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
