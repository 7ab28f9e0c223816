"""What our printer prints of a receiver: the stub always masked; our own label's phone whole
by default (couriers call the receiver) and masked when the floor setting says so; a platform's
order never printed by us."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.db.models import Order
from app.services import admin
from app.services.demo import make_demo_data
from app.services.print_jobs import print_batch, reprint, waybill_data
from app.services.waybills import waybill_infos
from printing import PdfFileBackend, RecordingBackend, RoutingTable, render_tspl, render_zpl

NAME, PHONE = "王小雨", "13957316028"
NO = "ZT7078000000001"


@pytest.fixture
def floor(sqlite_db):
    make_demo_data(sqlite_db, 6, seed=23)
    with sqlite_db.write() as s:
        for o in s.scalars(select(Order)):
            o.receiver_name, o.receiver_phone, o.phone_tail = NAME, PHONE, PHONE[-4:]
    return sqlite_db


def _mask_label_phone(db, on: bool) -> None:
    fs = admin.floor_settings(db)
    admin.save_floor_settings(
        db,
        admin.FloorSettings(fs.bundle_size, fs.packing_required, fs.time_zone, on),
        operator="1008",
        admin_pin="0000",
    )


def _texts(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def _stub_and_main(page_text: str) -> tuple[str, str]:
    main, _, stub = page_text.partition("底单")
    return main, stub


def test_by_default_the_label_prints_the_phone_whole_and_the_stub_masked(floor, tmp_path):
    out = tmp_path / "w.pdf"
    res = print_batch(floor, PdfFileBackend(out), fmt="100x180", limit=2, slips=False)
    assert res.ok and len(res.waybills) == 2
    for text in _texts(out.read_bytes()):
        assert "底单" in text  # the sender's stub (存根) of 100x180
        main, stub = _stub_and_main(text)
        assert PHONE in main and NAME in main  # the courier calls the receiver
        assert "王*雨" in stub and "139****6028" in stub
        assert PHONE not in stub and NAME not in stub
        assert text.count(PHONE) == 1


def test_the_floor_setting_prints_the_phone_masked_on_our_label(floor, tmp_path):
    assert admin.floor_settings(floor).label_masks_phone is False
    _mask_label_phone(floor, True)
    assert admin.floor_settings(floor).label_masks_phone is True
    out = tmp_path / "w.pdf"
    res = print_batch(floor, PdfFileBackend(out), fmt="100x180", limit=2, slips=False)
    assert res.ok
    for text in _texts(out.read_bytes()):
        assert PHONE not in text and "139****6028" in text
        assert NAME in text  # the name stays whole on the label: only the phone is the setting
    # a reprint reads the setting too; switched off, the phone prints whole again
    printer = RecordingBackend()
    reprint(floor, res.waybills[0]["waybill_no"], "卡纸", printer, fmt="100x150")
    assert PHONE not in _texts(printer.last.data)[0]
    _mask_label_phone(floor, False)
    reprint(floor, res.waybills[0]["waybill_no"], "卡纸", printer, fmt="100x150")
    assert PHONE in _texts(printer.last.data)[0]


def test_the_setting_change_is_audited(floor):
    _mask_label_phone(floor, True)
    (row,) = [r for r in admin.audit_log(floor) if r.key == "label_privacy.mask_phone"]
    assert row.operator == "1008" and row.before == {"mask_phone": False}
    assert row.after == {"mask_phone": True}


@pytest.mark.parametrize("render", [render_tspl, render_zpl])
def test_thermal_labels_follow_the_setting_too(floor, render):
    with floor.read() as s:
        oid = s.scalars(select(Order.id)).first()
    (info,) = waybill_infos(floor, [oid])
    whole = render(
        waybill_data(info, RoutingTable(), printed_at=info.paid_at, waybill_no=NO), "100x180"
    )
    assert PHONE.encode() in whole or PHONE.encode("gb18030") in whole
    _mask_label_phone(floor, True)
    (info,) = waybill_infos(floor, [oid])
    masked = render(
        waybill_data(info, RoutingTable(), printed_at=info.paid_at, waybill_no=NO), "100x180"
    )
    assert PHONE.encode() not in masked and PHONE.encode("gb18030") not in masked
    assert b"139****6028" in masked


def test_the_stub_uses_our_masking_rule(floor):
    """欧阳小雨 and a landline: the stub shows 欧*雨 and 0571-****6666, as every screen does."""
    with floor.write() as s:
        o = s.scalars(select(Order)).first()
        o.receiver_name, o.receiver_phone = "欧阳小雨", "0571-88886666"
        oid = o.id
    (info,) = waybill_infos(floor, [oid])
    data = waybill_data(info, RoutingTable(), printed_at=info.paid_at)
    assert (data.stub_name, data.stub_phone) == ("欧*雨", "0571-****6666")
    assert data.receiver.name == "欧阳小雨" and data.receiver.phone == "0571-88886666"
