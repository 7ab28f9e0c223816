"""The handover cart (交接): open a cart for one carrier, scan parcels onto it (each checked
and recorded), remove one, and close it into a `Handover` in one transaction; the carrier's
day and what was left behind."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import and_, bindparam, exists, func, or_, select

from app.db.chain import (
    append_event,
    appending_together,
    read_together,
    reserve_event_ids,
    seal_now,
)
from app.db.engine import Database
from app.db.models import (
    Carrier,
    ChainHead,
    Event,
    Handover,
    HandoverItem,
    Order,
    OrderStatus,
    Weighing,
    utcnow,
)
from app.domain import floortime
from app.domain.stations import station_roles
from app.services.errors import ServiceError
from app.services.floortime import floor_zone
from app.services.operators import require_role
from app.services.scanning.common import _record, _update_order

CART_PREFIX = "handover:"
PASSED = ("ok", "override")
#: Who may load a courier's cart and export the platform files.
HANDOVER_ROLES = station_roles("handover")
#: A cart never closed (the station crashed) lets go of its parcels after this long.
STALE_CART = dt.timedelta(hours=4)
#: A parcel confirmed to the platform is looked for on the floor this long after payment.
SHIPPED_WINDOW = dt.timedelta(days=14)


@dataclass
class Cart:
    cart_id: str
    carrier_code: str
    carrier_name: str
    opened_at: dt.datetime
    parcels: list[tuple[str, str, int]] = field(default_factory=list)  # order, waybill, g

    @property
    def count(self) -> int:
        return len(self.parcels)

    @property
    def total_grams(self) -> int:
        return sum(g for _, _, g in self.parcels)


@dataclass(frozen=True)
class HandoverScan:
    verdict: str  # accepted / refused
    code: str  # accepted, or the refusal: not_found, intercepted, not_weighed, weight_hold,
    # other_carrier, already_on_cart, on_other_cart, already_handed_over, held
    waybill_no: str
    order_no: str = ""
    grams: int = 0
    detail: str = ""  # e.g. the other carrier's code
    overridden: bool = False  # accepted, but released by a supervisor's override at the scale


def _carrier(s, code: str) -> Carrier:
    c = s.scalar(select(Carrier).where(Carrier.code == code.upper()))
    if c is None:
        raise ServiceError("unknown_carrier", carrier=code)
    return c


def _check_role(db: Database, operator: str) -> None:
    """Stations pass the signed-in operator; the headless CLI (no operator) is trusted."""
    if operator:
        require_role(db, operator, HANDOVER_ROLES)


def waiting_per_carrier(db: Database) -> dict[str, int]:
    """Parcels weighed OK and waiting for a courier, per carrier code (the handover station
    opens on the carrier with the most)."""
    out: dict[str, int] = {}
    with db.read() as s:
        for c in s.scalars(select(Carrier).where(Carrier.active)):
            n = len(_waiting_parcels(s, c.id))
            if n:
                out[c.code] = n
    return out


def carriers(db: Database) -> list[tuple[str, str]]:
    """(code, name) of the active carriers, for the station's chooser."""
    with db.read() as s:
        return [
            (c.code, c.name)
            for c in s.scalars(select(Carrier).where(Carrier.active).order_by(Carrier.code))
        ]


def _left_open(s, station: str, carrier: Carrier) -> Cart | None:
    """This station's cart for ``carrier`` that was never closed (the station was killed with
    parcels on it): the same cart with its parcels, so the restarted station carries on."""
    claimed = s.execute(
        select(Order.id, Order.order_no, Order.waybill_no, Order.claimed_by).where(
            Order.claimed_by.like(CART_PREFIX + "%"),
            Order.carrier_id == carrier.id,
            Order.status.in_((OrderStatus.WEIGHED.value, OrderStatus.SHIPPED.value)),
        )
    ).all()
    carts = {row.claimed_by[len(CART_PREFIX) :] for row in claimed}
    if not carts:
        return None
    opened = s.scalars(
        select(Event)
        .where(Event.kind == "handover_opened", Event.station == station)
        .order_by(Event.seq.desc())
        .limit(200)
    )
    for ev in opened:
        cart_id = (ev.detail or {}).get("cart")
        if cart_id in carts and (ev.detail or {}).get("carrier") == carrier.code:
            cart = Cart(cart_id, carrier.code, carrier.name, ev.at)
            for row in claimed:
                if row.claimed_by == CART_PREFIX + cart_id:
                    w = _last_weighing(s, row.id)
                    cart.parcels.append((row.order_no, row.waybill_no or "", w.grams if w else 0))
            return cart
    return None


