"""Outbox replay after an outage (prints JSON, asserts nothing).

A real PostgreSQL server is started, ``--stations`` stations work at ``--per-hour`` parcels an
hour between them; the server is stopped for ``--outage`` seconds, during which each station
keeps what the floor did — a weighing per parcel and the verification scans (open + one scan
per unit) — in its own outbox. The server is started again and every station replays its
outbox at once (a thread each, as on the floor). Reported: actions kept, replay wall time,
events lost (kept actions without their event) and doubled (an event uid twice), chain intact.

The outage is not waited out in real time: what the figure depends on is what piles up in it
(rate × duration), which is generated at once with the times it would have had.

    python -m tests.bench.bench_outbox [--stations 20] [--per-hour 10000] [--outage 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import threading
import time
from pathlib import Path


def run(stations: int = 20, per_hour: int = 10_000, outage_s: int = 60) -> dict:
    from sqlalchemy import func, select, update

    from app.db.chain import verify_chain
    from app.db.engine import open_database
    from app.db.migrate import upgrade
    from app.db.models import Event, Order, Product, ProductBarcode
    from app.services import outbox as ob
    from tests.floor import add_many, add_order
    from tests.pgserver import PgServer

    parcels = max(1, round(per_hour * outage_s / 3600))
    folder = Path(tempfile.mkdtemp(prefix="pp-bench-outbox-"))
    server = PgServer()
    try:
        db = open_database(server.start())
        upgrade(db)
        weigh_wbs = add_many(db, parcels, prefix="OW")  # verified: to be weighed
        verify_wbs = [f"OV{i:06d}" for i in range(parcels)]  # printed: to be verified
        for wb in verify_wbs:
            add_order(db, wb, [("BED-PIL-MEM", 2)])
        with db.write() as s:
            pid = s.scalar(select(Product.id).where(Product.sku == "BED-PIL-MEM"))
            s.add(ProductBarcode(product_id=pid, code="6901234567892"))
            s.execute(
                update(Order).where(Order.waybill_no.in_(verify_wbs)).values(status="printed")
            )
        server.stop(keep_data=True)

        boxes = [ob.Outbox(folder / f"station-{k}.sqlite") for k in range(stations)]
        t0 = dt.datetime.now(dt.UTC)
        uids: list[str] = []
        for i in range(parcels):
            at = t0 + dt.timedelta(seconds=i * outage_s / parcels)
            k = i % stations
            p = {"operator": "1004", "station": f"station-{k}"}
            box = boxes[k]
            uids.append(box.add(ob.VERIFY_OPEN, {"code": verify_wbs[i], **p}, at=at))
            for _ in range(2):
                uids.append(
                    box.add(
                        ob.VERIFY_ITEM,
                        {"order_code": verify_wbs[i], "code": "6901234567892", **p},
                        at=at,
                    )
                )
            w = {"waybill_no": weigh_wbs[i], "grams": 550, "operator": "1006", **p}
            uids.append(box.add(ob.WEIGH, w, at=at))
        kept = sum(b.count() for b in boxes)

        server.start()
        reports: list[ob.ReplayReport] = []
        lock = threading.Lock()

        def replay(box: ob.Outbox) -> None:
            mine = open_database(db.url)
            try:
                r = ob.replay(mine, box)
                with lock:
                    reports.append(r)
            finally:
                mine.dispose()

        start = time.perf_counter()
        threads = [threading.Thread(target=replay, args=(b,)) for b in boxes]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        with db.read() as s:
            found = s.scalar(select(func.count()).select_from(Event).where(Event.uid.in_(uids)))
            doubled = s.scalar(
                select(func.count()).select_from(
                    select(Event.uid).group_by(Event.uid).having(func.count() > 1).subquery()
                )
            )
            intact = verify_chain(s).intact
        db.dispose()
        return {
            "stations": stations,
            "per_hour": per_hour,
            "outage_s": outage_s,
            "actions_kept": kept,
            "replay_s": round(wall, 2),
            "replayed": sum(r.replayed for r in reports),
            "conflicts": sum(len(r.conflicts) for r in reports),
            "events_lost": len(uids) - int(found or 0),
            "events_doubled": int(doubled or 0),
            "chain_intact": intact,
        }
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--stations", type=int, default=20)
    ap.add_argument("--per-hour", type=int, default=10_000)
    ap.add_argument("--outage", type=int, default=60)
    a = ap.parse_args()
    print(json.dumps(run(a.stations, a.per_hour, a.outage)))


if __name__ == "__main__":
    main()
