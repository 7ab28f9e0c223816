"""A platform order's receiver is never printed by us: our printer refuses its waybill (the
platform's component prints it from the platform's encrypted data), none of our documents of
the batch carry it, and what we send to the component is the platform's data only."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.db.models import Order, Shop
from app.services.demo import make_demo_data
from app.services.print_jobs import print_batch
from app.services.waybills import preview_batch
from printing import PdfFileBackend
from printing.backends import backend_from_url
from tests.platforms.gateway import TopGateway, save_account
from tests.printing.component_standin import ComponentStandIn

SHOP = "棉眠家纺旗舰店"
NAME, PHONE = "欧阳小雨", "13957316028"


@pytest.fixture(autouse=True)
def station_key(monkeypatch):
    from cryptography.fernet import Fernet

    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())


@pytest.fixture
def floor(db):
    gw = TopGateway(secret="top-secret-value", session="session-token-value")
    comp = ComponentStandIn("cainiao", printers=("ZTO 热敏",))
    make_demo_data(db, 40, seed=5)
    save_account(db, gw, SHOP)
    planned = {li.order_no: li.carrier for li in preview_batch(db, limit=40)}
    with db.write() as s:
        platform_orders = []
        for o in s.scalars(select(Order).join(Shop, Shop.id == Order.shop_id)):
            if o.shop.code == SHOP and planned.get(o.order_no) == "ZTO":
                o.receiver_name, o.receiver_phone, o.phone_tail = NAME, PHONE, PHONE[-4:]
                platform_orders.append(o.order_no)
    assert platform_orders, "the demo has Taobao ZTO orders"
    yield db, comp, platform_orders
    gw.close()
    comp.close()


def _text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_a_platform_orders_receiver_is_in_nothing_we_print(floor, tmp_path):
    db, comp, platform_orders = floor
    files = {k: tmp_path / f"{k}.pdf" for k in ("waybills", "slips", "picklist")}
    res = print_batch(
        db,
        PdfFileBackend(files["waybills"]),
        fmt="100x180",
        limit=40,
        operator="1002",
        slips_backend=PdfFileBackend(files["slips"]),
        picklist_backend=PdfFileBackend(files["picklist"]),
    )
    refused = dict(res.refused)
    assert all(refused[no] == "needs_component" for no in platform_orders)
    assert res.ok and res.waybills  # the pool's orders printed on our printer
    for path in files.values():
        text = _text(path)
        assert NAME not in text and PHONE not in text and "欧*雨" not in text
        assert not any(no in text for no in platform_orders)

    # through the platform's component: its own data goes, nothing of ours names the receiver
    url = f"cainiao+ws://127.0.0.1:{comp.port}?printer=ZTO%20%E7%83%AD%E6%95%8F"
    res = print_batch(db, backend_from_url(url), order_nos=platform_orders, operator="1002")
    assert res.ok and {w["order_no"] for w in res.waybills} == set(platform_orders)
    sent = json.dumps(comp.tasks, ensure_ascii=False)
    assert comp.tasks and NAME not in sent and PHONE not in sent
