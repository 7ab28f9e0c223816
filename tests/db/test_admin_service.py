"""The admin's edits on SQLite and PostgreSQL: refused for others, audited in the hash chain."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.db.chain import verify_chain
from app.db.models import Event, Operator, Product, WaybillNumber
from app.services import admin
from app.services.demo import make_demo_data
from app.services.errors import ServiceError
from app.services.operators import sign_in

ADMIN = {"operator": "1008", "station": "admin-1"}
#: the acts that ask the admin's own PIN again (operators, floor settings)
ADMIN_PIN = {**ADMIN, "admin_pin": "0000"}


@pytest.fixture
def floor(db):
    make_demo_data(db, 0, seed=2)
    return db


def _audits(db) -> list[Event]:
    with db.read() as s:
        events = list(
            s.scalars(select(Event).where(Event.kind == "admin_changed").order_by(Event.seq))
        )
        s.expunge_all()
    return events


def _intact(db) -> None:
    with db.read() as s:
        rep = verify_chain(s)
    assert rep.intact, rep.problem


def test_only_an_admin_may_edit(floor):
    p = admin.list_products(floor, "BED-PIL-MEM")[0]
    edit = admin.ProductEdit(p.sku, p.name, p.barcodes, 999, p.bin_location)
    for who in ("1001", "1004", "nobody"):  # a supervisor, a verifier, an unknown code
        with pytest.raises(ServiceError) as e:
            admin.save_product(floor, edit, operator=who)
        assert e.value.code == "not_allowed"
    with pytest.raises(ServiceError, match="not_allowed"):
        admin.add_pool(floor, "SF", "SF9900000000000", "SF9900000000009", operator="1001")
    with pytest.raises(ServiceError, match="not_allowed"):
        admin.reset_pin(floor, "1001", "1234", operator="1001")
    with pytest.raises(ServiceError, match="not_allowed"):
        admin.save_floor_settings(floor, admin.FloorSettings(bundle_size=10), operator="1006")
    assert admin.list_products(floor, "BED-PIL-MEM")[0].unit_grams == 410
    assert _audits(floor) == []


def test_product_edit_is_saved_and_audited_in_the_chain(floor):
    p = admin.list_products(floor, "BED-PIL-MEM")[0]
    edit = admin.ProductEdit(
        p.sku, p.name, (*p.barcodes, "6900000000017"), 425, "Z-09-01", serial_tracked=True
    )
    row = admin.save_product(floor, edit, **ADMIN)
    assert row.unit_grams == 425 and "6900000000017" in row.barcodes and row.serial_tracked
    assert admin.list_products(floor, "6900000000017")[0].sku == "BED-PIL-MEM"
    [ev] = _audits(floor)
    assert ev.operator == "1008" and ev.station == "admin-1"
    assert ev.detail["entity"] == "product" and ev.detail["key"] == "BED-PIL-MEM"
    assert ev.detail["before"]["unit_grams"] == 410 and ev.detail["after"]["unit_grams"] == 425
    assert ev.detail["after"]["bin_location"] == "Z-09-01"
    assert "name" not in ev.detail["after"]  # only what changed
    # saving the same values again changes nothing and records nothing
    admin.save_product(floor, edit, **ADMIN)
    assert len(_audits(floor)) == 1
    _intact(floor)
    log = admin.audit_log(floor)
    assert log[0].key == "BED-PIL-MEM" and log[0].after["unit_grams"] == 425


def test_duplicate_sku_and_barcode_are_refused_cleanly(floor):
    taken = admin.list_products(floor, "CLO-TSH-M")[0]
    with pytest.raises(ServiceError) as e:
        admin.save_product(floor, admin.ProductEdit("CLO-TSH-M", "x", (), 1), create=True, **ADMIN)
    assert e.value.code == "duplicate_sku"
    new = admin.ProductEdit("NEW-1", "新品", (taken.barcodes[0],), 100)
    with pytest.raises(ServiceError) as e:
        admin.save_product(floor, new, create=True, **ADMIN)
    assert e.value.code == "duplicate_barcode" and e.value.params["sku"] == "CLO-TSH-M"
    with floor.read() as s:  # nothing half-written
        assert s.scalar(select(Product.id).where(Product.sku == "NEW-1")) is None
    with pytest.raises(ServiceError) as e:
        admin.save_product(floor, admin.ProductEdit("NEW-2", "x", (), -5), create=True, **ADMIN)
    assert e.value.code == "out_of_range" and e.value.params["field"] == "unit_grams"
    assert _audits(floor) == []
    ok = admin.save_product(
        floor, admin.ProductEdit("NEW-1", "新品", ("6912345678906",), 100), create=True, **ADMIN
    )
    assert ok.barcodes == ("6912345678906",)
    assert _audits(floor)[0].detail["action"] == "create"
    _intact(floor)


def test_pool_range_skips_known_numbers_and_counts_what_is_left(floor):
    before = {c.code: c.free for c in admin.list_carriers(floor)}
    added = admin.add_pool(floor, "SF", "SF9900000000000", "SF9900000000009", **ADMIN)
    assert (added.added, added.skipped) == (10, 0)
    # mark one number used, then add an overlapping range: the used one is not reissued
    with floor.write() as s:
        wn = s.scalars(select(WaybillNumber).where(WaybillNumber.number == "SF9900000000009")).one()
        wn.status = "used"
    again = admin.add_pool(floor, "SF", "SF9900000000005", "SF9900000000014", **ADMIN)
    assert (again.added, again.skipped) == (5, 5)
    with floor.read() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(WaybillNumber)
                .where(WaybillNumber.number == "SF9900000000009")
            )
            == 1
        )
    sf = next(c for c in admin.list_carriers(floor) if c.code == "SF")
    assert sf.free == before["SF"] + 14 and sf.used == 1
    pools = admin.list_pools(floor, "SF")
    assert (pools[0].count, pools[0].free) == (5, 5)
    with pytest.raises(ServiceError) as e:
        admin.add_pool(floor, "SF", "SF9900000000000", "SF9900000000003", **ADMIN)
    assert e.value.code == "numbers_known"
    with pytest.raises(ServiceError) as e:
        admin.add_pool(floor, "SF", "YT0000000000001", "YT0000000000002", **ADMIN)
    assert e.value.code == "not_carrier_number"
    with pytest.raises(ServiceError) as e:
        admin.add_pool(floor, "SF", "SF9900000000009", "SF9900000000001", **ADMIN)
    assert e.value.code == "invalid_range"
    assert [a.detail["action"] for a in _audits(floor)] == ["add_range", "add_range"]
    _intact(floor)


def test_carriers_and_shop_rules(floor):
    admin.save_carrier(
        floor, admin.CarrierEdit("DBL", "德邦快递", r"DPK\d{12}"), create=True, **ADMIN
    )
    with pytest.raises(ServiceError) as e:
        admin.save_carrier(floor, admin.CarrierEdit("dbl", "again"), create=True, **ADMIN)
    assert e.value.code == "duplicate_carrier"
    with pytest.raises(ServiceError) as e:
        admin.save_carrier(floor, admin.CarrierEdit("X1", "bad", "(unclosed"), create=True, **ADMIN)
    assert e.value.code == "invalid_value" and e.value.params["field"] == "waybill_pattern"
    admin.save_carrier(
        floor, admin.CarrierEdit("DBL", "德邦快递", r"DPK\d{12}", ("西藏自治区",)), **ADMIN
    )
    dbl = next(c for c in admin.list_carriers(floor) if c.code == "DBL")
    assert dbl.excluded_areas == ("西藏自治区",) and dbl.free == 0
    shop = admin.list_shops(floor)[0]
    admin.save_shop(floor, admin.ShopEdit(shop.code, "DBL", "SF", 80, 25), **ADMIN)
    again = next(s for s in admin.list_shops(floor) if s.code == shop.code)
    assert (again.primary_carrier, again.secondary_carrier, again.tolerance_abs_grams) == (
        "DBL",
        "SF",
        80,
    )
    with pytest.raises(ServiceError, match="unknown_carrier"):
        admin.save_shop(floor, admin.ShopEdit(shop.code, "NOPE"), **ADMIN)
    kinds = [(a.detail["entity"], a.detail["action"]) for a in _audits(floor)]
    assert kinds == [("carrier", "create"), ("carrier", "update"), ("shop", "update")]
    _intact(floor)


def test_operators_are_added_changed_and_deactivated_never_deleted(floor):
    with pytest.raises(ServiceError, match="pin_needed"):
        admin.add_operator(floor, "2001", "新主管", "supervisor", **ADMIN_PIN)
    admin.add_operator(floor, "2001", "新主管", "supervisor", pin="4321", **ADMIN_PIN)
    assert sign_in(floor, "OP2001", "4321").role == "supervisor"
    with pytest.raises(ServiceError) as e:
        admin.add_operator(floor, "2001", "again", "picker", **ADMIN_PIN)
    assert e.value.code == "duplicate_operator"
    with pytest.raises(ServiceError) as e:
        admin.add_operator(floor, "2002", "x", "picker", badge="OP1001", **ADMIN_PIN)
    assert e.value.code == "duplicate_badge"
    admin.update_operator(floor, "1003", role="verifier", **ADMIN_PIN)
    with pytest.raises(ServiceError, match="pin_needed"):
        admin.update_operator(floor, "1003", role="admin", **ADMIN_PIN)
    admin.reset_pin(floor, "2001", "8765", **ADMIN_PIN)
    assert sign_in(floor, "2001", "8765")
    admin.set_operator_active(floor, "2001", False, **ADMIN_PIN)
    with pytest.raises(ServiceError, match="operator_inactive"):
        sign_in(floor, "2001", "8765")
    with pytest.raises(ServiceError, match="last_admin"):
        admin.set_operator_active(floor, "1008", False, **ADMIN_PIN)
    with pytest.raises(ServiceError, match="last_admin"):
        admin.update_operator(floor, "1008", role="supervisor", **ADMIN_PIN)
    with floor.read() as s:
        assert s.scalar(select(Operator.active).where(Operator.code == "2001")) is False
    details = [a.detail for a in _audits(floor)]
    assert [d["action"] for d in details] == ["create", "update", "reset_pin", "deactivate"]
    assert details[1]["before"] == {"role": "picker"} and details[1]["after"] == {
        "role": "verifier"
    }
    assert all("4321" not in str(d) and "8765" not in str(d) for d in details)
    _intact(floor)


def test_floor_settings_reach_the_weighing_station(floor):
    from app.services.weighing import bundle_size, packing_required

    assert admin.floor_settings(floor) == admin.FloorSettings(50, False)
    admin.save_floor_settings(floor, admin.FloorSettings(20, True), **ADMIN_PIN)
    with floor.read() as s:
        assert bundle_size(s) == 20 and packing_required(s)
    with pytest.raises(ServiceError, match="out_of_range"):
        admin.save_floor_settings(floor, admin.FloorSettings(0, True), **ADMIN_PIN)
    keys = [a.detail["key"] for a in _audits(floor)]
    assert keys == ["weighing.bundle_size", "packing_step.on"]
    _intact(floor)


def test_the_floor_time_zone_is_a_floor_setting_every_station_reads(floor):
    from app.domain import floortime
    from app.services.floortime import load_floor_zone

    assert admin.floor_settings(floor).time_zone == ""  # the system's zone
    admin.save_floor_settings(floor, admin.FloorSettings(50, False, "Asia/Shanghai"), **ADMIN_PIN)
    assert admin.floor_settings(floor).time_zone == "Asia/Shanghai"
    floortime.use_floor_zone(None)  # another station, opening the same database
    assert floortime.zone_name(load_floor_zone(floor)) == "Asia/Shanghai"
    with pytest.raises(ServiceError, match="invalid_value"):
        admin.save_floor_settings(floor, admin.FloorSettings(50, False, "Beijing"), **ADMIN_PIN)
    assert admin.floor_settings(floor).time_zone == "Asia/Shanghai"
    admin.save_floor_settings(floor, admin.FloorSettings(50, False, ""), **ADMIN_PIN)
    assert admin.floor_settings(floor).time_zone == ""
    changes = [(a.detail["key"], a.detail["after"]) for a in _audits(floor)]
    assert changes == [
        ("floor_time.zone", {"zone": "Asia/Shanghai"}),
        ("floor_time.zone", {"zone": ""}),
    ]
    _intact(floor)
