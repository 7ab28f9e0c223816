"""The station-flow benchmarks drive the real services and leave the evidence intact.

No time is asserted: only that the figures are there and that the orders went through.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.bench.flows import bench_scan_verdict, bench_weigh_commit
from app.bench.suite import growth
from app.db.chain import verify_chain
from app.db.models import Order, Weighing


def test_scan_and_weigh_benches_verify_and_weigh_real_orders(demo_db):
    scan = bench_scan_verdict(demo_db, 12)
    assert scan["scan_verdict_scans"] >= 12
    assert {"scan_verdict_p50_ms", "scan_verdict_p99_ms", "scan_open_p99_ms"} <= scan.keys()
    weigh = bench_weigh_commit(demo_db, 10)
    assert weigh["weigh_commit_parcels"] == 10 and weigh["weigh_commit_held"] == 1
    assert {"weigh_commit_p50_ms", "weigh_commit_p99_ms"} <= weigh.keys()
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Weighing)) == 10
        weighed = s.scalar(select(func.count()).where(Order.status == "weighed"))
        assert weighed == 9
        assert verify_chain(s).intact


def test_growth_names_the_small_figures_and_their_ratio():
    out = growth({"x_p99_ms": 4.0, "n": 1}, {"x_p99_ms": 2.0, "n": 2})
    assert out == {"x_p99_ms_100k": 2.0, "n_100k": 2, "x_growth": 2.0}
