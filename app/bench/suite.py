"""`parcelproof bench`: the figures the floor's physical limits ask for.

The datasets come from `app.bench.datasets` (built on first use and cached; ``--quick`` uses
smaller ones): a SQLite database with 1,000,000 orders with their lines, and for the weighed part
of them a weighing each with its event. Every figure is measured here, in this process (the
station flows in `app.bench.flows`; cold start, memory and scan-to-paint in a child process),
with the statistics of `benchstats`, and printed; nothing is asserted.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

from app import heap
from app.bench.datasets import Progress, say, taobao_files
from app.bench.engines import Place, SqlitePlace, bench_place
from app.db.engine import Database
from app.db.models import Order
from benchstats import summary, timed

# --- the figures ---------------------------------------------------------------------------------


def import_rate(n: int, again: bool = False, place: Place | None = None) -> dict:
    """Taobao orders imported per second into a fresh database (of ``place``'s engine;
    SQLite by default); with ``again``, also the time to import the same files a second
    time (``reimport_seconds``: every order already there)."""
    from app.services.demo import make_demo_data
    from app.services.importing import import_orders

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        o, d = taobao_files(folder, n)
        db = (place or SqlitePlace()).fresh_db(folder)
        make_demo_data(db, 0)
        t = time.perf_counter()
        res = import_orders(db, o, lines_path=d)
        took = time.perf_counter() - t
        if again:
            t = time.perf_counter()
            second = import_orders(db, o, lines_path=d)
            took_again = time.perf_counter() - t
        db.dispose()
    if res.imported != n or res.errors or (again and second.imported):
        raise RuntimeError(f"import benchmark went wrong: {res.as_json()}")
    out = {
        "import_orders": n,
        "import_seconds": round(took, 2),
        "import_orders_per_s": round(n / took),
    }
    if again:
        out["reimport_seconds"] = round(took_again, 2)
    return out


def phone_tail_lookup(db: Database, reps: int) -> dict:
    from app.services.orders import find_order_ids

    rng = random.Random(3)
    tails = [f"{rng.randrange(10000):04d}" for _ in range(reps)]
    it = iter(tails)
    found: list[int] = []

    def one() -> None:
        with db.read() as s:
            found.append(len(find_order_ids(s, next(it))))

    ms = timed(one, reps)
    # a tail matches one order in 10,000: ten times the orders, ten times the matches to
    # return (the lookup stops at 200, newest first), so this figure grows with the answer
    return {
        **summary("phone_tail_lookup", ms),
        "phone_tail_matches_mean": round(statistics.mean(found), 1),
    }


def browser_search(db: Database, reps: int) -> dict:
    from app.services.orders import OrderFilter, count_orders, search_orders

    rng = random.Random(4)
    with db.read() as s:
        n = s.scalar(select(func.max(Order.id))) or 1
        sample = list(
            s.execute(
                select(Order.order_no, Order.receiver_name, Order.phone_tail).where(
                    Order.id.in_([rng.randrange(1, n) for _ in range(reps)])
                )
            )
        )
    keys = [r[k % 3] for k, r in enumerate(sample)] or ["x"]
    it = iter(keys * (reps // len(keys) + 1))

    def one() -> None:
        f = OrderFilter(text=next(it))
        with db.read() as s:
            search_orders(s, f, limit=200)
            count_orders(s, f)

    ms = timed(one, reps)
    return {
        "browser_searches_per_s": round(1000 * len(ms) / sum(ms), 1),
        **summary("browser_search", ms),
    }


def dispute_lookup(db: Database, reps: int) -> dict:
    from app.services.dispute import dispute_check

    rng = random.Random(6)
    with db.read() as s:
        n = s.scalar(select(func.max(Order.id))) or 1
        wbs = list(
            s.scalars(
                select(Order.waybill_no).where(
                    Order.id.in_([rng.randrange(1, n) for _ in range(reps * 3)]),
                    Order.waybill_no.is_not(None),
                )
            )
        )
    if not wbs:
        return {}
    it = iter(wbs * (reps // len(wbs) + 1))
    heap.settle()  # as a station does once it is up (app.heap)
    return summary("dispute_lookup", timed(lambda: dispute_check(db, next(it)), reps))


def roundtrip(db: Database, reps: int) -> dict:
    """An empty write transaction (``SELECT 1``, committed): the least any station flow's
    transaction costs on this engine, on this machine, at this moment. The floor under the
    flow figures: when a busy machine makes this p99 high, theirs cannot be lower."""

    def one() -> None:
        with db.write() as s:
            s.execute(text("SELECT 1"))

    return summary("db_roundtrip", timed(one, reps))


def cold_start(db_url: str, reps: int = 3) -> dict:
    """Process start → first station window shown (offscreen), in a child process each time."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_REPORT_START="1",
    )
    ms = []
    for _ in range(reps):
        t = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "--db",
                db_url,
                "--operator",
                "1004",
                "--station",
                "orders",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        wall = (time.perf_counter() - t) * 1000
        shown = next((line for line in proc.stdout.splitlines() if line.startswith("{")), None)
        ms.append(json.loads(shown)["shown_ms"] if shown else wall)
    return {"cold_start_ms": round(min(ms), 1), "cold_start_worst_ms": round(max(ms), 1)}


