"""Order files from the shop platforms → `OrderRecord`s (no database here).

Taobao/Tmall: the seller backend's pair ``ExportOrderList*.csv`` (one row per order) and
``ExportOrderDetailList*.csv`` (one row per line). JD and Pinduoduo export one row per order
line, the order's fields repeated. The generic format is one row per line with English or
Chinese headers, or any headers with a column map.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.orders import LineRecord, OrderRecord, split_address, yuan_to_fen
from app.importers.tables import Record, UnreadableFile, clean, read_records

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
    m = _MONEY.fullmatch(text) if text else None
    if m is not None:  # fast path: a plain amount, as platforms write them
        fen = int(m[2]) * 100 + int(((m[3] or "") + "00")[:2])
        return -fen if m[1] else fen
    try:
        return yuan_to_fen(text)
    except ValueError:
        raise ValueError(f"not an amount of money: {text!r}") from None


# --- status words --------------------------------------------------------------------------


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


# --- column aliases ------------------------------------------------------------------------

FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": ("order_no", "订单编号", "订单号", "订单ID", "订单id"),
    "status": ("status", "订单状态"),
    "after_sale": ("售后状态",),
    "shop": ("shop", "店铺名称", "店铺", "店铺名"),
    "buyer": ("buyer", "买家会员名", "下单帐号", "下单账号", "买家昵称", "买家"),
    "receiver_name": ("receiver_name", "收货人姓名", "收货人", "客户姓名", "收件人"),
    "receiver_phone": (
        "receiver_phone",
        "联系手机",
        "手机",
        "手机号",
        "联系电话",
        "收货人手机号",
        "收件人手机",
    ),
    "address": ("address", "收货地址", "客户地址", "详细地址", "收件地址"),
    "province": ("province", "省", "省份", "收货省份"),
    "city": ("city", "市", "城市", "收货城市"),
    "district": ("district", "区", "区县", "收货区县"),
    "street": ("street", "街道"),
    "paid_at": ("paid_at", "订单付款时间", "付款时间", "支付时间", "付款确认时间", "下单时间"),
    "promised_ship_at": ("promised_ship_at", "承诺发货时间", "最晚发货时间"),
    "buyer_message": ("buyer_message", "买家留言", "买家备注"),
    "seller_remark": ("seller_remark", "订单备注", "商家备注", "卖家备注"),
    "total": ("total", "买家实际支付金额", "应付金额", "用户实付金额(元)", "实付金额", "订单金额"),
    "item_count": ("item_count", "宝贝总数量"),
    "sku": (
        "sku",
        "商家编码",
        "商家编码-SKU维度",
        "商家SKUID",
        "商家SKU",
        "商品货号",
        "外部系统编号",
        "商家编码-商品维度",
        "SKU编码",
    ),
    "title": ("title", "name", "标题", "商品名称", "商品", "宝贝标题"),
    "qty": ("qty", "quantity", "购买数量", "订购数量", "商品数量(件)", "商品数量", "数量"),
    "price": ("price", "价格", "京东价", "商品单价", "单价"),
    "attributes": ("attributes", "商品属性", "商品规格", "规格", "销售属性"),
}


Cells = Sequence[object]
Getter = Callable[[Cells], str]
Cols = dict[str, Getter]
_GUARDS = "='\t "  # a cell starting with one of these needs `clean`
_PADDING = "\t "  # ... or ending with one of these


def _getter(idxs: tuple[int, ...]) -> Getter:
    """Reads a field: the first non-empty cleaned cell of these columns ('' when none)."""
    if not idxs:
        return lambda cells: ""
    if len(idxs) == 1:
        i = idxs[0]

        def one(cells: Cells) -> str:
            if i >= len(cells):
                return ""
            v = cells[i]
            if v.__class__ is str and (not v or (v[0] not in _GUARDS and v[-1] not in _PADDING)):
                return v  # type: ignore[return-value]  # the common case, without a call
            return clean(v)

        return one

    def first(cells: Cells) -> str:
        n = len(cells)
        for i in idxs:
            if i < n:
                v = clean(cells[i])
                if v:
                    return v
        return ""

    return first


def _resolve(header: Sequence[str], colmap: dict[str, str]) -> Cols:
    """Once per file: how each field is read (a map wins over the aliases). A name that
    appears twice in the header is read from its last column."""
    index = {h: i for i, h in enumerate(header)}
    cols: Cols = {}
    for key, aliases in FIELDS.items():
        names = (colmap[key],) if key in colmap else aliases
        cols[key] = _getter(tuple(index[a] for a in names if a in index))
    return cols


def detect_platform(header: Iterable[str]) -> str:
    h = set(header)
    if "买家会员名" in h or "宝贝总数量" in h or ("标题" in h and "购买数量" in h):
        return "taobao"
    if "商家编码-SKU维度" in h or "拼单成功时间" in h or "商品数量(件)" in h:
        return "pdd"
    if "订购数量" in h or "下单帐号" in h or "客户地址" in h or "客户姓名" in h:
        return "jd"
    return "generic"


# --- parsing -------------------------------------------------------------------------------


def _order_fields(rec: OrderRecord, c: Cells, cols: Cols) -> None:
    rec.shop = cols["shop"](c)
    rec.buyer = cols["buyer"](c)
    rec.receiver_name = cols["receiver_name"](c)
    rec.receiver_phone = cols["receiver_phone"](c)
    full = cols["address"](c)
    province, city, district = cols["province"](c), cols["city"](c), cols["district"](c)
    if province or city:
        rec.province, rec.city, rec.district = province, city, district
        street = cols["street"](c)
        detail = full or street
        if full and street and street not in full:
            detail = street + full
        rec.address = detail
    else:
        a = split_address(full)
        rec.province, rec.city, rec.district, rec.address = (
            a.province,
            a.city,
            a.district,
            a.detail,
        )
    rec.paid_at = parse_time(cols["paid_at"](c))
    rec.promised_ship_at = parse_time(cols["promised_ship_at"](c))
    rec.buyer_message = cols["buyer_message"](c)
    rec.seller_remark = cols["seller_remark"](c)
    rec.total_fen = parse_money(cols["total"](c))
    count = cols["item_count"](c)
    rec.item_count = parse_qty(count) if count else 0


def _line_from(c: Cells, cols: Cols) -> LineRecord:
    return LineRecord(
        cols["sku"](c),
        cols["title"](c),
        parse_qty(cols["qty"](c)),
        parse_money(cols["price"](c)),
        cols["attributes"](c),
    )


def _bad_row(row: Record) -> str | None:
    if row.error:
        return f"broken CSV record: {row.error}"
    return None


_FLOATED = re.compile(r"\d+(\.\d+)?[eE]\+?\d+")


def _order_no(c: Cells, cols: Cols) -> str:
    no = cols["order_no"](c)
    if not no:
        raise ValueError("no order number")
    if not no.isdigit() and _FLOATED.fullmatch(no):
        raise ValueError(f"order number was turned into a float by a spreadsheet: {no!r}")
    return no


CHUNK = 2000  # records (or detail lines) per chunk handed to the importer


DetailLine = tuple[str, str, str, int, int, str]  # order_no, sku, title, qty, price_fen, attributes


@dataclass
class Chunk:
    """A part of a parsed file, handed on as soon as it is ready.

    ``records``: orders; when ``lines_follow`` their lines are still to come, read from the
    detail file as ``lines`` of later chunks (plain tuples: the order number, then a
    `LineRecord`'s fields). ``errors`` and ``skipped`` (orders that already left) add up
    over the chunks."""

    records: list[OrderRecord] = field(default_factory=list)
    lines: list[DetailLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: int = 0
    lines_follow: bool = False


def parse_chunks(
    path: str | Path,
    *,
    platform: str | None = None,
    lines_path: str | Path | None = None,
    colmap: dict[str, str] | None = None,
    read_lines: bool = True,
) -> Iterator[Chunk]:
    """Read an order file (and Taobao's detail file) in chunks; bad rows become errors.

    A file of one row per order hands on its orders as they are read and the detail file's
    lines after them, so an importer can write while the rest is read. A file of one row per
    line hands on its orders at the end (an order's rows need not be next to each other).
    ``read_lines=False``: the detail file is left to `parse_lines`, read elsewhere at once.
    Raises `UnreadableFile` when a file cannot be read at all."""
    colmap = colmap or {}
    header, rows = read_records(path)
    platform = platform or detect_platform(header)
    if colmap:
        missing = [c for c in colmap.values() if c not in header]
        if missing:
            raise UnreadableFile(f"{path}: columns named in the map are missing: {missing}")
    elif not any(h in header for h in FIELDS["order_no"]):
        raise UnreadableFile(f"{path}: no order-number column (订单编号/订单号/order_no)")
    per_order_rows = platform == "taobao" or (
        lines_path is not None and not any(h in header for h in FIELDS["qty"])
    )
    cols = _resolve(header, colmap)
    if per_order_rows:
        yield from _parse_one_row_per_order(rows, platform, cols, lines_path is not None)
        if lines_path is not None and read_lines:
            yield from parse_lines(lines_path, colmap)
    else:
        yield from _parse_one_row_per_line(rows, platform, cols)


def _status_or_error(c: Cells, cols: Cols) -> str:
    words = cols["status"](c)
    if not words:
        return "paid"
    return status_from_words(words, cols["after_sale"](c))


def _parse_one_row_per_order(
    rows: Iterator[Record], platform: str, cols: Cols, lines_follow: bool
) -> Iterator[Chunk]:
    seen: set[str] = set()
    out = Chunk(lines_follow=lines_follow)
    for row in rows:
        try:
            if msg := _bad_row(row):
                raise ValueError(msg)
            c = row.cells
            no = _order_no(c, cols)
            status = _status_or_error(c, cols)
            if no in seen:
                raise ValueError(f"order {no} appears twice in the file")
            seen.add(no)
            if status == SHIPPED:
                out.skipped += 1
                continue
            rec = OrderRecord(platform=platform, order_no=no, status=status, line=row.line)
            _order_fields(rec, c, cols)
        except ValueError as exc:
            out.errors.append(RowError(row.line, str(exc)))
            continue
        out.records.append(rec)
        if len(out.records) >= CHUNK:
            yield out
            out = Chunk(lines_follow=lines_follow)
    yield out


def parse_lines(lines_path: str | Path, colmap: dict[str, str]) -> Iterator[Chunk]:
    """The detail file's lines, by order number (lines of orders not imported are dropped
    by whoever attaches them)."""
    header, rows = read_records(lines_path)
    if not any(h in header for h in FIELDS["order_no"]):
        raise UnreadableFile(f"{lines_path}: no order-number column (订单编号)")
    cols = _resolve(header, colmap)
    name = Path(lines_path).name
    out = Chunk()
    for row in rows:
        try:
            if msg := _bad_row(row):
                raise ValueError(msg)
            c = row.cells
            out.lines.append((_order_no(c, cols), *_line_from(c, cols)))
        except ValueError as exc:
            out.errors.append(RowError(row.line, f"{name}: {exc}"))
            continue
        if len(out.lines) >= CHUNK:
            yield out
            out = Chunk()
    yield out


def _parse_one_row_per_line(rows: Iterator[Record], platform: str, cols: Cols) -> Iterator[Chunk]:
    by_no: dict[str, OrderRecord] = {}
    bad: set[str] = set()
    out = Chunk()
    for row in rows:
        no = ""
        try:
            if msg := _bad_row(row):
                raise ValueError(msg)
            c = row.cells
            no = _order_no(c, cols)
            if no in bad:
                continue
            status = _status_or_error(c, cols)
            rec = by_no.get(no)
            if rec is None:
                rec = OrderRecord(platform=platform, order_no=no, status=status, line=row.line)
                _order_fields(rec, c, cols)
                by_no[no] = rec
            elif status == "cancelled" and rec.status != SHIPPED:
                rec.status = "cancelled"
            rec.lines.append(_line_from(c, cols))
        except ValueError as exc:
            out.errors.append(RowError(row.line, str(exc)))
            if no and no in by_no:
                # one bad line spoils its order: never import an order with a line missing
                bad.add(no)
                del by_no[no]
            elif no:
                bad.add(no)
    for rec in by_no.values():
        if rec.status == SHIPPED:
            out.skipped += 1
            continue
        if not rec.total_fen:
            rec.total_fen = sum(li.price_fen * li.qty for li in rec.lines)
        rec.item_count = rec.item_count or sum(li.qty for li in rec.lines)
        out.records.append(rec)
        if len(out.records) >= CHUNK:
            yield out
            out = Chunk()
    yield out
