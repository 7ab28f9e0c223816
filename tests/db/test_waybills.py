"""Waybill numbers: taken once, ever, even with eight stations printing at the same time."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.db.chain import verify_chain
from app.db.engine import open_database
from app.db.models import Order, PrintJob, WaybillNumber
from app.services.demo import make_demo_data
from app.services.errors import ServiceError
from app.services.waybills import (
    allocate_batch,
    check_reprint,
    preview_batch,
    print_queue,
    record_print,
    void_waybill,
)


def test_eight_stations_allocating_at_once_never_share_a_number(db):
    make_demo_data(db, 240, seed=4)
    batches, errors = [], []

    def station(k: int) -> None:
        mine = open_database(db.url)  # each station its own engine and connections
        try:
            for _ in range(3):
                batches.append(allocate_batch(mine, limit=10, station=f"print-{k}"))
        except Exception as exc:  # noqa: BLE001 - collected and failed below
            errors.append(exc)
        finally:
            mine.dispose()

    threads = [threading.Thread(target=station, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # what the stations passed over (rows locked by another at that moment) is still waiting
    while (rest := allocate_batch(db, limit=100)).lines:
        batches.append(rest)
    given = [(li.order_no, li.waybill_no) for b in batches for li in b.lines]
    assert len(given) == 240
    assert len({o for o, _ in given}) == 240  # no order in two batches
    assert len({w for _, w in given}) == 240  # no number twice
    with db.read() as s:
        used = s.scalar(select(func.count()).where(WaybillNumber.status == "used"))
        assert used == 240
        assert s.scalar(select(func.count(func.distinct(Order.waybill_no)))) == 240
        assert verify_chain(s).intact


def test_batch_respects_filters_and_failed_prints_keep_their_number(db):
    make_demo_data(db, 60, seed=5)
    q = print_queue(db)
    assert q.waiting == 60 and sum(n for _, _, n in q.by_carrier) == 60
    code = q.by_carrier[0][0]
    pre = preview_batch(db, limit=5, carrier=code)
    assert len(pre) == 5 and {li.carrier for li in pre} == {code}
    batch = allocate_batch(db, limit=5, carrier=code, operator="1002", station="print-1")
    assert [li.order_no for li in batch.lines] == [li.order_no for li in pre]
    ids = [li.order_id for li in batch.lines]
    record_print(
        db,
        ids,
        document="waybill",
        batch_code=batch.code,
        printer="pdf",
        ok=False,
        message="paper out",
    )
    assert print_queue(db).retry == 5
    again = allocate_batch(db, order_nos=[li.order_no for li in batch.lines])
    assert [li.waybill_no for li in again.lines] == [li.waybill_no for li in batch.lines]
    record_print(db, ids, document="waybill", batch_code=again.code, printer="pdf", ok=True)
    with db.read() as s:
        assert set(s.scalars(select(Order.status).where(Order.id.in_(ids)))) == {"printed"}
        results = list(s.scalars(select(PrintJob.result).order_by(PrintJob.id)))
    assert results == ["failed"] * 5 + ["ok"] * 5


def test_reprint_needs_a_reason_and_void_takes_the_number_out_for_ever(db):
    make_demo_data(db, 3, seed=6)
    batch = allocate_batch(db, limit=3)
    li = batch.lines[0]
    record_print(db, [li.order_id], document="waybill", batch_code=batch.code, printer="p", ok=True)
    try:
        check_reprint(db, li.waybill_no, "  ")
    except ServiceError as exc:
        assert exc.code == "reason_required"
    else:
        raise AssertionError("a reprint without reason was accepted")
    assert check_reprint(db, li.waybill_no, "卡纸") == li.order_id
    record_print(
        db,
        [li.order_id],
        document="waybill",
        batch_code="reprint",
        printer="p",
        ok=True,
        reason="jammed",
        reprint=True,
    )
    assert void_waybill(db, li.waybill_no, "面单破损", operator="1001") == li.order_no
    with db.read() as s:
        assert (
            s.scalar(select(WaybillNumber.status).where(WaybillNumber.number == li.waybill_no))
            == "void"
        )
        assert s.scalar(select(Order.status).where(Order.id == li.order_id)) == "paid"
        reprint = s.scalars(select(PrintJob).order_by(PrintJob.id.desc())).first()
        assert reprint.reprint_of is not None and reprint.reason == "jammed"
    fresh = allocate_batch(db, order_nos=[li.order_no])
    assert fresh.lines[0].waybill_no not in ("", li.waybill_no)