def station_rss(db_url: str) -> dict:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_REPORT_START="1",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--db", db_url, "--operator", "1004", "--station", "orders"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    shown = next((line for line in proc.stdout.splitlines() if line.startswith("{")), None)
    return {"station_rss_mb": json.loads(shown)["rss_mb"] if shown else None}


def _xvfb() -> tuple[subprocess.Popen, str] | None:
    """A private Xvfb server and its display, when Xvfb is installed."""
    import shutil

    exe = shutil.which("Xvfb")
    if not exe:
        return None
    r, w = os.pipe()
    proc = subprocess.Popen(
        [exe, "-displayfd", str(w), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(w,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(w)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        proc.wait()
        return None
    return proc, f":{number}"


def scan_to_paint(db_url: str, scans: int) -> dict:
    """Key Enter in the verify station's scan field → verdict painted (app/ui/shell/bench_paint.py),
    in a child process on a private Xvfb display (offscreen when Xvfb is missing)."""
    env = dict(os.environ)
    server = _xvfb()
    if server is not None:
        env.update(DISPLAY=server[1], QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "app.ui.shell.bench_paint",
                "--db",
                db_url,
                "--scans",
                str(scans),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        if server is not None:
            server[0].terminate()
            server[0].wait()
    line = next((x for x in proc.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"scan_to_paint_error": tail}
    return json.loads(line)


def db_figures(db: Database, reps: int, progress: Progress = say) -> dict:
    """The figures that depend on the database: lookups, scan → verdict, weigh → commit."""
    out: dict = {}
    with db.read() as s:
        out["orders_in_db"] = s.scalar(select(func.count()).select_from(Order))
    progress(f"lookups ({out['orders_in_db']:,} orders)")
    out.update(phone_tail_lookup(db, reps))
    out.update(browser_search(db, reps // 2))
    out.update(dispute_lookup(db, reps))
    for name, fn in _extra_benches():
        progress(name)
        try:
            out.update(fn(db, reps))
        except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the rest
            out[f"{name}_error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return out


def growth(big: dict, small: dict, suffix: str = "_100k") -> dict:
    """``small`` under suffixed keys, and for each p99 figure ``<name>_growth``: the figure at
    the big database over the one at the small database (1.0: it does not grow)."""
    out = {f"{k}{suffix}": v for k, v in small.items()}
    for k, v in big.items():
        w = small.get(k)
        if k.endswith("_p99_ms") and isinstance(v, int | float) and isinstance(w, int | float):
            out[k.removesuffix("_p99_ms") + "_growth"] = round(v / w, 2) if w else None
    return out


def run(
    quick: bool = False,
    progress: Progress = say,
    engine: str = "sqlite",
    db_url: str | None = None,
) -> dict:
    """All figures, on ``engine`` (``engine`` says which; see `app.bench.engines`; ``db_url``
    may name the PostgreSQL server). Full run: the DB-bound ones at 1,000,000 orders, and
    again at 100,000 (keys suffixed ``_100k``, with ``*_growth`` ratios); ``quick``: 100,000
    orders only."""
    with bench_place(engine, db_url, progress) as place:
        return {"engine": place.name, **_run(place, quick, progress)}


def _run(place: Place, quick: bool, progress: Progress) -> dict:
    from devices.bench import frames_per_second
    from devices.scales import protocol_names
    from printing.bench import ms_per_label

    n = 100_000 if quick else 1_000_000
    reps = 100 if quick else 500
    db = place.big_db(n, progress)
    out = db_figures(db, reps, progress)
    out.update(roundtrip(db, reps))
    if not quick:
        small = place.big_db(100_000, progress)
        small_figures = db_figures(small, reps, progress)
        small_figures.update(station_rss(small.url))
        small.dispose()
    progress("scan to paint (GUI)")
    out.update(scan_to_paint(db.url, 30 if quick else 300))
    progress("labels")
    out["label_ms_per_label"] = round(ms_per_label(100, "100x180"), 2)
    progress("scale frames")
    fps = {p: frames_per_second(p, 20_000 if quick else 50_000) for p in protocol_names()}
    slowest = min(fps, key=lambda p: fps[p])
    out["scale_frames_per_s"] = round(fps[slowest])
    out["scale_slowest_protocol"] = slowest
    progress("import")
    out.update(import_rate(10_000 if quick else 100_000, place=place))
    progress("packing video")
    try:
        from app.bench.video import video_figures

        out.update(video_figures(progress=progress))
    except Exception as exc:  # noqa: BLE001 - no camera stack here: say why, go on
        out["video_cpu_core_share_error"] = f"{type(exc).__name__}: {exc}"
    progress("cold start and memory")
    out.update(cold_start(db.url))
    out.update(station_rss(db.url))
    if not quick:
        out.update(growth(out, small_figures))
    db.dispose()
    out.update(chain_benches(quick, progress, place))
    return out


# --- the evidence chain: verify-log at scale, a floor of writers (app/bench/chain.py, floor.py) --


def chain_benches(quick: bool, progress: Progress = say, place: Place | None = None) -> dict:
    """``verify_log_*`` on a chain of 10,000,000 events (``quick``: 1,000,000) and the floor
    benchmark (``floor_events_per_s``, ``chain_lock_hold_p99_ms``) with 16 writers, on
    ``place``'s engine: on PostgreSQL both in databases of their own on its server (the chain
    loaded by COPY); on SQLite the chain in the cached SQLite file and the floor, a
    PostgreSQL figure, on a server of its own."""
    from app.bench.chain import chain_figures
    from app.bench.floor import floor_figures

    place = place or SqlitePlace()
    n = 1_000_000 if quick else 10_000_000
    out: dict = {}
    for name, fn in (
        ("verify_log", lambda url: chain_figures(url, n, progress)),
        ("floor", lambda url: floor_figures(url, seconds=5 if quick else 10, progress=progress)),
    ):
        try:
            with place.scratch(name) as url:
                out.update(fn(url))
        except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the rest
            out[f"{name}_error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return out


def _extra_benches() -> list[tuple[str, Callable[[Database, int], dict]]]:
    """The station-flow figures (app/bench/flows.py): scan → verdict, weigh → commit."""
    from app.bench.flows import bench_scan_verdict, bench_weigh_commit
    from app.bench.video_scan import bench_scan_verdict_with_video

    return [
        ("bench_scan_verdict", bench_scan_verdict),
        ("bench_weigh_commit", bench_weigh_commit),
        ("bench_scan_verdict_with_video", bench_scan_verdict_with_video),
    ]
