"""Plain rules about orders: statuses, addresses, phones. No Qt, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from app.domain.status import OrderStatus

PLATFORMS = ("taobao", "jd", "pdd", "generic")

# The order a parcel moves through the floor; `held` and `cancelled` stand aside.
FLOW = (
    OrderStatus.UNPAID,
    OrderStatus.PAID,
    OrderStatus.PRINTED,
    OrderStatus.PICKED,
    OrderStatus.VERIFIED,
    OrderStatus.PACKED,
    OrderStatus.WEIGHED,
    OrderStatus.HANDED_OVER,
    OrderStatus.SHIPPED,
)
IN_WAREHOUSE = {
    OrderStatus.PRINTED,
    OrderStatus.PICKED,
    OrderStatus.VERIFIED,
    OrderStatus.PACKED,
    OrderStatus.WEIGHED,
}
LEFT_WAREHOUSE = {OrderStatus.HANDED_OVER, OrderStatus.SHIPPED}


def flow_rank(status: str) -> int:
    try:
        return FLOW.index(OrderStatus(status))
    except ValueError:
        return -1


_DIGITS = re.compile(r"\D+")


def phone_digits(phone: str) -> str:
    return _DIGITS.sub("", phone or "")


def phone_tail(phone: str) -> str:
    """The last four digits of a phone number ('' when it has fewer)."""
    digits = phone if phone and phone.isdecimal() else phone_digits(phone)  # most: digits only
    return digits[-4:] if len(digits) >= 4 else ""


_POSTCODE = re.compile(r"[(（]\s*\d{6}\s*[)）]")
_PROVINCE_END = ("省", "自治区", "特别行政区")
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


class Address(NamedTuple):
    province: str = ""
    city: str = ""
    district: str = ""
    detail: str = ""
    postcode: str = ""


def split_address(text: str) -> Address:
    """Split a platform address line into province / city / district / the rest.

    Taobao writes ``浙江省 杭州市 西湖区 文三路100号(310012)`` (space separated, postcode in
    brackets); municipalities appear as ``上海 上海市 浦东新区 …``. Unseparated addresses are
    split on the administrative suffixes (省/自治区/市/区/县/旗).
    """
    text = (text or "").replace("\u3000", " ").strip()
    postcode = ""
    if text[-1:] in _CLOSING:
        if text[-8:-7] in _OPENING and text[-7:-1].isdecimal():  # most: "…(310012)"
            postcode, text = text[-7:-1], text[:-8].rstrip()
        else:  # the postcode's bracket is the last one opened
            start = max(text.rfind("("), text.rfind("（"))
            m = _POSTCODE.fullmatch(text, start) if start >= 0 else None
            if m:
                postcode = _DIGITS.sub("", m.group(0))
                text = text[:start].rstrip()
    parts = text.split()
    if len(parts) >= 4:
        province = _FULL_PROVINCE.get(parts[0], parts[0])
        detail = parts[3] if len(parts) == 4 else " ".join(parts[3:])
        return _address((province, parts[1], parts[2], detail, postcode))
    joined = "".join(parts)
    return _split_unspaced(joined, postcode)


_CLOSING = (")", "）")
_OPENING = ("(", "（")
_address = partial(tuple.__new__, Address)  # an Address without the Python-level __new__


#: Mainland provinces, municipalities, autonomous regions and SARs: short name → full name.
PROVINCES: dict[str, str] = {
    **{n: n + "市" for n in ("北京", "天津", "上海", "重庆")},
    **{
        n: n + "省"
        for n in (
            "河北",
            "山西",
            "辽宁",
            "吉林",
            "黑龙江",
            "江苏",
            "浙江",
            "安徽",
            "福建",
            "江西",
            "山东",
            "河南",
            "湖北",
            "湖南",
            "广东",
            "海南",
            "四川",
            "贵州",
            "云南",
            "陕西",
            "甘肃",
            "青海",
            "台湾",
        )
    },
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
_PROVINCE_SUFFIX = r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
_UNSPACED = re.compile(
    r"^(?P<province>(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + r")"
    + _PROVINCE_SUFFIX
    + r")?"
    r"(?P<city>[^省区县旗]{1,10}?(?:市|自治州|地区|盟))?"
    r"(?P<district>[^省市]{1,10}?(?:区|县|旗|市))?"
    r"(?P<rest>.*)$"
)


_FULL_PROVINCE = {**{f: f for f in PROVINCES.values()}, **PROVINCES}


def full_province(name: str) -> str:
    """``广东`` / ``广东省`` → ``广东省``; ``上海`` → ``上海市``; unknown names unchanged."""
    name = name.strip()
    return _FULL_PROVINCE.get(name, name)


def _split_unspaced(text: str, postcode: str) -> Address:
    m = _UNSPACED.match(text)
    if not m:
        return Address(detail=text, postcode=postcode)
    province = full_province(m.group("province") or "")
    city = m.group("city") or ""
    district = m.group("district") or ""
    if province in ("北京市", "天津市", "上海市", "重庆市"):
        if city and city != province and not district:
            # 上海浦东新区…: the "city" the pattern found is the district
            city, district = province, city
        elif not city:
            city = province
    return Address(province, city, district, m.group("rest") or "", postcode)


class LineRecord(NamedTuple):
    """One order line as read from a platform file (a tuple: cheap to make and to send)."""

    sku: str
    title: str
    qty: int
    price_fen: int = 0
    attributes: str = ""


@dataclass
class OrderRecord:
    """One order as read from a platform file, as the importer compares it with the order
    already in the database (the parser itself hands on plain `OrderRow` tuples)."""

    platform: str
    order_no: str
    status: str
    line: int = 0
    shop: str = ""
    buyer: str = ""
    receiver_name: str = ""
    receiver_phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""
    paid_at: object = None  # datetime | None (aware UTC)
    promised_ship_at: object = None
    buyer_message: str = ""
    seller_remark: str = ""
    total_fen: int = 0
    item_count: int = 0
    lines: list[LineRecord] = field(default_factory=list)


def yuan_to_fen(text: str) -> int:
    """'12.5' → 1250; '' → 0. Raises ValueError on non-numbers."""
    text = (text or "").replace(",", "").replace("¥", "").replace("￥", "").strip()
    if not text:
        return 0
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
        raise ValueError(text)
    neg = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    fen = int(whole) * 100 + int((frac + "00")[:2])
    return -fen if neg else fen
