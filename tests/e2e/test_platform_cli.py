"""Platform e-waybills through the command line as docs/dev/contract.md writes it: a Taobao
shop's ZTO orders get Cainiao numbers from the (stand-in) TOP gateway and print through the
(stand-in) Cainiao print component at ``cainiao+ws://…``; the shop's other orders and other
shops keep the pool; a wrong secret prints nothing and says so in one line."""

from __future__ import annotations

import json

import pytest

from tests.e2e.cli_support import cli_floor
from tests.platforms.gateway import TopGateway
from tests.printing.component_standin import ComponentStandIn

SHOP = "棉眠家纺旗舰店"


@pytest.fixture
def floor(tmp_path):
    gw = TopGateway(secret="top-secret-value", session="tok")
    comp = ComponentStandIn("cainiao", printers=("ZTO 热敏",))
    run, _path = cli_floor(tmp_path)
    yield gw, comp, run
    gw.close()
    comp.close()


def _account(gw, run, secret):
    return run(
        "--operator", "1008", "account", "add", "--shop", SHOP, "--platform", "cainiao", "--carrier", "ZTO",
        "--app-key", gw.app_key, "--app-secret", secret, "--session", gw.session,
        "--gateway", gw.url, "--user-id", "2200000001",
        "--template", "http://cloudprint.cainiao.com/template/standard/101",
    )  # fmt: skip


def test_a_taobao_shops_zto_orders_print_through_the_cainiao_component(floor):
    gw, comp, run = floor
    assert _account(gw, run, gw.secret).returncode == 0
    printer = f"cainiao+ws://127.0.0.1:{comp.port}?printer=ZTO%20%E7%83%AD%E6%95%8F"
    out = run("print", "waybills", "--shop", SHOP, "--carrier", "ZTO", "--printer", printer)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    numbers = {w["waybill_no"] for w in res["waybills"]}
    assert numbers and numbers == set(gw.issued.values())  # the platform's numbers, each once
    assert {doc for _p, doc in comp.printed} == numbers  # one document per waybill, printed
    assert all(len(t["documents"]) == 1 for t in comp.tasks)
    assert comp.tasks[0]["documents"][0]["contents"][0]["encryptedData"].startswith("AES:")
    for w in res["waybills"]:
        (story,) = json.loads(run("show", w["order_no"], "--json").stdout)
        assert story["status"] == "printed" and story["waybill_no"] == w["waybill_no"]
        alloc = [e for e in story["events"] if e["kind"] == "waybill_allocated"]
        assert alloc[-1]["detail"]["platform"] == "cainiao"


def test_a_wrong_secret_prints_nothing_and_says_so_in_one_line(floor):
    gw, comp, run = floor
    assert _account(gw, run, "not-the-secret").returncode == 0
    printer = f"cainiao+ws://127.0.0.1:{comp.port}?printer=ZTO%20%E7%83%AD%E6%95%8F"
    out = run("print", "waybills", "--shop", SHOP, "--carrier", "ZTO", "--printer", printer)
    res = json.loads(out.stdout)
    assert res["waybills"] == [] and not comp.tasks and not gw.issued
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Invalid Signature" in lines[0], out.stderr
    assert len(gw.requests) == 1  # the credentials are refused once, not order by order
    assert "not-the-secret" not in out.stdout + out.stderr


def test_reprint_keeps_the_number_and_void_cancels_it_on_the_platform(floor):
    gw, comp, run = floor
    assert _account(gw, run, gw.secret).returncode == 0
    printer = f"cainiao+ws://127.0.0.1:{comp.port}?printer=ZTO%20%E7%83%AD%E6%95%8F"
    res = json.loads(
        run("print", "waybills", "--shop", SHOP, "--carrier", "ZTO", "--printer", printer).stdout
    )
    first = res["waybills"][0]
    # reprint through the component: the same number, the same print data, recorded
    rp = run("reprint", first["waybill_no"], "--reason", "卡纸", "--printer", printer)
    assert rp.returncode == 0, rp.stderr
    assert comp.printed[-1][1] == first["waybill_no"] and len(gw.issued) == len(res["waybills"])
    # a platform's number never goes to a PDF: refused in one line, nothing printed
    pdf = run("reprint", first["waybill_no"], "--reason", "卡纸", "--out", "/tmp/never.pdf")
    assert pdf.returncode == 2 and "print component" in pdf.stderr
    # void: cancelled on the platform first, then taken out of use here
    vd = run("--operator", "1001", "void", first["waybill_no"], "--reason", "面单损坏")
    assert vd.returncode == 0, vd.stderr
    assert first["waybill_no"] in gw.cancelled
    (story,) = json.loads(run("show", first["order_no"], "--json").stdout)
    voided = [e for e in story["events"] if e["kind"] == "waybill_voided"][-1]
    assert voided["detail"]["platform"] == {"platform": "cainiao", "cancelled": True}
    assert story["status"] == "paid" and not story["waybill_no"]


