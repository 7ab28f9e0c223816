"""Manual carrier override at review (改快递): with a reason, before printing, only to a carrier
that delivers there, recorded as evidence; the batch then prints with that carrier."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.db.chain import verify_chain
from app.db.models import Event, Order
from app.services.demo import make_demo_data
from app.services.errors import ServiceError
from app.services.waybills import allocate_batch, override_carrier, preview_batch


class _O:
    def __init__(self, id: int, order_no: str) -> None:
        self.id, self.order_no = id, order_no


def _first_waiting(db) -> _O:
    with db.read() as s:
        row = s.execute(
            select(Order.id, Order.order_no).where(Order.status == "paid").order_by(Order.id)
        ).first()
    return _O(row.id, row.order_no)


def _planned(db, order_no: str) -> str:
    return {li.order_no: li.carrier for li in preview_batch(db, limit=500)}[order_no]


def test_override_changes_the_carrier_the_batch_prints_with(db):
    make_demo_data(db, 30, seed=7)
    o = _first_waiting(db)
    before = _planned(db, o.order_no)
    target = "SF" if before != "SF" else "YTO"
    changes = override_carrier(
        db, [o.order_no], target, "buyer_asked: 买家要求顺丰", operator="1002", station="print-1"
    )
    assert [(c.order_no, c.new_carrier) for c in changes] == [(o.order_no, target)]
    assert _planned(db, o.order_no) == target
    batch = allocate_batch(db, order_nos=[o.order_no], station="print-1")
    assert batch.lines[0].carrier == target and batch.lines[0].waybill_no
    with db.read() as s:
        ev = s.scalars(
            select(Event).where(Event.order_id == o.id, Event.kind == "carrier_changed")
        ).one()
        assert ev.detail["to"] == target and ev.detail["reason"].startswith("buyer_asked")
        assert ev.operator == "1002" and ev.station == "print-1"
    with db.read() as s:
        assert verify_chain(s).intact


def test_override_is_refused_without_reason_after_printing_or_out_of_area(db):
    make_demo_data(db, 30, seed=8)
    o = _first_waiting(db)
    with pytest.raises(ServiceError) as e:
        override_carrier(db, [o.order_no], "SF", "  ", operator="1002")
    assert e.value.code == "reason_required"
    with pytest.raises(ServiceError) as e:
        override_carrier(db, [o.order_no], "NOPE", "faster", operator="1002")
    assert e.value.code == "carrier_unknown"
    # a picker may not change carriers
    with pytest.raises(ServiceError) as e:
        override_carrier(db, [o.order_no], "SF", "faster", operator="1003")
    assert e.value.code == "not_allowed"
    # 超区: YUNDA does not deliver to Tibet
    with db.write() as s:
        s.execute(
            update(Order).where(Order.id == o.id).values(province="西藏自治区", city="拉萨市")
        )
    with pytest.raises(ServiceError) as e:
        override_carrier(db, [o.order_no], "YUNDA", "faster", operator="1002")
    assert e.value.code == "carrier_not_serving"
    # printed: void first
    printed = allocate_batch(db, limit=1, station="print-1").lines[0]
    with pytest.raises(ServiceError) as e:
        override_carrier(db, [printed.order_no], "SF", "faster", operator="1002")
    assert e.value.code == "carrier_change_too_late"
    # nothing changed by the refusals, no event written
    with db.read() as s:
        assert not s.scalars(select(Event).where(Event.kind == "carrier_changed")).all()
        assert s.scalar(select(Order.province).where(Order.id == o.id)) == "西藏自治区"


def test_all_or_none_for_several_orders(db):
    make_demo_data(db, 30, seed=9)
    o = _first_waiting(db)
    printed = allocate_batch(db, limit=1, order_nos=None, station="print-1").lines[0]
    assert printed.order_no != o.order_no
    with pytest.raises(ServiceError):
        override_carrier(db, [o.order_no, printed.order_no], "SF", "faster", operator="1001")
    with db.read() as s:
        assert not s.scalars(select(Event).where(Event.kind == "carrier_changed")).all()
