"""What the scanning steps share: the claim rule and the statuses each step opens, recording a
scan, the prebuilt Core statements of the hot path, reading an order and its lines, finding an
order by a scanned code, the interception stop and the refusals by status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.db.chain import Appended, append_event, read_together, write_at_commit
from app.db.models import (
    Carrier,
    Carton,
    Event,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductBarcode,
    ScanEvent,
)
from app.domain.privacy import mask_name
from app.domain.stations import SUPERVISOR_ACT
from app.domain.verify import (
    CartonSpec,
    ItemSpec,
    LineState,
    ScanCode,
    packing_reminders,
    suggest_carton,
)
from app.domain.weight import unit_weight
from app.services import floor_settings
from app.services.errors import ServiceError
from app.services.orders import order_id_of_waybill
from app.services.scanning.views import LineView, OrderView

CLAIM_IDLE = dt.timedelta(minutes=10)

#: statuses an order may have when a step opens it
STEP_STATUSES: dict[str, frozenset[str]] = {
    "pick": frozenset({OrderStatus.PRINTED.value}),
    "verify": frozenset({OrderStatus.PRINTED.value, OrderStatus.PICKED.value}),
    "pack": frozenset({OrderStatus.VERIFIED.value}),
}
_AFTER_VERIFY = frozenset(
    {
        OrderStatus.VERIFIED.value,
        OrderStatus.PACKED.value,
        OrderStatus.WEIGHED.value,
        OrderStatus.HANDED_OVER.value,
        OrderStatus.SHIPPED.value,
    }
)
SUPERVISOR_ROLES = SUPERVISOR_ACT

# --- helpers ----------------------------------------------------------------------------------


def _record(
    s: Session,
    *,
    step: str,
    code: str,
    verdict: str,
    station: str,
    operator: str,
    order_id: int | None = None,
    line_id: int | None = None,
    serial: str | None = None,
    kind: str = "scan",
    detail: dict | None = None,
) -> Appended:
    ev = append_event(
        s,
        kind,
        order_id=order_id,
        station=station,
        operator=operator,
        detail={
            "step": step,
            "code": code[:128],
            "verdict": verdict,
            **({"serial": serial} if serial else {}),
            **(detail or {}),
        },
    )
    write_at_commit(
        s,
        _INSERT_SCAN,
        {
            "event_id": ev.id,
            "order_id": order_id,
            "step": step,
            "code": code[:128],
            "verdict": verdict,
            "order_line_id": line_id,
            "serial_no": serial,
        },
    )
    return ev


# The verify and pack stations' hot path runs prebuilt Core statements on the session's
# connection: a scan's verdict waits on them, and building statements and loading ORM objects
# cost several times what SQLite needs to run them. Its writes (the scan's row, the order's
# claim and status, a line's count) are read back by nobody in the transaction: on PostgreSQL
# they go to the server with the seal and the COMMIT, in one round trip (`write_at_commit`).
_ORDERS = Order.__table__
_LINES = OrderLine.__table__
_PRODUCTS = Product.__table__
_BARCODES = ProductBarcode.__table__
_INSERT_SCAN = insert(ScanEvent.__table__)
_ORDER_BY_ID = select(_ORDERS).where(_ORDERS.c.id == bindparam("key")).with_for_update()
_CARRIER_OF_ORDER = (
    select(Carrier.__table__.c.name)
    .where(Carrier.__table__.c.id == _ORDERS.c.carrier_id)
    .scalar_subquery()
    .label("carrier_name")
)
_ORDER_BY = {  # the order a scanned code names, with its carrier's name (`_view`)
    col.key: select(_ORDERS, _CARRIER_OF_ORDER)
    .where(col == bindparam("key"))
    .order_by(_ORDERS.c.id.desc())
    .limit(1)
    .with_for_update()
    for col in (_ORDERS.c.waybill_no, _ORDERS.c.order_no)
}
_UPDATE_ORDER = update(_ORDERS).where(_ORDERS.c.id == bindparam("key"))
_COUNT_VERIFIED = (
    update(_LINES)
    .where(_LINES.c.id == bindparam("key"))
    .values(verified_qty=_LINES.c.verified_qty + bindparam("delta"))
)


def _lines_of(order_id: ColumnElement[int]) -> Select:
    """The order's lines with their products and barcodes (`_load_lines`), one row per line
    and barcode; ``order_id`` is a parameter or a subquery naming the order."""
    return (
        select(
            _LINES.c.id,
            _LINES.c.line_no,
            _LINES.c.sku,
            _LINES.c.title,
            _LINES.c.qty,
            _LINES.c.verified_qty,
            _LINES.c.product_id,
            _PRODUCTS.c.name,
            _PRODUCTS.c.bin_location,
            _PRODUCTS.c.serial_tracked,
            _PRODUCTS.c.fragile,
            _PRODUCTS.c.unit_grams,
            _PRODUCTS.c.adopted_grams,
            _PRODUCTS.c.length_mm,
            _PRODUCTS.c.width_mm,
            _PRODUCTS.c.height_mm,
            _BARCODES.c.code.label("barcode"),
            _LINES.c.order_id,
        )
        .select_from(
            _LINES.outerjoin(_PRODUCTS, _PRODUCTS.c.id == _LINES.c.product_id).outerjoin(
                _BARCODES, _BARCODES.c.product_id == _PRODUCTS.c.id
            )
        )
        .where(_LINES.c.order_id == order_id)
        .order_by(_LINES.c.line_no, _LINES.c.id, _BARCODES.c.id)
    )


_SELECT_LINES = _lines_of(bindparam("key"))
#: the id of the order `_ORDER_BY` finds by its waybill: the opening scan reads the order's
#: lines and releases in the same round trip as the order (`_open_reads`)
_ORDER_ID_BY_WAYBILL = order_id_of_waybill("key")
_LINES_BY_WAYBILL = _lines_of(_ORDER_ID_BY_WAYBILL)
_EVENTS = Event.__table__
#: the order's releases from a hold, newest first (`verification._recount_mark`)
_RELEASES = (
    select(_EVENTS.c.id, _EVENTS.c.detail, _EVENTS.c.order_id)
    .where(_EVENTS.c.order_id == bindparam("key"), _EVENTS.c.kind == "hold_released")
    .order_by(_EVENTS.c.id.desc())
)
_RELEASES_BY_WAYBILL = (
    select(_EVENTS.c.id, _EVENTS.c.detail, _EVENTS.c.order_id)
    .where(_EVENTS.c.order_id == _ORDER_ID_BY_WAYBILL, _EVENTS.c.kind == "hold_released")
    .order_by(_EVENTS.c.id.desc())
)
_CARRIER_NAME = select(Carrier.__table__.c.name).where(Carrier.__table__.c.id == bindparam("key"))


@dataclass(frozen=True)
class _ProductRow:
    """What the scanning stations need of a line's product."""

    name: str
    bin_location: str
    serial_tracked: bool
    fragile: bool
    unit_grams: int
    adopted_grams: int | None
    length_mm: int | None
    width_mm: int | None
    height_mm: int | None
    barcodes: tuple[str, ...]


