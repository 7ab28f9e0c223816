"""``scan_verdict_p99_ms_with_video``: the verify station's scan → verdict while it records
packing video (issue #22; target ≤ 5 ms, the same as without video).

The flow is `app.bench.flows`' verify flow (waybill scan, one wrong item, every unit) on the
benchmark database, with a `StationRecorder` on the built-in ``test:`` camera at 1280x720,
15 fps recording all along (its capture process reads, burns the overlay and encodes on this
machine's cores meanwhile), and the recorder called as the verify desk calls it: the clip
starts at each waybill scan and the parcel completes when it is verified. Each scan is timed
from the call until its verdict is committed, the recorder's call included.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from app import heap
from app.bench.flows import STATION_VERIFY, VERIFIER, _foreign_code, prepare_printed
from app.db.engine import Database
from benchstats import percentile, summary

WIDTH, HEIGHT, FPS = 1280, 720, 15


def bench_scan_verdict_with_video(db: Database, reps: int) -> dict:
    """About ``reps`` item scans at a verify station recording packing video."""
    from app.services import scanning as sc
    from app.services.video import StationRecorder

    parcels = prepare_printed(db, max(5, reps // 2))
    st = {"station": STATION_VERIFY, "operator": VERIFIER}
    with tempfile.TemporaryDirectory(prefix="parcelproof-bench-video-") as tmp:
        rec = StationRecorder(
            db,
            "test:",
            station=STATION_VERIFY,
            width=WIDTH,
            height=HEIGHT,
            fps=FPS,
            folder=Path(tmp) / "clips",
            segment_folder=Path(tmp) / "segments",
            retention_every_s=1e9,  # never: the bench database's other clips are not ours
        )
        rec.start()
        try:
            end = time.monotonic() + 30
            while rec.status().camera.state != "recording" and time.monotonic() < end:
                time.sleep(0.1)
            if rec.status().camera.state != "recording":
                raise RuntimeError(f"the test camera did not record: {rec.status().camera}")
            heap.settle()
            times: list[float] = []
            used = 0
            for p in parcels:
                if len(times) >= reps:
                    break
                used += 1
                t = time.perf_counter()
                view = sc.open_order(db, p.waybill_no, step="verify", **st)
                rec.scan_started(p.waybill_no, order_no=view.order_no, order_id=p.order_id)
                times.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                sc.scan_item(db, p.order_id, _foreign_code(db, p), **st)
                times.append((time.perf_counter() - t) * 1000)
                for code in p.units:
                    t = time.perf_counter()
                    r = sc.scan_item(db, p.order_id, code, **st)
                    if r.verdict == "order_complete":
                        rec.parcel_completed(p.waybill_no)
                    times.append((time.perf_counter() - t) * 1000)
        finally:
            rec.stop()
        clips = rec.status().clips
        frames = rec.camera.status().frames
    out: dict = {
        "scan_verdict_p99_ms_with_video": round(percentile(times, 99), 3) if times else None,
        "scan_verdict_with_video_scans": len(times),
        "scan_verdict_with_video_parcels": used,
        "scan_verdict_with_video_clips": clips,
        "scan_verdict_with_video_frames": frames,
    }
    p50 = summary("scan_verdict_with_video", times)
    out["scan_verdict_p50_ms_with_video"] = p50.get("scan_verdict_with_video_p50_ms")
    return out
