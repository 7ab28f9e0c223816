"""How each platform signs a gateway request: one function per platform, plain data in, the
``sign`` value out. Sources in ``docs/dev/research/platform-ewaybills.md``.

* TOP (Taobao/Tmall, Cainiao's ``cainiao.waybill.ii.*``): every parameter but ``sign`` (and
  byte[] uploads), sorted by name, ``name+value`` concatenated; ``md5``: MD5(secret + s +
  secret); ``hmac``: HMAC-MD5(secret, s); ``hmac-sha256``: HMAC-SHA256(secret, s); upper-case
  hex. The published example reproduces (tests).
* Pinduoduo: the same string wrapped in ``client_secret`` and MD5, upper-case hex.
* JD (JOS): as TOP's ``md5`` (``360buy_param_json`` is one of the parameters); empty values are
  left out.
* Douyin (抖店): a fixed order ``app_key, method, param_json, timestamp, v`` wrapped in the
  secret; ``hmac-sha256`` (the SDK's default) or ``md5``; lower-case hex, as the official SDK.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

TOP_METHODS = ("md5", "hmac", "hmac-sha256")


def _joined(params: Mapping[str, object], *, skip_empty: bool = False) -> str:
    return "".join(
        f"{k}{v}"
        for k, v in sorted(params.items())
        if k != "sign" and v is not None and not (skip_empty and v == "")
    )


def top_sign(params: Mapping[str, object], secret: str, method: str | None = None) -> str:
    """TOP's ``sign`` for ``params`` (``sign_method`` in ``params`` unless ``method``)."""
    method = (method or str(params.get("sign_method", "md5"))).lower()
    s = _joined(params)
    if method == "md5":
        return hashlib.md5((secret + s + secret).encode("utf-8")).hexdigest().upper()
    if method == "hmac":
        return hmac.new(secret.encode(), s.encode("utf-8"), hashlib.md5).hexdigest().upper()
    if method == "hmac-sha256":
        return hmac.new(secret.encode(), s.encode("utf-8"), hashlib.sha256).hexdigest().upper()
    raise ValueError(f"unknown TOP sign_method {method!r}")


def pdd_sign(params: Mapping[str, object], client_secret: str) -> str:
    """Pinduoduo's ``sign``: MD5(secret + sorted name+value + secret), upper-case hex."""
    s = client_secret + _joined(params) + client_secret
    return hashlib.md5(s.encode("utf-8")).hexdigest().upper()


def jd_sign(params: Mapping[str, object], app_secret: str) -> str:
    """JD JOS's ``sign``: as TOP's md5, empty values left out."""
    s = app_secret + _joined(params, skip_empty=True) + app_secret
    return hashlib.md5(s.encode("utf-8")).hexdigest().upper()


def douyin_sign(
    *,
    app_key: str,
    app_secret: str,
    method: str,
    param_json: str,
    timestamp: str,
    v: str = "2",
    sign_method: str = "hmac-sha256",
) -> str:
    """Douyin's ``sign``: ``app_key…method…param_json…timestamp…v…`` wrapped in the secret;
    HMAC-SHA256 keyed with the secret, or MD5; lower-case hex. ``param_json`` must already
    have its keys sorted (the platform checks the exact string)."""
    pattern = f"app_key{app_key}method{method}param_json{param_json}timestamp{timestamp}v{v}"
    s = app_secret + pattern + app_secret
    if sign_method == "hmac-sha256":
        return hmac.new(app_secret.encode(), s.encode("utf-8"), hashlib.sha256).hexdigest()
    if sign_method == "md5":
        return hashlib.md5(s.encode("utf-8")).hexdigest()
    raise ValueError(f"unknown Douyin sign_method {sign_method!r}")