def open_cart(db: Database, carrier_code: str, *, operator: str = "", station: str = "") -> Cart:
    """A new cart for the carrier's pickup, or this station's cart that was left open with
    parcels on it (the station crashed): a restarted station carries on with that cart."""
    _check_role(db, operator)
    with db.write() as s:
        c = _carrier(s, carrier_code)
        left = _left_open(s, station, c) if station else None
        if left is not None:
            return left
        cart = Cart(str(uuid.uuid4()), c.code, c.name, utcnow())
        append_event(
            s,
            "handover_opened",
            station=station,
            operator=operator,
            detail={"cart": cart.cart_id, "carrier": c.code},
        )
    return cart


def _last_weighings(s, order_ids: list[int]) -> dict[int, Weighing]:
    """Each order's last weighing, in one read (a cart of parcels closing)."""
    last = (
        select(func.max(Weighing.id))
        .where(Weighing.order_id.in_(order_ids))
        .group_by(Weighing.order_id)
    )
    return {w.order_id: w for w in s.scalars(select(Weighing).where(Weighing.id.in_(last)))}


def _hand_over_parcels(
    s,
    orders: list[Order],
    h: Handover,
    grams: dict[int, int],
    manifest_no: str,
    courier_name: str,
    station: str,
    operator: str,
) -> None:
    """The closed cart's parcels: each on the handover, its order handed over and let go by
    the cart, its ``handed_over`` event."""
    for o in orders:
        s.add(
            HandoverItem(
                handover_id=h.id,
                order_id=o.id,
                waybill_no=o.waybill_no or "",
                grams=grams[o.id],
            )
        )
        if o.status == OrderStatus.WEIGHED:  # a parcel already confirmed stays ``shipped``
            o.status = OrderStatus.HANDED_OVER.value
        o.claimed_by, o.claimed_at = None, None
        o.updated_at = utcnow()
        append_event(
            s,
            "handed_over",
            order_id=o.id,
            station=station,
            operator=operator,
            detail={
                "manifest_no": manifest_no,
                "courier": courier_name.strip(),
                "grams": grams[o.id],
            },
        )


def _last_weighing(s, order_id: int) -> Weighing | None:
    return s.scalars(
        select(Weighing).where(Weighing.order_id == order_id).order_by(Weighing.id.desc())
    ).first()


# A parcel scanned onto a cart is the handover station's hot path, as a scan is the verify
# station's: one statement reads what the checks need (the order locked, its carrier, its last
# weighing, whether it was handed over), and the writes go with the commit
# (`app.db.chain.write_at_commit`, through the scanning stations' own `_record`).
_O = Order.__table__
_LAST_WEIGHING = Weighing.__table__.alias("last_weighing")
_SCAN_PARCEL_READ = (
    select(
        _O.c.id,
        _O.c.order_no,
        _O.c.status,
        _O.c.claimed_by,
        _O.c.claimed_at,
        _O.c.hold_reason,
        Carrier.__table__.c.code.label("carrier_code"),
        _LAST_WEIGHING.c.verdict.label("weighing_verdict"),
        _LAST_WEIGHING.c.grams.label("weighing_grams"),
        exists().where(HandoverItem.__table__.c.order_id == _O.c.id).label("handed"),
    )
    .select_from(_O)
    .outerjoin(Carrier.__table__, Carrier.__table__.c.id == _O.c.carrier_id)
    .outerjoin(
        _LAST_WEIGHING,
        _LAST_WEIGHING.c.id
        == select(func.max(Weighing.__table__.c.id))
        .where(Weighing.__table__.c.order_id == _O.c.id)
        .scalar_subquery(),
    )
    .where(_O.c.waybill_no == bindparam("code"))
    .with_for_update(of=_O)
)


