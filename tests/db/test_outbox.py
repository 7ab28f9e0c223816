"""The offline outbox: actions kept at the station while the server is gone are replayed in
order, exactly once, and what the server refuses becomes a hold for a person."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select, update

from app.db.chain import station_event, verify_chain
from app.db.engine import is_connection_error
from app.db.models import Event, Order, Product, ProductBarcode, Weighing
from app.services import outbox as ob
from app.services import weighing as svc
from app.services.orders import intercept
from tests.floor import add_many, add_order

ST, OP = "称重台 1", "1006"


def _weighings(db, wb: str) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Weighing).where(Weighing.waybill_no == wb))


def test_weighings_kept_offline_are_replayed_once_in_order(db, tmp_path):
    wbs = add_many(db, 4)
    box = ob.Outbox(tmp_path / "outbox.sqlite")
    uids = [
        box.add(ob.WEIGH, {"waybill_no": wb, "grams": g, "operator": OP, "station": ST})
        for wb, g in zip(wbs, (551, 549, 140, 552), strict=True)
    ]
    intercept(db, wbs[3], "buyer refunded while the server was away")
    assert box.count() == 4
    rep = ob.replay(db, box)
    assert (rep.replayed, rep.already_there, rep.still_offline) == (4, 0, False)
    # the light one and the intercepted one come back as holds, loudly
    assert sorted(reason for _i, reason in rep.holds) == ["intercepted", "light"]
    assert box.count() == 0
    with db.read() as s:
        evs = s.scalars(select(Event).where(Event.uid.in_(uids)).order_by(Event.seq)).all()
        assert [e.uid for e in evs] == uids  # in the order they happened, one event each
        assert all("recorded_at" in e.detail for e in evs)
        assert verify_chain(s).intact
    # a second replay does nothing
    assert ob.replay(db, box).replayed == 0
    assert [_weighings(db, wb) for wb in wbs] == [1, 1, 1, 1]


def test_an_action_that_reached_the_server_is_not_done_twice(db, tmp_path):
    """The server took the weighing, then the connection broke before the answer came back:
    the station kept it in the outbox too. The replay recognises it by its uid."""
    (wb,) = add_many(db, 1)
    uid = str(uuid.uuid4())
    with station_event(uid):
        svc.record_weighing(db, wb, 551, 1, OP, ST)
    box = ob.Outbox(tmp_path / "outbox.sqlite")
    box.add(ob.WEIGH, {"waybill_no": wb, "grams": 551, "operator": OP, "station": ST}, uid=uid)
    rep = ob.replay(db, box)
    assert (rep.replayed, rep.already_there) == (0, 1)
    assert _weighings(db, wb) == 1
    db.dispose()


PILLOW = "6901234567892"


def _printed_pillow_orders(db, *wbs: tuple[str, int]) -> None:
    for wb, qty in wbs:
        add_order(db, wb, [("BED-PIL-MEM", qty)])
    with db.write() as s:
        pid = s.scalar(select(Product.id).where(Product.sku == "BED-PIL-MEM"))
        if not s.scalar(select(ProductBarcode.id).where(ProductBarcode.code == PILLOW)):
            s.add(ProductBarcode(product_id=pid, code=PILLOW))
        s.execute(
            update(Order)
            .where(Order.waybill_no.in_([wb for wb, _q in wbs]))
            .values(status="printed")
        )


def test_verification_scans_replayed_and_a_refused_one_held_for_a_person(db, tmp_path):
    _printed_pillow_orders(db, ("WBV1", 2), ("WBV2", 1))
    box = ob.Outbox(tmp_path / "outbox.sqlite")
    p = {"operator": "1004", "station": "校验台 1"}
    box.add(ob.VERIFY_OPEN, {"code": "WBV1", **p})
    box.add(ob.VERIFY_ITEM, {"order_code": "WBV1", "code": PILLOW, **p})
    box.add(ob.VERIFY_ITEM, {"order_code": "WBV1", "code": PILLOW, **p})
    box.add(ob.VERIFY_OPEN, {"code": "WBV2", **p})
    box.add(ob.VERIFY_ITEM, {"order_code": "WBV2", "code": "6909999999999", **p})  # not ours
    rep = ob.replay(db, box)
    assert rep.replayed == 4
    assert [code for _i, code in rep.conflicts] == ["offline_bad_check_digit"]  # a misread
    with db.read() as s:
        got = {
            wb: (st, why)
            for wb, st, why in s.execute(select(Order.waybill_no, Order.status, Order.hold_reason))
        }
    assert got["WBV1"][0] == "verified"
    assert got["WBV2"] == ("held", "offline_conflict")  # nobody heard the error beep then
    assert [i.uid for i in box.conflicts()] == [rep.conflicts[0][0].uid]


def test_an_order_cancelled_meanwhile_is_stopped_on_replay(db, tmp_path):
    _printed_pillow_orders(db, ("WBV3", 1))
    box = ob.Outbox(tmp_path / "outbox.sqlite")
    p = {"operator": "1004", "station": "校验台 1"}
    box.add(ob.VERIFY_OPEN, {"code": "WBV3", **p})
    box.add(ob.VERIFY_ITEM, {"order_code": "WBV3", "code": PILLOW, **p})
    intercept(db, "WBV3", "refund")
    rep = ob.replay(db, box)
    assert rep.conflicts and rep.conflicts[0][1] == "intercepted"
    with db.read() as s:
        assert s.scalar(select(Order.status).where(Order.waybill_no == "WBV3")) == "cancelled"


def test_a_real_server_outage_keeps_the_weighings_and_replays_them(tmp_path):
    """Stop a real PostgreSQL server: the call fails as a connection error, the weighing goes
    to the outbox; start it again: the replay records it, once."""
    from tests.pgroles import station_database
    from tests.pgserver import PgServer

    server = PgServer()
    try:
        url = server.start()
        db = station_database(url)  # the station signs in as the stations' role
        wbs = add_many(db, 3)
        svc.record_weighing(db, wbs[0], 551, 1, OP, ST)
        server.stop(keep_data=True)
        box = ob.Outbox(tmp_path / "outbox.sqlite")
        for wb in wbs[1:]:
            uid = str(uuid.uuid4())
            with pytest.raises(Exception) as exc, station_event(uid):
                svc.record_weighing(db, wb, 550, 1, OP, ST)
            assert is_connection_error(exc.value), repr(exc.value)
            box.add(
                ob.WEIGH, {"waybill_no": wb, "grams": 550, "operator": OP, "station": ST}, uid=uid
            )
        assert ob.replay(db, box).still_offline and box.count() == 2
        server.start()
        rep = ob.replay(db, box)
        assert (rep.replayed, rep.still_offline, box.count()) == (2, False, 0)
        assert [_weighings(db, wb) for wb in wbs] == [1, 1, 1]
        with db.read() as s:
            assert verify_chain(s).intact
        db.dispose()
    finally:
        server.stop()


def test_an_order_left_incomplete_offline_is_held(db, tmp_path):
    _printed_pillow_orders(db, ("WBV4", 2))
    box = ob.Outbox(tmp_path / "outbox.sqlite")
    p = {"operator": "1004", "station": "校验台 1"}
    box.add(ob.VERIFY_OPEN, {"code": "WBV4", **p})
    box.add(ob.VERIFY_ITEM, {"order_code": "WBV4", "code": PILLOW, **p})  # 1 of 2
    rep = ob.replay(db, box)
    assert [c for _i, c in rep.conflicts] == ["offline_incomplete"]
    with db.read() as s:
        row = s.execute(
            select(Order.status, Order.hold_reason).where(Order.waybill_no == "WBV4")
        ).one()
    assert tuple(row) == ("held", "offline_conflict")


def test_packing_kept_offline_is_replayed_and_a_refused_one_held(db, tmp_path):
    _printed_pillow_orders(db, ("WBP1", 1), ("WBP2", 1))
    with db.write() as s:
        s.execute(update(Order).where(Order.waybill_no == "WBP1").values(status="verified"))
    box = ob.Outbox(tmp_path / "outbox.sqlite")
    p = {"operator": "1005", "station": "打包台 1"}
    box.add(ob.PACK, {"code": "WBP1", "carton": "CTN-1", **p})
    box.add(ob.PACK, {"code": "WBP2", "carton": "CTN-1", **p})  # never verified
    rep = ob.replay(db, box)
    assert rep.replayed == 1 and len(rep.conflicts) == 1
    with db.read() as s:
        got = dict(s.execute(select(Order.waybill_no, Order.status)).all())
    assert got["WBP1"] == "packed" and got["WBP2"] == "held"


@pytest.mark.postgres
def test_a_replay_the_server_refuses_to_the_login_stays_kept(pg_server_url, tmp_path):
    """The stations' role lost a grant (say, a table added by hand and nobody re-ran
    grant-station): the kept weighing is not thrown away as a conflict; it waits, and goes
    once the owner has put the grants right."""
    from app.db.roles import grant_station
    from tests.conftest import _pg_database
    from tests.pgroles import STATION_PASSWORD, STATION_ROLE, owner_database, station_database

    db = station_database(_pg_database(pg_server_url))
    (wb,) = add_many(db, 1)
    box = ob.Outbox(tmp_path / "outbox.sqlite")
    box.add(ob.WEIGH, {"waybill_no": wb, "grams": 551, "operator": OP, "station": ST})
    with owner_database(db) as owner, owner.engine.begin() as c:
        c.exec_driver_sql(f"REVOKE INSERT ON weighings FROM {STATION_ROLE}")
    rep = ob.replay(db, box)
    assert rep.still_offline and "weighings" in rep.refused and not rep.conflicts
    assert box.count() == 1 and _weighings(db, wb) == 0
    with owner_database(db) as owner:
        grant_station(owner, STATION_ROLE, STATION_PASSWORD)
    rep = ob.replay(db, box)
    assert (rep.replayed, rep.still_offline, rep.refused, box.count()) == (1, False, "", 0)
    assert _weighings(db, wb) == 1
    db.dispose()
