"""What every platform's gateway client shares: structured parameters sent as JSON strings,
the signed form of a call, and one call tried again on transient errors.

A subclass gives its common parameters (`common`), its signature (`sign`), how an error answer
reads (`error_of`) and its platform's name. Transient errors are sent again (``retries``
times, doubling the pause from ``backoff`` seconds) with the very same business parameters, so
an object id sent twice is the same request to the platform.

Thread: any (blocking); the secret never appears in an exception, a repr or a log line.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

from platforms.errors import PlatformError, TransientError
from platforms.transport import HttpTransport, Transport

T = TypeVar("T")


def encode(params: Mapping[str, object]) -> dict[str, str]:
    """Business parameters as form fields: structures as compact JSON, booleans as
    ``true``/``false``, None left out."""
    out: dict[str, str] = {}
    for k, v in params.items():
        if v is None:
            continue
        if isinstance(v, (dict, list, tuple)):
            out[k] = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        elif isinstance(v, bool):
            out[k] = "true" if v else "false"
        else:
            out[k] = str(v)
    return out


class GatewayClient:
    """``production``: the platform's address, used when ``gateway`` is empty.
    ``sign_methods``: the platform's signing methods, the first the default (empty when the
    platform has one method, then ``sign_method`` is not kept)."""

    platform = ""
    production = ""
    sign_methods: tuple[str, ...] = ()

    def __init__(
        self,
        key: str,
        secret: str,
        token: str,
        *,
        gateway: str = "",
        sign_method: str = "",
        transport: Transport | None = None,
        timeout: float = 15.0,
        retries: int = 3,
        backoff: float = 0.5,
        clock: Callable[[], dt.datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if self.sign_methods:
            sign_method = sign_method or self.sign_methods[0]
            if sign_method not in self.sign_methods:
                raise ValueError(f"unknown {self.platform} sign_method {sign_method!r}")
            self.sign_method = sign_method
        self.key = key
        self._secret = secret
        self.token = token
        self.gateway = gateway or self.production
        self.transport = transport or HttpTransport(self.platform)
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._sleep = sleep

    @property
    def app_key(self) -> str:
        return self.key

    def __repr__(self) -> str:  # never the secret
        return f"{type(self).__name__}(key={self.key!r}, gateway={self.gateway!r})"

    # the platform's rules -------------------------------------------------------------

    def common(self, api: str) -> dict[str, str]:  # pragma: no cover - subclasses
        raise NotImplementedError

    def sign(self, fields: Mapping[str, str], secret: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def error_of(self, answer: Mapping) -> PlatformError:  # pragma: no cover - subclasses
        raise NotImplementedError

    # one call -------------------------------------------------------------------------

    def fields(self, api: str, params: Mapping[str, object]) -> dict[str, str]:
        """The signed form of one call (a fresh timestamp)."""
        fields = {**self.common(api), **encode(params)}
        fields["sign"] = self.sign(fields, self._secret)
        return fields

    def call(self, api: str, **params: object) -> dict:
        """One API call; the ``<api>_response`` object. Raises `PlatformError`."""
        key = api.replace(".", "_") + "_response"

        def once() -> dict:
            answer = self.transport.post_form(self.gateway, self.fields(api, params), self.timeout)
            if "error_response" in answer:
                raise self.error_of(answer)
            if key not in answer:
                raise TransientError(self.platform, "bad_answer", f"no {key}")
            return answer[key]

        return self.retrying(once)

    def retrying(self, once: Callable[[], T]) -> T:
        """``once()`` until it returns, sent again on a transient `PlatformError` (``retries``
        times, the pause doubling from ``backoff``); a business error is raised at once. Each
        attempt builds its request anew (a fresh timestamp and signature, the same business
        parameters)."""
        pause = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return once()
            except PlatformError as exc:
                if not exc.transient or attempt == self.retries:
                    raise
            self._sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover
