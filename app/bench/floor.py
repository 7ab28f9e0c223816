"""The floor benchmark: many stations writing evidence at once against one PostgreSQL server.

``floor_writers`` writer processes (default 16), each with its own connection, do the service
calls of the verify, weigh and handover stations one after another with no think time: a
parcel is opened and each unit scanned (`scanning.open_order` / `scan_item`), weighed
(`weighing.start_weighing` / `record_weighing`) and put on a cart for its carrier
(`handover.scan_parcel`); a cart of 25 parcels is handed over (`handover.close_cart`). The
parcels are printed orders made beforehand; each writer has its own, so the figure is the
evidence chain's and the server's, not the claims'. Each writer does one parcel before the
clock starts (its warm-up, not counted), as a station on a floor has long been running.

Figures:

* ``floor_events_per_s`` — evidence events committed per second by all writers together
  (the chain head's sequence number before and after, over the time the writers ran);
* ``chain_lock_hold_p99_ms`` — how long a transaction holds the chain head, from taking its
  lock to the end of its commit (`app.db.chain.observe_chain_holds`), p99 over every
  transaction of the run (also p50 and max). A transaction sealed at its commit on
  PostgreSQL sends `parcelproof_seal` and the COMMIT in one round trip: its hold is the
  server's own measure, from the lock to the end of the sealing statement (the COMMIT that
  follows on the server, its WAL flush, is not in it). A
  transaction that takes the head earlier (`seal_now`) is measured here, from the lock to the
  end of its commit.

Without a database URL the benchmark starts its own PostgreSQL in a temp dir (the server's
durable defaults, fsync and synchronous_commit on, as a floor must run; 200 connections) and
removes it afterwards.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.bench.datasets import Progress, say
from benchstats import summary

VERIFIER = "1004"
WEIGHER = "1006"
CART_SIZE = 25
COURIER = "张师傅"


# --- a PostgreSQL server of its own ----------------------------------------------------------


def _bindir() -> Path:
    import glob

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    which = shutil.which("pg_ctl")
    if which:
        return Path(which).parent
    raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")


@contextmanager
def temp_postgres() -> Iterator[str]:
    """A PostgreSQL server in a temp dir for the length of the block; yields its URL."""
    bindir = _bindir()
    tmp = Path(tempfile.mkdtemp(prefix="pp-bench-pg-"))
    as_root = os.geteuid() == 0

    def cmd(*argv: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if as_root else list(argv)

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    if as_root:
        shutil.chown(tmp, "postgres", "postgres")
    data = tmp / "data"
    subprocess.run(
        cmd(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust")
        + ["-E", "UTF8", "--no-locale"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = open(tmp / "server.log", "a")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        cmd(str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-h", "127.0.0.1")
        + ["-k", str(tmp), "-c", "max_connections=200"],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            ready = subprocess.run(
                [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                stdout=subprocess.DEVNULL,
            )
            if ready.returncode == 0:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not start: " + (tmp / "server.log").read_text())
            time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(15)
        pid_file = data / "postmaster.pid"
        deadline = time.monotonic() + 30
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


# --- the parcels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FloorParcel:
    waybill_no: str
    order_id: int
    carrier: str
    units: tuple[str, ...]


def prepare_parcels(db_url: str, n: int, progress: Progress = say) -> list[FloorParcel]:
    """``n`` printed orders (demo orders added, given waybills and printed as the print station
    does) with the barcode of each unit and the carrier's code."""
    from sqlalchemy import select

    from app.bench.flows import prepare_printed
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from app.db.models import Carrier, Order
    from app.services.demo import make_demo_data

    db = open_database(db_url)
    try:
        upgrade(db)
        progress(f"floor: {n:,} printed parcels")
        with db.read() as s:
            paid = s.scalar(select(Order.id).limit(1))
        if paid is None:
            make_demo_data(db, n * 2)
        printed = prepare_printed(db, n)
        with db.read() as s:
            carrier_of = dict(
                s.execute(
                    select(Order.id, Carrier.code)
                    .join(Carrier, Carrier.id == Order.carrier_id)
                    .where(Order.id.in_([p.order_id for p in printed]))
                ).all()
            )
        return [
            FloorParcel(p.waybill_no, p.order_id, carrier_of[p.order_id], p.units)
            for p in printed
            if p.order_id in carrier_of
        ]
    finally:
        db.dispose()


# --- one writer (a process of its own) ---------------------------------------------------------


@dataclass(frozen=True)
class _Clock:
    """The start the writers wait for: set once every writer has warmed up."""

    go: Any  # multiprocessing Event
    start: Any  # multiprocessing Value('d'): the wall-clock start
    seconds: float


