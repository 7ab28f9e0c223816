"""A parcel held at the scale for its weight can ship: the supervisor's release sends it back
to verification with its counts reset; verify and weigh accept it; each step is on the record."""

from __future__ import annotations

import pytest

from app.services import scanning as sc
from app.services import weighing as wg
from app.services.errors import ServiceError
from app.services.orders import show
from tests.floor import goods, printed_batch

V = {"station": "verify-1", "operator": "1004"}
W = {"station": "weigh-1", "operator": "1006"}


def verify_all(db, g) -> sc.ScanResult:
    view = sc.open_order(db, g.waybill_no, step="verify", **V)
    last = None
    n = 0
    for _sku, qty, code, serial in g.lines:
        for _ in range(qty):
            n += 1
            last = sc.scan_item(
                db, view.order_id, code, serial=f"SN-{g.order_no}-{n}" if serial else None, **V
            )
    return last


@pytest.mark.parametrize("serial", [False, True])
def test_a_light_parcel_is_recounted_reweighed_and_ships(db, serial):
    printed_batch(db, n=30)
    g = next(x for x in goods(db) if x.serial == serial and x.units >= 2)
    assert verify_all(db, g).verdict == "order_complete"
    ctx = wg.start_weighing(db, g.waybill_no, **W)
    light = wg.record_weighing(db, g.waybill_no, ctx.expected_grams - 400, 1, **W)
    assert (light.verdict, light.reason, light.status) == ("hold", "light", "held")
    # at the scale and at verify the parcel is "on hold", never "not verified"
    with pytest.raises(ServiceError) as e:
        wg.start_weighing(db, g.waybill_no, **W)
    assert (e.value.code, e.value.params["reason"]) == ("held", "weight")
    with pytest.raises(ServiceError) as e:
        sc.open_order(db, g.waybill_no, step="verify", **V)
    assert (e.value.code, e.value.params["reason"]) == ("held", "weight")
    # the holds list says who held it, where, and where a release sends it
    (h,) = [h for h in sc.list_holds(db) if h.order_no == g.order_no]
    assert (h.station, h.operator, h.weight_reason, h.difference_grams) == (
        "weigh-1", "1006", "light", -400,
    )  # fmt: skip
    assert h.recount and h.release_to == "printed"
    rel = sc.release_hold(
        db, h.order_id, operator="1001", station="holds", pin="0000", note="recount and repack"
    )
    assert rel.recount and rel.status == "printed"
    # verification starts again from zero and says why
    view = sc.open_order(db, g.waybill_no, step="verify", **V)
    assert view.units_done == 0
    assert view.recount is not None and view.recount.held_for == "light"
    assert view.recount.note == "recount and repack" and view.recount.supervisor == "1001"
    # the same units (and serial numbers) count again
    assert verify_all(db, g).verdict == "order_complete"
    ok = wg.record_weighing(db, g.waybill_no, ctx.expected_grams, 1, **W)
    assert (ok.verdict, ok.status) == ("ok", "weighed") and ok.stub is not None
    kinds = [e["kind"] for e in show(db, g.order_no)[0]["events"]]
    i = kinds.index("hold_released")
    assert "verified" in kinds[i:] and kinds[-1] == "weighed"


def test_a_serial_scanned_twice_in_one_parcel_is_said_so(db):
    printed_batch(db, n=30)
    g = next(x for x in goods(db) if any(li[3] and li[1] >= 2 for li in x.lines))
    view = sc.open_order(db, g.waybill_no, step="verify", **V)
    code = next(li[2] for li in g.lines if li[3] and li[1] >= 2)
    first = sc.scan_item(db, view.order_id, code, serial="SN-TWICE", **V)
    assert first.counted
    again = sc.scan_item(db, view.order_id, code, serial="SN-TWICE", **V)
    assert again.verdict == "serial_in_parcel" and not again.counted
