"""A weighing and another station's transaction on the same parcel never deadlock.

Every service locks the order row first and the evidence chain head second. The weighing used
to take the chain head first: a scan of the same parcel holding the order and waiting for the
chain then met a weighing holding the chain and waiting for the order, and PostgreSQL killed
one of them with "deadlock detected" (found by the floor load test, tests/bench/load_floor.py).
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from app.db.chain import append_event, verify_chain
from app.db.models import Order, Weighing
from app.services.weighing import record_weighing
from tests.floor import add_order

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_db(pg_server_url):
    from tests.conftest import _pg_database
    from tests.pgroles import station_database

    database = station_database(_pg_database(pg_server_url))  # as the floor's stations
    yield database
    database.dispose()


def test_weighing_waits_for_a_scan_of_the_same_parcel_and_both_commit(pg_db):
    wb = "WBLOCK0001"
    add_order(pg_db, wb, [("BED-PIL-MEM", 1)])
    locked = threading.Event()
    errors: list[BaseException] = []

    def other_station() -> None:  # the shape of open_order / scan_parcel: order, then chain
        try:
            with pg_db.write() as s:
                o = s.scalars(select(Order).where(Order.waybill_no == wb).with_for_update()).one()
                locked.set()
                time.sleep(1.5)  # the weighing starts meanwhile
                append_event(s, "scan", order_id=o.id, detail={"step": "handover", "code": wb})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def weigher() -> None:
        try:
            record_weighing(pg_db, wb, 552, 1, "1006", "weigh-1")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    a = threading.Thread(target=other_station)
    a.start()
    assert locked.wait(10)
    b = threading.Thread(target=weigher)
    b.start()
    a.join(30)
    b.join(30)
    assert not errors, errors
    with pg_db.read() as s:
        assert s.scalar(select(Weighing.verdict).where(Weighing.waybill_no == wb)) == "ok"
        assert s.scalar(select(Order.status).where(Order.waybill_no == wb)) == "weighed"
        assert verify_chain(s).intact
