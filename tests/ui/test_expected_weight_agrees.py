"""One expected weight for an order, wherever it is shown: the order browser,
`show --json`, the weigh station and the dispute check (the evidence report) agree for an order
packed in a carton whose tare is not the plain box's."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.db.models import Order
from app.services import weighing
from app.services.dispute import dispute_check
from app.services.orders import show
from app.ui.desks.orders import OrderDetail
from tests.floor import add_order

# 2 × 1850 g quilts in a 15 g bag without filler: 3715 g (a plain box would make it 3840 g)
GOODS = [("BED-QLT-150", 2)]


def _shown(db, wb):
    (story,) = show(db, wb)
    return story["expected_grams"], story["tolerance_grams"]


def _browser_header(qtbot, db, wb) -> str:
    with db.read() as s:
        oid = s.scalar(select(Order.id).where(Order.waybill_no == wb))
    w = OrderDetail(db)
    qtbot.addWidget(w)
    w.show_order(oid)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        pass
    return w.header.text()


def _in_header(text: str) -> tuple[int, int]:
    m = re.search(r"([\d,]+) g ± (\d+) g", text)
    assert m, text
    return int(m.group(1).replace(",", "")), int(m.group(2))


def test_expected_weight_is_the_same_everywhere(qtbot, sqlite_db):
    db = sqlite_db
    add_order(db, "WB1", GOODS, carton="CTN-BAG-S")
    ctx = weighing.start_weighing(db, "WB1")
    assert (ctx.expected_grams, ctx.tolerance_grams) == (3715, 111)
    assert _shown(db, "WB1") == (3715, 111)
    assert _in_header(_browser_header(qtbot, db, "WB1")) == (3715, 111)
    f = dispute_check(db, "WB1")
    assert (f["expected_grams"], f["tolerance_grams"]) == (3715, 111)

    res = weighing.record_weighing(db, "WB1", 3720, 1, "1006", "称重台 1")
    judged = (res.expected_grams, res.tolerance_grams)
    assert judged == (3715, 112)  # the scale's 1 g division widens the band
    assert _shown(db, "WB1") == judged
    assert _in_header(_browser_header(qtbot, db, "WB1")) == judged
    f = dispute_check(db, "WB1")
    assert (f["expected_grams"], f["tolerance_grams"]) == judged
