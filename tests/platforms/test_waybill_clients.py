"""The Cainiao and Pinduoduo clients over real HTTP against the stand-in gateway
(tests/platforms/gateway.py), which checks each request's signature and timestamp as the
platform's documents say."""

from __future__ import annotations

import datetime as dt

import pytest

from platforms.cainiao import Address, Cainiao, Party, WaybillOrder
from platforms.errors import BusinessError, TransientError
from platforms.top import TopClient, top_timestamp
from tests.platforms.gateway import TopGateway

SENDER = Party(
    "王店长",
    mobile="13800000000",
    address=Address("浙江省", "杭州市", "余杭区", "", "文一西路 1 号"),
)


@pytest.fixture
def gateway():
    gw = TopGateway()
    yield gw
    gw.close()


def client(gw: TopGateway, **kw) -> Cainiao:
    kw.setdefault("secret", gw.secret)
    secret = kw.pop("secret")
    return Cainiao(
        TopClient(gw.app_key, secret, gw.session, gateway=gw.url, sleep=lambda _s: None, **kw)
    )


def orders(n: int, province: str = "广东省") -> list[WaybillOrder]:
    return [
        WaybillOrder(
            object_id=f"P{i:04d}",
            trade_orders=(f"37812451902876{i:05d}",),
            recipient=Party(
                "王*雨",
                mobile="139****1234",
                address=Address(province, "深圳市", "南山区", "", "***"),
                oaid=f"oaid-{i}",
                tid=f"37812451902876{i:05d}",
            ),
            items=(("记忆棉枕头", 1),),
            user_id="2200000001",
            template_url="http://cloudprint.cainiao.com/template/standard/101",
            weight_grams=1370,
        )
        for i in range(n)
    ]


def test_a_batch_is_numbered_ten_orders_a_request(gateway):
    issued = client(gateway).issue("ZTO", SENDER, orders(12))
    assert [i.object_id for i in issued] == [f"P{i:04d}" for i in range(12)]
    assert len({i.waybill_code for i in issued}) == 12
    assert len(gateway.requests) == 2  # 10 + 2
    doc = issued[0].document
    assert doc["encryptedData"].startswith("AES:") and doc["templateURL"].endswith("/101")
    # the protected receiver went by its oaid/tid, as the document asks
    import json

    req = json.loads(gateway.requests[0]["param_waybill_cloud_print_apply_new_request"])
    rec = req["trade_order_info_dtos"][0]["recipient"]
    assert rec["oaid"] == "oaid-0" and rec["tid"] == "3781245190287600000"


@pytest.mark.parametrize("fault", ["isp", "http500", "drop"])
def test_a_lost_or_failed_first_call_is_sent_again_and_never_gives_two_numbers(gateway, fault):
    gateway.fail_next = [fault]
    issued = client(gateway).issue("ZTO", SENDER, orders(3))
    assert len(gateway.requests) == 2
    assert len(gateway.issued) == 3 and gateway.balance == 1000 - 3
    assert {i.waybill_code for i in issued} == set(gateway.issued.values())


def test_a_transient_error_that_persists_is_raised_after_the_retries(gateway):
    gateway.fail_next = ["isp"] * 10
    with pytest.raises(TransientError) as e:
        client(gateway, retries=2).issue("ZTO", SENDER, orders(1))
    assert e.value.sub_code == "isp.top-remote-connection-timeout"
    assert len(gateway.requests) == 3


def test_business_errors_stop_at_once_with_the_platforms_code_and_message(gateway):
    gateway.unserved_provinces = {"西藏自治区"}
    with pytest.raises(BusinessError) as e:
        client(gateway).issue("ZTO", SENDER, orders(1, province="西藏自治区"))
    assert (e.value.sub_code, e.value.sub_message) == ("isv.ADDRESS_NOT_SUPPORT", "超区")
    assert len(gateway.requests) == 1
    gateway.balance = 0
    with pytest.raises(BusinessError) as e:
        client(gateway).issue("ZTO", SENDER, orders(1))
    assert e.value.sub_code == "isv.BALANCE_NOT_ENOUGH"


