"""One module reads and writes every floor setting: what the admin saves is what the stations
read, under the same key; a stored value of the wrong kind reads as the default."""

from __future__ import annotations

from app.db.models import FloorSetting
from app.services import admin, scanning, weighing
from app.services import floor_settings as fs
from app.services.accounts import low_balance_threshold
from app.services.demo import make_demo_data
from app.services.privacy import label_masks_phone


def test_what_the_admin_saves_every_station_reads(db):
    make_demo_data(db, 0)
    assert scanning.packing_confirmation(db) is False
    admin.save_floor_settings(
        db, admin.FloorSettings(20, True, "", True), operator="1008", admin_pin="0000"
    )
    assert scanning.packing_confirmation(db) is True  # the pack side: once a key nobody wrote
    with db.read() as s:
        assert weighing.packing_required(s) and weighing.bundle_size(s) == 20
        assert label_masks_phone(s) is True
        assert s.get(FloorSetting, "packing_step").value == {"on": True}


def test_a_mistyped_or_refused_value_reads_as_the_default_and_a_write_keeps_the_row(db):
    with db.write() as s:
        s.add(FloorSetting(key="weighing", value={"bundle_size": "20", "note": "x"}))
        s.add(FloorSetting(key="ewaybill", value={"low_balance": -3}))
        s.add(FloorSetting(key="packing_step", value={"on": 1}))
    assert fs.get(db, fs.BUNDLE_SIZE) == 50
    assert low_balance_threshold(db) == 500
    assert fs.get(db, fs.PACKING_REQUIRED) is False
    with db.write() as s:
        assert fs.write(s, fs.BUNDLE_SIZE, 30) == 50
    with db.read() as s:
        assert s.get(FloorSetting, "weighing").value == {"bundle_size": 30, "note": "x"}
    assert fs.get(db, fs.BUNDLE_SIZE) == 30