@dataclass
class _LineRow:
    """An order line with its product, read in one statement (`_load_lines`)."""

    id: int
    line_no: int
    sku: str
    title: str
    qty: int
    verified_qty: int
    product_id: int | None
    product: _ProductRow | None


def _line_row(li: OrderLine) -> _LineRow:
    """The same from an ORM line (the pick station reads its lists through the ORM)."""
    p = li.product
    return _LineRow(
        li.id,
        li.line_no,
        li.sku,
        li.title,
        li.qty,
        li.verified_qty,
        li.product_id,
        _ProductRow(
            p.name,
            p.bin_location,
            p.serial_tracked,
            p.fragile,
            p.unit_grams,
            p.adopted_grams,
            p.length_mm,
            p.width_mm,
            p.height_mm,
            tuple(b.code for b in p.barcodes),
        )
        if p is not None
        else None,
    )


def _update_order(s: Session, order_id: int, **values: object) -> None:
    write_at_commit(s, _UPDATE_ORDER, {"key": order_id, **values})


def _count_verified(s: Session, line_id: int, delta: int) -> None:
    write_at_commit(s, _COUNT_VERIFIED, {"key": line_id, "delta": delta})


# Finding the order a scanned code names (its waybill first, then its order number), three
# ways that are not interchangeable: `_open_reads` reads a locked Core row for the verify
# and pack hot path; `_find_order` loads the ORM order (locked or not) for picking and the
# holds queue; `_order_id_for` only asks whether a wrongly scanned item code is another
# order's waybill or number (unlocked, id and number only, not newest-first).


