"""A client of the TOP gateway (Taobao Open Platform: Cainiao's e-waybill APIs go through it).

Common parameters as TOP's own document (doc 101617) gives them: ``method``, ``app_key``,
``session``, ``timestamp`` (``yyyy-MM-dd HH:mm:ss`` in China time, whatever the station's clock
zone), ``v=2.0``, ``format=json``, ``sign_method``, ``sign``. A structured business parameter is
sent as one JSON string. The answer's ``<method>_response`` object is returned; an
``error_response`` is raised as `platforms.errors.PlatformError`. Transient errors are tried
again (``retries`` times, doubling the pause from ``backoff`` seconds) with the very same
business parameters, so an object id sent twice is the same request to the platform.

Thread: any (blocking); the secret never appears in an exception or a log line.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Mapping
from zoneinfo import ZoneInfo

from platforms.errors import PlatformError, TransientError, top_error
from platforms.signing import TOP_METHODS, top_sign
from platforms.transport import HttpTransport, Transport

PRODUCTION = "https://gw.api.taobao.com/router/rest"
CHINA = ZoneInfo("Asia/Shanghai")


def top_timestamp(now: dt.datetime | None = None) -> str:
    """TOP's timestamp: China time, ``yyyy-MM-dd HH:mm:ss`` (the gateway allows 10 min skew)."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return now.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")


class TopClient:
    def __init__(
        self,
        app_key: str,
        secret: str,
        session: str,
        *,
        gateway: str = PRODUCTION,
        sign_method: str = "md5",
        transport: Transport | None = None,
        timeout: float = 15.0,
        retries: int = 3,
        backoff: float = 0.5,
        clock: Callable[[], dt.datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if sign_method not in TOP_METHODS:
            raise ValueError(f"unknown TOP sign_method {sign_method!r}")
        self.app_key = app_key
        self._secret = secret
        self.session = session
        self.gateway = gateway
        self.sign_method = sign_method
        self.transport = transport or HttpTransport("cainiao")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._sleep = sleep

    def __repr__(self) -> str:  # never the secret
        return f"TopClient(app_key={self.app_key!r}, gateway={self.gateway!r})"

    def fields(self, method: str, params: Mapping[str, object]) -> dict[str, str]:
        """The signed form of one call (a fresh timestamp)."""
        fields = {
            "method": method,
            "app_key": self.app_key,
            "session": self.session,
            "timestamp": top_timestamp(self._clock()),
            "v": "2.0",
            "format": "json",
            "sign_method": self.sign_method,
        }
        for k, v in params.items():
            if v is None:
                continue
            if isinstance(v, (dict, list, tuple)):
                fields[k] = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
            elif isinstance(v, bool):
                fields[k] = "true" if v else "false"
            else:
                fields[k] = str(v)
        fields["sign"] = top_sign(fields, self._secret)
        return fields

    def call(self, method: str, **params: object) -> dict:
        """One API call; the ``<method>_response`` object. Raises `PlatformError`."""
        key = method.replace(".", "_") + "_response"
        pause = self.backoff
        for attempt in range(self.retries + 1):
            try:
                answer = self.transport.post_form(
                    self.gateway, self.fields(method, params), self.timeout
                )
                if "error_response" in answer:
                    raise top_error(answer)
                if key not in answer:
                    raise TransientError("cainiao", "bad_answer", f"no {key}")
                return answer[key]
            except PlatformError as exc:
                if not exc.transient or attempt == self.retries:
                    raise
            self._sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover
