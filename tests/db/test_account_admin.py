"""The admin's account rules on both engines: the low-balance threshold (a floor setting, an
admin's act with their PIN, audited) and removing an account that never issued a number."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.chain import verify_chain
from app.db.models import Event
from app.services import accounts
from app.services.admin import audit_log
from app.services.demo import make_demo_data
from app.services.errors import ServiceError

SHOP = "棉眠家纺旗舰店"


@pytest.fixture(autouse=True)
def station_key(monkeypatch):
    from cryptography.fernet import Fernet

    monkeypatch.setenv("PARCELPROOF_KEY", Fernet.generate_key().decode())


def test_the_threshold_is_a_floor_setting_an_admin_changes_with_their_pin(db):
    make_demo_data(db, 0)
    assert accounts.low_balance_threshold(db) == 500
    for operator, pin, code in (("1004", "0000", "not_allowed"), ("1008", "9", "wrong_pin")):
        with pytest.raises(ServiceError) as e:
            accounts.set_low_balance_threshold(db, 100, operator=operator, pin=pin)
        assert e.value.code == code
    with pytest.raises(ServiceError) as e:
        accounts.set_low_balance_threshold(db, -1, operator="1008", pin="0000")
    assert e.value.code == "out_of_range"
    assert accounts.low_balance_threshold(db) == 500 and audit_log(db) == []
    assert accounts.set_low_balance_threshold(db, 100, operator="1008", pin="0000") == 100
    accounts.set_low_balance_threshold(db, 100, operator="1008", pin="0000")  # no change
    assert accounts.low_balance_threshold(db) == 100
    [entry] = audit_log(db)
    assert (entry.entity, entry.key, entry.after) == (
        "floor_setting",
        "ewaybill.low_balance",
        {"low_balance": 100},
    )


def test_an_account_is_removed_by_an_admin_and_the_record_stays(db):
    make_demo_data(db, 0)
    accounts.add_account(
        db, shop=SHOP, platform="pdd", carrier="ZTO", app_key="k", app_secret="s",
        session="t", operator="1008", pin="0000",
    )  # fmt: skip
    with pytest.raises(ServiceError) as e:
        accounts.remove_account(db, shop=SHOP, carrier="ZTO", operator="1008", pin="1")
    assert e.value.code == "wrong_pin" and len(accounts.list_accounts(db)) == 1
    accounts.remove_account(db, shop=SHOP, carrier="ZTO", operator="1008", pin="0000")
    assert accounts.list_accounts(db) == []
    with pytest.raises(ServiceError) as e:
        accounts.remove_account(db, shop=SHOP, carrier="ZTO", operator="1008", pin="0000")
    assert e.value.code == "no_account"
    with db.read() as s:
        kinds = [ev.kind for ev in s.scalars(select(Event).order_by(Event.seq))]
        assert verify_chain(s).intact
    assert kinds == ["account_saved", "pin_failed", "account_removed"]  # the wrong PIN too