@dataclass(frozen=True)
class _Opened:
    """What an opening scan reads: the order's row, locked (with its carrier's name,
    ``carrier_name``), its lines and its releases from a hold (`_RELEASES`'s rows)."""

    order: Any
    lines: list[_LineRow]
    releases: Sequence[Any]


def _open_reads(s: Session, code: str) -> _Opened | None:
    """The order whose waybill (first) or order number is ``code``, with its lines and
    releases. By the waybill (what a station scans) all three are read in one round trip
    (`app.db.chain.read_together`), the lines and releases of the order the first read found
    and locked; by the order number, one after another."""
    code = code.strip()
    if not code:
        return None
    (orders, lines, releases), _ = read_together(
        s,
        (_ORDER_BY["waybill_no"], {"key": code}),
        (_LINES_BY_WAYBILL, {"key": code}),
        (_RELEASES_BY_WAYBILL, {"key": code}),
    )
    if orders:
        o = orders[0]
        if all(r.order_id == o.id for r in (*lines, *releases)):  # the same order (always)
            return _Opened(o, _lines_from(lines), releases)
    else:
        o = s.connection().execute(_ORDER_BY["order_no"], {"key": code}).first()
        if o is None:
            return None
    conn = s.connection()
    return _Opened(o, _load_lines(s, o.id), conn.execute(_RELEASES, {"key": o.id}).all())


def _find_order(s: Session, code: str, *, lock: bool = True) -> Order | None:
    code = code.strip()
    if not code:
        return None
    for col in (Order.waybill_no, Order.order_no):
        q = select(Order).where(col == code).order_by(Order.id.desc()).limit(1)
        if lock:
            q = q.with_for_update()
        o = s.scalars(q).first()
        if o is not None:
            return o
    return None


def _order_id_for(s: Session, code: str) -> tuple[int, str] | None:
    for col in (Order.waybill_no, Order.order_no):
        row = s.execute(select(Order.id, Order.order_no).where(col == code).limit(1)).first()
        if row is not None:
            return row[0], row[1]
    return None