def _writer(
    db_url: str,
    index: int,
    parcels: list[FloorParcel],
    clock: _Clock,
    out: mp.Queue,
) -> None:
    """Verify, weigh and hand over ``parcels`` from the start until ``clock.seconds`` after it;
    puts (index, parcels done, calls, hold times in ms, errors, ended at) on ``out``.

    The first parcel is the writer's warm-up, done before the start and not counted: a
    station that has worked for a while has its statements compiled and prepared and its
    server process's caches filled; a process that has just started pays for that on its
    first parcel (about 150 ms of CPU here), which over a 10-second run of 16 fresh processes
    would be about a tenth of the machine."""
    from app.db.chain import observe_chain_holds
    from app.db.engine import open_database
    from app.services import handover, scanning, weighing
    from app.services.errors import ServiceError

    holds: list[float] = []
    observe_chain_holds(holds.append)
    db = open_database(db_url)
    station = f"floor-{index:02d}"
    carts: dict[str, handover.Cart] = {}
    done = calls = 0
    errors: list[str] = []

    def close(cart: handover.Cart) -> None:
        nonlocal calls
        handover.close_cart(db, cart, COURIER, operator=WEIGHER, station=station)
        calls += 1

    stop_at = float("inf")
    for n, p in enumerate(parcels):
        if n == 1:  # warmed up: wait for the others and the start
            holds.clear()
            done = calls = 0
            errors.clear()
            out.put(None)
            clock.go.wait()
            stop_at = clock.start.value + clock.seconds
        if time.time() >= stop_at:
            break
        try:
            scanning.open_order(db, p.waybill_no, station=station, operator=VERIFIER)
            calls += 1
            for code in p.units:
                scanning.scan_item(db, p.order_id, code, station=station, operator=VERIFIER)
                calls += 1
            ctx = weighing.start_weighing(db, p.waybill_no, operator=WEIGHER, station=station)
            weighing.record_weighing(db, p.waybill_no, ctx.expected_grams, 1, WEIGHER, station)
            calls += 2
            cart = carts.get(p.carrier)
            if cart is None:
                cart = carts[p.carrier] = handover.open_cart(
                    db, p.carrier, operator=WEIGHER, station=station
                )
                calls += 1
            handover.scan_parcel(db, cart, p.waybill_no, operator=WEIGHER, station=station)
            calls += 1
            if len(cart.parcels) >= CART_SIZE:
                close(carts.pop(p.carrier))
            done += 1
        except ServiceError as exc:
            errors.append(exc.code)
    ended = time.time()
    observe_chain_holds(None)
    db.dispose()
    out.put((index, done, calls, holds, errors, ended))


# --- the figure -----------------------------------------------------------------------------


def _head_seq(db_url: str) -> int:
    from sqlalchemy import select

    from app.db.engine import open_database
    from app.db.models import ChainHead

    db = open_database(db_url)
    try:
        with db.read() as s:
            return s.scalar(select(ChainHead.seq).where(ChainHead.id == 1)) or 0
    finally:
        db.dispose()


def floor_figures(
    db_url: str | None = None,
    *,
    writers: int = 16,
    seconds: float = 10.0,
    progress: Progress = say,
) -> dict:
    """``floor_events_per_s`` and ``chain_lock_hold_p99_ms`` with ``writers`` writers for
    ``seconds`` against ``db_url`` (a PostgreSQL database; default: a server of its own)."""
    if db_url is None:
        with temp_postgres() as url:
            return floor_figures(url, writers=writers, seconds=seconds, progress=progress)
    # enough parcels for about 140 events/s per writer (about 7 events a parcel), twice what
    # one does among 16 here: the scheduler favours some; a writer that runs out stops
    # (``floor_ran_out``), the rate is over the time they all ran
    per_writer = max(20, int(seconds * 20)) + 1  # the first is the warm-up
    parcels = prepare_parcels(db_url, writers * per_writer, progress)
    progress(f"floor: {writers} writers for {seconds:g} s")
    ctx = mp.get_context("fork")
    out: mp.Queue = ctx.Queue()
    clock = _Clock(ctx.Event(), ctx.Value("d", 0.0), seconds)
    procs = [
        ctx.Process(target=_writer, args=(db_url, i, parcels[i::writers], clock, out), daemon=True)
        for i in range(writers)
    ]
    for p in procs:
        p.start()
    for _ in procs:  # every writer warmed up (and so connected)
        if out.get(timeout=300) is not None:
            raise RuntimeError("a floor writer ended before its warm-up")
    before = _head_seq(db_url)
    start_at = clock.start.value = time.time()
    clock.go.set()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(30)
    after = _head_seq(db_url)
    ended = max(r[5] for r in results)
    holds = [h for r in results for h in r[3]]
    errors = [e for r in results for e in r[4]]
    took = max(ended - start_at, 1e-9)
    stats = summary("chain_lock_hold", holds)
    return {
        "floor_writers": writers,
        "floor_seconds": round(took, 1),
        "floor_events": after - before,
        "floor_events_per_s": round((after - before) / took),
        "floor_parcels": sum(r[1] for r in results),
        "floor_calls_per_s": round(sum(r[2] for r in results) / took),
        "floor_refusals": len(errors),
        "floor_ran_out": sum(r[1] == len(parcels[r[0] :: writers]) - 1 for r in results),
        **stats,
        "chain_lock_hold_max_ms": round(max(holds), 3) if holds else None,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m app.bench.floor [--writers N] [--seconds S] [--db URL]``: the floor
    figures alone, as JSON."""
    import argparse
    import json

    p = argparse.ArgumentParser(prog="python -m app.bench.floor")
    p.add_argument("--writers", type=int, default=16)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--db", help="a PostgreSQL database URL (default: a server of its own)")
    a = p.parse_args(argv)
    figures = floor_figures(a.db, writers=a.writers, seconds=a.seconds)
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
