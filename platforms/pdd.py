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

from collections.abc import Mapping, Sequence

from platforms.errors import BusinessError, PlatformError, TransientError
from platforms.gateway import GatewayClient
from platforms.signing import pdd_sign
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


class PddClient(GatewayClient):
    """Pinduoduo's gateway: ``client_id``, ``access_token``, Unix-seconds timestamp."""

    platform = "pdd"
    production = PRODUCTION

    @property
    def client_id(self) -> str:
        return self.key

    def common(self, api: str) -> dict[str, str]:
        return {
            "type": api,
            "client_id": self.key,
            "access_token": self.token,
            "timestamp": str(int(self._clock().timestamp())),
            "data_type": "JSON",
        }

    def sign(self, fields: Mapping[str, str], secret: str) -> str:
        return pdd_sign(fields, secret)

    def error_of(self, answer: Mapping) -> PlatformError:
        return pdd_error(answer)


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