def _interception_reason(s: Session, order_id: int) -> str:
    ev = s.scalars(
        select(Event)
        .where(
            Event.order_id == order_id,
            Event.kind.in_(("intercepted", "cancelled", "hold_cancelled")),
        )
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    return str((ev.detail or {}).get("reason", "")) if ev else ""


def _claimed_elsewhere(o: Order | Row, station: str, now: dt.datetime) -> str | None:
    if (
        o.claimed_by
        and o.claimed_by != station
        and o.claimed_at is not None
        and now - o.claimed_at < CLAIM_IDLE
    ):
        return o.claimed_by
    return None


def _load_lines(s: Session, order_id: int) -> list[_LineRow]:
    """The order's lines with their products and barcodes: every verify scan reads them.

    One statement: a row per line and barcode of its product (a line without either, one
    row), the barcodes of a line in the order they were added."""
    return _lines_from(s.connection().execute(_SELECT_LINES, {"key": order_id}))


def _lines_from(result: Iterable[Any]) -> list[_LineRow]:
    """The lines of `_lines_of`'s rows."""
    rows: dict[int, tuple[Any, list[str]]] = {}
    for r in result:
        entry = rows.get(r.id)
        if entry is None:
            entry = rows[r.id] = (r, [])
        if r.barcode is not None:
            entry[1].append(r.barcode)
    out = []
    for r, codes in rows.values():
        product = None
        if r.name is not None:
            product = _ProductRow(
                r.name,
                r.bin_location,
                bool(r.serial_tracked),
                bool(r.fragile),
                r.unit_grams,
                r.adopted_grams,
                r.length_mm,
                r.width_mm,
                r.height_mm,
                tuple(dict.fromkeys(codes)),
            )
        out.append(
            _LineRow(r.id, r.line_no, r.sku, r.title, r.qty, r.verified_qty, r.product_id, product)
        )
    return out


def _line_view(li: _LineRow, done: int | None = None) -> LineView:
    p = li.product
    return LineView(
        line_id=li.id,
        line_no=li.line_no,
        sku=li.sku,
        name=p.name if p else li.title,
        qty=li.qty,
        done=li.verified_qty if done is None else done,
        bin_location=p.bin_location if p else "",
        serial_tracked=bool(p and p.serial_tracked),
        fragile=bool(p and p.fragile),
    )


def _state(li: _LineRow, done: int, *, serials: bool = True) -> LineState:
    p = li.product
    return LineState(
        line_id=li.id,
        sku=li.sku,
        name=p.name if p else li.title,
        qty=li.qty,
        done=done,
        barcodes=p.barcodes if p else (),
        serial_tracked=bool(serials and p and p.serial_tracked),
        product_id=li.product_id,
    )


def _cartons(s: Session) -> list[CartonSpec]:
    return [
        CartonSpec(
            c.code,
            c.name,
            c.tare_grams,
            c.filler_grams,
            c.length_mm,
            c.width_mm,
            c.height_mm,
            c.max_grams,
        )
        for c in s.scalars(select(Carton).where(Carton.active).order_by(Carton.id))
    ]


def _view(s: Session, o: Order | Row, lines: list[_LineRow], *, pack: bool = False) -> OrderView:
    carrier = getattr(o, "carrier_name", None)  # read with the order (`_open_reads`)
    if carrier is None and o.carrier_id:
        carrier = s.connection().execute(_CARRIER_NAME, {"key": o.carrier_id}).scalar()
    views = tuple(_line_view(li) for li in lines)
    reminders = suggested = carton_code = None
    packing_required = False
    if pack:
        packing_required = floor_settings.read(s, floor_settings.PACKING_REQUIRED)
        fragile = [li.product.name for li in lines if li.product and li.product.fragile]
        reminders = packing_reminders(o.seller_remark, o.buyer_message, fragile)
        items = []
        for li in lines:
            p = li.product
            dims = None
            if p and p.length_mm and p.width_mm and p.height_mm:
                dims = (p.length_mm, p.width_mm, p.height_mm)
            grams = unit_weight(p.unit_grams, p.adopted_grams) if p else 0
            items.append(ItemSpec(grams, li.qty, bool(p and p.fragile), dims))
        suggested = suggest_carton(items, _cartons(s))
        if o.carton_id:
            c = s.get(Carton, o.carton_id)
            carton_code = c.code if c else None
    return OrderView(
        order_id=o.id,
        order_no=o.order_no,
        waybill_no=o.waybill_no or "",
        status=o.status,
        carrier=carrier or "",
        receiver_name=mask_name(o.receiver_name),  # shown masked: app.domain.privacy
        place=" ".join(x for x in (o.province, o.city, o.district) if x),
        lines=views,
        seller_remark=o.seller_remark,
        buyer_message=o.buyer_message,
        reminders=reminders,
        suggested_carton=suggested,
        carton_code=carton_code,
        packing_required=packing_required,
    )


def _stop(
    s: Session, o: Order | Row, code: str, step: str, station: str, operator: str
) -> ServiceError:
    """Record the interception stop of a cancelled order and return the error to raise."""
    reason = _interception_reason(s, o.id)
    _record(
        s,
        kind="intercept_stop",
        step=step,
        code=code,
        verdict="intercepted",
        station=station,
        operator=operator,
        order_id=o.id,
        detail={"reason": reason, "order_no": o.order_no},
    )
    return ServiceError(
        "intercepted", order_no=o.order_no, waybill=o.waybill_no or "", reason=reason
    )


def _refusal_for_status(o: Order | Row, step: str) -> tuple[str, ServiceError] | None:
    if o.status == OrderStatus.HELD:
        return "held", ServiceError("held", order_no=o.order_no, reason=o.hold_reason)
    if o.status in STEP_STATUSES[step]:
        return None
    if step in ("verify", "pick") and o.status in _AFTER_VERIFY:
        return "already_verified", ServiceError(
            "already_verified", order_no=o.order_no, status=o.status
        )
    if step == "pick" and o.status == OrderStatus.PICKED:
        return "already_picked", ServiceError("already_picked", order_no=o.order_no)
    if step == "pack" and o.status in _AFTER_VERIFY:
        return "already_packed", ServiceError(
            "already_packed", order_no=o.order_no, status=o.status
        )
    return "wrong_step", ServiceError("wrong_step", order_no=o.order_no, status=o.status, step=step)


def _known_product(s: Session, scan: ScanCode) -> bool:
    if not scan.keys:
        return False
    return (
        s.scalar(select(ProductBarcode.id).where(ProductBarcode.code.in_(scan.keys)).limit(1))
        is not None
    )
