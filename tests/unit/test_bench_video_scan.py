"""``scan_verdict_p99_ms_with_video``: the verify flow timed while a test camera records at
1280x720, 15 fps; the parcels get their clips on the chain. No time is asserted."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.bench.video_scan import bench_scan_verdict_with_video
from app.db.chain import verify_chain
from app.db.models import Order, VideoClip

pytestmark = pytest.mark.timeout(180)


def test_the_scan_bench_with_video_verifies_real_orders_while_recording(demo_db):
    out = bench_scan_verdict_with_video(demo_db, 12)
    assert out["scan_verdict_with_video_scans"] >= 12
    assert out["scan_verdict_p99_ms_with_video"] > 0 and out["scan_verdict_with_video_frames"] > 0
    with demo_db.read() as s:
        verified = s.scalar(select(func.count()).where(Order.status == "verified"))
        clips = s.scalar(select(func.count()).select_from(VideoClip))
        # every parcel verified has its clip (the last one closed when the recorder stopped)
        assert verified == clips == out["scan_verdict_with_video_parcels"] >= 2
        assert verify_chain(s).intact
