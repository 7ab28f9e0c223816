"""Cainiao e-waybills (菜鸟电子面单) through the TOP gateway: ``cainiao.waybill.ii.get`` (numbers
and print data for up to 10 orders a request, one ``object_id`` each), ``.cancel``, ``.update``
(the address changed) and ``.search`` (subscriptions: carriers, branches, balance).

Field names from TOP's API metadata (see ``docs/dev/research/platform-ewaybills.md`` §1.2). A
Taobao order whose receiver is protected (隐私面单) is numbered by its ``oaid`` and ``tid``; the
print data that comes back is handed to Cainiao's print component untouched.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from platforms.errors import TransientError
from platforms.top import TopClient

#: trade_order_info_dtos per cainiao.waybill.ii.get request
MAX_BATCH = 10


@dataclass(frozen=True)
class Address:
    province: str
    city: str = ""
    district: str = ""
    town: str = ""
    detail: str = ""

    def as_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class Party:
    """Sender or recipient. ``oaid``/``tid`` (Taobao) or ``caid`` number a protected receiver."""

    name: str
    mobile: str = ""
    phone: str = ""
    address: Address | None = None
    oaid: str = ""
    tid: str = ""
    caid: str = ""

    def as_json(self) -> dict:
        out: dict = {"name": self.name}
        for k in ("mobile", "phone", "oaid", "tid", "caid"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        if self.address is not None:
            out["address"] = self.address.as_json()
        return out


@dataclass(frozen=True)
class WaybillOrder:
    """One parcel to number. ``object_id``: ours, unique per parcel, echoed back (and the same
    on a retry, so a lost answer never gives one parcel two numbers)."""

    object_id: str
    trade_orders: tuple[str, ...]
    recipient: Party
    items: tuple[tuple[str, int], ...]  # (name, count)
    user_id: str
    template_url: str
    channel: str = "TB"  # order_channels_type
    weight_grams: int | None = None

    def as_json(self) -> dict:
        package: dict = {"items": [{"name": n, "count": c} for n, c in self.items]}
        if self.weight_grams:
            package["weight"] = int(self.weight_grams)
        return {
            "object_id": self.object_id,
            "order_info": {
                "order_channels_type": self.channel,
                "trade_order_list": list(self.trade_orders),
            },
            "package_info": package,
            "recipient": self.recipient.as_json(),
            "template_url": self.template_url,
            "user_id": self.user_id,
        }


@dataclass(frozen=True)
class Issued:
    """A number the platform gave, with its print data (kept as the platform sent it)."""

    object_id: str
    waybill_code: str
    print_data: str  # a JSON string: data or encryptedData, signature, templateURL, ver

    @property
    def document(self) -> dict:
        """The print data as the print component's ``contents`` element."""
        return json.loads(self.print_data) if self.print_data else {}


@dataclass(frozen=True)
class Branch:
    """A subscription's branch (网点) and what is left on it."""

    cp_code: str
    branch_code: str
    branch_name: str
    quantity: int  # numbers left
    allocated: int = 0
    cancelled: int = 0
    printed: int = 0
    addresses: tuple[Address, ...] = field(default=())


def _unwrap(value: object, inner: str) -> list:
    """TOP JSON wraps arrays in an object keyed by the element type (``inner``; where the
    documents do not name it, the object's one list is taken)."""
    if isinstance(value, dict):
        if inner in value:
            value = value[inner]
        else:
            lists = [v for v in value.values() if isinstance(v, list)]
            value = lists[0] if len(lists) == 1 else []
    return list(value) if isinstance(value, list) else []


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
            request = {
                "cp_code": cp_code,
                "sender": sender.as_json(),
                "trade_order_info_dtos": [o.as_json() for o in batch],
                "need_encrypt": encrypted,
            }
            answer = self.client.call(
                "cainiao.waybill.ii.get", param_waybill_cloud_print_apply_new_request=request
            )
            modules = {
                str(m.get("object_id")): m
                for m in _unwrap(answer.get("modules"), "waybill_cloud_print_response")
            }
            for o in batch:
                m = modules.get(o.object_id)
                if m is None or not m.get("waybill_code"):
                    raise TransientError("cainiao", "no_number", f"object_id {o.object_id}")
                out.append(
                    Issued(o.object_id, str(m["waybill_code"]), str(m.get("print_data", "")))
                )
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
        out: list[Branch] = []
        for sub in _unwrap(
            answer.get("waybill_apply_subscription_cols"), "waybill_apply_subscription_info"
        ):
            for b in _unwrap(sub.get("branch_account_cols"), "waybill_branch_account"):
                addrs = tuple(
                    Address(
                        a.get("province", ""),
                        a.get("city", ""),
                        a.get("district", ""),
                        a.get("town", ""),
                        a.get("detail", ""),
                    )
                    for a in _unwrap(b.get("shipp_address_cols"), "address_dto")
                )
                out.append(
                    Branch(
                        cp_code=str(sub.get("cp_code", "")),
                        branch_code=str(b.get("branch_code", "")),
                        branch_name=str(b.get("branch_name", "")),
                        quantity=int(b.get("quantity", 0) or 0),
                        allocated=int(b.get("allocated_quantity", 0) or 0),
                        cancelled=int(b.get("cancel_quantity", 0) or 0),
                        printed=int(b.get("print_quantity", 0) or 0),
                        addresses=addrs,
                    )
                )
        return out
