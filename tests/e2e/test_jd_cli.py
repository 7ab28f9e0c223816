"""JD e-waybills (京东无界电子面单) through the command line: the demo's JD shop saves a JD account
for 京东快递, its orders get numbers from the (stand-in) JOS gateway with their print data from
JD Logistics' cloud print, print through the (stand-in) JD print component at ``jd+ws://…``
(its own orderType/key protocol), a reprint keeps the number and a void unbinds it on JD."""

from __future__ import annotations

import json

import pytest

from tests.e2e.cli_support import cli_floor
from tests.platforms.jd_gateway import JdGateway
from tests.printing.component_standin import ComponentStandIn

SHOP = "数码优选京东店"


@pytest.fixture
def floor(tmp_path):
    gw = JdGateway(secret="jd-secret-value")
    gw.providers["JD"] = (2087, "京东快递")  # the shop has signed JD's own delivery too
    comp = ComponentStandIn("jd", printers=("JD 热敏",))
    run, _path = cli_floor(tmp_path)
    add = run(
        "--operator", "1008", "account", "add", "--shop", SHOP, "--platform", "jd",
        "--carrier", "JD", "--app-key", gw.app_key, "--app-secret", gw.secret,
        "--session", gw.token, "--gateway", gw.url, "--user-id", gw.vendor_code,
        "--template", "http://storage.jd.com/print-tmpl/template-jd76130.txt",
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    yield gw, comp, run
    gw.close()
    comp.close()


def test_a_jd_shops_orders_print_through_the_jd_component_reprint_and_void(floor):
    gw, comp, run = floor
    printer = f"jd+ws://127.0.0.1:{comp.port}?printer=JD%20%E7%83%AD%E6%95%8F"
    out = run("print", "waybills", "--shop", SHOP, "--carrier", "JD", "--printer", printer)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    numbers = {w["waybill_no"] for w in res["waybills"]}
    assert numbers and numbers == set(gw.issued.values())  # JD's numbers, each once
    assert len(comp.printed) == len(numbers) and len(comp.tasks) == len(numbers)  # one PRINT each
    params = comp.tasks[0]
    assert params["printName"] == "JD 热敏" and params["tempUrl"] and params["printData"]
    first = res["waybills"][0]
    rp = run("reprint", first["waybill_no"], "--reason", "卡纸", "--printer", printer)
    assert rp.returncode == 0, rp.stderr
    assert len(comp.tasks) == len(numbers) + 1 and len(gw.issued) == len(numbers)
    vd = run("--operator", "1001", "void", first["waybill_no"], "--reason", "面单损坏")
    assert vd.returncode == 0, vd.stderr
    assert first["waybill_no"] in gw.cancelled
    (story,) = json.loads(run("show", first["order_no"], "--json").stdout)
    assert story["status"] == "paid" and not story["waybill_no"]
    assert gw.secret not in out.stdout + out.stderr + rp.stderr + vd.stderr
