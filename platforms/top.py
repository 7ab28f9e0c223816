"""A client of the TOP gateway (Taobao Open Platform: Cainiao's e-waybill APIs go through it).

Common parameters as TOP's own document (doc 101617) gives them: ``method``, ``app_key``,
``session``, ``timestamp`` (``yyyy-MM-dd HH:mm:ss`` in China time, whatever the station's clock
zone), ``v=2.0``, ``format=json``, ``sign_method``, ``sign``. The answer's ``<method>_response``
object is returned; an ``error_response`` is raised as `platforms.errors.PlatformError`
(retries: `platforms.gateway.GatewayClient`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from platforms.errors import PlatformError, top_error
from platforms.gateway import GatewayClient
from platforms.signing import TOP_METHODS, top_sign

PRODUCTION = "https://gw.api.taobao.com/router/rest"
CHINA = ZoneInfo("Asia/Shanghai")


def top_timestamp(now: dt.datetime | None = None) -> str:
    """TOP's timestamp: China time, ``yyyy-MM-dd HH:mm:ss`` (the gateway allows 10 min skew)."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return now.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")


class TopClient(GatewayClient):
    """TOP's gateway: ``app_key``, ``session`` and its ``sign_method``."""

    platform = "cainiao"
    production = PRODUCTION
    sign_methods = TOP_METHODS

    def common(self, api: str) -> dict[str, str]:
        return {
            "method": api,
            "app_key": self.key,
            "session": self.token,
            "timestamp": top_timestamp(self._clock()),
            "v": "2.0",
            "format": "json",
            "sign_method": self.sign_method,
        }

    def sign(self, fields: Mapping[str, str], secret: str) -> str:
        return top_sign(fields, secret)

    def error_of(self, answer: Mapping) -> PlatformError:
        return top_error(dict(answer))
