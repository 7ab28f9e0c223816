"""Packing-video figures: what the capture costs and how soon a clip is on the chain.

- ``video_cpu_core_share``: the capture process (camera read, overlay, H.264 encode) at
  1280x720 and 15 fps, in CPU seconds per wall second: the share of one core (target ≤ 0.35).
  The camera is FFmpeg's ``test:`` source, whose drawing stands in for a real camera's MJPEG
  decoding.
- ``clip_ready_ms``: from a parcel's completion to its clip cut, hashed and on the chain
  (worst of the parcels; target ≤ 2,000 plus the tail, ``clip_ready_tail_ms``).

Both come from one run of a real `StationRecorder` on a scratch SQLite floor.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

from app.bench.datasets import Progress, say
from app.db.engine import open_database
from app.db.migrate import upgrade
from app.services.video import RecordedClip, StationRecorder


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a live process (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def video_figures(parcels: int = 3, parcel_s: float = 3.0, progress: Progress = say) -> dict:
    """Record ``parcels`` parcels of ``parcel_s`` seconds at 1280x720, 15 fps."""
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="pp-bench-video-") as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'video.db'}")
        upgrade(db)
        ready: list[float] = []
        got = threading.Event()

        def on_clip(_clip: RecordedClip) -> None:
            ready.append(time.time())
            got.set()

        rec = StationRecorder(
            db,
            "test:",
            station="bench",
            width=1280,
            height=720,
            fps=15,
            folder=Path(tmp) / "clips",
            segment_folder=Path(tmp) / "segments",
            on_clip=on_clip,
        )
        rec.start()
        try:
            end = time.monotonic() + 30
            while time.monotonic() < end and rec.status().camera.frames < 15:
                time.sleep(0.1)
            pid = rec.camera.pid
            cpu0, wall0 = (_cpu_seconds(pid) if pid else None), time.monotonic()
            waits = []
            for i in range(parcels):
                progress(f"packing video: parcel {i + 1} of {parcels}")
                got.clear()
                rec.scan_started(f"BENCH{i:08d}", order_no=f"B-{i}", operator="bench")
                time.sleep(parcel_s)
                done = time.time()
                rec.parcel_completed(f"BENCH{i:08d}", at=done)
                if got.wait(rec.rules.tail_s + 15):
                    waits.append((ready[-1] - done) * 1000)
            cpu1, wall1 = (_cpu_seconds(pid) if pid else None), time.monotonic()
            status = rec.status().camera
        finally:
            rec.stop()
            db.dispose()
        if cpu0 is not None and cpu1 is not None and status.restarts == 0:
            out["video_cpu_core_share"] = round((cpu1 - cpu0) / (wall1 - wall0), 3)
        out["video_fps"] = status.fps
        out["video_encoder"] = status.encoder
        out["clip_ready_ms"] = round(max(waits)) if waits else None
        out["clip_ready_tail_ms"] = round(rec.rules.tail_s * 1000)
    return out


if __name__ == "__main__":  # python -m app.bench.video
    import json

    print(json.dumps(video_figures(), indent=2))
