"""Douyin e-waybills through the command line as docs/dev/contract.md writes it: a Douyin
shop's ZTO orders are numbered by the (stand-in) Douyin gateway through ``account add
--platform douyin`` and ``print waybills``, and print through the (stand-in) Douyin print
component at ``douyin+ws://…``; an order Douyin refuses in its answer's ``err_infos`` waits
with Douyin's own code and message and is not asked again, while the rest of its request keep
their numbers."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.e2e.cli_support import cli_floor
from tests.platforms.douyin_gateway import DouyinGateway
from tests.printing.component_standin import ComponentStandIn

SHOP = "棉眠家纺旗舰店"


@pytest.fixture
def floor(tmp_path):
    gw = DouyinGateway(secret="douyin-secret-value")
    comp = ComponentStandIn("douyin", printers=("ZTO 热敏",))
    run, path = cli_floor(tmp_path)
    with sqlite3.connect(path) as con:  # the demo's Taobao shop sells on Douyin here
        con.execute("UPDATE shops SET platform = 'douyin' WHERE code = ?", (SHOP,))
    yield gw, comp, run, path
    gw.close()
    comp.close()


def test_a_douyin_shops_orders_are_numbered_by_douyin_and_a_refusal_waits(floor):
    gw, comp, run, path = floor
    add = run(
        "--operator", "1008", "account", "add", "--shop", SHOP, "--platform", "douyin",
        "--carrier", "ZTO", "--app-key", gw.app_key, "--app-secret", gw.secret,
        "--session", gw.token, "--gateway", gw.url,
        "--template", "https://lf3-cm.ecombdstatic.com/obj/logistics/zhongtong.xml",
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    from app.db.engine import open_database
    from app.services.print_jobs import find_shop
    from app.services.waybills import preview_batch

    database = open_database(f"sqlite:///{path}")
    try:  # the orders the batch will ask Douyin for, in print order
        shop_id = find_shop(database, SHOP)
        planned = preview_batch(database, limit=100, carrier="ZTO", shop_id=shop_id)
        waiting = [li.order_no for li in planned]
    finally:
        database.dispose()
    assert len(waiting) >= 2, "the demo has the shop's ZTO orders"
    gw.refused_orders = {waiting[0]}  # Douyin answers this one in err_infos
    printer = f"douyin+ws://127.0.0.1:{comp.port}?printer=ZTO%20%E7%83%AD%E6%95%8F"
    out = run("print", "waybills", "--shop", SHOP, "--carrier", "ZTO", "--printer", printer)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    numbers = {w["waybill_no"] for w in res["waybills"]}
    assert numbers and numbers == set(gw.issued.values())  # Douyin's numbers, each once
    assert {doc for _p, doc in comp.printed} == numbers
    content = comp.tasks[0]["documents"][0]["contents"][0]
    assert content["encryptedData"].startswith("DYENC:") and content["signature"]
    # the component fetches the key with a getShopKey call signed at print time
    assert "method=logistics.getShopKey" in content["params"]
    assert gw.check_params(content["params"])
    # the refused order: Douyin's own code and message, asked once only
    assert res["refused"] == [
        {"order_no": waiting[0], "reason": "platform:douyin:15002:订单信息不存在"}
    ]
    assert f"order {waiting[0]} not printed: platform:douyin:15002:订单信息不存在" in out.stderr
    asked = [
        o["order_id"]
        for m, p in gw.requests
        if m == "logistics.newCreateOrder"
        for o in p["order_infos"]
    ]
    assert asked.count(waiting[0]) == 1
    (story,) = json.loads(run("show", waiting[0], "--json").stdout)
    assert story["status"] == "paid" and not story["waybill_no"]
    w = res["waybills"][0]
    (story,) = json.loads(run("show", w["order_no"], "--json").stdout)
    alloc = [e for e in story["events"] if e["kind"] == "waybill_allocated"][-1]
    assert alloc["detail"]["platform"] == "douyin" and story["status"] == "printed"
    for o in (add, out):
        assert gw.secret not in o.stdout + o.stderr
    # the balance, asked of Douyin
    bal = run("account", "balance", "--shop", SHOP)
    assert bal.returncode == 0, bal.stderr
    (acc,) = json.loads(bal.stdout)["accounts"]
    assert (acc["platform"], acc["balance"]) == ("douyin", 1000 - len(numbers))
