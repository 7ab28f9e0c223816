"""What every platform's e-waybill API shares: the parcel to number, the parties, the number
that comes back with its print data, a branch and its balance. Cainiao (TOP) and Pinduoduo use
the same request shape (``trade_order_info_dtos``, ``object_id``, ``order_info``,
``package_info``, ``recipient``, ``template_url``, ``user_id``); they differ in the carrier key
(``cp_code`` / ``wp_code``), the protected-receiver fields and how arrays are wrapped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from platforms.errors import TransientError

#: trade_order_info_dtos per request (cainiao.waybill.ii.get, pdd.waybill.get)
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


def unwrap(value: object, inner: str) -> list:
    """TOP JSON wraps arrays in an object keyed by the element type (``inner``; where the
    documents do not name it, the object's one list is taken)."""
    if isinstance(value, dict):
        if inner in value:
            value = value[inner]
        else:
            lists = [v for v in value.values() if isinstance(v, list)]
            value = lists[0] if len(lists) == 1 else []
    return list(value) if isinstance(value, list) else []


def apply_request(
    carrier_key: str, carrier: str, sender: Party, batch: Sequence[WaybillOrder], encrypted: bool
) -> dict:
    """``param_waybill_cloud_print_apply_new_request`` for one batch."""
    return {
        carrier_key: carrier,
        "sender": sender.as_json(),
        "trade_order_info_dtos": [o.as_json() for o in batch],
        "need_encrypt": encrypted,
    }


def issued_of(platform: str, modules: list, batch: Sequence[WaybillOrder]) -> list[Issued]:
    """The numbers of ``batch`` from the answer's modules, in the batch's order. A parcel the
    answer does not number is a `TransientError` (the batch is sent again, same object ids)."""
    by_id = {str(m.get("object_id")): m for m in modules if isinstance(m, dict)}
    out = []
    for o in batch:
        m = by_id.get(o.object_id)
        if m is None or not m.get("waybill_code"):
            raise TransientError(platform, "no_number", f"object_id {o.object_id}")
        out.append(Issued(o.object_id, str(m["waybill_code"]), str(m.get("print_data", ""))))
    return out


def branches_of(subscriptions: list, carrier_key: str) -> list[Branch]:
    """Each subscription's branches with the numbers left."""
    out: list[Branch] = []
    for sub in subscriptions:
        for b in unwrap(sub.get("branch_account_cols"), "waybill_branch_account"):
            addrs = tuple(
                Address(
                    a.get("province", ""),
                    a.get("city", ""),
                    a.get("district", ""),
                    a.get("town", ""),
                    a.get("detail", ""),
                )
                for a in unwrap(b.get("shipp_address_cols"), "address_dto")
            )
            out.append(
                Branch(
                    cp_code=str(sub.get(carrier_key, "")),
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
