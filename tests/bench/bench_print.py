"""Print-station figure: ``print_batch`` of 100 orders to a PDF-file printer, end to end.

    python -m tests.bench.bench_print [--orders 100] [--rounds 3] [--format 100x180]

End to end = allocating the numbers (one transaction), reading the document data, drawing the
waybills, writing the PDF, recording the print jobs, then the slips and the pick list. Prints
one JSON object; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from app.db.engine import open_database
from app.db.migrate import upgrade
from app.services.demo import make_demo_data
from app.services.print_jobs import print_batch
from printing import PdfFileBackend


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--format", default="100x180")
    a = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="pp-bench-print-"))
    db = open_database(f"sqlite:///{folder / 'bench.db'}")
    upgrade(db)
    make_demo_data(db, a.orders * 2 * a.rounds + 5, seed=5)
    backend = PdfFileBackend(str(folder / "out") + "/")
    (folder / "out").mkdir()
    print_batch(db, backend, limit=5, fmt=a.format)  # warm-up: fonts, routing table

    full, waybills_only = [], []
    for _ in range(a.rounds):
        t = time.perf_counter()
        res = print_batch(db, backend, limit=a.orders, fmt=a.format, operator="1002")
        full.append((time.perf_counter() - t) / len(res.waybills))
        t = time.perf_counter()
        res = print_batch(db, backend, limit=a.orders, fmt=a.format, slips=False)
        waybills_only.append((time.perf_counter() - t) / len(res.waybills))
    db.dispose()
    print(
        json.dumps(
            {
                "print_batch_orders": a.orders,
                "print_batch_format": a.format,
                "print_batch_ms_per_label": round(statistics.median(full) * 1000, 2),
                "print_batch_waybills_only_ms_per_label": round(
                    statistics.median(waybills_only) * 1000, 2
                ),
                "print_batch_s_per_100": round(statistics.median(full) * 100, 3),
                "backend": "pdf-file",
                "database": "sqlite",
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
