"""The scan-to-paint benchmark drives the real verify station (no time asserted)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.db.models import Order
from app.ui.shell.bench_paint import run


def test_scan_to_paint_scans_orders_through_the_station(qapp, demo_db):
    out = run(demo_db.url, 6)
    assert out["scan_to_paint_scans"] >= 6
    assert out["scan_to_paint_p99_ms"] >= out["scan_to_paint_p50_ms"] > 0
    with demo_db.read() as s:  # the first parcel was verified through the station
        assert s.scalar(select(func.count()).where(Order.status == "verified")) >= 1
