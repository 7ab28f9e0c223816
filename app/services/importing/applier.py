"""Applying parsed order chunks in the import's one transaction: new orders by bulk insert
(SQLAlchemy Core), changed orders updated with an event, cancellations of orders already in
the warehouse as interceptions, and their lines."""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import (
    ARRAY,
    Connection,
    Row,
    String,
    Table,
    any_,
    bindparam,
    column,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from app.db.chain import append_event, take_ids
from app.db.models import Order, OrderLine, OrderStatus, Product, Shop, UTCDateTime, utcnow
from app.domain.orders import IN_WAREHOUSE, LEFT_WAREHOUSE, LineRecord, OrderRecord, phone_tail
from app.importers.orders import DetailLine
from app.importers.rows import (
    ITEM_COUNT,
    LINES,
    PAID_AT,
    PROMISED_SHIP_AT,
    ROW_COLUMNS,
    SHOP,
    OrderRow,
    order_record,
    utc_text,
)
from app.services.importing.result import ImportResult

ADDRESS_FIELDS = {"receiver_name", "receiver_phone", "province", "city", "district", "address"}


def _shop_ids(session: Session, names: set[str], platform: str) -> dict[str, int]:
    names.discard("")
    found = dict(session.execute(select(Shop.code, Shop.id).where(Shop.code.in_(names))).all())
    for name in sorted(names - found.keys()):
        shop = Shop(code=name, name=name, platform=platform)
        session.add(shop)
        session.flush()
        found[name] = shop.id
    return found


def _order_values(rec: OrderRecord) -> dict:
    return {
        "buyer": rec.buyer,
        "receiver_name": rec.receiver_name,
        "receiver_phone": rec.receiver_phone,
        "province": rec.province,
        "city": rec.city,
        "district": rec.district,
        "address": rec.address,
        "paid_at": rec.paid_at,
        "promised_ship_at": rec.promised_ship_at,
        "buyer_message": rec.buyer_message,
        "seller_remark": rec.seller_remark,
        "total_fen": rec.total_fen,
        "item_count": rec.item_count,
    }


VALUE_KEYS = tuple(_order_values(OrderRecord(platform="", order_no="", status="")).keys())


def _unchanged(old: Row, rec: OrderRecord) -> bool:
    """True when a re-imported row would change nothing (the common case)."""
    if rec.status == "cancelled" and old.status != OrderStatus.CANCELLED:
        return False
    if rec.status == "paid" and old.status == OrderStatus.UNPAID:
        return False
    values = _order_values(rec)
    return all(getattr(old, k) == values[k] for k in VALUE_KEYS)


def _jsonable(v: object) -> object:
    return v.isoformat() if hasattr(v, "isoformat") else v


class _Applier:
    """Writes parsed orders chunk by chunk into one open transaction.

    New orders are inserted at once. When their lines come later (the detail file of a
    Taobao pair), each line is inserted, numbered after the order's earlier lines, once its
    order has come: the files are parsed side by side, so the detail file's lines may arrive
    first. A chunk of lines waits (``later``) until the order of its last line has come,
    which in a pair written in the same order means all of its orders have; a line whose
    order is still missing then waits alone (``early``). An order already in the database
    that differs from the file waits for its lines and is compared and updated in
    `finish`."""

    def __init__(self, s: Session, result: ImportResult, operator: str, station: str) -> None:
        self.s, self.result, self.operator, self.station = s, result, operator, station
        self.sqlite = s.connection().dialect.name == "sqlite"
        self.skus = dict(s.execute(select(Product.sku, Product.id)).all())
        # order number → [order id, lines so far, qty so far or None when the file counted]
        self.waiting: dict[str, list] = {}
        self.changed: dict[str, tuple[OrderRecord, Row]] = {}
        self.seen: set[str] = set()  # order numbers read so far
        self.later: deque[list[DetailLine]] = deque()
        self.early: dict[str, list[DetailLine]] = {}
        self.orders_complete = False
        # PostgreSQL: the orders its statistics know of, and the ones added since (`_restat`)
        self.known = 0 if self.sqlite else _estimated_rows(s, Order.__table__.name)
        self.added = 0

    def orders(self, rows: list[OrderRow], lines_follow: bool) -> None:
        s, result = self.s, self.result
        shops: dict[str, int] = {}
        for platform in {r[0] for r in rows}:
            shops.update(_shop_ids(s, {r[SHOP] for r in rows if r[0] == platform}, platform))
        if self.sqlite:  # insert all, an order already there is left as it is: found after
            ids = _insert_orders(s, rows, shops, utcnow(), True)
            if None in ids:
                there = [r for i, r in zip(ids, rows, strict=True) if i is None]
                new_rows = [r for i, r in zip(ids, rows, strict=True) if i is not None]
                ids = [i for i in ids if i is not None]
            else:
                there, new_rows = [], rows
        else:
            self._restat()
            existing = _existing(s, rows, False)
            there = [r for r in rows if (r[0], r[1]) in existing]
            new_rows = [r for r in rows if (r[0], r[1]) not in existing] if there else rows
            ids = _insert_orders(s, new_rows, shops, utcnow(), False) if new_rows else []
            self.added += len(new_rows)
        if there:
            if self.sqlite:
                existing = _existing(s, there, True)
            for r in there:
                old = existing[(r[0], r[1])]
                rec = order_record(r)
                if _unchanged(old, rec):
                    result.skipped += 1
                elif lines_follow:
                    self.changed[rec.order_no] = (rec, old)
                else:
                    self._update(rec, old)
        if new_rows:
            result.imported += len(new_rows)
            if lines_follow:
                waiting = self.waiting
                for oid, r in zip(ids, new_rows, strict=True):
                    waiting[r[1]] = [oid, 0, None if r[ITEM_COUNT] else 0]
            else:
                self._insert_lines(ids, new_rows)
        if lines_follow:
            self.seen.update(r[1] for r in rows)
            if self.early:
                self._lines([t for r in rows for t in self.early.pop(r[1], ())])
            self._release()

    def _restat(self) -> None:
        """PostgreSQL: fresh statistics for ``orders`` once this import has added more orders
        than they know of (so a few times per import, at doubling sizes).

        The planner reads the table's size from them. A new floor's first import goes into
        an empty table, and in its one transaction the table grows past what they say: the
        look-up of a chunk's numbers is then planned for a handful of rows and reads every
        order of the platform (seconds per chunk at 100,000 orders). ANALYZE in the
        transaction counts its own new rows."""
        if self.added <= max(CHUNK_ORDERS, self.known):
            return
        # the look-up's columns only: a full ANALYZE of a big table costs a second; the
        # row count (what was wrong) is updated by either, and autovacuum does the rest
        self.s.execute(text(f"ANALYZE {Order.__table__.name} (platform, order_no)"))
        self.known += self.added
        self.added = 0

    def complete(self) -> None:
        """All orders have come: the lines still waiting go in; a line whose order never
        came belongs to no order imported."""
        self.orders_complete = True
        self.early.clear()
        self._release()

    def lines(self, lines: list[DetailLine]) -> None:
        self.later.append(lines)
        self._release()

    def _release(self) -> None:
        later, seen = self.later, self.seen
        while later and (self.orders_complete or later[0][-1][0] in seen):
            self._lines(later.popleft())

    def _insert_lines(self, ids: list[int], rows: list[OrderRow]) -> None:
        """The lines read with their orders (files of one row per line)."""
        skus = self.skus
        lines = [
            (oid, n, li[0], skus.get(li[0]), li[1], li[4], li[2], li[3])
            for oid, r in zip(ids, rows, strict=True)
            for n, li in enumerate(r[LINES], start=1)
        ]
        if lines:
            _bulk_insert(self.s, OrderLine.__table__, LINE_KEYS, lines)

    def _lines(self, lines: list[DetailLine]) -> None:
        rows = []
        skus, waiting, changed = self.skus, self.waiting, self.changed
        for t in lines:  # order_no, sku, title, qty, price_fen, attributes
            w = waiting.get(t[0])
            if w is not None:
                w[1] += 1
                if w[2] is not None:
                    w[2] += t[3]
                rows.append((w[0], w[1], t[1], skus.get(t[1]), t[2], t[5], t[3], t[4]))
            elif t[0] in changed:
                changed[t[0]][0].lines.append(LineRecord(*t[1:]))
            elif not self.orders_complete and t[0] not in self.seen:
                self.early.setdefault(t[0], []).append(t)
            # else: a line of an order not imported (bad row, shipped, unchanged)
        if rows:
            _bulk_insert(self.s, OrderLine.__table__, LINE_KEYS, rows)

    def finish(self) -> None:
        """Counts for new orders whose file gave none; the changed orders, now whole."""
        counted = [{"i": w[0], "n": w[2]} for w in self.waiting.values() if w[2]]
        if counted:
            self.s.execute(
                update(Order.__table__)
                .where(Order.__table__.c.id == bindparam("i"))
                .values(item_count=bindparam("n")),
                counted,
            )
        for rec, old in self.changed.values():
            if rec.lines and not rec.item_count:
                rec.item_count = sum(li.qty for li in rec.lines)
            if _unchanged(old, rec):
                self.result.skipped += 1
            else:
                self._update(rec, old)

    def _update(self, rec: OrderRecord, old: Row) -> None:
        order = self.s.get_one(Order, old.id)
        if _update_existing(self.s, order, rec, self.operator, self.station):
            self.result.updated += 1
        else:
            self.result.skipped += 1


CHUNK_ORDERS = 2000  # what `import_orders` hands `_Applier.orders` at a time


def _estimated_rows(s: Session, table: str) -> int:
    """PostgreSQL: the rows its statistics say ``table`` has (0 when never counted)."""
    n = s.execute(
        text("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"), {"t": table}
    ).scalar()
    return max(int(n or 0), 0)


def _existing(s: Session, rows: list[OrderRow], sqlite: bool) -> dict[tuple[str, str], Row]:
    """The chunk's orders already in the database, as plain rows of the compared values.

    SQLite gets the numbers as one JSON array (``json_each``), PostgreSQL as one array
    parameter (``= ANY``): one statement, compiled once, instead of an IN list of a
    parameter per number."""
    value_cols = [getattr(Order, k) for k in VALUE_KEYS]
    query = select(Order.id, Order.platform, Order.order_no, Order.status, *value_cols)
    existing: dict[tuple[str, str], Row] = {}
    for platform, nos in _numbers_by_platform(rows).items():
        if sqlite:
            listed = select(column("value")).select_from(func.json_each(json.dumps(nos)))
            numbers = Order.order_no.in_(listed.scalar_subquery())
        elif s.connection().dialect.name == "postgresql":  # one array, not a bind per number
            numbers = Order.order_no == any_(bindparam("nos", nos, type_=ARRAY(String)))
        else:
            numbers = Order.order_no.in_(nos)
        for r in s.execute(query.where(Order.platform == platform, numbers)):
            existing[(r.platform, r.order_no)] = r
    return existing


def _numbers_by_platform(rows: list[OrderRow]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(r[1])
    return out


@contextmanager
def _big_cache(s: Session, kib: int = 131_072) -> Iterator[None]:
    """SQLite: a page cache big enough for the whole import (``kib``) while it runs, so the
    one transaction is not spilled to the WAL page by page; the connection's own size after."""
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


LINE_KEYS = (
    "order_id",
    "line_no",
    "sku",
    "product_id",
    "title",
    "attributes",
    "qty",
    "price_fen",
)  # verified_qty: its default
# an `OrderRow`'s columns, with the shop's id in place of its name, and the two times of now
ORDER_KEYS = ("platform", "order_no", "shop_id", *ROW_COLUMNS[2:], "imported_at", "updated_at")


def _insert_orders(
    s: Session, rows: list[OrderRow], shops: dict[str, int], now: dt.datetime, sqlite: bool
) -> list[int | None]:
    """Insert new orders; their ids in the same order.

    SQLite: the rows go in as they came (their times are already SQLite's text), and the
    ids are chosen here: we hold the write lock, so the next after the largest, as SQLite
    itself would choose them. An order whose platform and number are already there is left
    alone (its id: None), so a new file needs no look-up before its insert. Other databases
    take new orders only, with their ids taken from the table's sequence first (one
    statement), so that the rows can go in by COPY (`_bulk_insert`)."""
    if sqlite:
        first = (s.scalar(select(func.max(Order.id))) or 0) + 1
        at = utc_text(now)
        added = 0
        for platform in {r[0] for r in rows}:  # one, but for a file of mixed platforms
            same = [(i, r) for i, r in enumerate(rows, start=first) if r[0] == platform]
            added += _bulk_insert(
                s,
                Order.__table__,
                ("id", *ORDER_KEYS[1:-2]),
                [(i, r[1], shops.get(r[SHOP]), *r[2:SHOP]) for i, r in same],
                ready=True,
                fixed={"platform": platform, "imported_at": at, "updated_at": at},
                suffix="ON CONFLICT (platform, order_no) DO NOTHING",
            )
        last = first + len(rows) - 1
        if added == len(rows):
            return list(range(first, last + 1))
        taken = set(s.scalars(select(Order.id).where(Order.id.between(first, last))))
        return [i if i in taken else None for i in range(first, last + 1)]
    ids = take_ids(s, Order.__table__.name, len(rows))
    params = [
        (
            oid,
            r[0],
            r[1],
            shops.get(r[SHOP]),
            *r[2:PAID_AT],
            _utc_copy_text(r[PAID_AT]),
            _utc_copy_text(r[PROMISED_SHIP_AT]),
            *r[PROMISED_SHIP_AT + 1 : SHOP],
            now,
            now,
        )
        for oid, r in zip(ids, rows, strict=True)
    ]
    _bulk_insert(s, Order.__table__, ("id", *ORDER_KEYS), params)
    return ids


def _utc_copy_text(value: str | None) -> str | None:
    """A parsed row's UTC time (``YYYY-MM-DD HH:MM:SS.ffffff``) as COPY takes it for a
    ``timestamptz``: the same text with its zone, read by the server; no datetime made and
    formatted again per order."""
    return None if value is None else value + "+00"


def _bulk_insert(
    s: Session,
    table: Table,
    keys: tuple[str, ...],
    rows: list[tuple],
    *,
    ready: bool = False,
    fixed: dict[str, object] | None = None,
    suffix: str = "",
) -> int:
    """Insert rows (tuples of values for ``keys``) in one statement executed for many;
    ``fixed``: values the same for every row.

    On SQLite the values go to the driver's ``executemany``, each converted by its column
    type's bind processor (what SQLAlchemy would do row by row, at a third of the cost;
    ``ready``: they already are what the driver takes). The columns not named get their
    scalar defaults; those and the ``fixed`` values (which must be what the driver takes)
    are written into the statement as literals, not bound again for every row; ``suffix``
    (SQLite only) ends the statement. PostgreSQL takes the rows by COPY (`_copy`); other
    databases, and columns whose default is made per row, take SQLAlchemy's Core insert.
    Returns the number of rows inserted."""
    conn = s.connection()
    dialect = conn.dialect
    fixed = dict(fixed or {})
    named = set(keys) | set(fixed)
    missing = [c for c in table.c if c.name not in named and c.default is not None]
    per_row = any(not c.default.is_scalar for c in missing)  # type: ignore[union-attr]
    if dialect.name == "postgresql" and not per_row and not suffix:
        fixed.update((c.name, c.default.arg) for c in missing)  # type: ignore[union-attr]
        return _copy(conn, table, keys, rows, fixed)
    if dialect.name != "sqlite" or per_row:
        fill = tuple(fixed.values())
        keys = (*keys, *fixed)
        if suffix:
            raise ValueError("an insert's SQL suffix is for SQLite only")
        s.execute(insert(table), [dict(zip(keys, r + fill, strict=True)) for r in rows])
        return len(rows)
    fixed.update((c.name, c.default.arg) for c in missing)  # type: ignore[union-attr]
    procs = (
        []
        if ready
        else [(i, p) for i, k in enumerate(keys) if (p := _processor(table.c[k].type, dialect))]
    )
    params: list[tuple] = rows
    if procs:
        params = []
        last: list[tuple[object, object]] = [(object(), None)] * len(procs)
        for r in rows:
            t = list(r)
            for j, (i, p) in enumerate(procs):
                v = t[i]
                seen, done = last[j]
                if v is not seen:  # e.g. the import time, one object for every row
                    done = p(v)
                    last[j] = (v, done)
                t[i] = done
            params.append(tuple(t))
    for k, v in fixed.items():
        if not ready and (p := _processor(table.c[k].type, dialect)):
            fixed[k] = p(v)
    columns = ", ".join((*keys, *fixed))
    values = ", ".join(("?",) * len(keys) + tuple(_literal(v) for v in fixed.values()))
    sql = f"INSERT INTO {table.name} ({columns}) VALUES ({values}) {suffix}"
    return conn.exec_driver_sql(sql, params).rowcount


def _copy(
    conn: Connection, table: Table, keys: tuple[str, ...], rows: list[tuple], fixed: dict
) -> int:
    """PostgreSQL: the rows (values for ``keys``, then the ``fixed`` ones) in by one
    ``COPY … FROM STDIN`` in the open transaction (psycopg's copy API): one statement for
    the chunk instead of one per row. Times go in as aware datetimes or as UTC text with
    its zone."""
    tail = tuple(fixed.values())
    names = ", ".join(f'"{c}"' for c in (*keys, *fixed))
    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as cp:  # type: ignore[union-attr]
        write = cp.write_row
        if tail:
            for r in rows:
                write(r + tail)
        else:
            for r in rows:
                write(r)
    return len(rows)


def _literal(v: object) -> str:
    """A value the SQLite driver takes, as SQL text."""
    if v is None:
        return "NULL"
    if isinstance(v, bool | int):
        return str(int(v))
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(v).__name__}")


def _processor(type_: TypeEngine, dialect: Dialect) -> Callable[[object], object] | None:
    if isinstance(type_, UTCDateTime):
        return utc_text  # what the type and SQLite's DATETIME make of it, in one C call
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _update_existing(s: Session, old: Order, rec: OrderRecord, operator: str, station: str) -> bool:
    """Apply a re-imported row to an existing order; True when anything changed."""
    values = _order_values(rec)
    changes = {
        k: [_jsonable(getattr(old, k)), _jsonable(v)]
        for k, v in values.items()
        if getattr(old, k) != v
    }
    status_change: str | None = None
    if rec.status == "cancelled" and old.status != OrderStatus.CANCELLED:
        status_change = "cancelled"
    elif rec.status == "paid" and old.status == OrderStatus.UNPAID:
        status_change = "paid"
    if not changes and status_change is None:
        return False
    ev_kind = "order_updated"
    new_status = old.status
    hold = old.hold_reason
    if status_change == "cancelled":
        if old.status in LEFT_WAREHOUSE:
            ev_kind = "cancel_after_shipment"
        else:
            new_status = OrderStatus.CANCELLED.value
            ev_kind = "intercepted" if old.status in IN_WAREHOUSE else "cancelled"
    elif status_change == "paid":
        new_status = OrderStatus.PAID.value
    if (
        changes.keys() & ADDRESS_FIELDS
        and old.status in IN_WAREHOUSE
        and new_status != OrderStatus.CANCELLED
    ):
        # the buyer changed the address after printing: re-review and reprint
        new_status, hold = OrderStatus.HELD.value, "address_changed"
    for k, v in values.items():
        setattr(old, k, v)
    old.phone_tail = phone_tail(rec.receiver_phone)
    old.status = new_status
    old.hold_reason = hold
    old.updated_at = utcnow()
    if old.status in (OrderStatus.PAID, OrderStatus.UNPAID) and rec.lines:
        _replace_lines_if_changed(s, old, rec)
    detail: dict = {"changes": changes, "source": "import"}
    if status_change:
        detail["status"] = [status_change, new_status]
    if ev_kind in ("intercepted", "cancelled"):
        detail["reason"] = "platform: order closed"
    append_event(s, ev_kind, order_id=old.id, station=station, operator=operator, detail=detail)
    return True


def _replace_lines_if_changed(s: Session, order: Order, rec: OrderRecord) -> None:
    have = [(li.sku, li.title, li.qty, li.price_fen) for li in order.lines]
    want = [(li.sku, li.title, li.qty, li.price_fen) for li in rec.lines]
    if have == want:
        return
    skus = dict(
        s.execute(
            select(Product.sku, Product.id).where(Product.sku.in_({li.sku for li in rec.lines}))
        ).all()
    )
    order.lines.clear()
    s.flush()
    for n, li in enumerate(rec.lines, start=1):
        order.lines.append(
            OrderLine(
                line_no=n,
                sku=li.sku,
                product_id=skus.get(li.sku),
                title=li.title,
                attributes=li.attributes,
                qty=li.qty,
                price_fen=li.price_fen,
                verified_qty=0,
            )
        )
