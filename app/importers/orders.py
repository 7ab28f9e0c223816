"""Order files from the shop platforms → `OrderRow`s (no database here).

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
from functools import lru_cache
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path

from app.domain.orders import phone_tail, split_address, yuan_to_fen
from app.importers.rows import Line, OrderRow, hold_reason, utc_text, with_lines
from app.importers.tables import GUARDS, PADDING, Record, UnreadableFile, clean, read_records

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
Reader = Callable[[Cells], list[str]]


def _getter(idxs: tuple[int, ...]) -> Getter:
    """Reads a field: the first non-empty cleaned cell of these columns ('' when none)."""

    def first(cells: Cells) -> str:
        n = len(cells)
        for i in idxs:
            if i < n:
                v = clean(cells[i])
                if v:
                    return v
        return ""

    return first


def _layout(
    header: Sequence[str], colmap: dict[str, str], keys: Sequence[str]
) -> list[tuple[int, ...]]:
    """For each field, the columns it may be read from, in order of preference."""
    index = {h: i for i, h in enumerate(header)}
    return [
        tuple(index[a] for a in ((colmap[k],) if k in colmap else FIELDS[k]) if a in index)
        for k in keys
    ]


def _reader(header: Sequence[str], colmap: dict[str, str], keys: Sequence[str]) -> Reader:
    """Once per file: a function that reads these fields of a row, cleaned, in this order
    ('' for a field the file lacks). A map wins over the aliases; a name that appears twice
    in the header is read from its last column; a field found in several columns takes the
    first that is not empty.

    A row as wide as the header is read with one `itemgetter` call and one pass that cleans
    only the cells that need it: a big file has hundreds of thousands of rows."""
    found = _layout(header, colmap, keys)
    getters = [_getter(idxs) for idxs in found]
    several = [(pos, getters[pos]) for pos, idxs in enumerate(found) if len(idxs) > 1]
    picked = [idxs[0] if idxs else -1 for idxs in found]  # -1: the "" put after the cells
    width = max(picked, default=-1) + 1
    pad = -1 in picked
    pick = itemgetter(*picked, -1)  # -1 once more: always a tuple, even for one key

    def slow(cells: Cells) -> list[str]:
        return [g(cells) for g in getters]

    def read(cells: Cells) -> list[str]:
        if len(cells) < width:
            return slow(cells)
        values = [
            v
            if v.__class__ is str and (not v or (v[0] not in GUARDS and v[-1] not in PADDING))
            else clean(v)
            for v in pick((*cells, "") if pad else cells)
        ]
        values.pop()
        for pos, get in several:
            if not values[pos]:  # its first column is empty: the others in turn
                values[pos] = get(cells)
        return values  # type: ignore[return-value]

    return read


ColumnReader = Callable[[list[Cells]], list[Sequence[str]] | None]


def _column_reader(
    header: Sequence[str], colmap: dict[str, str], keys: Sequence[str]
) -> ColumnReader:
    """Once per file: a function that reads these fields of many rows at once, each field
    as a column of cleaned values, what `_reader` reads row by row; None when a row is
    narrower than the fields need (those rows are read one by one).

    A column is cleaned in one pass only when one of its cells needs it, which a few
    substring searches over the column joined tell: most columns need none."""
    found = _layout(header, colmap, keys)
    rest = {pos: _getter(idxs[1:]) for pos, idxs in enumerate(found) if len(idxs) > 1}
    real = [pos for pos, idxs in enumerate(found) if idxs]
    width = max((found[pos][0] for pos in real), default=-1) + 1
    pick = itemgetter(*(found[pos][0] for pos in real), found[real[0]][0]) if real else None

    def columns(rows: list[Cells]) -> list[Sequence[str]] | None:
        n = len(rows)
        if not n or pick is None or min(map(len, rows)) < width:
            return None
        picked = list(zip(*map(pick, rows), strict=True))
        out: list[Sequence[str]] = [("",) * n] * len(found)  # a field the file lacks
        for pos, col in zip(real, picked, strict=False):
            values = _cleaned(col)
            if pos in rest and not all(values):  # empty in its first column: the others
                get = rest[pos]
                values = [v or get(cells) for v, cells in zip(values, rows, strict=True)]
            out[pos] = values
        return out

    return columns


# in a column joined by NULs: a cell that starts with a guard or ends with padding
_MARKS = tuple("\x00" + g for g in GUARDS) + tuple(p + "\x00" for p in PADDING)


def _cleaned(col: Sequence[object]) -> Sequence[str]:
    """A column's cells, cleaned (`clean`)."""
    try:
        joined = "\x00".join(col)  # type: ignore[arg-type]
    except TypeError:  # a spreadsheet's numbers or empty cells
        return [clean(v) for v in col]
    if (
        joined
        and (joined[0] in GUARDS or joined[-1] in PADDING)
        or any(t in joined for t in _MARKS)
    ):
        return [
            v if not v or (v[0] not in GUARDS and v[-1] not in PADDING) else clean(v)
            for v in col  # type: ignore[union-attr]
        ]
    return col  # type: ignore[return-value]


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

