"""Cainiao e-waybills (菜鸟电子面单) through the TOP gateway: ``cainiao.waybill.ii.get`` (numbers
and print data for up to 10 orders a request, one ``object_id`` each), ``.cancel``, ``.update``
(the address changed) and ``.search`` (subscriptions: carriers, branches, balance).

Field names from TOP's API metadata (see ``docs/dev/research/platform-ewaybills.md`` §1.2). A
Taobao order whose receiver is protected (隐私面单) is numbered by its ``oaid`` and ``tid``; the
print data that comes back is handed to Cainiao's print component untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

from platforms.top import TopClient
from platforms.waybill import (
    MAX_BATCH,
    Address,
    Branch,
    Issued,
    Party,
    WaybillOrder,
    apply_request,
    branches_of,
    issued_of,
    unwrap,
)

__all__ = ["MAX_BATCH", "Address", "Branch", "Cainiao", "Issued", "Party", "WaybillOrder"]


class Cainiao:
    def __init__(self, client: TopClient) -> None:
        self.client = client

    def issue(
        self, cp_code: str, sender: Party, orders: Sequence[WaybillOrder], *, encrypted: bool = True
    ) -> list[Issued]:
        """Numbers for ``orders``, in requests of at most `MAX_BATCH`. A module missing from an
        answer is a `TransientError` for that batch (sent again, same object ids)."""
        out: list[Issued] = []
        for i in range(0, len(orders), MAX_BATCH):
            batch = orders[i : i + MAX_BATCH]
            request = apply_request("cp_code", cp_code, sender, batch, encrypted)
            answer = self.client.call(
                "cainiao.waybill.ii.get", param_waybill_cloud_print_apply_new_request=request
            )
            modules = unwrap(answer.get("modules"), "waybill_cloud_print_response")
            out.extend(issued_of("cainiao", modules, batch))
        return out

    def cancel(self, cp_code: str, waybill_code: str) -> bool:
        answer = self.client.call(
            "cainiao.waybill.ii.cancel", cp_code=cp_code, waybill_code=waybill_code
        )
        return bool(answer.get("cancel_result"))

    def update(
        self,
        cp_code: str,
        waybill_code: str,
        recipient: Party,
        *,
        object_id: str | None = None,
        template_url: str | None = None,
    ) -> Issued:
        request: dict = {
            "cp_code": cp_code,
            "waybill_code": waybill_code,
            "recipient": recipient.as_json(),
        }
        if object_id:
            request["object_id"] = object_id
        if template_url:
            request["template_url"] = template_url
        answer = self.client.call(
            "cainiao.waybill.ii.update", param_waybill_cloud_print_update_request=request
        )
        return Issued(
            object_id or "",
            str(answer.get("waybill_code") or waybill_code),
            str(answer.get("print_data", "")),
        )

    def search(self, cp_code: str | None = None) -> list[Branch]:
        """The shop's subscriptions: per carrier, each branch with the numbers left."""
        answer = self.client.call("cainiao.waybill.ii.search", cp_code=cp_code)
        subs = unwrap(
            answer.get("waybill_apply_subscription_cols"), "waybill_apply_subscription_info"
        )
        return branches_of(subs, "cp_code")
