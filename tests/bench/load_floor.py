"""A floor of stations against one PostgreSQL server: the load test (no lost or doubled event).

    python -m tests.bench.load_floor --stations 20 --orders-per-hour 10000 --minutes 5 --json

Starts its own PostgreSQL (``tests/pgserver.py``) unless ``--db URL`` names a server database,
loads demo data as the database's owner, gives the stations' role its grants (``db
grant-station``), then runs the stations, signed in as that role, as separate OS processes (``python -m
tests.bench.load_floor station …``). Each station does its part of a day's flow through the
same service functions the desktop stations call:

* print operators allocate and print batches (waybills, slips, pick list as PDF files);
* verifiers take printed orders from one shared queue (several verifiers race for the same
  orders: the claim "being verified at station N" decides) and scan each unit;
* packers open verified orders (claimed too) and confirm the carton;
* weighers record a stable weight, now and then a light one (a weight hold);
* handover clerks load weighed parcels on a cart for one carrier and hand the cart over.

Arrivals are paced: the orders are loaded unpaid and a feeder in the coordinator marks them
paid at the target rate (the ERP sync of the field). Every step a station saw committed is
written, after the commit, to the station's JSONL file with a client-side id (``cid``); errors
(a lost connection, a deadlock) are written too, with the retry that followed. At the end
`check_floor` compares what the stations reported with the database: no duplicate waybill
number, every reported step in the database exactly once, no order in an impossible state, the
evidence chain intact. The report (JSON) gives orders per hour, p50/p99 per step in ms, events
lost, duplicates and errors.

Outage phase (for the offline outbox, built elsewhere): ``run_load(outage=(at_s, for_s))``
stops the PostgreSQL server ``at_s`` seconds into the run and starts it again ``for_s`` seconds
later (only when the harness started the server itself). Stations survive it: every service
call that fails on the connection is logged as ``db_unreachable`` and retried after a pause;
the steps are written so that a retry first looks at what the database already holds (a commit
whose answer was lost is not done twice).

This module is also the station program of the kill -9 tests (``tests/e2e/test_kill_steps.py``):
``station --log -`` writes the done lines to stdout, flushed after each commit.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("print", "verify", "pack", "weigh", "handover")
#: stations per role on a floor of 20 (verification is the busiest step: one scan per unit)
MIX_20 = {"print": 2, "verify": 7, "pack": 4, "weigh": 4, "handover": 3}
OPERATORS = {"print": "1002", "verify": "1004", "pack": "1005", "weigh": "1006", "handover": "1006"}
#: one weighing in this many is light (a weight hold)
LIGHT_EVERY = 20
CART_SIZE = 25
COURIER = "张师傅"


# --- the floor: database set-up ---------------------------------------------------------------


def station_mix(stations: int) -> dict[str, int]:
    """Stations per role for a floor of ``stations`` (at least one of each)."""
    if stations < len(ROLES):
        raise ValueError(f"at least {len(ROLES)} stations (one per role)")
    mix = {r: max(1, round(MIX_20[r] * stations / 20)) for r in ROLES}
    while sum(mix.values()) > stations:
        mix[max(mix, key=lambda r: mix[r])] -= 1
    while sum(mix.values()) < stations:
        mix["verify"] += 1
    return mix


def prepare_floor(db_url: str, orders: int, *, seed: int = 1, paid: bool = False) -> int:
    """Migrate, load ``orders`` demo orders (unpaid unless ``paid``), packing step on.

    Returns the number of orders. The demo pools hold ``max(2000, orders // 2)`` numbers per
    carrier, more than a run can use."""
    from sqlalchemy import update

    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from app.db.models import FloorSetting, Order
    from app.services.demo import make_demo_data

    db = open_database(db_url)
    try:
        upgrade(db)
        make_demo_data(db, orders, seed=seed)
        with db.write() as s:
            row = s.get(FloorSetting, "packing_step")  # packing confirmation on
            if row is None:
                s.add(FloorSetting(key="packing_step", value={"on": True}))
            else:
                row.value = {"on": True}
            if not paid:
                s.execute(update(Order).values(status="unpaid"))
        return orders
    finally:
        db.dispose()


def new_database(server_url: str, name: str | None = None) -> str:
    """A fresh database on the server at ``server_url``; returns its SQLAlchemy URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(server_url)
    name = name or f"pp_floor_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, dbname=u.database or "postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return str(u.set(database=name).render_as_string(hide_password=False))


class Feeder(threading.Thread):
    """Marks unpaid orders paid at ``per_hour`` (paid_at = now), oldest id first, until
    ``stop_at`` (``time.time()``). Runs on its own thread in the coordinator."""

    def __init__(self, db_url: str, per_hour: float, start_at: float, stop_at: float) -> None:
        super().__init__(daemon=True, name="feeder")
        self.db_url, self.per_hour = db_url, per_hour
        self.start_at, self.stop_at = start_at, stop_at
        self.released = 0
        self.errors: list[str] = []
        self._halt = threading.Event()

    def halt(self) -> None:
        self._halt.set()

    def run(self) -> None:
        from sqlalchemy import select, update

        from app.db.engine import open_database
        from app.db.models import Order, utcnow

        db = open_database(self.db_url)
        try:
            while not self._halt.is_set() and time.time() < self.stop_at:
                due = int((time.time() - self.start_at) * self.per_hour / 3600)
                if due > self.released:
                    try:
                        with db.write() as s:
                            ids = list(
                                s.scalars(
                                    select(Order.id)
                                    .where(Order.status == "unpaid")
                                    .order_by(Order.id)
                                    .limit(due - self.released)
                                )
                            )
                            if ids:
                                now = utcnow()
                                s.execute(
                                    update(Order)
                                    .where(Order.id.in_(ids))
                                    .values(status="paid", paid_at=now, updated_at=now)
                                )
                        self.released += len(ids)
                        if not ids:
                            break  # the day's orders are all in
                    except Exception as exc:  # the outage: try again on the next tick
                        self.errors.append(f"{type(exc).__name__}: {exc}"[:300])
                self._halt.wait(0.25)
        finally:
            db.dispose()


# --- a station ----------------------------------------------------------------------------------


def _connection_lost(exc: BaseException) -> bool:
    """The server went away or the transaction must be tried again (deadlock, serialisation):
    worth a retry. Any other database error is a bug and stops the station."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).splitlines()
    return f"{type(exc).__name__}: {text[0][:200] if text else ''}"


class Station:
    """One simulated station: a role loop in its own OS process.

    ``log`` gets one JSON line per step seen committed (``kind`` ``done``), per refusal the
    service gave (``refused``) and per error (``error``); each line has a client-side ``cid``,
    the station name, the step and the service call's time in ms.
    """

    def __init__(
        self,
        role: str,
        db_url: str,
        name: str,
        log: IO[str],
        *,
        index: int = 0,
        count: int = 1,
        stop_at: float = float("inf"),
        seed: int = 0,
        pdf_dir: str | None = None,
        limit: int = 0,
        pause: float = 0.0,
        idle_exit: float = 0.0,
    ) -> None:
        from app.db.engine import open_database

        self.role, self.name, self.out = role, name, log
        self.index, self.count = index, count
        self.stop_at = stop_at
        self.operator = OPERATORS[role]
        self.rng = random.Random(f"{seed}-{name}")
        self.db = open_database(db_url)
        self.pdf_dir = pdf_dir or tempfile.mkdtemp(prefix="pp-floor-pdf-")
        self.limit = limit  # stop after this many done steps of the role's main kind (0: no)
        self.pause = pause  # seconds between units of work (the kill tests slow stations)
        self.idle_exit = idle_exit  # stop after this long without work (0: never)
        self.done = 0
        self.idle_since: float | None = None

    # -- logging and calling --------------------------------------------------------------

    def log(self, kind: str, step: str, **data: Any) -> None:
        rec = {"cid": uuid.uuid4().hex, "kind": kind, "station": self.name, "step": step}
        rec["t"] = round(time.time(), 4)
        rec.update(data)
        if kind == "done":
            self.idle_since = None
        self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.out.flush()

    def call(self, step: str, fn: Callable[[], Any], *, check: Callable[[], Any] | None = None):
        """Run one service call; returns ``(result, ms)``. A lost connection (or any database
        error) is logged and retried after a pause; before a retry ``check()`` may say the
        first try did commit (its answer was lost): then its value is returned instead.
        A `ServiceError` (a refusal) is raised to the caller."""
        delay = 0.2
        while True:
            t0 = time.perf_counter()
            try:
                return fn(), (time.perf_counter() - t0) * 1000
            except Exception as exc:
                from app.services.errors import ServiceError

                if isinstance(exc, ServiceError):
                    raise
                if not _connection_lost(exc) or time.time() > self.stop_at + 60:
                    self.log("error", step, error="exception", message=_first_line(exc))
                    raise
                self.log(
                    "error",
                    step,
                    error="db_unreachable",
                    message=_first_line(exc),
                    retry_in_s=delay,
                )
                print(
                    f"{self.name}: database error in {step}, retrying in {delay:.1f} s: "
                    f"{type(exc).__name__}",
                    file=sys.stderr,
                    flush=True,
                )
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
                if check is not None:
                    try:
                        got = check()
                    except Exception:
                        continue
                    if got is not None:
                        return got, (time.perf_counter() - t0) * 1000

    def read(self, fn: Callable[[Any], Any]) -> Any:
        """A query of the simulated floor (which parcel lands on this station), retried."""
        return self.call("look", lambda: self._read(fn))[0]

    def _read(self, fn):
        with self.db.read() as s:
            return fn(s)

    def running(self) -> bool:
        now = time.time()
        if now >= self.stop_at:
            return False
        if (
            self.idle_exit
            and self.idle_since is not None
            and now - self.idle_since > self.idle_exit
        ):
            return False
        return not (self.limit and self.done >= self.limit)

    def idle(self) -> None:
        if self.idle_since is None:
            self.idle_since = time.time()
        time.sleep(0.2 + self.rng.random() * 0.2)

    def run(self) -> None:
        loop = getattr(self, f"_run_{self.role}")
        self.log("started", "start", role=self.role, pid=os.getpid())
        try:
            loop()
        finally:
            self.log("stopped", "stop", done=self.done)
            self.db.dispose()

    # -- print ------------------------------------------------------------------------------

    def _own_unprinted(self) -> list[str]:
        """Orders this station allocated whose waybill never printed (a crash between the
        allocation and the print record): the restarted station prints them first."""
        from sqlalchemy import select

        from app.db.models import Event, Order

        def q(s):
            return list(
                s.scalars(
                    select(Order.order_no)
                    .where(
                        Order.status == "paid",
                        Order.waybill_no.is_not(None),
                        Order.id.in_(
                            select(Event.order_id).where(
                                Event.kind == "waybill_allocated", Event.station == self.name
                            )
                        ),
                    )
                    .order_by(Order.id)
                )
            )

        return self.read(q)

    def _run_print(self) -> None:
        from sqlalchemy import func, select

        from app.db.models import Order
        from app.services import print_jobs
        from printing import PdfFileBackend

        backend = PdfFileBackend(self.pdf_dir + os.sep)
        retry = self._own_unprinted()
        while self.running():
            if retry:
                order_nos, retry = retry, []
            else:
                order_nos = None
                waiting = self.read(
                    lambda s: s.scalar(
                        select(func.count())
                        .select_from(Order)
                        .where(Order.status == "paid", Order.waybill_no.is_(None))
                    )
                )
                if not waiting:
                    self.idle()
                    continue
            limit = max(self.rng.randint(8, 25), len(order_nos or ()))  # a retry: all of it

            def check(names=order_nos):
                left = self._own_unprinted()
                if left:  # allocated, not printed: print those (same numbers)
                    return ("retry", left)
                return None

            res, ms = self.call(
                "print",
                lambda names=order_nos, limit=limit: print_jobs.print_batch(
                    self.db,
                    backend,
                    limit=limit,
                    order_nos=names,
                    operator=self.operator,
                    station=self.name,
                ),
                check=check,
            )
            if isinstance(res, tuple):
                retry = res[1]
                continue
            if res.ok and res.waybills:
                self.done += 1
                self.log(
                    "done",
                    "print",
                    ms=round(ms, 2),
                    batch=res.batch,
                    orders=len(res.waybills),
                    waybills=[[w["order_no"], w["waybill_no"]] for w in res.waybills],
                )
            elif not res.ok:
                self.log("error", "print", error="print_failed", message=res.message)
            if self.pause:
                time.sleep(self.pause)

    # -- verify and pack: claimed orders from one shared queue ---------------------------------

    def _queue(self, status: str) -> list[tuple[int, str]]:
        """(order id, waybill) of orders waiting in ``status``: this station's own claims
        first (a restarted station carries on with them), then the first paid ones that no
        other station holds."""
        from sqlalchemy import or_, select

        from app.db.models import Order

        def q(s):
            mine = list(
                s.execute(
                    select(Order.id, Order.waybill_no)
                    .where(Order.status == status, Order.claimed_by == self.name)
                    .order_by(Order.id)
                )
            )
            if mine:
                return [tuple(r) for r in mine]
            rows = s.execute(
                select(Order.id, Order.waybill_no)
                .where(Order.status == status, or_(Order.claimed_by.is_(None)))
                .order_by(Order.paid_at, Order.id)
                .limit(6)
            )
            return [tuple(r) for r in rows]

        return self.read(q)

    def _open(self, step: str, waybill: str):
        """Open (claim) an order by its waybill scan; None when refused (logged)."""
        from app.services import scanning
        from app.services.errors import ServiceError

        try:
            view, ms = self.call(
                f"{step}_open",
                lambda: scanning.open_order(
                    self.db, waybill, station=self.name, operator=self.operator, step=step
                ),
            )
        except ServiceError as exc:
            self.log("refused", f"{step}_open", code=exc.code, waybill_no=waybill)
            return None
        self.log(
            "done", f"{step}_open", ms=round(ms, 2), order_no=view.order_no, waybill_no=waybill
        )
        return view

    def _run_verify(self) -> None:
        from sqlalchemy import select

        from app.db.models import OrderLine, ProductBarcode
        from app.services import scanning
        from app.services.errors import ServiceError

        barcodes: dict[str, str] = {}
        for sku, code in self.read(
            lambda s: list(
                s.execute(
                    select(OrderLine.sku, ProductBarcode.code)
                    .join(ProductBarcode, ProductBarcode.product_id == OrderLine.product_id)
                    .distinct()
                )
            )
        ):
            barcodes.setdefault(sku, code)
        while self.running():
            queue = self._queue("printed")
            if not queue:
                self.idle()
                continue
            oid, waybill = self.rng.choice(queue[:3])
            view = self._open("verify", waybill)
            if view is None:
                continue
            # one scan per missing unit, re-read from the database after every scan: a scan
            # whose commit answer was lost is not scanned twice
            while view is not None and not view.complete:
                line = next(li for li in view.lines if li.done < li.qty)
                serial = f"SN{uuid.uuid4().hex[:12].upper()}" if line.serial_tracked else None

                before = sum(li.done for li in view.lines)

                def check(oid=oid, before=before):
                    v = scanning.packing_view(self.db, oid)
                    return v if sum(li.done for li in v.lines) > before else None

                try:
                    res, ms = self.call(
                        "verify_scan",
                        lambda line=line, serial=serial, oid=oid: scanning.scan_item(
                            self.db,
                            oid,
                            barcodes[line.sku],
                            station=self.name,
                            operator=self.operator,
                            serial=serial,
                        ),
                        check=check,
                    )
                except ServiceError as exc:
                    self.log("refused", "verify_scan", code=exc.code, waybill_no=waybill)
                    break
                if isinstance(res, scanning.ScanResult):
                    if not res.counted:  # a refusal recorded by the service
                        self.log("refused", "verify_scan", code=res.verdict, waybill_no=waybill)
                        break
                    self.log(
                        "done",
                        "verify_scan",
                        ms=round(ms, 2),
                        order_no=view.order_no,
                        event_id=res.event_id,
                        verdict=res.verdict,
                        sku=line.sku,
                    )
                    if res.verdict == "order_complete":
                        self.done += 1
                        self.log("done", "verified", order_no=view.order_no, waybill_no=waybill)
                        break
                view = scanning.packing_view(self.db, oid)
            if self.pause:
                time.sleep(self.pause)

    def _run_pack(self) -> None:
        from app.services import scanning
        from app.services.errors import ServiceError

        while self.running():
            queue = self._queue("verified")
            if not queue:
                self.idle()
                continue
            oid, waybill = self.rng.choice(queue[:3])
            view = self._open("pack", waybill)
            if view is None:
                continue
            carton = view.suggested_carton or "CTN-1"
            try:
                view2, ms = self.call(
                    "pack",
                    lambda oid=oid, carton=carton: scanning.pack_order(
                        self.db, oid, carton, station=self.name, operator=self.operator
                    ),
                    check=lambda oid=oid: self._status_is(oid, "packed"),
                )
            except ServiceError as exc:
                self.log("refused", "pack", code=exc.code, waybill_no=waybill)
                continue
            self.done += 1
            self.log("done", "pack", ms=round(ms, 2), order_no=view.order_no, carton=carton)
            if self.pause:
                time.sleep(self.pause)

    def _status_is(self, oid: int, status: str):
        from app.db.models import Order

        def q(s):
            o = s.get(Order, oid)
            return o if o is not None and o.status == status else None

        with self.db.read() as s:
            return q(s)

    # -- weigh ------------------------------------------------------------------------------

    def _run_weigh(self) -> None:
        from sqlalchemy import func, select

        from app.db.models import Order, Weighing
        from app.services import weighing
        from app.services.errors import ServiceError

        while self.running():
            # a parcel reaches one scale: the weighers share the packed parcels by order id
            rows = self.read(
                lambda s: list(
                    s.execute(
                        select(Order.id, Order.waybill_no)
                        .where(Order.status == "packed", Order.id % self.count == self.index)
                        .order_by(Order.id)
                        .limit(5)
                    )
                )
            )
            if not rows:
                self.idle()
                continue
            for oid, waybill in rows:
                if not self.running():
                    break
                try:
                    ctx, ms = self.call(
                        "weigh_start",
                        lambda waybill=waybill: weighing.start_weighing(
                            self.db, waybill, operator=self.operator, station=self.name
                        ),
                    )
                except ServiceError as exc:
                    self.log("refused", "weigh_start", code=exc.code, waybill_no=waybill)
                    continue
                self.log("done", "weigh_start", ms=round(ms, 2), waybill_no=waybill)
                light = self.rng.randrange(LIGHT_EVERY) == 0
                grams = ctx.expected_grams + self.rng.randint(-8, 8)
                if light:
                    grams = ctx.expected_grams - ctx.tolerance_grams - 150
                before = self.read(
                    lambda s, oid=oid: s.scalar(
                        select(func.count()).select_from(Weighing).where(Weighing.order_id == oid)
                    )
                )

                def check(oid=oid, before=before, waybill=waybill):
                    from app.services.weighing import last_weighing

                    with self.db.read() as s:
                        n = s.scalar(
                            select(func.count())
                            .select_from(Weighing)
                            .where(Weighing.order_id == oid)
                        )
                    return last_weighing(self.db, waybill) if n > before else None

                try:
                    res, ms = self.call(
                        "weigh",
                        lambda waybill=waybill, grams=grams: weighing.record_weighing(
                            self.db, waybill, grams, 1, self.operator, self.name
                        ),
                        check=check,
                    )
                except ServiceError as exc:
                    self.log("refused", "weigh", code=exc.code, waybill_no=waybill)
                    continue
                self.done += 1
                self.log(
                    "done",
                    "weigh",
                    ms=round(ms, 2),
                    order_no=res.order_no,
                    waybill_no=waybill,
                    weighing_id=res.weighing_id,
                    grams=res.grams,
                    verdict=res.verdict,
                )
                if self.pause:
                    time.sleep(self.pause)

    # -- handover ---------------------------------------------------------------------------

    def _run_handover(self) -> None:
        from sqlalchemy import func, select

        from app.db.models import Carrier, Order
        from app.services import handover
        from app.services.errors import ServiceError

        def waiting(s) -> dict[str, list[str]]:
            rows = s.execute(
                select(Carrier.code, Order.waybill_no)
                .join(Carrier, Carrier.id == Order.carrier_id)
                .where(Order.status == "weighed", Order.claimed_by.is_(None))
                .order_by(Order.id)
            )
            out: dict[str, list[str]] = defaultdict(list)
            for code, wb in rows:
                out[code].append(wb)
            return out

        def left_open(s) -> list[str]:
            """Carriers of this station's carts left open with parcels (a crash)."""
            from app.db.models import Event

            carts = {
                (ev.detail or {}).get("cart"): (ev.detail or {}).get("carrier")
                for ev in s.scalars(
                    select(Event).where(Event.kind == "handover_opened", Event.station == self.name)
                )
            }
            n = len(handover.CART_PREFIX)
            claimed = s.scalars(
                select(Order.claimed_by).where(Order.claimed_by.like(handover.CART_PREFIX + "%"))
            )
            return sorted({carts[c[n:]] for c in claimed if c[n:] in carts})

        resume = self.read(left_open)
        while self.running():
            by_carrier = self.read(waiting)
            least = 1 if self.idle_exit else 3  # a test floor hands over what there is
            if resume:  # the restarted station opens its cart again (the service resumes it)
                by_carrier, least = {resume.pop(): []}, 0
            ready = [c for c, wbs in by_carrier.items() if len(wbs) >= least]
            if not ready:
                self.idle()
                continue
            code = self.rng.choice(ready)
            cart, ms = self.call(
                "handover_open",
                lambda code=code: handover.open_cart(
                    self.db, code, operator=self.operator, station=self.name
                ),
            )
            self.log("done", "handover_open", ms=round(ms, 2), cart=cart.cart_id, carrier=code)
            for wb in by_carrier[code][:CART_SIZE]:
                if time.time() >= self.stop_at:
                    break

                def check(wb=wb, cart=cart):
                    with self.db.read() as s:
                        o = s.scalars(select(Order).where(Order.waybill_no == wb)).first()
                    if o is not None and o.claimed_by == handover.CART_PREFIX + cart.cart_id:
                        if not any(p[1] == wb for p in cart.parcels):
                            cart.parcels.append((o.order_no, wb, 0))
                        return handover.HandoverScan("accepted", "accepted", wb, o.order_no)
                    return None

                res, ms = self.call(
                    "handover_scan",
                    lambda wb=wb, cart=cart: handover.scan_parcel(
                        self.db, cart, wb, operator=self.operator, station=self.name
                    ),
                    check=check,
                )
                if res.verdict == "accepted":
                    self.log(
                        "done", "handover_scan", ms=round(ms, 2), cart=cart.cart_id, waybill_no=wb
                    )
                else:
                    self.log("refused", "handover_scan", code=res.code, waybill_no=wb)
                if self.pause:
                    time.sleep(self.pause)
            if not cart.parcels:
                continue

            def check_close(cart=cart):
                from app.db.models import Event

                with self.db.read() as s:
                    n = s.scalar(
                        select(func.count())
                        .select_from(Event)
                        .where(Event.kind == "handed_over", Event.order_id.is_(None))
                        .where(Event.station == self.name)
                        .where(Event.detail["cart"].as_string() == cart.cart_id)
                    )
                return "closed" if n else None

            try:
                closed, ms = self.call(
                    "handover",
                    lambda cart=cart: handover.close_cart(
                        self.db, cart, COURIER, operator=self.operator, station=self.name
                    ),
                    check=check_close,
                )
            except ServiceError as exc:
                self.log("refused", "handover", code=exc.code, cart=cart.cart_id)
                continue
            self.done += 1
            self.log(
                "done",
                "handover",
                ms=round(ms, 2),
                cart=cart.cart_id,
                manifest_no=getattr(closed, "manifest_no", ""),
                waybills=sorted(p[1] for p in cart.parcels),
            )


def station_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="load_floor station")
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--log", default="-", help="JSONL file, '-' for stdout")
    p.add_argument("--index", type=int, default=0)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--start-at", type=float, default=0.0)
    p.add_argument("--stop-at", type=float, default=float("inf"))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--pdf-dir")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--pause", type=float, default=0.0)
    p.add_argument("--idle-exit", type=float, default=0.0)
    a = p.parse_args(argv)
    out = sys.stdout if a.log == "-" else open(a.log, "a", encoding="utf-8")  # noqa: SIM115
    st = Station(
        a.role,
        a.db,
        a.name,
        out,
        index=a.index,
        count=a.count,
        stop_at=a.stop_at,
        seed=a.seed,
        pdf_dir=a.pdf_dir,
        limit=a.limit,
        pause=a.pause,
        idle_exit=a.idle_exit,
    )
    print(f"{a.name} ready", file=sys.stderr, flush=True)
    if a.start_at > time.time():
        time.sleep(a.start_at - time.time())
    st.run()
    return 0


