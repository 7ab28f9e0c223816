"""Order files from the shop platforms → `OrderRow`s (no database here).

Taobao/Tmall: the seller backend's pair ``ExportOrderList*.csv`` (one row per order) and
``ExportOrderDetailList*.csv`` (one row per line). JD and Pinduoduo export one row per order
line, the order's fields repeated. The generic format is one row per line with English or
Chinese headers, or any headers with a column map.

The cell values (times, quantities, money, status words) are in `app.importers.values`, the
columns' aliases and readers in `app.importers.columns`; their names are importable from here
as before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path

from app.domain.orders import phone_tail, split_address
from app.importers.columns import (
    FIELDS,
    ColumnReader,
    Reader,
    _column_reader,
    _reader,
    detect_platform,
)
from app.importers.columns import Cells as Cells
from app.importers.columns import Getter as Getter
from app.importers.rows import Line, OrderRow, hold_reason, utc_text, with_lines
from app.importers.tables import Record, UnreadableFile, read_records
from app.importers.values import CHINA as CHINA
from app.importers.values import (
    SHIPPED,
    RowError,
    parse_money,
    parse_qty,
    parse_time,
    status_from_words,
)

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
