"""The order files' cell values (no database here): times (Beijing time to UTC), quantities,
money in fen, the platforms' status words, and a row's error."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.domain.orders import yuan_to_fen

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
SHIPPED = "__shipped__"  # a status that means "already gone": skipped on import


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%Y/%m/%d",
)


def parse_time(text: str) -> dt.datetime | None:
    """Platform times are Beijing time; return aware UTC. '' → None; bad → ValueError."""
    text = (text or "").strip()
    if not text or text in ("-", "null", "None"):
        return None
    if len(text) == 19 and text[4] == "-" and text[10] == " ":
        try:  # the common "2026-11-23 09:15:02": fromisoformat is ten times strptime's speed
            return dt.datetime.fromisoformat(text).replace(tzinfo=CHINA).astimezone(dt.UTC)
        except ValueError:
            pass
    text = re.sub(r"\.\d+$", "", text)
    for fmt in _TIME_FORMATS:
        try:
            local = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return local.replace(tzinfo=CHINA).astimezone(dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date/time: {text!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=CHINA)
    return parsed.astimezone(dt.UTC)


def parse_qty(text: str) -> int:
    if text and text.isdigit() and text.isascii() and text[0] != "0":  # fast path: "1", "12"
        return int(text)
    text = (text or "").strip()
    if not text:
        return 1
    if not re.fullmatch(r"\d+(\.0+)?", text):
        raise ValueError(f"quantity is not a whole number: {text!r}")
    qty = int(float(text))
    if qty <= 0:
        raise ValueError(f"quantity must be at least 1: {text!r}")
    return qty


_MONEY = re.compile(r"(-?)(\d+)(?:\.(\d{1,2}))?")


def parse_money(text: str) -> int:
    """'99.00' → 9900 (fen); thousands separators and ¥ allowed; ValueError otherwise."""
    yuan, _, fen = text.partition(".")
    if len(fen) == 2 and yuan.isdecimal() and fen.isdecimal():  # most: "99.00"
        return int(yuan + fen)
    m = _MONEY.fullmatch(text) if text else None
    if m is not None:  # a plain amount otherwise
        fen = int(m[2]) * 100 + int(((m[3] or "") + "00")[:2])
        return -fen if m[1] else fen
    try:
        return yuan_to_fen(text)
    except ValueError:
        raise ValueError(f"not an amount of money: {text!r}") from None


_STATUS_SEEN: dict[tuple[str, str], str] = {}


def status_from_words(words: str, after_sale: str = "") -> str:
    """Map a platform's status text to ours (or SHIPPED for 'already gone')."""
    key = (words, after_sale)
    status = _STATUS_SEEN.get(key)
    if status is None:  # a file has a handful of distinct status texts
        status = _status_from_words(words, after_sale)
        if len(_STATUS_SEEN) < 1000:
            _STATUS_SEEN[key] = status
    return status


def _status_from_words(words: str, after_sale: str) -> str:
    w = (words or "").replace(",", "，").replace(" ", "")
    a = after_sale or ""
    if "退款成功" in a or "退款完成" in a:
        return "cancelled"
    if any(k in w for k in ("交易关闭", "已关闭", "已取消", "取消", "删除")):
        return "cancelled"
    if any(k in w for k in ("等待买家付款", "待付款", "等待付款", "待支付", "未付款", "未支付")):
        return "unpaid"
    if "锁定" in w:
        return "held"
    if any(
        k in w for k in ("已发货", "交易成功", "已签收", "待签收", "等待确认收货", "完成", "待收货")
    ):
        return SHIPPED
    if any(k in w for k in ("等待卖家发货", "待发货", "等待出库", "已付款", "待出库")):
        return "paid"
    if w in ("paid", "unpaid", "cancelled", "held"):
        return w
    raise ValueError(f"unknown order status: {words!r}")