def scan_parcel(
    db: Database, cart: Cart, code: str, *, operator: str = "", station: str = ""
) -> HandoverScan:
    """Put one parcel on the cart, or refuse it loudly with a reason. Recorded either way."""
    code = code.strip()
    with db.write() as s:
        # prepared on the connection, as the other stations' reads (`read_together`)
        (found,), _ = read_together(s, (_SCAN_PARCEL_READ, {"code": code}))
        o = found[0] if found else None
        result: HandoverScan
        if o is None:
            result = HandoverScan("refused", "not_found", code)
        else:
            verdict = o.weighing_verdict  # of the last weighing; None: never weighed
            if o.status == OrderStatus.CANCELLED:
                result = HandoverScan("refused", "intercepted", code, o.order_no)
            elif o.status == OrderStatus.HANDED_OVER or o.handed:
                result = HandoverScan("refused", "already_handed_over", code, o.order_no)
            elif o.claimed_by == CART_PREFIX + cart.cart_id:
                result = HandoverScan("refused", "already_on_cart", code, o.order_no)
            elif (
                o.claimed_by
                and o.claimed_by.startswith(CART_PREFIX)
                and (o.claimed_at is None or utcnow() - o.claimed_at < STALE_CART)
            ):
                result = HandoverScan("refused", "on_other_cart", code, o.order_no)
            elif verdict == "hold":
                result = HandoverScan("refused", "weight_hold", code, o.order_no)
            elif o.status == OrderStatus.HELD:
                result = HandoverScan("refused", "held", code, o.order_no, detail=o.hold_reason)
            elif verdict is None or o.status not in (OrderStatus.WEIGHED, OrderStatus.SHIPPED):
                result = HandoverScan("refused", "not_weighed", code, o.order_no)
            elif verdict not in PASSED:
                result = HandoverScan("refused", "weight_hold", code, o.order_no)
            elif o.carrier_code != cart.carrier_code:
                result = HandoverScan(
                    "refused", "other_carrier", code, o.order_no, detail=o.carrier_code or ""
                )
            else:
                _update_order(s, o.id, claimed_by=CART_PREFIX + cart.cart_id, claimed_at=utcnow())
                result = HandoverScan(
                    "accepted",
                    "accepted",
                    code,
                    o.order_no,
                    o.weighing_grams,
                    overridden=verdict == "override",
                )
        _record(
            s,
            step="handover",
            code=code,
            verdict=result.code,
            station=station,
            operator=operator,
            order_id=o.id if o else None,
            detail={"cart": cart.cart_id, **({"detail": result.detail} if result.detail else {})},
        )
    if result.verdict == "accepted":
        cart.parcels.append((result.order_no, code, result.grams))
    return result


def remove_parcel(
    db: Database, cart: Cart, waybill_no: str, *, operator: str = "", station: str = ""
) -> None:
    """Take a parcel off the cart before closing (scanned by mistake); recorded."""
    with db.write() as s:
        o = s.scalars(select(Order).where(Order.waybill_no == waybill_no)).first()
        if o is None or o.claimed_by != CART_PREFIX + cart.cart_id:
            raise ServiceError("not_on_cart", waybill=waybill_no)
        o.claimed_by, o.claimed_at = None, None
        append_event(
            s,
            "handover_removed",
            order_id=o.id,
            station=station,
            operator=operator,
            detail={"cart": cart.cart_id, "waybill_no": waybill_no},
        )
    cart.parcels = [p for p in cart.parcels if p[1] != waybill_no]


@dataclass(frozen=True)
class CarrierDay:
    weighed: int  # parcels weighed ok for this carrier, not yet handed over (carts included)
    weighed_grams: int


def carrier_day(db: Database, carrier_code: str, now: dt.datetime | None = None) -> CarrierDay:
    """What was weighed for this carrier and still waits for a courier: the figure a cart's
    running count and weight are shown against. Parcels weighed on an earlier day and never
    picked up are counted too (they are the ones most likely forgotten)."""
    with db.read() as s:
        c = _carrier(s, carrier_code)
        rows = _waiting_parcels(s, c.id, now)
    return CarrierDay(len(rows), sum(g for _, _, g in rows))


def _waiting_parcels(
    s, carrier_id: int, now: dt.datetime | None = None
) -> list[tuple[str, str, int]]:
    last = (
        select(Weighing.order_id, func.max(Weighing.id).label("wid"))
        .group_by(Weighing.order_id)
        .subquery()
    )
    q = (
        select(Order.order_no, Order.waybill_no, Weighing.grams)
        .join(last, last.c.order_id == Order.id)
        .join(Weighing, Weighing.id == last.c.wid)
        .where(
            Order.carrier_id == carrier_id,
            or_(
                Order.status == OrderStatus.WEIGHED.value,
                and_(
                    Order.status == OrderStatus.SHIPPED.value,
                    Order.paid_at >= (now or utcnow()) - SHIPPED_WINDOW,
                    ~exists().where(HandoverItem.order_id == Order.id),
                ),
            ),
            Weighing.verdict.in_(PASSED),
        )
        .order_by(Order.waybill_no)
    )
    return [(a, b or "", c) for a, b, c in s.execute(q)]


