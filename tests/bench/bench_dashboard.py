"""Dashboard benchmark (prints JSON, asserts nothing): `day_summary` on a big events table.

A SQLite file is filled with synthetic evidence for ``--days`` days of ``--per-day`` parcels
(each parcel: a waybill printed, three scans, verified, weighed, handed over; one in fifty held),
written straight into the tables (no hash chain: only the counting is measured). The figure to
watch is ``summary_ms`` staying flat while ``events`` grows: the day's rows are reached through
``ix_events_kind_at``.

    python -m tests.bench.bench_dashboard [--days 60] [--per-day 3000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path


def _fill(db, days: int, per_day: int) -> int:
    from app.db.models import Event, PrintJob, Weighing
    from app.domain.floortime import floor_zone

    first = dt.datetime.now(floor_zone()).replace(hour=8, minute=0, second=0, microsecond=0)
    first -= dt.timedelta(days=days - 1)
    seq = 0
    with db.engine.begin() as conn:
        for d in range(days):
            events, jobs, weighings = [], [], []
            base = first + dt.timedelta(days=d)
            for p in range(per_day):
                t = base + dt.timedelta(seconds=p * 9 * 3600 // per_day)
                steps = [("printed", "1002"), ("scan", "1004"), ("scan", "1004"), ("scan", "1004")]
                steps += [("verified", "1004"), ("weighed", "1006"), ("handed_over", "1006")]
                if p % 50 == 0:
                    steps.append(("held", "1003"))
                for k, (kind, op) in enumerate(steps):
                    seq += 1
                    events.append(
                        {
                            "id": seq,
                            "seq": seq,
                            "uid": str(uuid.UUID(int=seq)),
                            "at": (t + dt.timedelta(minutes=7 * k)).astimezone(dt.UTC),
                            "kind": kind,
                            "order_id": 1 if kind == "handed_over" else None,
                            "station": "bench",
                            "operator": op,
                            "detail": {"reason": "shortage"} if kind == "held" else {},
                            "prev_hash": "",
                            "hash": "",
                        }
                    )
                    if kind == "printed":
                        jobs.append({"event_id": seq, "document": "waybill"})
                    elif kind == "weighed":
                        weighings.append(
                            {
                                "event_id": seq,
                                "order_id": 1,
                                "waybill_no": f"WB{seq}",
                                "grams": 500,
                                "expected_grams": 500,
                                "tolerance_grams": 50,
                                "verdict": "ok",
                            }
                        )
            conn.execute(Event.__table__.insert(), events)
            conn.execute(PrintJob.__table__.insert(), jobs)
            conn.execute(Weighing.__table__.insert(), weighings)
    return seq


def bench(days: int, per_day: int, repeat: int) -> dict:
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from app.services.dashboard import day_summary
    from app.services.demo import make_demo_data

    folder = Path(tempfile.mkdtemp(prefix="pp-bench-dash-"))
    db = open_database(f"sqlite:///{folder / 'bench.db'}")
    upgrade(db)
    make_demo_data(db, 1, seed=1)  # operators, and order 1 for the weighings
    t0 = time.perf_counter()
    events = _fill(db, days, per_day)
    fill_s = time.perf_counter() - t0
    times = []
    summary = None
    for _ in range(repeat):
        t = time.perf_counter()
        summary = day_summary(db)
        times.append((time.perf_counter() - t) * 1000)
    db.dispose()
    assert summary is not None
    return {
        "events": events,
        "days": days,
        "parcels_today": per_day,
        "fill_s": round(fill_s, 1),
        "summary_ms_median": round(statistics.median(times), 1),
        "summary_ms_max": round(max(times), 1),
        "today_totals": summary.totals,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--per-day", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    print(json.dumps(bench(a.days, a.per_day, a.repeat), ensure_ascii=False))


if __name__ == "__main__":
    main()