PDD_SHOP = "拼多多家居专营店"
PDD_HEADER = [
    "商品", "订单号", "订单状态", "商品总价(元)", "用户实付金额(元)", "商品数量(件)", "收货人", "手机",
    "省", "市", "区", "街道", "支付时间", "承诺发货时间", "商品规格", "商家编码-SKU维度", "商家备注",
    "售后状态", "店铺名称",
]  # fmt: skip


@pytest.fixture
def pdd_floor(tmp_path):
    """A Pinduoduo shop (its orders imported from a PDD export) with a PDD account for ZTO."""
    import csv

    gw = TopGateway(secret="pdd-secret-value", session="pdd-token", dialect="pdd")
    comp = ComponentStandIn("pdd", printers=("ZTO 热敏",))
    run, _path = cli_floor(tmp_path, 10)
    export = tmp_path / "pdd.csv"
    with export.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(PDD_HEADER)
        for i in range(6):
            w.writerow([
                "收纳箱", f"261204-5550000000{i:05d}", "待发货", "49.00", "49.00", "1", "赵六",
                f"159000011{i:02d}", "浙江省", "杭州市", "西湖区", f"文三路{100 + i}号",
                "2026-12-04 08:00:00", "2026-12-06 08:00:00", "30L", "HOM-STR-BOX", "",
                "无售后或售后取消", PDD_SHOP,
            ])  # fmt: skip
    assert run("import", "orders", str(export), "--platform", "pdd").returncode == 0
    out = run(
        "--operator", "1008", "account", "add", "--shop", PDD_SHOP, "--platform", "pdd",
        "--carrier", "ZTO", "--app-key", gw.app_key, "--app-secret", gw.secret,
        "--session", gw.session, "--gateway", gw.url, "--user-id", "pdd-shop-1",
        "--template", "https://file-link.pinduoduo.com/zto_one",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    yield gw, comp, run
    gw.close()
    comp.close()


def test_a_pinduoduo_shop_prints_through_the_pdd_component_reprints_and_voids(pdd_floor):
    gw, comp, run = pdd_floor
    printer = f"pdd+ws://127.0.0.1:{comp.port}?printer=ZTO%20%E7%83%AD%E6%95%8F"
    out = run("print", "waybills", "--shop", PDD_SHOP, "--carrier", "ZTO", "--printer", printer)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    numbers = {w["waybill_no"] for w in res["waybills"]}
    assert len(numbers) == 6 and numbers == set(gw.issued.values())
    assert all(r["type"] == "pdd.waybill.get" for r in gw.requests)  # PDD's own API
    assert {doc for _p, doc in comp.printed} == numbers
    assert "templateUrl" in comp.tasks[0]["documents"][0]["contents"][0]  # PDD's data, as sent
    first = res["waybills"][0]
    rp = run("reprint", first["waybill_no"], "--reason", "卡纸", "--printer", printer)
    assert rp.returncode == 0, rp.stderr
    assert comp.printed[-1][1] == first["waybill_no"] and len(gw.issued) == 6
    pdf = run("reprint", first["waybill_no"], "--reason", "卡纸", "--out", "/tmp/never.pdf")
    assert pdf.returncode == 2 and "--printer pdd+ws://" in pdf.stderr  # names its component
    vd = run("--operator", "1001", "void", first["waybill_no"], "--reason", "面单损坏")
    assert vd.returncode == 0, vd.stderr
    assert first["waybill_no"] in gw.cancelled
    assert gw.requests[-1]["type"] == "pdd.waybill.cancel"


def test_a_pinduoduo_account_with_a_wrong_secret_prints_nothing_in_one_line(pdd_floor):
    gw, comp, run = pdd_floor
    gw.secret = "another-secret"  # the gateway no longer accepts the saved one
    printer = f"pdd+ws://127.0.0.1:{comp.port}?printer=ZTO%20%E7%83%AD%E6%95%8F"
    out = run("print", "waybills", "--shop", PDD_SHOP, "--carrier", "ZTO", "--printer", printer)
    res = json.loads(out.stdout)
    assert res["waybills"] == [] and not comp.tasks and not gw.issued
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "pdd" in lines[0], out.stderr