def _left_behind(s, carrier_id: int, cart_id: str) -> list[tuple[str, str, int]]:
    """Parcels weighed OK for the carrier that are not on this cart. (order, waybill, g)"""
    mine = set(s.scalars(select(Order.order_no).where(Order.claimed_by == CART_PREFIX + cart_id)))
    return [p for p in _waiting_parcels(s, carrier_id) if p[0] not in mine]


def left_behind(db: Database, cart: Cart) -> list[tuple[str, str, int]]:
    """What closing the cart now would leave behind: the same rule as the list a closed
    cart reports (`ClosedHandover.left_behind`). (order, waybill, grams)"""
    with db.read() as s:
        return _left_behind(s, _carrier(s, cart.carrier_code).id, cart.cart_id)


def destination(province: str, city: str) -> str:
    """Where a parcel goes, as the manifest names it: province and city, a municipality once
    ("上海" + "上海市" is "上海市")."""
    province, city = (province or "").strip(), (city or "").strip()
    if province and city and (city.startswith(province) or province.startswith(city)):
        return max(province, city, key=len)
    return " ".join(x for x in (province, city) if x)


@dataclass(frozen=True)
class HandedParcel:
    """One parcel on a closed cart, as the manifest lists it."""

    order_no: str
    waybill_no: str
    grams: int
    destination: str  # province and city
    overridden: bool  # released by a supervisor's override at the scale
    expected_grams: int | None  # the expectation the override went against


@dataclass(frozen=True)
class ClosedHandover:
    manifest_no: str
    carrier_code: str
    carrier_name: str
    courier_name: str
    parcels: list[tuple[str, str, int]]
    left_behind: list[tuple[str, str, int]]  # weighed for this carrier but not on the cart
    total_grams: int
    at: dt.datetime
    chain_head: str
    entries: list[HandedParcel] = field(default_factory=list)


def close_cart(
    db: Database,
    cart: Cart,
    courier_name: str,
    *,
    operator: str = "",
    station: str = "",
) -> ClosedHandover:
    if not courier_name.strip():
        raise ServiceError("courier_required")
    _check_role(db, operator)
    with db.write() as s:
        c = _carrier(s, cart.carrier_code)
        orders = list(
            s.scalars(
                select(Order)
                .where(Order.claimed_by == CART_PREFIX + cart.cart_id)
                .order_by(Order.waybill_no)
                .with_for_update()
            )
        )
        if not orders:
            raise ServiceError("cart_empty")
        grams: dict[int, int] = {}
        entries: list[HandedParcel] = []
        last = _last_weighings(s, [o.id for o in orders])
        for o in orders:
            w = last.get(o.id)
            grams[o.id] = w.grams if w else 0
            over = w is not None and w.verdict == "override"
            entries.append(
                HandedParcel(
                    o.order_no,
                    o.waybill_no or "",
                    grams[o.id],
                    destination(o.province, o.city),
                    over,
                    w.expected_grams if over and w is not None else None,
                )
            )
        total = sum(grams.values())
        reserve_event_ids(s, len(orders))  # the parcels' events' ids, in one round trip
        ev = append_event(
            s,
            "handed_over",
            station=station,
            operator=operator,
            detail={
                "cart": cart.cart_id,
                "carrier": c.code,
                "courier": courier_name,
                "parcels": len(orders),
                "total_grams": total,
            },
        )
        seal_now(s)  # the manifest number is the event's seq: the head is taken now
        local = floortime.to_floor(ev.at, floor_zone(s))
        manifest_no = f"HO{local:%y%m%d}{ev.seq:07d}"
        h = Handover(
            event_id=ev.id,
            carrier_id=c.id,
            manifest_no=manifest_no,
            courier_name=courier_name.strip(),
            parcel_count=len(orders),
            total_grams=total,
        )
        s.add(h)
        s.flush()
        parcels = []
        with appending_together(s):  # one round trip to put them on the chain
            _hand_over_parcels(s, orders, h, grams, manifest_no, courier_name, station, operator)
        for o in orders:
            parcels.append((o.order_no, o.waybill_no or "", grams[o.id]))
        s.flush()
        left = _left_behind(s, c.id, cart.cart_id)
        head = s.scalar(select(ChainHead.hash).where(ChainHead.id == 1)) or ""
        return ClosedHandover(
            manifest_no=manifest_no,
            carrier_code=c.code,
            carrier_name=c.name,
            courier_name=courier_name.strip(),
            parcels=parcels,
            left_behind=left,
            total_grams=total,
            at=ev.at,
            chain_head=head,
            entries=entries,
        )
