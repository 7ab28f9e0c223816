"""Weighing benchmarks (prints JSON, asserts nothing).

* ``commit_ms_p50`` / ``commit_ms_p99`` — `record_weighing` (verdict, stub allocation, event
  chain, commit) on a SQLite database holding many orders;
* ``capture_delay_ms_p50`` / ``..._max`` — from the moment the simulated scale settles (its
  motion ends) to the capture by our stability check + gate, over a real pty.

    python -m tests.bench.bench_weigh [--orders N] [--weighings N] [--captures N]
"""

from __future__ import annotations

import argparse
import json
import queue
import statistics
import tempfile
import time
from pathlib import Path

from benchstats import percentile


def bench_commit(orders: int, weighings: int) -> dict:
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from app.services.weighing import record_weighing
    from tests.floor import add_many

    folder = Path(tempfile.mkdtemp(prefix="pp-bench-weigh-"))
    db = open_database(f"sqlite:///{folder / 'bench.db'}")
    upgrade(db)
    wbs: list[str] = []
    for i in range(0, orders, 20_000):
        wbs += add_many(db, min(20_000, orders - i), prefix=f"B{i // 20_000:02d}")
    step = max(1, len(wbs) // weighings)
    times = []
    for k, wb in enumerate(wbs[::step][:weighings]):
        grams = 550 if k % 10 else 140  # one in ten is held and explained
        t0 = time.perf_counter()
        record_weighing(db, wb, grams, 1, "1006", "bench")
        times.append((time.perf_counter() - t0) * 1000)
    db.dispose()
    return {
        "orders": orders,
        "weighings": len(times),
        "commit_ms_p50": round(percentile(times, 50), 2),
        "commit_ms_p99": round(percentile(times, 99), 2),
    }


def bench_capture(captures: int) -> dict:
    from app.domain.weighing import (
        STABLE_BAND_DIVISIONS,
        STABLE_READINGS,
        STABLE_SECONDS,
        CaptureGate,
    )
    from devices.scales.reader import ScaleReader
    from devices.scales.stability import StabilityChecker
    from devices.simulate import SimulatedScale

    settle = 0.4
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=settle, noise_grams=1, seed=9)
    gate = CaptureGate()
    got: queue.Queue[float] = queue.Queue()

    def on_reading(r, st) -> None:  # reader thread
        if gate.feed(r.grams, st.stable, r.overload):
            got.put(time.monotonic())

    reader = ScaleReader(
        sim.port,
        "stgs",
        on_reading=on_reading,
        retry_interval=0.1,
        stability=StabilityChecker(STABLE_READINGS, STABLE_SECONDS, STABLE_BAND_DIVISIONS),
    )
    delays = []
    try:
        reader.start()
        while gate.needs_zero:
            time.sleep(0.01)
        for i in range(captures):
            gate.arm(f"WB{i}")
            placed = time.monotonic()
            sim.place(800 + 37 * i)
            captured = got.get(timeout=10)
            delays.append((captured - (placed + settle)) * 1000)
            sim.remove()
            while not gate.needs_zero:
                time.sleep(0.005)
            while gate.needs_zero:
                time.sleep(0.01)
    finally:
        reader.stop()
        sim.close()
    return {
        "captures": len(delays),
        "scale_rate_hz": 25,
        "capture_delay_ms_p50": round(statistics.median(delays), 1),
        "capture_delay_ms_max": round(max(delays), 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--weighings", type=int, default=300)
    ap.add_argument("--captures", type=int, default=8)
    args = ap.parse_args()
    out = bench_commit(args.orders, args.weighings)
    out.update(bench_capture(args.captures))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