def station_command(role: str, db_url: str, name: str, *, log: str = "-", **opts: Any) -> list[str]:
    """The argv of one station process."""
    cmd = [sys.executable, "-m", "tests.bench.load_floor", "station", "--role", role]
    cmd += ["--db", db_url, "--name", name, "--log", log]
    for k, v in opts.items():
        if v is not None:
            cmd += [f"--{k.replace('_', '-')}", str(v)]
    return cmd


# --- the checks ---------------------------------------------------------------------------------


def read_logs(paths: Iterable[Path]) -> list[dict]:
    """All records of the stations' JSONL files (a line cut by a kill is skipped)."""
    out = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
    return out


@dataclass
class FloorCheck:
    """What `check_floor` found; ``problems`` lists every broken rule in words."""

    lost: int = 0  # reported done, not in the database
    duplicates: int = 0  # in the database more often than it happened
    duplicate_waybills: int = 0
    impossible: int = 0  # orders in a state no flow leads to
    chain_intact: bool = True
    chain_events: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, what: str, kind: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.problems) < 50:
            self.problems.append(what)


def check_floor(db_url: str, records: list[dict], *, settled: bool = True) -> FloorCheck:
    """Compare the stations' reports with the database and check the floor's invariants.

    ``settled``: no station is half-way through an order any more (after a kill test's
    restart finished); then an order holding a number but no printed waybill, or claimed for
    verification or packing, is a half-done step as well.
    """
    from sqlalchemy import func, select

    from app.db.chain import verify_chain
    from app.db.engine import open_database
    from app.db.models import (
        Event,
        Handover,
        HandoverItem,
        Order,
        OrderLine,
        PrintJob,
        ScanEvent,
        WaybillNumber,
        Weighing,
    )

    fc = FloorCheck()
    done = [r for r in records if r.get("kind") == "done"]
    db = open_database(db_url)
    try:
        with db.read() as s:
            orders = {
                o.order_no: o
                for o in s.execute(
                    select(Order.id, Order.order_no, Order.status, Order.waybill_no).add_columns(
                        Order.hold_reason,
                        Order.claimed_by,
                    )
                )
            }
            by_id = {o.id: o for o in orders.values()}
            fc.statuses = dict(Counter(o.status for o in orders.values()))
            # waybill numbers: used once, ever; the order holds the number it was given
            dup = s.execute(
                select(Order.waybill_no, func.count())
                .where(Order.waybill_no.is_not(None))
                .group_by(Order.waybill_no)
                .having(func.count() > 1)
            ).all()
            for wb, n in dup:
                fc.add(f"waybill {wb} is on {n} orders", "duplicate_waybills")
            numbers = {
                wn.number: wn
                for wn in s.execute(
                    select(WaybillNumber.number, WaybillNumber.order_id).where(
                        WaybillNumber.status == "used"
                    )
                )
            }
            for o in orders.values():
                if o.waybill_no and (
                    o.waybill_no not in numbers or numbers[o.waybill_no].order_id != o.id
                ):
                    fc.add(f"order {o.order_no}: number {o.waybill_no} not its own", "impossible")
            # print jobs
            jobs: dict[tuple[int, str, str], int] = Counter()
            ok_waybill: Counter[int] = Counter()
            for pj in s.execute(
                select(PrintJob.order_id, PrintJob.document, PrintJob.batch_code, PrintJob.result)
            ):
                jobs[(pj.order_id, pj.document, pj.batch_code)] += 1
                if pj.document == "waybill" and pj.result == "ok":
                    ok_waybill[pj.order_id] += 1
            # verification scans
            scans = {
                se.event_id: se
                for se in s.execute(
                    select(
                        ScanEvent.event_id, ScanEvent.order_id, ScanEvent.step, ScanEvent.verdict
                    )
                )
            }
            counted: Counter[int] = Counter()
            packed: Counter[int] = Counter()
            for se in scans.values():
                if se.step == "verify" and se.verdict in ("ok", "line_complete", "order_complete"):
                    counted[se.order_id] += 1
                if se.step == "pack" and se.verdict == "packed":
                    packed[se.order_id] += 1
            # the claim: an order's units are verified at one station, never at two at once
            verifiers = Counter(
                oid
                for oid, _ in s.execute(
                    select(ScanEvent.order_id, Event.station)
                    .join(Event, Event.id == ScanEvent.event_id)
                    .where(
                        ScanEvent.step == "verify",
                        ScanEvent.verdict.in_(("ok", "line_complete", "order_complete")),
                    )
                    .distinct()
                )
            )
            verified_events = Counter(
                s.scalars(select(Event.order_id).where(Event.kind == "verified"))
            )
            units = dict(
                s.execute(
                    select(OrderLine.order_id, func.sum(OrderLine.qty)).group_by(OrderLine.order_id)
                ).all()  # fmt: skip
            )
            vq = dict(
                s.execute(
                    select(OrderLine.order_id, func.sum(OrderLine.verified_qty)).group_by(
                        OrderLine.order_id
                    )
                ).all()
            )
            weighings = {
                w.id: w
                for w in s.execute(
                    select(
                        Weighing.id, Weighing.order_id, Weighing.grams, Weighing.verdict
                    ).add_columns(Weighing.stub_bundle, Weighing.stub_position)
                )
            }
            w_by_order: dict[int, list] = defaultdict(list)
            for w in weighings.values():
                w_by_order[w.order_id].append(w)
            items = {
                hi.order_id: hi
                for hi in s.execute(
                    select(HandoverItem.order_id, HandoverItem.handover_id, HandoverItem.waybill_no)
                )
            }
            handovers = {
                h.manifest_no: h
                for h in s.execute(select(Handover.id, Handover.manifest_no, Handover.parcel_count))
            }
            items_by_h: dict[int, set[str]] = defaultdict(set)
            for hi in items.values():
                items_by_h[hi.handover_id].add(hi.waybill_no)
        with db.read() as s:  # verify_chain expunges what it read: a session of its own
            rep = verify_chain(s)
        fc.chain_intact, fc.chain_events = rep.intact, rep.events
        if not rep.intact:
            fc.problems.append(f"evidence chain broken: {rep.problem}")

        # -- every reported step is in the database exactly once -----------------------------
        seen_print: set[tuple[str, str]] = set()
        for r in done:
            step = r["step"]
            if step == "print":
                for order_no, wb in r["waybills"]:
                    o = orders.get(order_no)
                    if o is None or o.waybill_no != wb:
                        fc.add(f"printed {order_no} {wb}: not the order's number", "lost")
                        continue
                    n = jobs[(o.id, "waybill", r["batch"])]
                    if (order_no, r["batch"]) in seen_print:
                        continue
                    seen_print.add((order_no, r["batch"]))
                    if n == 0:
                        fc.add(f"printed {order_no} in {r['batch']}: no print job", "lost")
                    elif n > 1:
                        fc.add(f"printed {order_no} in {r['batch']}: {n} print jobs", "duplicates")
            elif step == "verify_scan":
                se = scans.get(r["event_id"])
                if se is None or se.verdict != r["verdict"]:
                    fc.add(f"verify scan event {r['event_id']} of {r['order_no']} missing", "lost")
            elif step == "verified":
                o = orders[r["order_no"]]
                if verified_events[o.id] != 1:
                    kind = "lost" if verified_events[o.id] == 0 else "duplicates"
                    fc.add(f"order {o.order_no}: {verified_events[o.id]} verified events", kind)
            elif step == "pack":
                o = orders[r["order_no"]]
                if packed[o.id] != 1:
                    kind = "lost" if packed[o.id] == 0 else "duplicates"
                    fc.add(f"order {o.order_no}: {packed[o.id]} packing confirmations", kind)
            elif step == "weigh":
                w = weighings.get(r["weighing_id"])
                if w is None or (w.grams, w.verdict) != (r["grams"], r["verdict"]):
                    fc.add(f"weighing {r['weighing_id']} of {r['order_no']} missing", "lost")
            elif step == "handover" and r.get("manifest_no"):
                h = handovers.get(r["manifest_no"])
                if h is None:
                    fc.add(f"handover {r['manifest_no']} missing", "lost")
                elif items_by_h[h.id] != set(r["waybills"]):
                    fc.add(f"handover {r['manifest_no']}: parcels differ from the cart", "lost")
        # weighings reported vs recorded per order: more rows than reports is a doubled one
        reported_w = Counter(r["order_no"] for r in done if r["step"] == "weigh")
        for order_no, n in reported_w.items():
            have = len(w_by_order[orders[order_no].id])
            if have > n:
                fc.add(f"order {order_no}: {have} weighings, {n} reported", "duplicates")

        # -- no order in an impossible state --------------------------------------------------
        after_print = {"printed", "picked", "verified", "packed", "weighed", "handed_over"}
        after_verify = {"verified", "packed", "weighed", "handed_over"}
        for o in by_id.values():
            st, oid = o.status, o.id
            if st in after_print and (not o.waybill_no or not ok_waybill[oid]):
                fc.add(f"order {o.order_no} is {st} without a printed waybill", "impossible")
            if st == "paid" and ok_waybill[oid] and o.waybill_no:
                fc.add(f"order {o.order_no} printed but still paid", "impossible")
            if counted[oid] != (vq.get(oid) or 0):
                fc.add(
                    f"order {o.order_no}: {counted[oid]} counted scans, verified_qty {vq.get(oid)}",
                    "impossible",
                )
            if counted[oid] > (units.get(oid) or 0):
                fc.add(f"order {o.order_no}: more units verified than ordered", "duplicates")
            if st in after_verify and (counted[oid] != units.get(oid) or verified_events[oid] != 1):
                fc.add(f"order {o.order_no} is {st} without its scans", "impossible")
            if st in ("packed", "weighed", "handed_over") and packed[oid] != 1:
                fc.add(f"order {o.order_no} is {st} with {packed[oid]} packings", "impossible")
            ws = w_by_order[oid]
            if st in ("weighed", "handed_over") and not any(w.verdict == "ok" for w in ws):
                fc.add(f"order {o.order_no} is {st} without an ok weighing", "impossible")
            if st == "handed_over" and oid not in items:
                fc.add(f"order {o.order_no} is handed over without a handover", "impossible")
            if oid in items and st not in ("handed_over", "shipped"):
                fc.add(f"order {o.order_no} on a handover but {st}", "impossible")
            if st == "held" and o.hold_reason == "weight" and not ws:
                fc.add(f"order {o.order_no} held for weight without a weighing", "impossible")
            if settled and st == "paid" and o.waybill_no:
                fc.add(f"order {o.order_no} holds {o.waybill_no} but never printed", "impossible")
            if settled and o.claimed_by and st in ("weighed", "printed", "verified"):
                fc.add(f"order {o.order_no} ({st}) still held by {o.claimed_by}", "impossible")
        for oid, n in verifiers.items():
            if n > 1:
                fc.add(f"order {by_id[oid].order_no}: units verified at {n} stations", "impossible")
        places = [(w.stub_bundle, w.stub_position) for w in weighings.values() if w.stub_bundle]
        if len(places) != len(set(places)):
            fc.add("two weighings share a stub place", "duplicates")
        hcount = Counter((hi.handover_id) for hi in items.values())
        for h in handovers.values():
            if hcount[h.id] != h.parcel_count:
                fc.add(
                    f"handover {h.manifest_no}: {hcount[h.id]} of {h.parcel_count}", "impossible"
                )
    finally:
        db.dispose()
    return fc


