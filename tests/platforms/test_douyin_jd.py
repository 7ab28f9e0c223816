"""The Douyin and JD clients over real HTTP against their stand-in gateways
(tests/platforms/douyin_gateway.py, jd_gateway.py), which check each request's signature and
timestamp as the platforms' documents say."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest

from platforms.douyin import Douyin, DouyinClient, douyin_error, param_json
from platforms.errors import BusinessError, PartlyRefused, TransientError
from platforms.jd import Jd, JdClient, jd_error
from platforms.signing import douyin_sign, jd_sign
from platforms.waybill import Address, Party, WaybillOrder
from tests.platforms.douyin_gateway import DouyinGateway
from tests.platforms.jd_gateway import JdGateway

SENDER = Party(
    "王店长",
    mobile="13800000000",
    address=Address("浙江省", "杭州市", "余杭区", "仓前街道", "良睦路 1399 号"),
)


def orders(n: int, *, channel: str = "DY", template: str = "") -> list[WaybillOrder]:
    return [
        WaybillOrder(
            object_id=f"O{i + 1}",
            trade_orders=(f"69486268286319{i:05d}",),
            recipient=Party(
                "#王*雨#",
                mobile="$139****1234$",
                address=Address("广东省", "深圳市", "南山区", "", "~AES:enc-detail~"),
            ),
            items=(("记忆棉枕头", 1),),
            user_id="10706" if channel == "JD" else "",
            template_url=template or "https://lf3-cm.ecombdstatic.com/obj/logistics/zhongtong.xml",
            channel=channel,
            weight_grams=1370,
        )
        for i in range(n)
    ]


# --- the signers against the documents' algorithms --------------------------------------------


def test_douyin_signs_the_documents_pattern_over_the_sorted_param_json():
    """§3.1: app_key…method…param_json…timestamp…v… wrapped in the secret, HMAC-SHA256 keyed
    with the secret (or MD5), lower-case hex; param_json with its keys sorted at every level."""
    body = param_json({"b": {"z": 1, "a": [{"y": 2, "x": "中"}]}, "a": ""})
    assert body == '{"a":"","b":{"a":[{"x":"中","y":2}],"z":1}}'
    pattern = f"sapp_keykmethodlogistics.newCreateOrderparam_json{body}timestamp1700000000v2s"
    kw = dict(
        app_key="k",
        app_secret="s",
        method="logistics.newCreateOrder",
        param_json=body,
        timestamp="1700000000",
    )
    sig = douyin_sign(**kw)
    assert sig == hmac.new(b"s", pattern.encode(), hashlib.sha256).hexdigest() and sig.islower()
    assert douyin_sign(**kw, sign_method="md5") == hashlib.md5(pattern.encode()).hexdigest()
    assert param_json(None) == "{}"


def test_jd_signs_as_jos_says_empty_values_left_out():
    fields = {
        "method": "jingdong.ldop.alpha.waybill.receive",
        "app_key": "K",
        "access_token": "T",
        "timestamp": "2026-12-04 08:00:00",
        "v": "2.0",
        "360buy_param_json": '{"content":"{}"}',
        "empty": "",
    }
    s = "".join(k + fields[k] for k in sorted(fields) if fields[k])
    assert jd_sign(fields, "S") == hashlib.md5(f"S{s}S".encode()).hexdigest().upper()


def test_error_classes_follow_the_platforms_tables():
    busy = douyin_error({"code": 20000, "msg": "系统错误", "sub_code": "isp.service-error:15001"})
    assert isinstance(busy, TransientError)
    limited = douyin_error({"code": 60000, "msg": "触发限流，请稍后重试"})
    assert isinstance(limited, TransientError)
    sig = douyin_error({"code": 40003, "msg": "非法的参数", "sub_code": "isv.signature-invalid"})
    assert isinstance(sig, BusinessError) and not sig.transient
    assert isinstance(
        jd_error({"error_response": {"code": "66", "zh_desc": "不可用"}}), TransientError
    )
    bad = jd_error({"error_response": {"code": "12", "zh_desc": "无效签名", "en_desc": "x"}})
    assert isinstance(bad, BusinessError) and (bad.code, bad.message) == ("12", "无效签名")


# --- Douyin ------------------------------------------------------------------------------------


@pytest.fixture
def dy():
    gw = DouyinGateway()
    yield gw
    gw.close()


def douyin(gw: DouyinGateway, secret: str | None = None, **kw) -> Douyin:
    return Douyin(
        DouyinClient(gw.app_key, secret or gw.secret, gw.token, gateway=gw.url,
                     sleep=lambda _s: None, **kw)
    )  # fmt: skip


def test_douyin_numbers_a_batch_with_its_print_data(dy):
    issued = douyin(dy).issue("ZTO", SENDER, orders(12))
    assert [i.object_id for i in issued] == [f"O{i + 1}" for i in range(12)]
    assert len({i.waybill_code for i in issued}) == 12 and dy.balance == 1000 - 12
    methods = [m for m, _p in dy.requests]
    assert methods == ["logistics.newCreateOrder", "logistics.waybillApply"]  # 12 ≤ 50: one each
    create = dy.requests[0][1]
    assert create["logistics_code"] == "zhongtong"
    first = create["order_infos"][0]
    assert first["order_id"] == "6948626828631900000" and "pack_id" not in first
    assert first["receiver_info"]["contact"]["name"] == "#王*雨#"  # the ciphertext, untouched
    doc = issued[0].document
    assert doc == {
        "encryptedData": dy.print_data(issued[0].waybill_code),
        "signature": hashlib.md5(issued[0].waybill_code.encode()).hexdigest(),
        "templateURL": "https://lf3-cm.ecombdstatic.com/obj/logistics/zhongtong.xml",
    }


@pytest.mark.parametrize("fault", ["isp", "http500", "drop"])
def test_douyin_retry_after_a_first_call_failure_gives_one_number_per_order(dy, fault):
    dy.fail_next = [fault]
    issued = douyin(dy).issue("ZTO", SENDER, orders(3))
    assert [m for m, _p in dy.requests].count("logistics.newCreateOrder") == 2
    assert len(dy.issued) == 3 and dy.balance == 1000 - 3
    assert {i.waybill_code for i in issued} == set(dy.issued.values())


def test_douyin_per_order_refusals_keep_the_others_numbers(dy):
    batch = orders(4)
    dy.refused_orders = {batch[1].trade_orders[0]}
    with pytest.raises(PartlyRefused) as e:
        douyin(dy).issue("ZTO", SENDER, batch)
    assert [i.object_id for i in e.value.issued] == ["O1", "O3", "O4"]
    (oid, err), = e.value.refused.items()  # fmt: skip
    assert (oid, err.code, err.message, err.platform) == ("O2", "15002", "订单信息不存在", "douyin")
    assert isinstance(e.value, BusinessError) and "订单信息不存在" in str(e.value)


def test_douyin_business_error_and_wrong_secret_stop_at_once(dy):
    dy.refused_all = "isv.business-failed:15000"
    with pytest.raises(BusinessError) as e:
        douyin(dy).issue("ZTO", SENDER, orders(2))
    assert (e.value.code, e.value.sub_code) == ("50002", "isv.business-failed:15000")
    assert e.value.sub_message == "订单不是该店铺下的订单" and len(dy.requests) == 1
    dy.refused_all = ""
    c = douyin(dy, secret="wrong-secret")
    with pytest.raises(BusinessError) as e:
        c.issue("ZTO", SENDER, orders(1))
    assert e.value.sub_code == "isv.signature-invalid" and len(dy.requests) == 2
    assert "wrong-secret" not in str(e.value) + repr(c.client)


def test_douyin_a_transient_error_that_persists_is_raised_after_the_retries(dy):
    dy.fail_next = ["isp"] * 10
    with pytest.raises(TransientError) as e:
        douyin(dy, retries=2).issue("ZTO", SENDER, orders(1))
    assert e.value.sub_code == "isp.service-error:15001" and len(dy.requests) == 3


def test_douyin_md5_signing_is_accepted_too(dy):
    (one,) = douyin(dy, sign_method="md5").issue("ZTO", SENDER, orders(1))
    assert one.waybill_code in dy.issued.values()


def test_douyin_cancel_update_and_balance(dy):
    c = douyin(dy)
    (one,) = c.issue("ZTO", SENDER, orders(1))
    assert c.cancel("ZTO", one.waybill_code) and one.waybill_code in dy.cancelled
    with pytest.raises(BusinessError) as e:  # twice: the platform's own words
        c.cancel("ZTO", one.waybill_code)
    assert (e.value.sub_code, e.value.sub_message) == ("isv.business-failed:1102", "重复取消")
    new = c.update(
        "ZTO", one.waybill_code, Party("李*", mobile="138****0000",
        address=Address("上海", "上海市", "浦东新区", "", "***")), object_id="O1",
        template_url="https://lf3-cm.ecombdstatic.com/obj/logistics/zhongtong.xml",
    )  # fmt: skip
    assert (new.object_id, new.waybill_code) == ("O1", one.waybill_code)
    assert new.document["encryptedData"].endswith("u")
    assert dy.updated[one.waybill_code]["address"]["city_name"] == "上海市"
    (branch,) = c.search("ZTO")
    assert (branch.branch_code, branch.quantity, branch.allocated) == ("571002", 999, 1)
    assert branch.addresses[0].city == "杭州市"


def test_douyin_document_carries_a_freshly_signed_params(dy):
    c = douyin(dy)
    (one,) = c.issue("ZTO", SENDER, orders(1))
    doc = c.document(one.print_data)
    assert {k: doc[k] for k in ("encryptedData", "signature", "templateURL")} == one.document
    params = doc["params"]
    assert params.startswith(
        f"access_token={dy.token}&app_key={dy.app_key}&method=logistics.getShopKey&param_json={{}}&"
    )
    assert dy.check_params(params)  # the platform's own check of the signature and timestamp
    assert dy.secret not in params
    stamp = int(dict(p.split("=", 1) for p in params.split("&"))["timestamp"])
    assert abs(stamp - time.time()) < 5  # made now, not when the number was issued


# --- JD ----------------------------------------------------------------------------------------


@pytest.fixture
def jd():
    gw = JdGateway()
    yield gw
    gw.close()


def jd_api(gw: JdGateway, secret: str | None = None, **kw) -> Jd:
    client = JdClient(
        gw.app_key, secret or gw.secret, gw.token, gateway=gw.url, sleep=lambda _s: None, **kw
    )
    return Jd(client, vendor_code=gw.vendor_code)


JD_TEMPLATE = "http://storage.jd.com/print-tmpl/template-zto.txt"


def test_jd_numbers_each_order_and_pulls_their_print_data(jd):
    issued = jd_api(jd).issue("ZTO", SENDER, orders(3, channel="JD", template=JD_TEMPLATE))
    assert [i.object_id for i in issued] == ["O1", "O2", "O3"]
    assert {i.waybill_code for i in issued} == set(jd.issued.values()) and jd.balance == 997
    receives = [p for m, p in jd.requests if m == "jingdong.ldop.alpha.waybill.receive"]
    assert len(receives) == 3  # one order a request
    content = json.loads(receives[0]["content"])
    assert (content["providerId"], content["providerCode"], content["branchCode"]) == (
        4832, "ZTO", "571003",
    )  # fmt: skip
    assert content["toAddress"]["countryName"] == "南山区" and content["weight"] == 1.37
    assert content["vendorOrderCode"] == "O1" and content["salePlatform"] == "0010001"
    (pull,) = jd.pulled
    assert [r["objectId"] for r in pull] == ["O1", "O2", "O3"]
    assert pull[0]["parameters"] == {"eCustomerCode": "ZT-571-88"}
    doc = issued[0].document
    assert doc == {"tempUrl": JD_TEMPLATE, "printData": doc["printData"]}
    assert doc["printData"].startswith("JDENC:")


@pytest.mark.parametrize("fault", ["isp", "http500", "drop"])
def test_jd_retry_after_a_first_call_failure_gives_one_number_per_order(jd, fault):
    jd.fail_next = ["", fault]  # the signed-carriers call passes, the first receive fails
    issued = jd_api(jd).issue("ZTO", SENDER, orders(2, channel="JD"))
    assert len(jd.issued) == 2 and jd.balance == 998
    assert {i.waybill_code for i in issued} == set(jd.issued.values())


def test_jd_a_refused_order_stops_alone_with_the_platforms_message(jd):
    batch = orders(3, channel="JD")
    jd.refused_orders = {batch[0].trade_orders[0]}
    with pytest.raises(PartlyRefused) as e:
        jd_api(jd).issue("ZTO", SENDER, batch)
    assert [i.object_id for i in e.value.issued] == ["O2", "O3"]
    err = e.value.refused["O1"]
    assert (err.platform, err.code, err.message) == ("jd", "1", "收件地址超区")


def test_jd_wrong_secret_is_refused_once_and_never_shown(jd):
    api = jd_api(jd, secret="not-the-secret")
    with pytest.raises(BusinessError) as e:
        api.issue("ZTO", SENDER, orders(3, channel="JD"))
    assert (e.value.code, e.value.message) == ("12", "无效签名") and len(jd.requests) == 1
    assert "not-the-secret" not in str(e.value) + repr(api.client)


def test_jd_cancel_balance_and_no_update(jd):
    api = jd_api(jd)
    (one,) = api.issue("ZTO", SENDER, orders(1, channel="JD"))
    assert api.cancel("ZTO", one.waybill_code) and one.waybill_code in jd.cancelled
    assert jd.requests[-1][0] == "jingdong.ldop.alpha.waybill.api.unbind"
    (branch,) = api.search("ZTO")
    assert (branch.cp_code, branch.branch_code, branch.quantity) == ("ZTO", "571003", 999)
    assert api.search("YTO") == []
    with pytest.raises(BusinessError) as e:
        api.update("ZTO", one.waybill_code, SENDER)
    assert e.value.code == "not_supported"


# --- numbering through the platforms (app.services.platform_numbers) -------------------------


def test_numbering_takes_per_order_answers_as_they_are_and_stops_on_the_account(dy, jd):
    from app.services.platform_numbers import _ask

    issued, refused = _ask(douyin(dy, secret="wrong-secret"), "ZTO", SENDER, orders(12))
    assert not issued and len(refused) == 12 and len(dy.requests) == 1  # once, not per order
    assert refused["O12"] == "platform:douyin:isv.signature-invalid:签名校验失败"
    batch = orders(3, channel="JD")
    jd.refused_orders = {batch[1].trade_orders[0]}
    issued, refused = _ask(jd_api(jd), "ZTO", SENDER, batch)
    assert sorted(issued) == ["O1", "O3"] and refused == {"O2": "platform:jd:1:收件地址超区"}
    receives = [m for m, _p in jd.requests if m == "jingdong.ldop.alpha.waybill.receive"]
    assert len(receives) == 3  # the refused order is not asked a second time