# what is read of an order's row, in this order (`_order_row` unpacks them)
ORDER_READ = (
    "order_no",
    "status",
    "after_sale",
    "shop",
    "buyer",
    "receiver_name",
    "receiver_phone",
    "address",
    "province",
    "city",
    "district",
    "street",
    "paid_at",
    "promised_ship_at",
    "buyer_message",
    "seller_remark",
    "total",
    "item_count",
)
LINE_READ = ("sku", "title", "qty", "price", "attributes")
_BEIJING = dt.timedelta(hours=8)
_SIXTY = frozenset(f"{n:02d}" for n in range(60))
_CLOCK = frozenset(f":{n:02d}" for n in range(60))  # the seconds


def _utc_text(text: str) -> str | None:
    """`parse_time` as an `OrderRow`'s UTC text.

    The common "2026-11-23 09:15:02" only moves its hour back 8 (Beijing has no summer time):
    the UTC hour of each Beijing hour is worked out once, the minutes and seconds stay."""
    if len(text) == 19 and text[13] == ":" and text[14:16] in _SIXTY and text[16:] in _CLOCK:
        hour = _utc_hour(text[:13])
        if hour is not None:
            return hour + text[13:] + ".000000"
    return utc_text(parse_time(text))


@lru_cache(maxsize=2048)
def _utc_hour(beijing: str) -> str | None:
    """Beijing "2026-11-23 09" → UTC "2026-11-23 01"; None if not a plain date and hour."""
    if beijing[4] != "-" or beijing[10] != " ":
        return None
    try:
        return str(dt.datetime.fromisoformat(beijing + ":00:00") - _BEIJING)[:13]
    except ValueError:
        return None


def _order_row(v: list[str], platform: str, no: str, status: str, line: int) -> OrderRow:
    """An order's row from its fields as read (`ORDER_READ`); its lines come later."""
    (_, _, _, shop, buyer, name, phone, full, province, city, district, street) = v[:12]
    paid, promised, message, remark, total, count = v[12:]
    province, city, district, detail = _place(full, street, province, city, district)
    return (
        platform,
        no,
        status,
        hold_reason(status),
        phone_tail(phone),
        buyer,
        name,
        phone,
        province,
        city,
        district,
        detail,
        _utc_text(paid),
        _utc_text(promised),
        message,
        remark,
        parse_money(total),
        parse_qty(count) if count else 0,
        shop,
        line,
        (),
    )


def _place(
    full: str, street: str, province: str, city: str, district: str
) -> tuple[str, str, str, str]:
    """Province, city, district and the rest: from their own columns, else from the address."""
    if province or city:
        detail = full or street
        if full and street and street not in full:
            detail = street + full
        return province, city, district, detail
    a = split_address(full)
    return a[0], a[1], a[2], a[3]


def _line(v: list[str]) -> Line:
    """A line from its fields as read (`LINE_READ`)."""
    sku, title, qty, price, attributes = v
    return (sku, title, parse_qty(qty), parse_money(price), attributes)


def _bad_row(row: Record) -> str | None:
    if row.error:
        return f"broken CSV record: {row.error}"
    return None


_FLOATED = re.compile(r"\d+(\.\d+)?[eE]\+?\d+")


def _order_no(no: str) -> str:
    if not no:
        raise ValueError("no order number")
    if not no.isdigit() and _FLOATED.fullmatch(no):
        raise ValueError(f"order number was turned into a float by a spreadsheet: {no!r}")
    return no


