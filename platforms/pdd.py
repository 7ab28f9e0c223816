"""Pinduoduo e-waybills (拼多多电子面单): ``pdd.waybill.get`` (10 orders a request, one
``object_id`` each), ``pdd.waybill.cancel``, ``pdd.waybill.search`` (subscriptions and balance).

The gateway (docs/dev/research/platform-ewaybills.md §2): a form POST of ``type`` (the API),
``client_id``, ``access_token``, ``timestamp`` (Unix seconds), ``data_type=JSON``, the business
parameters (structured ones as JSON strings) and ``sign`` (`platforms.signing.pdd_sign`). The
carrier is ``wp_code``; a protected receiver's name, mobile and address detail are PDD's own
ciphertext, passed as they came. Errors: ``error_response`` {``error_code``, ``error_msg``,
``sub_code``, ``sub_msg``}; the gateway's rate limits and "temporarily unavailable" codes and
HTTP 5xx are transient.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Mapping, Sequence

from platforms.errors import BusinessError, PlatformError, TransientError
from platforms.signing import pdd_sign
from platforms.transport import HttpTransport, Transport
from platforms.waybill import (
    MAX_BATCH,
    Branch,
    Issued,
    Party,
    WaybillOrder,
    apply_request,
    branches_of,
    issued_of,
    unwrap,
)

PRODUCTION = "https://gw-api.pinduoduo.com/api/router"
#: limits and temporary unavailability: send again later
TRANSIENT_CODES = frozenset({"52101", "52102", "52103", "70031"})


def pdd_error(answer: Mapping) -> PlatformError:
    err = answer.get("error_response", answer)
    code = str(err.get("error_code", ""))
    cls = TransientError if code in TRANSIENT_CODES else BusinessError
    return cls(
        "pdd",
        code,
        str(err.get("error_msg", "") or ""),
        sub_code=str(err.get("sub_code") or ""),
        sub_message=str(err.get("sub_msg") or ""),
    )


class PddClient:
    """One call to the PDD gateway, tried again on transient errors (same parameters)."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        access_token: str,
        *,
        gateway: str = PRODUCTION,
        transport: Transport | None = None,
        timeout: float = 15.0,
        retries: int = 3,
        backoff: float = 0.5,
        clock: Callable[[], dt.datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client_id = client_id
        self._secret = client_secret
        self.access_token = access_token
        self.gateway = gateway
        self.transport = transport or HttpTransport("pdd")
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._sleep = sleep

    def __repr__(self) -> str:  # never the secret
        return f"PddClient(client_id={self.client_id!r}, gateway={self.gateway!r})"

    def fields(self, api: str, params: Mapping[str, object]) -> dict[str, str]:
        fields = {
            "type": api,
            "client_id": self.client_id,
            "access_token": self.access_token,
            "timestamp": str(int(self._clock().timestamp())),
            "data_type": "JSON",
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
        fields["sign"] = pdd_sign(fields, self._secret)
        return fields

    def call(self, api: str, **params: object) -> dict:
        key = api.replace(".", "_") + "_response"
        pause = self.backoff
        for attempt in range(self.retries + 1):
            try:
                answer = self.transport.post_form(
                    self.gateway, self.fields(api, params), self.timeout
                )
                if "error_response" in answer:
                    raise pdd_error(answer)
                if key not in answer:
                    raise TransientError("pdd", "bad_answer", f"no {key}")
                return answer[key]
            except PlatformError as exc:
                if not exc.transient or attempt == self.retries:
                    raise
            self._sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover


class Pinduoduo:
    def __init__(self, client: PddClient) -> None:
        self.client = client

    def issue(
        self, wp_code: str, sender: Party, orders: Sequence[WaybillOrder], *, encrypted: bool = True
    ) -> list[Issued]:
        out: list[Issued] = []
        for i in range(0, len(orders), MAX_BATCH):
            batch = orders[i : i + MAX_BATCH]
            answer = self.client.call(
                "pdd.waybill.get",
                param_waybill_cloud_print_apply_new_request=apply_request(
                    "wp_code", wp_code, sender, batch, encrypted
                ),
            )
            out.extend(issued_of("pdd", unwrap(answer.get("modules"), "modules"), batch))
        return out

    def cancel(self, wp_code: str, waybill_code: str) -> bool:
        answer = self.client.call("pdd.waybill.cancel", wp_code=wp_code, waybill_code=waybill_code)
        return bool(answer.get("cancel_result"))

    def search(self, wp_code: str | None = None) -> list[Branch]:
        answer = self.client.call("pdd.waybill.search", wp_code=wp_code)
        return branches_of(unwrap(answer.get("waybill_apply_subscription_cols"), ""), "wp_code")
