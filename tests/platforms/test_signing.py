"""The platforms' signers against the published worked examples, and their properties."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from platforms.errors import BusinessError, TransientError, top_error
from platforms.signing import douyin_sign, jd_sign, pdd_sign, top_sign

# TOP's own documents (doc 101617): two worked examples
TOP_EXAMPLE = {
    "app_key": "test",
    "fields": "nick",
    "format": "xml",
    "method": "taobao.user.seller.get",
    "session": "test",
    "sign_method": "md5",
    "timestamp": "2013-05-06 13:52:03",
    "v": "2.0",
}
TOP_EXAMPLE_2 = {
    "method": "taobao.item.seller.get",
    "format": "json",
    "app_key": "12345678",
    "v": "2.0",
    "fields": "num_iid,title,nick,price,num",
    "num_iid": "11223344",
    "sign_method": "md5",
    "timestamp": "2016-01-01 12:00:00",
    "session": "test",
}


def test_top_md5_reproduces_the_published_examples():
    assert top_sign(TOP_EXAMPLE, "test") == "72CB4D809B375A54502C09360D879C64"
    assert top_sign(TOP_EXAMPLE_2, "helloworld") == "66987CB115214E59E6EC978214934FB8"


def test_top_ignores_sign_and_the_order_of_parameters():
    shuffled = dict(reversed(list(TOP_EXAMPLE.items())))
    assert top_sign({**shuffled, "sign": "X"}, "test") == top_sign(TOP_EXAMPLE, "test")


def test_top_hmac_variants_are_keyed_hashes_of_the_sorted_string():
    s = "".join(f"{k}{v}" for k, v in sorted(TOP_EXAMPLE.items()))
    assert top_sign(TOP_EXAMPLE, "test", "hmac") == (
        hmac.new(b"test", s.encode(), hashlib.md5).hexdigest().upper()
    )
    assert top_sign(TOP_EXAMPLE, "test", "hmac-sha256") == (
        hmac.new(b"test", s.encode(), hashlib.sha256).hexdigest().upper()
    )
    with pytest.raises(ValueError):
        top_sign(TOP_EXAMPLE, "test", "sha1")


@given(
    st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), st.text(max_size=20)),
    st.text(min_size=1, max_size=16),
)
def test_pdd_and_jd_wrap_the_top_string_in_the_secret(params, secret):
    s = "".join(f"{k}{v}" for k, v in sorted(params.items()) if k != "sign")
    want = hashlib.md5((secret + s + secret).encode()).hexdigest().upper()
    assert pdd_sign(params, secret) == want
    if all(v != "" for v in params.values()):
        assert jd_sign(params, secret) == want


def test_douyin_signs_a_fixed_order_in_lower_case():
    kw = dict(
        app_key="k",
        app_secret="s",
        method="logistics.newCreateOrder",
        param_json='{"a":1}',
        timestamp="1700000000",
    )
    pattern = 'sapp_keykmethodlogistics.newCreateOrderparam_json{"a":1}timestamp1700000000v2s'
    assert douyin_sign(**kw) == hmac.new(b"s", pattern.encode(), hashlib.sha256).hexdigest()
    assert douyin_sign(**kw, sign_method="md5") == hashlib.md5(pattern.encode()).hexdigest()


def test_top_errors_are_transient_or_business_by_their_code():
    isp = top_error(
        {
            "error_response": {
                "code": "15",
                "msg": "Remote service error",
                "sub_code": "isp.top-remote-connection-timeout",
            }
        }
    )
    assert isinstance(isp, TransientError) and isp.transient
    isv = top_error(
        {
            "error_response": {
                "code": "15",
                "msg": "Remote service error",
                "sub_code": "isv.BALANCE_NOT_ENOUGH",
                "sub_msg": "余额不足",
            }
        }
    )
    assert isinstance(isv, BusinessError) and not isv.transient
    assert (isv.platform, isv.code, isv.sub_code, isv.sub_message) == (
        "cainiao", "15", "isv.BALANCE_NOT_ENOUGH", "余额不足",
    )  # fmt: skip
    assert "余额不足" in str(isv)
