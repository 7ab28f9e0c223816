"""Scanning services on SQLite and PostgreSQL: every scan recorded, refusals never count."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from app.db.models import Event, Order, Override, ScanEvent
from app.services import scanning as sc
from app.services.errors import ServiceError
from app.services.orders import intercept, show
from tests.floor import foreign_barcode, goods, pick, printed_batch

ST = {"station": "verify-1", "operator": "1004"}


def _scans(db, order_id):
    with db.read() as s:
        return [
            (r.step, r.code, r.verdict)
            for r in s.scalars(
                select(ScanEvent).where(ScanEvent.order_id == order_id).order_by(ScanEvent.id)
            )
        ]


def test_a_whole_order_is_verified_and_refusals_are_recorded_without_counting(db):
    printed_batch(db)
    g = pick(db, serial=False, lines=2)
    view = sc.open_order(db, g.waybill_no, step="verify", **ST)
    assert view.order_no == g.order_no and [li.qty for li in view.lines] == [
        q for _, q, *_ in g.lines
    ]
    wrong = foreign_barcode(db, g)
    assert sc.scan_item(db, g.order_id, wrong, **ST).verdict == "wrong_item"
    bad = g.lines[0][2][:-1] + str((int(g.lines[0][2][-1]) + 1) % 10)
    assert sc.scan_item(db, g.order_id, bad, **ST).verdict == "bad_check_digit"
    assert sc.scan_item(db, g.order_id, "NOT-A-PRODUCT", **ST).verdict == "unknown_code"
    verdicts = []
    for _sku, qty, code, _ in g.lines:
        for _ in range(qty):
            r = sc.scan_item(db, g.order_id, code, **ST)
            verdicts.append(r.verdict)
    assert verdicts[-1] == "order_complete" and r.complete and r.status == "verified"
    with pytest.raises(ServiceError) as e:
        sc.scan_item(db, g.order_id, g.lines[0][2], **ST)
    assert e.value.code == "already_verified"
    story = show(db, g.order_no)[0]
    assert story["status"] == "verified"
    assert [li["verified_qty"] for li in story["lines"]] == [q for _, q, *_ in g.lines]
    kinds = [e["kind"] for e in story["events"]]
    assert "verified" in kinds
    scans = [e["detail"]["verdict"] for e in story["events"] if e["kind"] == "scan"]
    assert scans[:4] == ["opened", "wrong_item", "bad_check_digit", "unknown_code"]
    assert all(e["station"] == "verify-1" and e["operator"] == "1004" for e in story["events"][-3:])


def test_an_extra_unit_is_refused_and_the_next_waybill_is_recognised(db):
    printed_batch(db)
    g = pick(db, serial=False, lines=2)
    other = [x for x in goods(db) if x.order_id != g.order_id][0]
    sc.open_order(db, g.order_no, step="verify", **ST)
    sku, qty, code, _ = g.lines[0]
    for _ in range(qty):
        sc.scan_item(db, g.order_id, code, **ST)
    r = sc.scan_item(db, g.order_id, code, **ST)
    assert r.verdict == "extra_unit" and r.line.done == qty
    r = sc.scan_item(db, g.order_id, other.waybill_no, **ST)
    assert r.verdict == "other_order" and r.other_order_no == other.order_no
    assert _scans(db, g.order_id)[-2:] == [
        ("verify", code, "extra_unit"),
        ("verify", other.waybill_no, "other_order"),
    ]


def test_an_intercepted_order_is_stopped_at_every_station_and_recorded(db):
    printed_batch(db)
    g = pick(db, serial=False)
    intercept(db, g.waybill_no, "买家退款")
    for step in ("pick", "verify", "pack"):
        with pytest.raises(ServiceError) as e:
            sc.open_order(db, g.waybill_no, step=step, **ST)
        assert e.value.code == "intercepted" and e.value.params["reason"] == "买家退款"
    with pytest.raises(ServiceError) as e:
        sc.scan_item(db, g.order_id, g.lines[0][2], **ST)
    assert e.value.code == "intercepted"
    with db.read() as s:
        stops = s.scalar(
            select(func.count()).where(Event.order_id == g.order_id, Event.kind == "intercept_stop")
        )
        qty = s.scalar(select(Order.status).where(Order.id == g.order_id))
    assert stops == 4 and qty == "cancelled"
    assert [v for *_, v in _scans(db, g.order_id)] == ["intercepted"] * 4


def test_a_second_station_is_told_who_has_the_order_until_the_claim_is_idle(db):
    printed_batch(db)
    g = pick(db, serial=False)
    sc.open_order(db, g.waybill_no, step="verify", **ST)
    with pytest.raises(ServiceError) as e:
        sc.open_order(db, g.waybill_no, step="verify", station="verify-2", operator="1004")
    assert e.value.code == "claimed_elsewhere" and e.value.params["station"] == "verify-1"
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=11)
    with db.write() as s:
        s.execute(update(Order).where(Order.id == g.order_id).values(claimed_at=old))
    view = sc.open_order(db, g.waybill_no, step="verify", station="verify-2", operator="1004")
    assert view.order_id == g.order_id


def test_serial_numbers_are_asked_for_and_a_shipped_serial_is_refused(db):
    printed_batch(db, n=40)
    serial_orders = [g for g in goods(db) if g.serial]
    a, b = serial_orders[0], serial_orders[1]
    for g, serial in ((a, "SN-0001"), (b, "SN-0001")):
        sc.open_order(db, g.waybill_no, step="verify", **ST)
        line = next(li for li in g.lines if li[3])
        r = sc.scan_item(db, g.order_id, line[2], **ST)
        assert r.verdict == "need_serial" and r.line.done == 0
        r = sc.scan_item(db, g.order_id, line[2], serial=serial, **ST)
        if g is a:
            assert r.counted and r.serial == "SN-0001"
        else:
            assert r.verdict == "serial_duplicate" and r.line.done == 0
    with db.read() as s:
        rows = s.execute(
            select(ScanEvent.order_id, ScanEvent.verdict).where(ScanEvent.serial_no == "SN-0001")
        ).all()
    got = {o: v for o, v in rows}
    assert got[b.order_id] == "serial_duplicate" and got[a.order_id] in sc.COUNTED


def test_undo_needs_a_supervisor_badge_and_pin_and_is_recorded(db):
    printed_batch(db)
    g = pick(db, serial=False, units=1)
    sc.open_order(db, g.waybill_no, step="verify", **ST)
    r = sc.scan_item(db, g.order_id, g.lines[0][2], **ST)
    assert r.status == "verified"
    for badge, pin, code in (("OP1001", "9999", "wrong_pin"), ("OP1004", "", "not_allowed")):
        with pytest.raises(ServiceError) as e:
            sc.undo_scan(db, g.order_id, supervisor_badge=badge, pin=pin, **ST)
        assert e.value.code == code
    r = sc.undo_scan(db, g.order_id, supervisor_badge="OP1001", pin="0000", **ST)
    assert r.verdict == "undone" and r.status == "printed" and r.lines[0].done == 0
    with pytest.raises(ServiceError) as e:
        sc.undo_scan(db, g.order_id, supervisor_badge="OP1001", pin="0000", **ST)
    assert e.value.code == "nothing_to_undo"
    with db.read() as s:
        sup = s.scalars(select(Override.supervisor).where(Override.order_id == g.order_id)).one()
    assert sup == "1001"
    assert _scans(db, g.order_id)[-1][2] == "undone"


def test_holds_wait_for_a_supervisor_who_releases_or_cancels_them(db):
    printed_batch(db)
    a, b = goods(db)[:2]
    sc.open_order(db, a.waybill_no, step="verify", **ST)
    sc.scan_item(db, a.order_id, a.lines[0][2], **ST)
    sc.hold(db, a.order_id, "incomplete", step="verify", **ST)
    sc.hold(db, b.order_id, "damaged", step="verify", note="box torn", **ST)
    with pytest.raises(ServiceError) as e:
        sc.open_order(db, a.waybill_no, step="verify", **ST)
    assert e.value.code == "held"
    queue = sc.list_holds(db)
    assert [(h.order_no, h.reason) for h in queue] == [
        (a.order_no, "incomplete"),
        (b.order_no, "damaged"),
    ]
    assert queue[1].note == "box torn" and queue[0].station == "verify-1"
    with pytest.raises(ServiceError) as e:
        sc.release_hold(db, a.order_id, operator="1004", station="holds", pin="0000", note="ok")
    assert e.value.code == "not_allowed"
    for pin, note, code in ((None, "recounted", "pin_required"), ("9999", "x", "wrong_pin"),
                            ("0000", " ", "reason_required")):  # fmt: skip
        with pytest.raises(ServiceError) as e:
            sc.release_hold(db, a.order_id, operator="1001", station="holds", pin=pin, note=note)
        assert e.value.code == code
    sc.release_hold(db, a.order_id, operator="1001", station="holds", pin="0000", note="found it")
    view = sc.open_order(db, a.waybill_no, step="verify", **ST)
    assert view.status == "printed" and view.lines[0].done == 1  # progress kept
    sc.cancel_hold(db, b.order_id, operator="1001", station="holds", pin="0000", reason="破损无货")
    with pytest.raises(ServiceError) as e:
        sc.open_order(db, b.waybill_no, step="pack", **ST)
    assert e.value.code == "intercepted" and e.value.params["reason"] == "破损无货"
    assert sc.list_holds(db) == []


def test_a_pick_list_by_batch_code_in_bin_order_with_shortage(db):
    code = printed_batch(db, n=12)
    intercept(db, goods(db)[0].waybill_no, "买家退款")
    pl = sc.open_pick_list(db, code, station="pick-1", operator="1003")
    assert len(pl.intercepted) == 1
    bins = [li.bin_location for li in pl.lines]
    assert bins == sorted(bins)
    ST_P = {"list_code": code, "station": "pick-1", "operator": "1003"}
    short = pl.lines[0]
    r = sc.mark_shortage(db, pl.order_ids, short.sku, **ST_P)
    assert r.orders_held and r.pick_list.lines[0].complete
    barcodes = {li[0]: li[2] for g in goods(db, None) for li in g.lines}
    r = sc.pick_item(db, pl.order_ids, "6999999999999", **ST_P)
    assert r.verdict in ("unknown_code", "bad_check_digit")
    picked: list[str] = []
    for line in r.pick_list.lines:
        if line.complete:
            continue
        if line is r.pick_list.lines[-1]:
            r = sc.confirm_pick_line(db, pl.order_ids, line.sku, **ST_P)
            picked += r.orders_picked
            continue
        for _ in range(line.qty - line.picked - line.short):
            r = sc.pick_item(db, pl.order_ids, barcodes[line.sku], **ST_P)
            assert r.verdict in ("ok", "line_complete", "order_complete")
            picked += r.orders_picked
    assert r.pick_list.complete
    statuses = dict(r.pick_list.orders)
    assert sorted(picked) == sorted(n for n, st in statuses.items() if st == "picked")
    assert set(statuses.values()) == {"picked", "held", "cancelled"}
    assert sc.pick_item(db, pl.order_ids, barcodes[pl.lines[1].sku], **ST_P).verdict == "extra_unit"


def test_packing_sets_the_carton_and_reminds_of_gifts(db):
    printed_batch(db)
    g = pick(db, serial=False)
    sc.open_order(db, g.waybill_no, step="verify", **ST)
    for _, qty, code, _ in g.lines:
        for _ in range(qty):
            sc.scan_item(db, g.order_id, code, **ST)
    with db.write() as s:
        s.execute(
            update(Order).where(Order.id == g.order_id).values(seller_remark="赠送插垫；发票")
        )
    PK = {"station": "pack-1", "operator": "1005"}
    view = sc.open_order(db, g.waybill_no, step="pack", **PK)
    assert view.reminders.gifts == ("赠送插垫",) and view.reminders.invoice
    assert view.suggested_carton in {c.code for c in sc.list_cartons(db)}
    with pytest.raises(ServiceError) as e:
        sc.pack_order(db, g.order_id, "CTN-99", **PK)
    assert e.value.code == "unknown_carton"
    done = sc.pack_order(db, g.order_id, "CTN-3", **PK)
    assert done.status == "packed" and done.carton_code == "CTN-3"
    story = show(db, g.order_no)[0]
    assert story["events"][-1]["kind"] == "packed"
    assert story["events"][-1]["detail"]["carton"] == "CTN-3"
    assert sc.packing_confirmation(db) is False