def test_a_wrong_secret_is_refused_by_the_gateway_and_never_shown(gateway):
    c = client(gateway, secret="wrong-secret")
    with pytest.raises(BusinessError) as e:
        c.issue("ZTO", SENDER, orders(1))
    assert e.value.code == "25" and "wrong-secret" not in str(e.value)
    assert "wrong-secret" not in repr(c.client) and len(gateway.requests) == 1


def test_cancel_update_and_the_balance(gateway):
    c = client(gateway)
    (one,) = c.issue("ZTO", SENDER, orders(1))
    assert c.cancel("ZTO", one.waybill_code) and one.waybill_code in gateway.cancelled
    new = c.update("ZTO", one.waybill_code, Party("李*", mobile="138****0000",
                   address=Address("上海", "上海市", "浦东新区", "", "***")))  # fmt: skip
    assert new.waybill_code == one.waybill_code and "updated" in new.document["encryptedData"]
    (branch,) = c.search("ZTO")
    assert (branch.cp_code, branch.branch_code, branch.quantity) == ("ZTO", "571001", 999)
    assert branch.addresses[0].city == "杭州市"


def test_the_timestamp_is_china_time_whatever_the_clock_zone(gateway):
    moment = dt.datetime(2026, 12, 4, 0, 37, tzinfo=dt.UTC)
    assert top_timestamp(moment) == "2026-12-04 08:37:00"
    assert top_timestamp(moment.astimezone(dt.timezone(dt.timedelta(hours=-5)))) == (
        "2026-12-04 08:37:00"
    )


@pytest.mark.parametrize("method", ["md5", "hmac", "hmac-sha256"])
def test_every_sign_method_is_accepted_by_the_gateway(gateway, method):
    (one,) = client(gateway, sign_method=method).issue("ZTO", SENDER, orders(1))
    assert one.waybill_code


# --- Pinduoduo: the same operations through its own gateway ---------------------------------


@pytest.fixture
def pdd_gateway():
    gw = TopGateway(app_key="pdd-client", secret="pdd-secret", session="pdd-token", dialect="pdd")
    yield gw
    gw.close()


def pdd(gw: TopGateway, secret: str | None = None, **kw):
    from platforms.pdd import PddClient, Pinduoduo

    return Pinduoduo(
        PddClient(
            gw.app_key, secret or gw.secret, gw.session, gateway=gw.url, sleep=lambda _s: None, **kw
        )
    )


def test_pdd_numbers_a_batch_and_keeps_one_number_per_parcel_across_a_retry(pdd_gateway):
    pdd_gateway.fail_next = ["isp", "drop"]
    issued = pdd(pdd_gateway).issue("ZTO", SENDER, orders(12))
    assert len({i.waybill_code for i in issued}) == 12 and len(pdd_gateway.issued) == 12
    assert pdd_gateway.requests[0]["type"] == "pdd.waybill.get"
    import json

    req = json.loads(pdd_gateway.requests[0]["param_waybill_cloud_print_apply_new_request"])
    assert req["wp_code"] == "ZTO" and "cp_code" not in req
    assert issued[0].document["templateUrl"].startswith("https://file-link.pinduoduo.com/")


def test_pdd_wrong_secret_cancel_and_balance(pdd_gateway):
    with pytest.raises(BusinessError) as e:
        pdd(pdd_gateway, secret="nope").issue("ZTO", SENDER, orders(1))
    assert e.value.code == "20004" and e.value.platform == "pdd"
    c = pdd(pdd_gateway)
    (one,) = c.issue("ZTO", SENDER, orders(1))
    assert c.cancel("ZTO", one.waybill_code) and one.waybill_code in pdd_gateway.cancelled
    (branch,) = c.search("ZTO")
    assert (branch.cp_code, branch.quantity, branch.addresses[0].city) == ("ZTO", 999, "杭州市")