# --- the coordinator ------------------------------------------------------------------------------


def _pct(xs: list[float], p: float) -> float | None:
    from benchstats import percentile

    return round(percentile(xs, p), 1) if xs else None


def summarise(records: list[dict], start_at: float, stop_at: float) -> dict[str, Any]:
    """Figures from the stations' logs: per-step counts and p50/p99 (ms), orders per hour."""
    times: dict[str, list[float]] = defaultdict(list)
    for r in records:
        if r.get("kind") == "done" and "ms" in r:
            times[r["step"]].append(r["ms"])
    steps = {
        step: {"n": len(xs), "p50_ms": _pct(xs, 50), "p99_ms": _pct(xs, 99)}
        for step, xs in sorted(times.items())
    }
    hours = max(stop_at - start_at, 1e-9) / 3600
    done = [r for r in records if r.get("kind") == "done"]
    counts = Counter(r["step"] for r in done)
    printed = sum(r["orders"] for r in done if r["step"] == "print")
    handed = sum(len(r["waybills"]) for r in done if r["step"] == "handover")
    weighs = [r["t"] for r in done if r["step"] == "weigh"]
    # steady state: from the first parcel weighed (the pipeline is full) to the end
    window = (stop_at - min(weighs)) / 3600 if weighs else hours
    errors = Counter(r.get("error", "?") for r in records if r.get("kind") == "error")
    refusals = Counter(
        f"{r['step']}:{r.get('code')}" for r in records if r.get("kind") == "refused"
    )
    return {
        "orders_printed": printed,
        "orders_verified": counts["verified"],
        "orders_packed": counts["pack"],
        "orders_weighed": counts["weigh"],
        "orders_handed_over": handed,
        "printed_per_hour": round(printed / hours),
        "weighed_per_hour_sustained": round(len(weighs) / window) if weighs else 0,
        "steps": steps,
        "errors": dict(errors),
        "refusals": dict(refusals),
    }


