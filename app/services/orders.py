"""Finding orders and telling their story: the order browser, `show`, `intercept`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, bindparam, func, select, union
from sqlalchemy.orm import Session, selectinload

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import (
    Carrier,
    Carton,
    Event,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    Shop,
    Weighing,
    utcnow,
)
from app.domain.orders import IN_WAREHOUSE, LEFT_WAREHOUSE, phone_digits
from app.domain.privacy import mask_name
from app.domain.weight import (
    DEFAULT_CARTON_GRAMS,
    DEFAULT_FILLER_GRAMS,
    DEFAULT_TOLERANCE_ABS,
    DEFAULT_TOLERANCE_PERMILLE,
    Expected,
    expected_weight,
    unit_weight,
)
from app.services.errors import ServiceError  # re-exported: it was defined here


def _phone_parts(key: str) -> tuple[str | None, str | None]:
    """(phone tail, whole phone digits) when ``key`` looks like 4 to 11 digits of a phone."""
    if phone_digits(key) == key and 4 <= len(key) <= 11:
        return key[-4:], (key if len(key) > 4 else None)
    return None, None


def _key_union(key: object, tail: object = None, phone: object = None):
    """Orders whose number, waybill, receiver name or phone (tail) is ``key``: values or
    bound parameters, so that `find_order_ids` can build its statements once."""
    parts = [
        select(Order.id).where(Order.order_no == key),
        select(Order.id).where(Order.waybill_no == key),
        select(Order.id).where(Order.receiver_name == key),
    ]
    if tail is not None and phone is None:
        parts.append(select(Order.id).where(Order.phone_tail == tail))
    elif tail is not None:
        parts.append(
            select(Order.id).where(Order.phone_tail == tail, Order.receiver_phone.endswith(phone))
        )
    return union(*parts)


def _key_clause(key: str):
    """Orders whose number, waybill, receiver name or phone tail is ``key``.

    Written as ``id IN (a UNION of indexed lookups)`` rather than one ``OR``: with an ORDER BY
    on the paid time, planners otherwise walk the paid-time index over every order.
    """
    key = key.strip()
    return Order.id.in_(_key_union(key, *_phone_parts(key)).scalar_subquery())


#: find_order_ids' statements, built once (the dispute desk looks up a waybill per parcel)
_FIND_IDS = {
    (tail, phone): select(Order.id)
    .where(
        Order.id.in_(
            _key_union(
                bindparam("key"),
                bindparam("tail") if tail else None,
                bindparam("phone") if phone else None,
            ).scalar_subquery()
        )
    )
    .order_by(Order.id.desc())
    .limit(bindparam("limit"))
    for tail, phone in ((False, False), (True, False), (True, True))
}


def find_order_ids(session: Session, key: str, limit: int = 200) -> list[int]:
    """Orders matching a waybill number, order number, receiver name or phone tail (4+)."""
    key = key.strip()
    if not key:
        return []
    tail, phone = _phone_parts(key)
    q = _FIND_IDS[(tail is not None, phone is not None)]
    params = {"key": key, "tail": tail, "phone": phone, "limit": limit}
    return list(session.connection().execute(q, params).scalars())


_GOODS_COLUMNS = (
    OrderLine.sku,
    OrderLine.title,
    OrderLine.qty,
    Product.id.label("product_id"),
    Product.name,
    Product.unit_grams,
    Product.adopted_grams,
)
#: the order's lines with their products (``oid``): `order_goods`, or read with other reads
#: (`app.db.chain.read_together`) and given to it
GOODS = (
    select(*_GOODS_COLUMNS)
    .outerjoin(Product, Product.id == OrderLine.product_id)
    .where(OrderLine.order_id == bindparam("oid"))
    .order_by(OrderLine.line_no)
)


def order_goods(
    session: Session, order_id: int, rows: Iterable[Any] | None = None
) -> list[tuple[str, str, int, int]]:
    """The order's lines as (sku, name, unit grams, qty), read with one statement built once
    (the weighing capture and the dispute desk read them per parcel). A line without a
    product has its title for a name and no weight. ``rows``: `GOODS`'s, read already."""
    if rows is None:
        rows = session.connection().execute(GOODS, {"oid": order_id})
    return [_goods_line(li) for li in rows]


def _goods_line(li) -> tuple[str, str, int, int]:
    """A row of `_GOODS` as (sku, name, unit grams, qty)."""
    if li.product_id is None:
        return (li.sku, li.title, 0, li.qty)
    return (li.sku, li.name, unit_weight(li.unit_grams, li.adopted_grams), li.qty)


