"""The dispute desk's findings as table tests, the register, its counts and exports."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.db.models import Carrier, DisputeCase, Order
from app.domain.floortime import floor_zone
from app.services.dispute import (
    case_count,
    dispute_check,
    export_cases,
    list_cases,
    month_range,
    monthly_counts,
    register_case,
    settle_case,
)
from app.services.errors import ServiceError
from app.services.handover import close_cart, open_cart, scan_parcel
from tests.floor import expected_of, printed_parcels, set_lines, verify, weigh

CONTRACT_KEYS = {
    "waybill_no",
    "order_no",
    "recorded_grams",
    "expected_grams",
    "dest_grams",
    "difference_grams",
    "tolerance_grams",
    "finding",
    "suspects",
    "stub",
    "handled_by",
}

# pillow 410 g ×1, T-shirt 180 g ×2, blanket 1400 g ×1: each unit tells itself apart
LINES = [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2), ("BED-BLK-FLC", 1)]


@pytest.fixture
def parcels(db):
    ps = printed_parcels(db, 5, seed=31)
    for p in ps:
        set_lines(db, p.order_id, LINES)
    return ps


# (name, weighed delta from expected or None for no weighing, destination delta from the
#  recorded weight or None, finding, dispatch finding, suspects, confidence)
CASES = [
    ("complete at dispatch, short at destination", 0, -410, "short", "consistent",
     [("BED-PIL-MEM", 1, 410)], "sure"),
    ("consistent", 3, -12, "consistent", "consistent", [], "none"),
    ("heavy at destination", 0, 1400, "over", "consistent", [("BED-BLK-FLC", 1, 1400)], "sure"),
    ("left short (no destination weight)", -360, None, "short", "short",
     [("CLO-TSH-M", 2, 360)], "sure"),
    ("no weighing on record", None, None, "no_weighing", None, [], "none"),
]  # fmt: skip


@pytest.mark.parametrize(
    "name,weighed,dest,finding,dispatch,suspects,confidence", CASES, ids=[c[0] for c in CASES]
)
def test_findings(db, parcels, name, weighed, dest, finding, dispatch, suspects, confidence):
    p = parcels[0]
    expected, tol = expected_of(db, p.order_id)
    verify(db, p.order_id)
    recorded = None
    if weighed is not None:
        weigh(db, p.order_id, delta=weighed, verdict="ok" if abs(weighed) <= tol else "override")
        recorded = expected + weighed
        expected, tol = expected_of(db, p.order_id)  # as judged at the scale (its division)
    dest_grams = recorded + dest if dest is not None else None
    f = dispute_check(db, p.waybill_no, dest_grams=dest_grams, claim="missing")
    assert set(f) >= CONTRACT_KEYS
    assert f["finding"] == finding
    assert (f["recorded_grams"], f["expected_grams"], f["tolerance_grams"]) == (
        recorded,
        expected,
        tol,
    )
    assert f["dest_grams"] == dest_grams
    if recorded is None:
        assert f["difference_grams"] is None and f["dispatch"] is None
        assert f["stub"] == {"bundle": None, "position": None}
    else:
        assert f["difference_grams"] == (dest if dest is not None else weighed)
        assert f["dispatch"]["finding"] == dispatch
        assert f["stub"]["bundle"] >= 1 and f["stub"]["position"] >= 1
    assert [(s["sku"], s["qty"], s["grams"]) for s in f["suspects"]] == suspects
    assert f["confidence"] == confidence
    steps = [h["step"] for h in f["handled_by"]]
    assert steps[:2] == ["print", "verify"]
    assert ("weigh" in steps) == (recorded is not None)
    verify_step = f["handled_by"][1]
    assert (verify_step["operator"], verify_step["station"]) == ("1004", "校验台 1")
    assert f["evidence"]["hash"] and len(f["chain_head"]["hash"]) == 64


def test_ambiguous_units_and_lookup_by_every_key(db, parcels):
    p = parcels[1]
    # two T-shirts (2 × 180) against a pillow (410) differ by 50 g: cannot be told apart
    set_lines(db, p.order_id, [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2)])
    verify(db, p.order_id)
    weigh(db, p.order_id)
    with db.read() as s:
        o = s.get(Order, p.order_id)
        name, phone = o.receiver_name, o.receiver_phone
    f = dispute_check(db, p.waybill_no, dest_grams=expected_of(db, p.order_id)[0] - 385)
    assert f["finding"] == "short" and f["confidence"] == "ambiguous"
    for key in (p.order_no, phone[-4:], phone[-7:], name):
        try:
            g = dispute_check(db, key)
        except ServiceError as exc:  # a common name or tail may match another parcel too
            assert exc.code == "ambiguous_key"
            g = dispute_check(db, key, order_id=p.order_id)
        assert g["order_no"] == p.order_no
    with pytest.raises(ServiceError) as e:
        dispute_check(db, "NOPE-0000")
    assert e.value.code == "order_not_found"
    with pytest.raises(ServiceError) as e:
        dispute_check(db, p.waybill_no, claim="lost")
    assert e.value.code == "unknown_claim"


def test_handover_and_reprint_are_in_the_story(db, parcels):
    from app.services.waybills import record_print

    p = parcels[2]
    record_print(
        db,
        [p.order_id],
        document="waybill",
        batch_code="reprint",
        printer="pdf",
        ok=True,
        reason="jammed",
        reprint=True,
        operator="1002",
    )
    verify(db, p.order_id)
    weigh(db, p.order_id)
    cart = open_cart(db, p.carrier)
    assert scan_parcel(db, cart, p.waybill_no).verdict == "accepted"
    closed = close_cart(db, cart, "赵师傅", operator="1006", station="交接 1")
    f = dispute_check(db, p.waybill_no)
    steps = [h["step"] for h in f["handled_by"]]
    assert steps == ["print", "reprint", "verify", "weigh", "handover"]
    assert f["handled_by"][1]["reason"] == "jammed"
    assert f["handled_by"][-1]["manifest_no"] == closed.manifest_no
    assert f["handover"] == {"manifest_no": closed.manifest_no, "courier": "赵师傅"}


def test_register_settle_filter_count_and_export(db, parcels, tmp_path):
    for p in parcels[:3]:
        verify(db, p.order_id)
        weigh(db, p.order_id)
    f0 = dispute_check(db, parcels[0].waybill_no, claim="missing")
    f1 = dispute_check(db, parcels[1].waybill_no, dest_grams=100, claim="broken")
    f2 = dispute_check(db, parcels[2].waybill_no, claim="missing")
    ids = [
        register_case(db, f0, "missing", operator="1007", station="售后 1"),
        register_case(db, f1, "broken", operator="1007", station="售后 1"),
        register_case(db, f2, "missing", operator="1001"),
    ]
    assert case_count(db) == 3
    with pytest.raises(ServiceError) as e:
        register_case(db, f0, "missing", operator="1003")  # a picker
    assert e.value.code == "not_allowed"
    with pytest.raises(ServiceError) as e:
        settle_case(db, ids[0], " ", "courier")
    assert e.value.code == "reason_required"
    settle_case(db, ids[0], "快递赔付", "快递 (ZTO)", operator="1007")

    rows = list_cases(db)
    assert [r.id for r in rows] == sorted(ids, reverse=True)
    first = next(r for r in rows if r.id == ids[0])
    assert (first.outcome, first.responsible, first.claim) == ("快递赔付", "快递 (ZTO)", "missing")
    assert {r.id for r in list_cases(db, claim="broken")} == {ids[1]}
    carrier = parcels[0].carrier
    assert all(r.carrier == carrier for r in list_cases(db, carrier=carrier))
    month = first.created_at.astimezone(floor_zone()).strftime("%Y-%m")
    since, until = month_range(month)
    assert len(list_cases(db, since=since, until=until)) == 3
    assert list_cases(db, since=until) == []

    counts = monthly_counts(db)
    assert sum(n for *_, n in counts) == 3
    assert {(m, c) for m, c, _, _ in counts} == {(month, "missing"), (month, "broken")}

    n = export_cases(db, tmp_path / "cases.csv")
    rows_csv = list(csv.reader(io.StringIO((tmp_path / "cases.csv").read_text("utf-8-sig"))))
    assert n == 3 and rows_csv[0][:3] == ["id", "created_at", "waybill_no"]
    assert {r[5] for r in rows_csv[1:]} == {"missing", "broken"}
    assert export_cases(db, tmp_path / "cases.xlsx", claim="missing") == 2
    ws = load_workbook(tmp_path / "cases.xlsx").active
    assert ws.max_row == 3 and ws.cell(1, 6).value == "claim"

    with db.read() as s:
        case = s.get(DisputeCase, ids[1])
        assert case.findings["finding"] == f1["finding"] and case.dest_grams == 100
        code = s.scalar(select(Carrier.code).where(Carrier.id == case.carrier_id))
        assert code == parcels[1].carrier
