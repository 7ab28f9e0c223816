"""Shops' e-waybill accounts: saved with their secrets sealed, never shown; the balance asked
of the platform (the stand-in gateway in tests/platforms/gateway.py); through the CLI as
docs/dev/contract.md writes it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.db.models import Carrier, Event, PlatformAccount, Shop
from app.services.accounts import add_account, balances, list_accounts
from app.services.demo import make_demo_data
from app.services.errors import ServiceError
from tests.platforms.gateway import TopGateway

#: the program as a script runs it, from this checkout (a worktree tests its own code)
ROOT = Path(__file__).resolve().parents[2]
SHOP = "棉眠家纺旗舰店"


@pytest.fixture(autouse=True)
def station_key(monkeypatch):
    from cryptography.fernet import Fernet

    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())


@pytest.fixture
def gateway():
    gw = TopGateway(secret="top-secret-value", session="session-token-value")
    yield gw
    gw.close()


def test_an_account_keeps_its_secret_sealed_and_the_record_names_no_secret(db, gateway):
    make_demo_data(db, 0)
    acc = add_account(
        db, shop=SHOP, platform="cainiao", carrier="ZTO", app_key=gateway.app_key,
        app_secret=gateway.secret, session=gateway.session, gateway=gateway.url,
        branch="571001", operator="1008", pin="0000",
    )  # fmt: skip
    assert (acc.shop, acc.platform, acc.carrier) == (SHOP, "cainiao", "ZTO")
    with db.read() as s:
        row = s.scalar(select(PlatformAccount))
        assert gateway.secret not in row.secret_enc and gateway.session not in row.session_enc
        dump = " ".join(str(r) for r in s.execute(text("SELECT * FROM platform_accounts")))
        ev = s.scalars(select(Event).where(Event.kind == "account_saved")).one()
        detail, who = dict(ev.detail), ev.operator
    assert gateway.secret not in dump and gateway.secret not in json.dumps(detail)
    assert who == "1008" and detail["app_key"] == gateway.app_key
    assert [a.carrier for a in list_accounts(db)] == ["ZTO"]
    (bal,) = balances(db, SHOP)
    assert (bal.branch, bal.balance) == ("571001", 1000)
    # a second add for the same shop and carrier replaces it
    add_account(
        db, shop=SHOP, platform="cainiao", carrier="ZTO", app_key=gateway.app_key,
        app_secret="wrong", session=gateway.session, gateway=gateway.url, operator="1008",
        pin="0000",
    )  # fmt: skip
    assert len(list_accounts(db)) == 1
    (bad,) = balances(db)
    assert bad.balance is None and "Invalid Signature" in bad.error
    with pytest.raises(ServiceError) as e:
        add_account(
            db, shop=SHOP, platform="cainiao", carrier="ZTO", app_key="k", app_secret="s",
            session="t", operator="1004", pin="0000",
        )  # fmt: skip
    assert e.value.code == "not_allowed"
    for pin, code in ((None, "pin_required"), ("9999", "wrong_pin")):  # the admin's own PIN
        with pytest.raises(ServiceError) as e:
            add_account(
                db, shop=SHOP, platform="cainiao", carrier="ZTO", app_key="k", app_secret="s",
                session="t", operator="1008", pin=pin,
            )  # fmt: skip
        assert e.value.code == code


def test_another_stations_key_cannot_read_the_secret(db, gateway, monkeypatch):
    from cryptography.fernet import Fernet

    make_demo_data(db, 0)
    add_account(
        db, shop=SHOP, platform="pdd", carrier="ZTO", app_key="c", app_secret="s",
        session="t", operator="1008", pin="0000",
    )  # fmt: skip
    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())
    with pytest.raises(ServiceError) as e:
        balances(db)
    assert e.value.code == "secret_unreadable"


def test_the_cli_adds_an_account_and_reads_its_balance_never_printing_the_secret(
    sqlite_db, gateway, tmp_path
):
    import os

    make_demo_data(sqlite_db, 0)
    env = {**os.environ, "PARCELPROOF_PIN": "0000"}
    base = [sys.executable, "-m", "app", "--db", sqlite_db.url, "--operator", "1008"]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*base, *args], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT
        )

    out = run(
        "account", "add", "--shop", SHOP, "--platform", "cainiao", "--carrier", "ZTO",
        "--app-key", gateway.app_key, "--app-secret", gateway.secret, "--session",
        gateway.session, "--gateway", gateway.url, "--branch", "571001",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "account": 1, "shop": SHOP, "platform": "cainiao", "carrier": "ZTO",
    }  # fmt: skip
    bal = run("account", "balance", "--shop", SHOP)
    assert bal.returncode == 0, bal.stderr
    assert json.loads(bal.stdout)["accounts"] == [
        {"shop": SHOP, "platform": "cainiao", "carrier": "ZTO", "branch": "571001",
         "balance": 1000}
    ]  # fmt: skip
    for o in (out, bal):
        assert gateway.secret not in o.stdout + o.stderr
    nope = run("account", "add", "--shop", "no-such-shop", "--platform", "cainiao",
               "--carrier", "ZTO", "--app-key", "k", "--app-secret", "s", "--session", "t")  # fmt: skip
    assert nope.returncode == 2 and nope.stderr.count("\n") == 1 and "no-such-shop" in nope.stderr
    # an admin's act: without the PIN, or with a wrong one, refused in one line
    add = ["account", "add", "--shop", SHOP, "--platform", "cainiao", "--carrier", "ZTO",
           "--app-key", "k", "--app-secret", "s", "--session", "t"]  # fmt: skip
    env["PARCELPROOF_PIN"] = ""
    no_pin = run(*add)
    assert no_pin.returncode == 2 and "PIN of 1008" in no_pin.stderr
    env["PARCELPROOF_PIN"] = "9999"
    wrong = run(*add)
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1
    assert wrong.stderr.startswith("parcelproof: wrong PIN for 1008")


def test_a_batch_numbers_the_shops_orders_through_its_platform_and_the_rest_from_the_pool(
    db, gateway
):
    """The Taobao shop's ZTO orders get Cainiao numbers (with their print data, the same
    number again if asked again); the other shop's orders come from the pool; an order the
    platform refuses waits with the platform's reason and is not in the batch."""
    from app.db.models import Order, PlatformWaybill
    from app.services.waybills import allocate_batch

    make_demo_data(db, 40, seed=5)
    add_account(
        db, shop=SHOP, platform="cainiao", carrier="ZTO", app_key=gateway.app_key,
        app_secret=gateway.secret, session=gateway.session, gateway=gateway.url,
        user_id="2200000001", template_url="http://cloudprint.cainiao.com/template/standard/101",
        operator="1008", pin="0000",
    )  # fmt: skip
    gateway.fail_next = ["drop"]  # the first answer is lost: asked again, same numbers
    with db.read() as s:
        shop_orders = list(
            s.scalars(
                select(Order.order_no)
                .join(Shop, Shop.id == Order.shop_id)
                .where(Shop.code == SHOP)
                .order_by(Order.id)
            )
        )
    from app.services.waybills import preview_batch

    planned = {li.order_no: li.carrier for li in preview_batch(db, limit=40)}
    shop_orders = [no for no in shop_orders if planned.get(no) == "ZTO"]
    gateway.refused_trades = set(shop_orders[:1])  # the platform does not serve this one
    batch = allocate_batch(db, limit=40, operator="1002", station="print-1")
    with db.read() as s:
        rows = {
            o.order_no: (o.waybill_no, shop, carrier)
            for o, shop, carrier in s.execute(
                select(Order, Shop.code, Carrier.code)
                .join(Shop, Shop.id == Order.shop_id)
                .join(Carrier, Carrier.id == Order.carrier_id)
                .where(Order.order_no.in_([li.order_no for li in batch.lines]))
            )
        }
        issued = {pw.waybill_no: pw for pw in s.scalars(select(PlatformWaybill))}
        prints = {pw.waybill_no: pw.print_data for pw in issued.values()}
    platform_orders = {
        no for no, (_, shop, carrier) in rows.items() if shop == SHOP and carrier == "ZTO"
    }
    assert platform_orders, "the demo has Taobao ZTO orders"
    for no, (wb, _shop, _carrier) in rows.items():
        if no in platform_orders:
            assert wb in issued and "encryptedData" in prints[wb]
        else:
            assert wb not in issued
    assert len(gateway.issued) == len(platform_orders)  # one number per parcel, lost answer or not
    refused = dict(batch.refused)
    assert refused[shop_orders[0]] == "platform:cainiao:isv.ADDRESS_NOT_SUPPORT:超区"
    with db.read() as s:
        o = s.scalar(select(Order).where(Order.order_no == shop_orders[0]))
        assert (o.waybill_no, o.status) == (None, "paid")
    assert all(no not in rows for no in refused)
