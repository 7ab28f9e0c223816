"""The processing rules as tables: which orders first, and carrier choice with 超区."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app.domain.batching import Candidate, arrange_batch, cutoff_at, same_day
from app.domain.carriers import CarrierRule, choose_carrier
from app.domain.floortime import use_floor_zone

UTC = dt.UTC
T0 = dt.datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 Beijing


def cand(oid, *, paid_min=0, items=1, skus=("A",), carrier="ZTO", ship_days=2):
    paid = T0 + dt.timedelta(minutes=paid_min)
    return Candidate(
        oid, f"N{oid}", paid, paid + dt.timedelta(days=ship_days), items, tuple(skus), carrier
    )


@pytest.mark.parametrize(
    ("orders", "expected"),
    [
        # single-item before multi-item, even when the multi-item order was paid first
        ([cand(1, items=3), cand(2, paid_min=5)], [2, 1]),
        # an earlier ship-by day first
        ([cand(1, ship_days=3), cand(2, paid_min=9, ship_days=1)], [2, 1]),
        # the same product together, ahead of paid-time order
        (
            [
                cand(1, skus=("B",)),
                cand(2, paid_min=1, skus=("A",)),
                cand(3, paid_min=2, skus=("B",)),
            ],
            [2, 1, 3],
        ),
        # the same carrier together within one product
        (
            [
                cand(1, carrier="ZTO"),
                cand(2, paid_min=1, carrier="SF"),
                cand(3, paid_min=2, carrier="ZTO"),
            ],
            [2, 1, 3],
        ),
        # otherwise first paid first
        ([cand(3, paid_min=30), cand(1, paid_min=10), cand(2, paid_min=20)], [1, 2, 3]),
    ],
)
def test_batch_order(orders, expected):
    assert [c.order_id for c in arrange_batch(orders)] == expected


def test_same_day_cutoff_is_on_the_floors_clock():
    china = ZoneInfo("Asia/Shanghai")
    now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 17:00 Beijing
    assert same_day(dt.datetime(2026, 11, 23, 7, 59, tzinfo=UTC), now, zone=china)  # 15:59
    assert not same_day(dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC), now, zone=china)  # 16:00
    assert cutoff_at(now, zone=china) == dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    # a floor whose clock is UTC cuts off at 16:00 UTC
    assert same_day(dt.datetime(2026, 11, 23, 15, 59, tzinfo=UTC), now, zone=UTC)
    # the floor's zone when none is given
    use_floor_zone("Asia/Shanghai")
    assert not same_day(dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC), now)


ZTO = CarrierRule(1, "ZTO", ())
EMS = CarrierRule(2, "EMS", ())
YUNDA = CarrierRule(3, "YUNDA", ("西藏自治区",))
STO = CarrierRule(4, "STO", ("新疆维吾尔自治区/阿里地区",))


@pytest.mark.parametrize(
    ("province", "city", "preferred", "expected"),
    [
        ("浙江省", "杭州市", [ZTO, EMS], "ZTO"),
        ("西藏自治区", "拉萨市", [YUNDA, EMS], "EMS"),  # 超区 goes to the secondary
        ("新疆维吾尔自治区", "阿里地区", [STO], "ZTO"),  # then to any carrier that serves it
        ("新疆维吾尔自治区", "乌鲁木齐市", [STO], "STO"),  # only 阿里 is excluded
    ],
)
def test_carrier_choice(province, city, preferred, expected):
    others = [c for c in (ZTO, EMS, YUNDA, STO) if c not in preferred]
    assert choose_carrier(province, city, preferred, others).code == expected


def test_no_carrier_when_none_serves():
    assert choose_carrier("西藏自治区", "拉萨市", [YUNDA], []) is None