# --- the expected weight ---------------------------------------------------------------------
# One computation of what a parcel should weigh, used by the order browser, `show --json`, the
# weigh station, the dispute check (evidence report) and the outbound slip: the goods plus the
# packed carton's tare and filler (a plain box until one is packed), with the shop's tolerance.


@dataclass(frozen=True)
class Packing:
    """What besides the goods enters an order's expected weight."""

    carton_code: str = ""
    carton_grams: int = DEFAULT_CARTON_GRAMS
    filler_grams: int = DEFAULT_FILLER_GRAMS
    tolerance_abs: int = DEFAULT_TOLERANCE_ABS
    tolerance_permille: int = DEFAULT_TOLERANCE_PERMILLE

    def expected(self, goods: Iterable[tuple[int, int]], division_grams: int = 0) -> Expected:
        """``goods``: ``(unit_grams, qty)`` pairs; ``division_grams`` the scale's division."""
        return expected_weight(
            goods,
            carton_grams=self.carton_grams,
            filler_grams=self.filler_grams,
            tolerance_abs=self.tolerance_abs,
            tolerance_permille=self.tolerance_permille,
            division_grams=division_grams,
        )


_PACKING = (
    select(
        Carton.code,
        Carton.tare_grams,
        Carton.filler_grams,
        Shop.tolerance_abs_grams,
        Shop.tolerance_permille,
    )
    .select_from(Order)
    .outerjoin(Carton, Carton.id == Order.carton_id)
    .outerjoin(Shop, Shop.id == Order.shop_id)
    .where(Order.id == bindparam("oid"))
)


def packing_of(carton: Carton | None, shop: Shop | None) -> Packing:
    """The packing of loaded rows (either may be missing)."""
    return _packing(
        (carton.code, carton.tare_grams, carton.filler_grams) if carton else (None, None, None),
        (shop.tolerance_abs_grams, shop.tolerance_permille) if shop else (None, None),
    )


def _packing(carton: tuple, shop: tuple) -> Packing:
    code, tare, filler = carton
    tol_abs, permille = shop
    d = Packing()
    return Packing(
        carton_code=code or "",
        carton_grams=d.carton_grams if tare is None else tare,
        filler_grams=d.filler_grams if tare is None else (filler or 0),
        tolerance_abs=d.tolerance_abs if tol_abs is None else tol_abs,
        tolerance_permille=d.tolerance_permille if permille is None else permille,
    )


