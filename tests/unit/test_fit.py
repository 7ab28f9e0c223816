"""Which units explain a weight difference, and how sure that is (table tests)."""

from __future__ import annotations

import pytest

from app.domain.fit import Unit, explain

PILLOW = Unit("PIL", "枕头", 410, 1)
TEE = Unit("TEE", "T恤", 180, 2)
BLANKET = Unit("BLK", "毯子", 1400, 1)
CABLE = Unit("CBL", "数据线", 45, 3)
TWIN_A = Unit("A", "甲", 300, 1)
TWIN_B = Unit("B", "乙", 300, 1)

CASES = [
    # name, difference, units, tolerance, best items, confidence
    ("one unit exactly", -410, [PILLOW, TEE, BLANKET], 60, (("PIL", 1),), "sure"),
    ("two of one line", -360, [PILLOW, TEE, BLANKET], 60, (("TEE", 2),), "sure"),
    ("heavier: an extra unit", 1400, [PILLOW, TEE, BLANKET], 60, (("BLK", 1),), "sure"),
    ("a combination", -(410 + 180), [PILLOW, TEE, BLANKET], 40, (("PIL", 1), ("TEE", 1)), "sure"),
    ("close rivals", -385, [PILLOW, TEE], 50, (("PIL", 1),), "ambiguous"),
    ("same weight, two SKUs", -300, [TWIN_A, TWIN_B], 30, (("A", 1),), "ambiguous"),
    ("fewest units when equal", -135, [CABLE], 20, (("CBL", 3),), "sure"),
    ("nothing that light", -20, [PILLOW, TEE], 10, None, "none"),
    ("more than the whole order", -5000, [PILLOW, TEE, BLANKET], 60, None, "none"),
    ("no difference", 0, [PILLOW], 50, None, "none"),
    ("weightless units ignored", -410, [Unit("GIFT", "赠品卡", 0, 5), PILLOW], 30,
     (("PIL", 1),), "sure"),
]  # fmt: skip


@pytest.mark.parametrize(
    "name,difference,units,tolerance,best,confidence", CASES, ids=[c[0] for c in CASES]
)
def test_explain(name, difference, units, tolerance, best, confidence):
    ex = explain(difference, units, tolerance)
    assert ex.confidence == confidence
    if best is None:
        assert ex.best is None and ex.fits == ()
    else:
        assert ex.best is not None and ex.best.items == best
        assert all(f.error <= tolerance for f in ex.fits)
        assert [f.error for f in ex.fits] == sorted(f.error for f in ex.fits)


def test_the_runner_up_is_reported_when_ambiguous():
    ex = explain(-385, [PILLOW, TEE], 50)
    assert {f.items for f in ex.fits} == {(("PIL", 1),), (("TEE", 2),)}
    assert ex.best.grams == 410 and ex.best.error == 25


def test_never_more_units_than_the_order_holds():
    ex = explain(-540, [TEE], 30)  # three T-shirts would fit, but the order has two
    assert ex.confidence == "none"


def test_bounded_search_on_a_big_order():
    units = [Unit(f"S{i}", "", 100 + 37 * i, 3) for i in range(12)]
    ex = explain(-2000, units, 20, max_units=6)
    assert ex.fits and sum(q for _, q in ex.best.items) <= 6