def _status(words: str, after_sale: str) -> str:
    return status_from_words(words, after_sale) if words else "paid"


CHUNK = 2000  # orders (or detail lines) per chunk handed to the importer
FIRST_CHUNK = 250


DetailLine = tuple[str, str, str, int, int, str]  # order_no, then a `Line`


@dataclass
class Chunk:
    """A part of a parsed file, handed on as soon as it is ready.

    ``rows``: orders, as `OrderRow`s; when ``lines_follow`` their lines are still to come,
    read from the detail file as ``lines`` of later chunks (the order number, then the line).
    ``orders_complete`` marks the chunk with the file's last orders: a line whose order has
    not come by then belongs to no order imported. ``errors`` and ``skipped`` (orders that
    already left) add up over the chunks."""

    rows: list[OrderRow] = field(default_factory=list)
    lines: list[DetailLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: int = 0
    lines_follow: bool = False
    orders_complete: bool = False


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
    header, rows = read_records(path, stream=True)
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
    if per_order_rows:
        read, columns = (
            _reader(header, colmap, ORDER_READ),
            _column_reader(header, colmap, ORDER_READ),
        )
        yield from _parse_one_row_per_order(rows, platform, read, columns, lines_path is not None)
        if lines_path is not None and read_lines:
            yield from parse_lines(lines_path, colmap)
    else:
        read = _reader(header, colmap, ORDER_READ + LINE_READ)
        yield from _parse_one_row_per_line(rows, platform, read)


def _batches(rows: Iterator[Record]) -> Iterator[list[Record]]:
    """Rows by `CHUNK`, the first few hundred alone: the importer starts on them at once."""
    size = FIRST_CHUNK
    while batch := list(islice(rows, size)):
        yield batch
        size = CHUNK


def _parse_one_row_per_order(
    rows: Iterator[Record],
    platform: str,
    read: Reader,
    columns: ColumnReader,
    lines_follow: bool,
) -> Iterator[Chunk]:
    seen: set[str] = set()
    out: Chunk | None = None
    for batch in _batches(rows):
        if out is not None:
            yield out
        out = _orders_by_column(batch, columns, platform, seen)
        if out is None:
            out = _orders_by_row(batch, read, platform, seen)
        out.lines_follow = lines_follow
    out = out or Chunk(lines_follow=lines_follow)
    out.orders_complete = True
    yield out


def _orders_by_row(batch: list[Record], read: Reader, platform: str, seen: set[str]) -> Chunk:
    out = Chunk()
    for row in batch:
        try:
            if msg := _bad_row(row):
                raise ValueError(msg)
            v = read(row.cells)
            no = _order_no(v[0])
            status = _status(v[1], v[2])
            if no in seen:
                raise ValueError(f"order {no} appears twice in the file")
            seen.add(no)
            if status == SHIPPED:
                out.skipped += 1
                continue
            out.rows.append(_order_row(v, platform, no, status, row.line))
        except ValueError as exc:
            out.errors.append(RowError(row.line, str(exc)))
    return out


_LINE, _CELLS, _ERROR = (itemgetter(i) for i in range(3))  # of a `Record`


def _orders_by_column(
    batch: list[Record], columns: ColumnReader, platform: str, seen: set[str]
) -> Chunk | None:
    """A batch of orders read a field at a time over all its rows: what `_orders_by_row`
    makes of it, at a fraction of the cost. None when any row is broken or narrow, or any
    field bad or repeated: the batch is then read row by row, which tells which row and
    why."""
    if any(map(_ERROR, batch)):
        return None
    cols = columns(list(map(_CELLS, batch)))
    if cols is None:
        return None
    (nos, words, after, shop, buyer, name, phone, full, province, city, district, street) = cols[
        :12
    ]
    paid, promised, message, remark, total, count = cols[12:]
    if not _numbers_ok(nos) or len(set(nos)) < len(nos) or not seen.isdisjoint(nos):
        return None
    n = len(nos)
    try:
        statuses = list(map(_status, words, after))
        places = list(map(_place, full, street, province, city, district))
        rows = list(
            zip(
                repeat(platform, n),
                nos,
                statuses,
                map(hold_reason, statuses),
                map(phone_tail, phone),
                buyer,
                name,
                phone,
                *zip(*places, strict=True),
                map(_utc_text, paid),
                map(_utc_text, promised) if any(promised) else repeat(None, n),
                message,
                remark,
                map(parse_money, total),
                [parse_qty(c) if c else 0 for c in count],
                shop,
                map(_LINE, batch),
                repeat((), n),
                strict=True,
            )
        )
    except ValueError:
        return None
    seen.update(nos)
    out = Chunk(rows=rows)
    if SHIPPED in statuses:
        out.rows = [r for r in rows if r[2] != SHIPPED]
        out.skipped = n - len(out.rows)
    return out


def _numbers_ok(nos: Sequence[str]) -> bool:
    """Every order number is one `_order_no` takes."""
    return all(map(str.isdigit, nos)) or all(
        no and (no.isdigit() or not _FLOATED.fullmatch(no)) for no in nos
    )


def parse_lines(lines_path: str | Path, colmap: dict[str, str]) -> Iterator[Chunk]:
    """The detail file's lines, by order number (lines of orders not imported are dropped
    by whoever attaches them)."""
    header, rows = read_records(lines_path, stream=True)
    if not any(h in header for h in FIELDS["order_no"]):
        raise UnreadableFile(f"{lines_path}: no order-number column (订单编号)")
    keys = ("order_no", *LINE_READ)
    read, columns = _reader(header, colmap, keys), _column_reader(header, colmap, keys)
    name = Path(lines_path).name
    empty = True
    for batch in _batches(rows):
        lines = _lines_by_column(batch, columns)
        yield Chunk(lines=lines) if lines is not None else _lines_by_row(batch, read, name)
        empty = False
    if empty:
        yield Chunk()


def _lines_by_row(batch: list[Record], read: Reader, name: str) -> Chunk:
    out = Chunk()
    for row in batch:
        try:
            if msg := _bad_row(row):
                raise ValueError(msg)
            v = read(row.cells)
            out.lines.append((_order_no(v[0]), *_line(v[1:])))
        except ValueError as exc:
            out.errors.append(RowError(row.line, f"{name}: {exc}"))
    return out


def _lines_by_column(batch: list[Record], columns: ColumnReader) -> list[DetailLine] | None:
    """`_lines_by_row` a field at a time; None when the batch must be read row by row."""
    if any(map(_ERROR, batch)):
        return None
    cols = columns(list(map(_CELLS, batch)))
    if cols is None or not _numbers_ok(cols[0]):
        return None
    nos, sku, title, qty, price, attributes = cols
    try:
        return list(
            zip(
                nos,
                sku,
                title,
                map(parse_qty, qty),
                map(parse_money, price),
                attributes,
                strict=True,
            )
        )
    except ValueError:
        return None


def _parse_one_row_per_line(rows: Iterator[Record], platform: str, read: Reader) -> Iterator[Chunk]:
    # order number → [its row as first read, its status, its lines]
    by_no: dict[str, list] = {}
    bad: set[str] = set()
    n_order = len(ORDER_READ)
    out = Chunk()
    for row in rows:
        no = ""
        try:
            if msg := _bad_row(row):
                raise ValueError(msg)
            v = read(row.cells)
            no = _order_no(v[0])
            if no in bad:
                continue
            status = _status(v[1], v[2])
            order = by_no.get(no)
            if order is None:
                order = [_order_row(v[:n_order], platform, no, status, row.line), status, []]
                by_no[no] = order
            elif status == "cancelled" and order[1] != SHIPPED:
                order[1] = "cancelled"
            order[2].append(_line(v[n_order:]))
        except ValueError as exc:
            out.errors.append(RowError(row.line, str(exc)))
            if no and no in by_no:
                # one bad line spoils its order: never import an order with a line missing
                bad.add(no)
                del by_no[no]
            elif no:
                bad.add(no)
    for first, status, lines in by_no.values():
        if status == SHIPPED:
            out.skipped += 1
            continue
        out.rows.append(with_lines(first, status, lines))
        if len(out.rows) >= CHUNK:
            yield out
            out = Chunk()
    out.orders_complete = True
    yield out