def run_load(
    *,
    stations: int = 20,
    orders_per_hour: float = 10_000,
    minutes: float = 5.0,
    db_url: str | None = None,
    seed: int = 1,
    outage: tuple[float, float] | None = None,
    workdir: Path | None = None,
    warmup_s: float | None = None,
) -> dict[str, Any]:
    """The whole load test; returns the report (see the module docstring)."""
    from tests.pgserver import PgServer

    workdir = Path(workdir or tempfile.mkdtemp(prefix="pp-floor-"))
    workdir.mkdir(parents=True, exist_ok=True)
    server = None
    if db_url is None:
        server = PgServer()
        db_url = new_database(server.start())
    elif outage:
        raise ValueError("the outage phase needs the server the harness starts itself")
    run_s = minutes * 60
    orders = int(orders_per_hour * run_s / 3600) + 50
    t_setup = time.time()
    prepare_floor(db_url, orders, seed=seed)
    # the owner migrated and loaded the floor; the stations sign in as the stations' role
    # (``db grant-station``), as on a floor: they only add to the evidence and own nothing
    from tests.pgroles import STATION_ROLE, station_url

    owner_url, db_url = db_url, station_url(db_url)
    setup_s = time.time() - t_setup
    mix = station_mix(stations)
    warmup_s = warmup_s if warmup_s is not None else 8 + 1.2 * stations
    start_at = time.time() + warmup_s
    stop_at = start_at + run_s
    procs: list[subprocess.Popen] = []
    logs: list[Path] = []
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("PARCELPROOF_DB", None)
    try:
        k = 0
        for role in ROLES:
            for i in range(mix[role]):
                k += 1
                name = f"{role}-{i + 1}"
                log = workdir / f"{name}.jsonl"
                logs.append(log)
                cmd = station_command(
                    role,
                    db_url,
                    name,
                    log=str(log),
                    index=i,
                    count=mix[role],
                    start_at=start_at,
                    stop_at=stop_at,
                    seed=seed,
                    pdf_dir=str(workdir / "pdf" / name),
                )
                procs.append(
                    subprocess.Popen(
                        cmd,
                        cwd=ROOT,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=open(workdir / f"{name}.err", "w"),  # noqa: SIM115
                    )
                )
        feeder = Feeder(db_url, orders_per_hour, start_at, stop_at)
        feeder.start()
        if outage and server is not None:
            at_s, for_s = outage
            time.sleep(max(0.0, start_at + at_s - time.time()))
            server.stop(keep_data=True)
            time.sleep(for_s)
            server.start()
        deadline = stop_at + 120
        for p in procs:
            try:
                p.wait(max(1.0, deadline - time.time()))
            except subprocess.TimeoutExpired:
                p.send_signal(signal.SIGKILL)
                p.wait(10)
        feeder.halt()
        feeder.join(10)
        records = read_logs(logs)
        started = sum(1 for r in records if r.get("kind") == "started")
        late = [r["t"] - start_at for r in records if r.get("kind") == "started"]
        fc = check_floor(owner_url, records, settled=False)
        report = {
            "stations": stations,
            "station_role": STATION_ROLE,
            "mix": mix,
            "stations_started": started,
            "latest_station_start_s": round(max(late), 1) if late else None,
            "exit_codes": [p.returncode for p in procs],
            "minutes": minutes,
            "orders_per_hour_target": orders_per_hour,
            "orders_released": feeder.released,
            "setup_s": round(setup_s, 1),
            **summarise(records, start_at, stop_at),
            "events_lost": fc.lost,
            "duplicates": fc.duplicates + fc.duplicate_waybills,
            "duplicate_waybills": fc.duplicate_waybills,
            "impossible_states": fc.impossible,
            "chain_intact": fc.chain_intact,
            "chain_events": fc.chain_events,
            "statuses": fc.statuses,
            "problems": fc.problems,
            "feeder_errors": feeder.errors[:5],
            "workdir": str(workdir),
        }
        return report
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                p.wait(10)
        if server is not None:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "station":
        return station_main(argv[1:])
    p = argparse.ArgumentParser(prog="python -m tests.bench.load_floor")
    p.add_argument("--stations", type=int, default=20)
    p.add_argument("--orders-per-hour", type=float, default=10_000)
    p.add_argument("--minutes", type=float, default=5.0)
    p.add_argument("--db", help="a PostgreSQL database URL (default: start a server)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir")
    p.add_argument("--outage", help="AT,FOR seconds: stop the server AT s in, for FOR s")
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)
    outage = tuple(float(x) for x in a.outage.split(",")) if a.outage else None
    report = run_load(
        stations=a.stations,
        orders_per_hour=a.orders_per_hour,
        minutes=a.minutes,
        db_url=a.db,
        seed=a.seed,
        outage=outage,  # type: ignore[arg-type]
        workdir=Path(a.workdir) if a.workdir else None,
    )
    if a.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for k, v in report.items():
            print(f"{k}: {v}")
    ok = report["events_lost"] == 0 and report["duplicates"] == 0 and report["chain_intact"]
    return 0 if ok and report["impossible_states"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
