"""Platform e-waybills: our own work per order for a print batch of 100 orders numbered by the
platform and printed through its print component.

    python -m tests.bench.bench_platform [--orders 100] [--rounds 3] [--platform cainiao|pdd]

Every shop of the demo gets an account for every carrier, so the whole batch goes to the
platform: numbers asked ten a request over HTTP (the stand-in gateway of
tests/platforms/gateway.py, which checks each signature), recorded with their print data and
events in our transactions, then one task per document to the stand-in component over its
WebSocket (tests/printing/component_standin.py), each result recorded. The stand-ins answer at
once, in this process; their own time (signature check, JSON, their socket handling) is
measured apart and taken off: ``platform_batch_ms_per_order`` is ours,
``platform_batch_wall_ms_per_order`` the whole. Prints one JSON object; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import select

from app.db.engine import open_database
from app.db.migrate import upgrade
from app.db.models import Carrier, Shop
from app.services.demo import make_demo_data
from app.services.print_jobs import print_batch
from printing.backends.component import ComponentBackend
from tests.platforms.gateway import TopGateway, save_account
from tests.printing.component_standin import ComponentStandIn


class _Clock:
    """Time spent inside the stand-ins (their threads), to take off the wall time."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, fn):
        def timed(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self.seconds += time.perf_counter() - t

        return timed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--platform", choices=("cainiao", "pdd"), default="cainiao")
    a = ap.parse_args(argv)
    os.environ.setdefault("PARCELPROOF_KEY", Fernet.generate_key().decode())
    folder = Path(tempfile.mkdtemp(prefix="pp-bench-platform-"))
    db = open_database(f"sqlite:///{folder / 'bench.db'}")
    upgrade(db)
    make_demo_data(db, a.orders * a.rounds + 20, seed=5)
    gw = TopGateway(dialect="top" if a.platform == "cainiao" else "pdd")
    gw.balance = 10**9
    comp = ComponentStandIn(a.platform, printers=("Thermal",))
    clock = _Clock()
    gw.handle = clock.wrap(gw.handle)  # type: ignore[method-assign]
    with db.read() as s:
        shops = list(s.scalars(select(Shop.code)))
        carriers = list(s.scalars(select(Carrier.code)))
    for shop in shops:
        for carrier in carriers:
            save_account(
                db, gw, shop, carrier, user_id="1",
                custom_area="http://cloudprint.cainiao.com/template/customArea/1",
            )  # fmt: skip
    backend = ComponentBackend(f"{a.platform}+ws://127.0.0.1:{comp.port}?printer=Thermal")
    print_batch(db, backend, limit=5)  # warm-up: connections, imports
    ours, wall = [], []
    for _ in range(a.rounds):
        clock.seconds = 0.0
        n_tasks = len(comp.tasks)
        t = time.perf_counter()
        res = print_batch(db, backend, limit=a.orders, slips=False)
        took = time.perf_counter() - t
        n = len(res.waybills)
        assert res.ok and len(comp.tasks) - n_tasks == n, res.message
        wall.append(1000 * took / n)
        ours.append(1000 * (took - clock.seconds) / n)
    comp_cost = _component_cost(comp)
    print(
        json.dumps(
            {
                "platform": a.platform,
                "platform_batch_orders": a.orders,
                "platform_batch_ms_per_order": round(statistics.median(ours) - comp_cost, 2),
                "platform_batch_wall_ms_per_order": round(statistics.median(wall), 2),
                "standin_component_ms_per_task": round(comp_cost, 3),
            }
        )
    )
    gw.close()
    comp.close()
    return 0


def _component_cost(comp: ComponentStandIn, n: int = 200) -> float:
    """Milliseconds the component stand-in spends on one task (its JSON, not the socket)."""
    task = comp.tasks[-1]
    t = time.perf_counter()
    for _ in range(n):
        raw = json.dumps({"cmd": "print", "requestID": "x", "task": task}, ensure_ascii=False)
        json.loads(raw)
        json.dumps({"cmd": "print", "requestID": "x", "status": "success"})
        json.dumps({"cmd": comp.notify, "taskID": "x", "printStatus": [{"documentID": "1"}]})
    return 1000 * (time.perf_counter() - t) / n


if __name__ == "__main__":
    raise SystemExit(main())
