"""An order as the importer writes it: one plain tuple, its values ready for the database.

The parser makes `OrderRow`s (in a worker process for a big file), so that the process
writing the database only adds the ids and sends the tuples on. The row holds the
``orders`` columns named in `ROW_COLUMNS`, in that order, and then the shop's name, the
file line and the order's lines (`Line` tuples, a `LineRecord`'s fields; empty when they
come from a detail file). Times are UTC text with microseconds,
``"2026-11-23 01:15:02.000000"``: what SQLite stores for them, and what any database reads.
Plain tuples of str and int also cross a pipe with `marshal`, the fastest way Python has.
"""

from __future__ import annotations

import datetime as dt

from app.domain.orders import LineRecord, OrderRecord

ROW_COLUMNS = (
    "platform",
    "order_no",
    "status",
    "hold_reason",
    "phone_tail",
    "buyer",
    "receiver_name",
    "receiver_phone",
    "province",
    "city",
    "district",
    "address",
    "paid_at",
    "promised_ship_at",
    "buyer_message",
    "seller_remark",
    "total_fen",
    "item_count",
)
SHOP, LINE, LINES = len(ROW_COLUMNS), len(ROW_COLUMNS) + 1, len(ROW_COLUMNS) + 2
PAID_AT, PROMISED_SHIP_AT, TOTAL, ITEM_COUNT = 12, 13, 16, 17

OrderRow = tuple  # ROW_COLUMNS..., shop, line, lines
Line = tuple[str, str, int, int, str]  # sku, title, qty, price_fen, attributes (a LineRecord)


def utc_text(t: dt.datetime | None) -> str | None:
    """An aware time as UTC text with microseconds; None stays None."""
    if t is None:
        return None
    if t.tzinfo is dt.UTC:  # as parsed: one C call
        return t.isoformat(" ", "microseconds")[:26]
    if t.tzinfo is None:
        raise ValueError("naive datetime given as a UTC time")
    return t.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def from_utc_text(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def hold_reason(status: str) -> str:
    """Why a new order stands aside: the platform holds a locked one."""
    return "platform_locked" if status == "held" else ""


def with_lines(row: OrderRow, status: str, lines: list[Line]) -> OrderRow:
    """An order read over several rows, whole: its final status and its lines; a total and
    an item count the file left empty are those of the lines."""
    total = row[TOTAL] or sum(li[3] * li[2] for li in lines)
    count = row[ITEM_COUNT] or sum(li[2] for li in lines)
    head = (*row[:2], status, hold_reason(status), *row[4:TOTAL])
    return (*head, total, count, row[SHOP], row[LINE], tuple(lines))


def order_record(row: OrderRow) -> OrderRecord:
    """The record back (for the few orders compared with the database, not inserted)."""
    return OrderRecord(
        platform=row[0],
        order_no=row[1],
        status=row[2],
        line=row[LINE],
        shop=row[SHOP],
        buyer=row[5],
        receiver_name=row[6],
        receiver_phone=row[7],
        province=row[8],
        city=row[9],
        district=row[10],
        address=row[11],
        paid_at=from_utc_text(row[PAID_AT]),
        promised_ship_at=from_utc_text(row[PROMISED_SHIP_AT]),
        buyer_message=row[14],
        seller_remark=row[15],
        total_fen=row[16],
        item_count=row[ITEM_COUNT],
        lines=[LineRecord(*li) for li in row[LINES]],
    )
