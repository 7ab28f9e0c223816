"""A floor's mixed batch: the Taobao shop's ZTO orders numbered by Cainiao and printed through
its component (the platform's data untouched, our custom area beside it), the other orders on
our own label printer; slips and the pick list for every order whose waybill printed; a
failed document printed again with the same number; an address change (改地址) told to the
platform before the label is printed again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import Event, Order, PlatformWaybill, Shop
from app.services import print_jobs
from app.services.demo import make_demo_data
from printing import RecordingBackend
from printing.backends.component import ComponentBackend
from tests.platforms.gateway import TopGateway, save_account
from tests.printing.component_standin import ComponentStandIn

SHOP = "棉眠家纺旗舰店"
CUSTOM = "http://cloudprint.cainiao.com/template/customArea/440439"


@pytest.fixture(autouse=True)
def station_key(monkeypatch):
    from cryptography.fernet import Fernet

    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())


@pytest.fixture
def floor(db):
    gw = TopGateway(secret="top-secret-value", session="tok")
    comp = ComponentStandIn("cainiao", printers=("ZTO 热敏", "YTO 热敏"))
    make_demo_data(db, 40, seed=5)
    save_account(db, gw, SHOP, custom_area=CUSTOM)
    yield gw, comp
    gw.close()
    comp.close()


def _components(comp):
    chosen = []

    def components(platform: str, carrier: str):
        chosen.append((platform, carrier))
        return ComponentBackend(f"{platform}+ws://127.0.0.1:{comp.port}?printer={carrier}%20热敏")

    return components, chosen


def _shop_orders(db) -> set[str]:
    with db.read() as s:
        return set(
            s.scalars(select(Order.order_no).join(Shop, Shop.id == Order.shop_id).where(
                Shop.code == SHOP
            ))
        )  # fmt: skip


def test_a_mixed_batch_prints_each_order_on_its_own_printer(db, floor):
    gw, comp = floor
    label, slips = RecordingBackend(), RecordingBackend()
    components, chosen = _components(comp)
    res = print_jobs.print_batch(
        db, label, slips_backend=slips, limit=40, components=components,
        operator="1002", station="print-1",
    )  # fmt: skip
    assert res.ok, res.message
    platform = {w["order_no"]: w["waybill_no"] for w in res.waybills if w["waybill_no"] in
                set(gw.issued.values())}  # fmt: skip
    ours = {w["order_no"] for w in res.waybills} - set(platform)
    assert platform and ours and set(platform) <= _shop_orders(db)
    assert set(chosen) == {("cainiao", "ZTO")}
    # the platform's documents went to its component, one task each, on the ZTO printer
    assert sorted(doc for _p, doc in comp.printed) == sorted(platform.values())
    assert {p for p, _doc in comp.printed} == {"ZTO 热敏"}
    task = comp.tasks[0]
    platform_part, custom = task["documents"][0]["contents"]
    assert platform_part["encryptedData"].startswith("AES:")  # untouched
    assert custom["templateURL"] == CUSTOM
    assert custom["data"]["orderNo"] in platform
    assert "×" in custom["data"]["goods"] and custom["data"]["expectedWeight"].endswith("kg")
    # our own label printer got one PDF with our orders only; slips cover every printed order
    assert len(label.jobs) == 1
    assert res.slips_ok and res.pick_list_ok
    with db.read() as s:
        statuses = dict(
            s.execute(select(Order.order_no, Order.status).where(
                Order.order_no.in_([w["order_no"] for w in res.waybills])
            )).all()
        )  # fmt: skip
    assert set(statuses.values()) == {"printed"}


def test_without_a_component_for_the_carrier_the_order_waits_with_its_number(db, floor):
    gw, comp = floor
    res = print_jobs.print_batch(
        db, RecordingBackend(), limit=40, components=lambda _p, _c: None, slips=False
    )
    refused = dict(res.refused)
    waiting = [no for no, why in refused.items() if why == "needs_component"]
    assert waiting and not comp.tasks
    with db.read() as s:
        for no in waiting:
            o = s.scalar(select(Order).where(Order.order_no == no))
            assert o.status == "paid" and o.waybill_no in set(gw.issued.values())


def test_a_failed_document_prints_again_with_the_same_number(db, floor):
    gw, comp = floor
    components, _ = _components(comp)
    comp.fail_documents = {"7700000000001"}
    res = print_jobs.print_batch(db, RecordingBackend(), limit=40, components=components)
    assert not res.ok and "1 document(s) failed" in res.message
    retry = print_jobs.retry_order_nos(db)
    assert len(retry) == 1
    comp.fail_documents = set()
    again = print_jobs.print_batch(
        db, RecordingBackend(), order_nos=retry, components=components, slips=False
    )
    assert again.ok
    assert [w["waybill_no"] for w in again.waybills] == ["7700000000001"]
    assert ("ZTO 热敏", "7700000000001") in comp.printed
    issued_once = len(gw.issued)
    assert issued_once == len(set(gw.issued.values()))  # never a second number


def test_an_address_change_is_told_to_the_platform_before_the_label_prints_again(db, floor):
    gw, comp = floor
    components, _ = _components(comp)
    res = print_jobs.print_batch(db, RecordingBackend(), limit=40, components=components)
    number = sorted(gw.issued.values())[0]
    with db.write() as s:
        o = s.scalar(select(Order).where(Order.waybill_no == number))
        o.address = "文三路 90 号 东部软件园 2 号楼"
        order_no = o.order_no
    assert res.ok
    before = len(comp.printed)
    out = print_jobs.reprint(
        db, number, "改地址", RecordingBackend(), operator="1002", station="print-1",
        components=components,
    )  # fmt: skip
    assert out.ok and out.waybill_no == number
    (update,) = gw.updates
    assert update["waybill_code"] == number
    assert update["recipient"]["address"]["detail"] == "文三路 90 号 东部软件园 2 号楼"
    assert len(comp.printed) == before + 1
    sent = comp.tasks[-1]["documents"][0]["contents"][0]
    assert sent["encryptedData"].endswith("updated")  # the platform's new data, untouched
    with db.read() as s:
        rows = s.scalars(select(PlatformWaybill).where(PlatformWaybill.waybill_no == number)).all()
        assert len(rows) == 2 and rows[0].print_data != rows[1].print_data  # both kept
        ev = s.scalars(select(Event).where(Event.kind == "waybill_updated")).one()
        assert ev.detail["waybill_no"] == number and ev.order_id is not None
    assert order_no


def test_a_platform_refusing_the_new_address_prints_nothing(db, floor):
    gw, comp = floor
    components, _ = _components(comp)
    print_jobs.print_batch(db, RecordingBackend(), limit=40, components=components)
    number = sorted(gw.issued.values())[0]
    before = len(comp.tasks)
    gw.fail_next = ["isv"]
    from app.services.errors import ServiceError

    with pytest.raises(ServiceError) as err:
        print_jobs.reprint(db, number, "改地址", RecordingBackend(), components=components)
    assert err.value.code == "platform_refused"
    assert len(comp.tasks) == before


def test_a_void_the_platform_refuses_says_its_reason_and_voids_nothing(db, floor):
    """Before: the refusal itself crashed (TypeError) instead of saying the platform's words."""
    gw, comp = floor
    components, _ = _components(comp)
    print_jobs.print_batch(db, RecordingBackend(), limit=40, components=components)
    number = sorted(gw.issued.values())[0]
    gw.fail_next = ["isv"]
    from app.services.errors import ServiceError

    with pytest.raises(ServiceError) as err:
        print_jobs.void(db, number, "torn", "1001", pin="0000", station="print-1")
    assert err.value.code == "platform_refused"
    assert err.value.params["platform_code"] == "isv.ADDRESS_NOT_SUPPORT"
    assert err.value.params["message"] == "超区"
    with db.read() as s:
        assert s.scalar(select(Order.waybill_no).where(Order.waybill_no == number)) == number
    assert number not in gw.cancelled