def order_id_of_waybill(param: str) -> ScalarSelect[int]:
    """The id of the newest order whose waybill is the bound parameter ``param``: the key of
    reads that go in one round trip with the order's own (`app.db.chain.read_together`: a
    scan's order, its lines, its goods and packing, its stub)."""
    return (
        select(Order.id)
        .where(Order.waybill_no == bindparam(param))
        .order_by(Order.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def goods_packing_of(order_id: ColumnElement[int]) -> Select:
    """`order_goods` and `order_packing` in one statement: each line with the order's carton
    and shop, and the order's id (the weighing capture reads both for every parcel);
    ``order_id`` a parameter or a subquery naming the order."""
    return (
        select(
            *_GOODS_COLUMNS,
            Carton.code.label("carton_code"),
            Carton.tare_grams,
            Carton.filler_grams,
            Shop.tolerance_abs_grams,
            Shop.tolerance_permille,
            OrderLine.order_id,
        )
        .outerjoin(Product, Product.id == OrderLine.product_id)
        .join(Order, Order.id == OrderLine.order_id)
        .outerjoin(Carton, Carton.id == Order.carton_id)
        .outerjoin(Shop, Shop.id == Order.shop_id)
        .where(OrderLine.order_id == order_id)
        .order_by(OrderLine.line_no)
    )


_GOODS_PACKING = goods_packing_of(bindparam("oid"))


def order_goods_packing(
    session: Session, order_id: int, rows: Sequence[Any] | None = None
) -> tuple[list[tuple[str, str, int, int]], Packing]:
    """`order_goods` and `order_packing` of the order, read together (an order without
    lines: its packing read on its own); ``rows``: `goods_packing_of`'s, read already."""
    if rows is None:
        rows = session.connection().execute(_GOODS_PACKING, {"oid": order_id}).all()
    if not rows:
        return [], order_packing(session, order_id)
    out = [_goods_line(li) for li in rows]
    r = rows[0]
    packing = _packing(
        (r.carton_code, r.tare_grams, r.filler_grams),
        (r.tolerance_abs_grams, r.tolerance_permille),
    )
    return out, packing


def order_packing(session: Session, order_id: int) -> Packing:
    row = session.connection().execute(_PACKING, {"oid": order_id}).first()
    if row is None:
        return Packing()
    return _packing(tuple(row[:3]), tuple(row[3:]))


def computed_expectation(
    session: Session, order_id: int, lines: list[tuple[str, str, int, int]] | None = None
) -> Expected:
    """What the order should weigh now (goods, carton, filler; the shop's tolerance);
    ``lines``: `order_goods` when the caller has read them already."""
    if lines is None:
        lines = order_goods(session, order_id)
    return order_packing(session, order_id).expected([(g, q) for _, _, g, q in lines])


#: the expected weight and tolerance the order's last weighing (in chain order) was judged
#: against: `order_expectation`, and the dispute desk with its other reads
LAST_EXPECTATION = (
    select(Weighing.expected_grams, Weighing.tolerance_grams)
    .join(Event, Event.id == Weighing.event_id)
    .where(Weighing.order_id == bindparam("oid"))
    .order_by(Event.seq.desc())
    .limit(1)
)


def order_expectation(session: Session, order_id: int) -> Expected:
    """The order's expected weight and tolerance as every screen and report shows it: those
    its last weighing was judged against (the scale's division included), else what it
    should weigh now (`computed_expectation`)."""
    w = session.connection().execute(LAST_EXPECTATION, {"oid": order_id}).first()
    if w is not None:
        return Expected(w.expected_grams, w.tolerance_grams)
    return computed_expectation(session, order_id)


# --- the order browser ----------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFilter:
    text: str = ""
    statuses: tuple[str, ...] = ()
    carrier_id: int | None = None
    shop_id: int | None = None
    paid_from: dt.datetime | None = None
    paid_to: dt.datetime | None = None


@dataclass(frozen=True)
class OrderRow:
    id: int
    order_no: str
    platform: str
    status: str
    hold_reason: str
    shop: str
    receiver_name: str  # masked for the screen (王*雨): app.domain.privacy
    phone_tail: str
    province: str
    city: str
    paid_at: dt.datetime | None
    carrier: str
    waybill_no: str
    item_count: int


def _filtered(q: Select, f: OrderFilter) -> Select:
    if f.text.strip():
        q = q.where(_key_clause(f.text))
    if f.statuses:
        q = q.where(Order.status.in_(f.statuses))
    if f.carrier_id is not None:
        q = q.where(Order.carrier_id == f.carrier_id)
    if f.shop_id is not None:
        q = q.where(Order.shop_id == f.shop_id)
    if f.paid_from is not None:
        q = q.where(Order.paid_at >= f.paid_from)
    if f.paid_to is not None:
        q = q.where(Order.paid_at < f.paid_to)
    return q


def search_orders(
    session: Session, f: OrderFilter, offset: int = 0, limit: int = 200
) -> list[OrderRow]:
    """One page of the browser, newest paid first; keyset-friendly indexes keep it fast."""
    q = (
        select(
            Order.id,
            Order.order_no,
            Order.platform,
            Order.status,
            Order.hold_reason,
            Shop.name,
            Order.receiver_name,
            Order.phone_tail,
            Order.province,
            Order.city,
            Order.paid_at,
            Carrier.name,
            Order.waybill_no,
            Order.item_count,
        )
        .outerjoin(Shop, Shop.id == Order.shop_id)
        .outerjoin(Carrier, Carrier.id == Order.carrier_id)
    )
    q = _filtered(q, f).order_by(Order.paid_at.desc(), Order.id.desc()).offset(offset).limit(limit)
    return [
        OrderRow(
            id=r[0],
            order_no=r[1],
            platform=r[2],
            status=r[3],
            hold_reason=r[4] or "",
            shop=r[5] or "",
            receiver_name=mask_name(r[6]),  # shown masked: app.domain.privacy
            phone_tail=r[7],
            province=r[8],
            city=r[9],
            paid_at=r[10],
            carrier=r[11] or "",
            waybill_no=r[12] or "",
            item_count=r[13],
        )
        for r in session.execute(q)
    ]


def count_orders(session: Session, f: OrderFilter, cap: int = 100_000) -> int:
    """How many orders match, counted up to ``cap`` (the browser shows "100,000+")."""
    inner = _filtered(select(Order.id), f).limit(cap + 1).subquery()
    return int(session.scalar(select(func.count()).select_from(inner)) or 0)


def filter_choices(session: Session) -> dict[str, list[tuple[int, str]]]:
    return {
        "carriers": [
            (c.id, c.name) for c in session.scalars(select(Carrier).order_by(Carrier.code))
        ],
        "shops": [(s.id, s.name) for s in session.scalars(select(Shop).order_by(Shop.name))],
    }


# --- the story of an order -------------------------------------------------------------------


@dataclass
class OrderStory:
    order: dict
    lines: list[dict] = field(default_factory=list)
    weighings: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


def _iso(t: dt.datetime | None) -> str | None:
    return t.astimezone(dt.UTC).isoformat() if t else None


def order_story(session: Session, order_id: int) -> dict:
    """The `show --json` object of docs/dev/contract.md for one order.

    ``receiver_name`` and ``receiver_phone`` are the stored values, unmasked: this is the
    command line's data for scripts and warehouse IT, who read the database anyway. Screens
    that show this object mask them (`app.domain.privacy`)."""
    o = session.scalars(
        select(Order)
        .where(Order.id == order_id)
        .options(
            selectinload(Order.lines).selectinload(OrderLine.product).selectinload(Product.barcodes)
        )
    ).one()
    shop = session.get(Shop, o.shop_id) if o.shop_id else None
    carrier = session.get(Carrier, o.carrier_id) if o.carrier_id else None
    lines = []
    for li in o.lines:
        p = li.product
        grams = unit_weight(p.unit_grams, p.adopted_grams) if p else 0
        lines.append(
            {
                "sku": li.sku,
                "barcode": p.barcodes[0].code if p and p.barcodes else "",
                "name": p.name if p else li.title,
                "qty": li.qty,
                "unit_grams": grams,
                "verified_qty": li.verified_qty,
            }
        )
    exp = order_expectation(session, o.id)
    weighings = [
        {
            "grams": w.grams,
            "expected_grams": w.expected_grams,
            "tolerance_grams": w.tolerance_grams,
            "verdict": w.verdict,
            "station": ev.station,
            "operator": ev.operator,
            "at": _iso(ev.at),
        }
        for w, ev in session.execute(
            select(Weighing, Event)
            .join(Event, Event.id == Weighing.event_id)
            .where(Weighing.order_id == o.id)
            .order_by(Event.seq)
        )
    ]
    events = [
        {
            "at": _iso(ev.at),
            "kind": ev.kind,
            "station": ev.station,
            "operator": ev.operator,
            "detail": ev.detail,
        }
        for ev in session.scalars(select(Event).where(Event.order_id == o.id).order_by(Event.seq))
    ]
    return {
        "order_no": o.order_no,
        "platform": o.platform,
        "shop": shop.name if shop else "",
        "status": o.status,
        "hold_reason": o.hold_reason,
        "waybill_no": o.waybill_no,
        "carrier": carrier.code if carrier else None,
        "receiver_name": o.receiver_name,
        "receiver_phone": o.receiver_phone,
        "address": " ".join(x for x in (o.province, o.city, o.district, o.address) if x),
        "paid_at": _iso(o.paid_at),
        "buyer_message": o.buyer_message,
        "seller_remark": o.seller_remark,
        "expected_grams": exp.grams,
        "tolerance_grams": exp.tolerance_grams,
        "lines": lines,
        "weighings": weighings,
        "events": events,
    }


def show(db: Database, key: str) -> list[dict]:
    with db.read() as s:
        return [order_story(s, oid) for oid in find_order_ids(s, key)]


# --- interception -----------------------------------------------------------------------------


@dataclass(frozen=True)
class InterceptResult:
    order_no: str
    status_before: str
    status: str
    outcome: str  # intercepted / cancelled / already_cancelled / too_late


def intercept(
    db: Database, key: str, reason: str, *, operator: str = "", station: str = "cli"
) -> list[InterceptResult]:
    """Cancel the matching orders; stations that scan them from now on stop them loudly."""
    if not reason.strip():
        raise ServiceError("reason_required")
    out: list[InterceptResult] = []
    with db.write() as s:
        ids = find_order_ids(s, key)
        if not ids:
            raise ServiceError("order_not_found", key=key)
        for o in s.scalars(select(Order).where(Order.id.in_(ids)).with_for_update()):
            before = o.status
            if before == OrderStatus.CANCELLED:
                out.append(InterceptResult(o.order_no, before, before, "already_cancelled"))
                continue
            if before in LEFT_WAREHOUSE:
                append_event(
                    s,
                    "intercept_too_late",
                    order_id=o.id,
                    station=station,
                    operator=operator,
                    detail={"reason": reason, "status": before},
                )
                out.append(InterceptResult(o.order_no, before, before, "too_late"))
                continue
            kind = "intercepted" if before in IN_WAREHOUSE or before == "held" else "cancelled"
            o.status = OrderStatus.CANCELLED.value
            o.updated_at = utcnow()
            append_event(
                s,
                kind,
                order_id=o.id,
                station=station,
                operator=operator,
                detail={"reason": reason, "status_before": before},
            )
            out.append(InterceptResult(o.order_no, before, o.status, kind))
    return out
