"""The scanning stations' transactions: picking (配货), verification (校验), packing (打包),
holds and the supervisor's queue.

Every scan is recorded, whatever its verdict: one `ScanEvent` row hanging off one chained
`Event` (who, which station, when, what was scanned, the verdict). A refusal that must be
recorded (an intercepted order, a wrong item) is committed first and raised afterwards as a
`ServiceError`, so the record survives the refusal.

``order_lines.verified_qty`` is the running count of verification (derived; the scan events are
the evidence). Picking progress is derived from the pick scan events alone.

An order being verified or packed is claimed by its station (``orders.claimed_by`` /
``claimed_at``); another station scanning it is told which station has it until the claim has
been idle for `CLAIM_IDLE`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from app.db.chain import Appended, append_event
from app.db.engine import Database
from app.db.models import (
    Carrier,
    Carton,
    Event,
    Order,
    OrderLine,
    OrderStatus,
    Override,
    PrintJob,
    Product,
    ProductBarcode,
    ScanEvent,
    utcnow,
)
from app.domain.privacy import mask_name
from app.domain.stations import SUPERVISOR_ACT
from app.domain.status import release_target
from app.domain.verify import (
    COUNTED,
    HOLD_REASONS,
    CartonSpec,
    ItemSpec,
    LineState,
    Reminders,
    ScanCode,
    match_item,
    matching_lines,
    packing_reminders,
    read_scan,
    suggest_carton,
)
from app.domain.weight import unit_weight
from app.services import floor_settings
from app.services.operators import require_role, sign_in
from app.services.orders import ServiceError

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
_PICK_COUNTED = COUNTED | {"confirmed"}
SUPERVISOR_ROLES = SUPERVISOR_ACT


# --- plain data handed to the UI -------------------------------------------------------------


@dataclass(frozen=True)
class LineView:
    line_id: int
    line_no: int
    sku: str
    name: str
    qty: int
    done: int
    bin_location: str = ""
    serial_tracked: bool = False
    fragile: bool = False

    @property
    def complete(self) -> bool:
        return self.done >= self.qty


@dataclass(frozen=True)
class Recount:
    """Why a parcel is verified again: a supervisor released its weight hold."""

    held_for: str  # the weighing's reason: light / heavy
    difference_grams: int | None
    supervisor: str
    note: str


@dataclass(frozen=True)
class OrderView:
    order_id: int
    order_no: str
    waybill_no: str
    status: str
    carrier: str
    receiver_name: str  # masked for the screen (王*雨): app.domain.privacy
    place: str
    lines: tuple[LineView, ...]
    seller_remark: str = ""
    buyer_message: str = ""
    reminders: Reminders | None = None
    suggested_carton: str | None = None
    carton_code: str | None = None
    recount: Recount | None = None  # released from a weight hold: counted again from zero
    #: (packing views) packing confirmation is on: the scale takes the parcel only once packed
    packing_required: bool = False

    @property
    def complete(self) -> bool:
        return all(li.complete for li in self.lines)

    @property
    def units(self) -> int:
        return sum(li.qty for li in self.lines)

    @property
    def units_done(self) -> int:
        return sum(min(li.done, li.qty) for li in self.lines)


@dataclass(frozen=True)
class ScanResult:
    verdict: str
    order_id: int
    code: str
    lines: tuple[LineView, ...]
    status: str
    line_id: int | None = None
    sku: str = ""
    name: str = ""
    serial: str | None = None
    other_order_no: str = ""  # the scan was the waybill of another order
    event_id: int | None = None

    @property
    def line(self) -> LineView | None:
        return next((li for li in self.lines if li.line_id == self.line_id), None)

    @property
    def counted(self) -> bool:
        return self.verdict in COUNTED

    @property
    def complete(self) -> bool:
        return self.status == OrderStatus.VERIFIED.value


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
    s.connection().execute(
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
# cost several times what SQLite needs to run them.
_ORDERS = Order.__table__
_LINES = OrderLine.__table__
_PRODUCTS = Product.__table__
_BARCODES = ProductBarcode.__table__
_INSERT_SCAN = insert(ScanEvent.__table__)
_ORDER_BY_ID = select(_ORDERS).where(_ORDERS.c.id == bindparam("key")).with_for_update()
_ORDER_BY = {
    col.key: select(_ORDERS)
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
_SELECT_LINES = (
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
    )
    .select_from(_LINES.outerjoin(_PRODUCTS, _PRODUCTS.c.id == _LINES.c.product_id))
    .where(_LINES.c.order_id == bindparam("key"))
    .order_by(_LINES.c.line_no)
)
_SELECT_BARCODES = (
    select(_BARCODES.c.product_id, _BARCODES.c.code)
    .join(_LINES, _LINES.c.product_id == _BARCODES.c.product_id)
    .where(_LINES.c.order_id == bindparam("key"))
    .order_by(_BARCODES.c.id)
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
    """An order line with its product, read in two statements (`_load_lines`)."""

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


def _order_row(s: Session, order_id: int) -> Row | None:
    """The order's row, locked for this transaction (attributes as on `Order`)."""
    return s.connection().execute(_ORDER_BY_ID, {"key": order_id}).first()


def _update_order(s: Session, order_id: int, **values: object) -> None:
    s.connection().execute(_UPDATE_ORDER, {"key": order_id, **values})


def _count_verified(s: Session, line_id: int, delta: int) -> None:
    s.connection().execute(_COUNT_VERIFIED, {"key": line_id, "delta": delta})


def _find_order_row(s: Session, code: str) -> Row | None:
    """The order whose waybill (first) or order number is ``code``, its row locked."""
    code = code.strip()
    if not code:
        return None
    conn = s.connection()
    for q in _ORDER_BY.values():
        o = conn.execute(q, {"key": code}).first()
        if o is not None:
            return o
    return None


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
    """The order's lines with their products and barcodes: every verify scan reads them."""
    conn = s.connection()
    codes: dict[int, list[str]] = {}
    for pid, code in conn.execute(_SELECT_BARCODES, {"key": order_id}):
        codes.setdefault(pid, []).append(code)
    out = []
    for r in conn.execute(_SELECT_LINES, {"key": order_id}):
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
                tuple(dict.fromkeys(codes.get(r.product_id, ()))),
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
    carrier = None
    if o.carrier_id:
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


def packing_confirmation(db: Database) -> bool:
    """Packing confirmation (`floor_settings.PACKING_REQUIRED`): when on, weighing needs
    ``packed``; when off (the demo floor profile) a verified order may go straight to weighing."""
    return floor_settings.get(db, floor_settings.PACKING_REQUIRED)


# --- opening an order (waybill or slip scanned) -----------------------------------------------


def open_order(
    db: Database, code: str, *, station: str, operator: str, step: str = "verify"
) -> OrderView:
    """The order whose waybill or order number was scanned, claimed for this station.

    Refusals (``ServiceError``): ``not_found``, ``intercepted`` (cancelled: stop the parcel),
    ``held``, ``already_verified``, ``already_picked``, ``already_packed``,
    ``claimed_elsewhere`` (``station``), ``wrong_step``. Each is recorded as a scan first.
    """
    if step not in STEP_STATUSES:
        raise ValueError(step)
    code = code.strip()
    err: ServiceError | None = None
    view: OrderView | None = None
    now = utcnow()
    with db.write() as s:
        o = _find_order_row(s, code)
        if o is None:
            _record(
                s, step=step, code=code, verdict="not_found", station=station, operator=operator
            )
            err = ServiceError("not_found", key=code)
        elif o.status == OrderStatus.CANCELLED:
            err = _stop(s, o, code, step, station, operator)
        elif (refusal := _refusal_for_status(o, step)) is not None:
            verdict, err = refusal
            _record(
                s,
                step=step,
                code=code,
                verdict=verdict,
                station=station,
                operator=operator,
                order_id=o.id,
            )
        elif step != "pick" and (other := _claimed_elsewhere(o, station, now)):
            _record(
                s,
                step=step,
                code=code,
                verdict="claimed_elsewhere",
                station=station,
                operator=operator,
                order_id=o.id,
                detail={"claimed_by": other},
            )
            err = ServiceError("claimed_elsewhere", order_no=o.order_no, station=other)
        else:
            if step != "pick":
                _update_order(s, o.id, claimed_by=station, claimed_at=now)
            _record(
                s,
                step=step,
                code=code,
                verdict="opened",
                station=station,
                operator=operator,
                order_id=o.id,
            )
            view = _view(s, o, _load_lines(s, o.id), pack=step == "pack")
            if step == "verify":
                view = replace(view, recount=_recount(s, o.id))
    if err is not None:
        raise err
    assert view is not None
    return view


def _recount(s: Session, order_id: int) -> Recount | None:
    """The recount the order is in (released from a weight hold), if any: the release and
    the hold's weighing, for the verifier to see why the parcel came back."""
    mark = _recount_mark(s, order_id)
    if not mark:
        return None
    ev = s.get(Event, mark)
    d = (ev.detail or {}) if ev else {}
    if s.scalar(
        select(func.count())
        .select_from(Event)
        .where(Event.order_id == order_id, Event.kind == "verified", Event.id > mark)
    ):
        return None  # recounted already
    return Recount(
        held_for=str(d.get("held_for", "")),
        difference_grams=d.get("difference_grams"),
        supervisor=ev.operator if ev else "",
        note=str(d.get("note", "")),
    )


#: verdict of a scan refused because the station waits for the worker's decision first
AWAITING_DECISION = "awaiting_decision"


def refuse_scan(
    db: Database,
    code: str,
    *,
    order_id: int | None,
    step: str,
    station: str,
    operator: str,
    verdict: str = AWAITING_DECISION,
) -> None:
    """Record a scan the station refused without looking it up (it waits for a decision,
    e.g. what to do with an order left incomplete): every scan is on the record, refused ones
    too, and counts nothing."""
    with db.write() as s:
        _record(
            s,
            step=step,
            code=code.strip(),
            verdict=verdict,
            station=station,
            operator=operator,
            order_id=order_id,
        )


def release_claim(db: Database, order_id: int, *, station: str) -> None:
    """Let other stations take the order (the station closed or moved on)."""
    with db.write() as s:
        o = s.get(Order, order_id, with_for_update=True)
        if o is not None and o.claimed_by == station:
            o.claimed_by, o.claimed_at = None, None


# --- verification -----------------------------------------------------------------------------


def _recount_mark(s: Session, order_id: int) -> int:
    """The event id from which the order's verification counts (0: all of it). A release
    from a weight hold sends the parcel back for a recount: scans before it no longer count
    (their rows stay on the record), so a serial number scanned again in the recount is
    this parcel's, and an undo never reaches back past the recount."""
    for ev_id, detail in s.execute(
        select(Event.id, Event.detail)
        .where(Event.order_id == order_id, Event.kind == "hold_released")
        .order_by(Event.id.desc())
    ):
        if (detail or {}).get("recount"):
            return int(ev_id)
    return 0


def _serial_seen(s: Session, serial: str, order_id: int) -> str | None:
    """``"parcel"`` when the serial number is already counted in this parcel (since its
    recount, if any), ``"shipped"`` when it is counted in another order that is not
    cancelled, else None. Undone scans do not count."""
    undone = select(Override.target_event_id).where(Override.target_event_id.is_not(None))
    rows = s.execute(
        select(ScanEvent.order_id, ScanEvent.event_id)
        .join(Order, Order.id == ScanEvent.order_id)
        .where(
            ScanEvent.serial_no == serial,
            ScanEvent.verdict.in_(COUNTED),
            Order.status != OrderStatus.CANCELLED.value,
            ScanEvent.event_id.not_in(undone),
        )
    ).all()
    if not rows:
        return None
    mark = _recount_mark(s, order_id) if any(oid == order_id for oid, _ in rows) else 0
    if any(oid == order_id and ev_id > mark for oid, ev_id in rows):
        return "parcel"
    if any(oid != order_id for oid, _ in rows):
        return "shipped"
    return None


def _known_product(s: Session, scan: ScanCode) -> bool:
    if not scan.keys:
        return False
    return (
        s.scalar(select(ProductBarcode.id).where(ProductBarcode.code.in_(scan.keys)).limit(1))
        is not None
    )


def scan_item(
    db: Database,
    order_id: int,
    code: str,
    *,
    station: str,
    operator: str,
    serial: str | None = None,
) -> ScanResult:
    """One item scanned against the open order; the verdict is recorded and committed.

    ``serial``: for a serial-tracked product, the serial number scanned after the item (the
    station sends the item code again with it). A complete order becomes ``verified``.
    Raises ``intercepted`` / ``held`` / ``already_verified`` / ``wrong_step`` /
    ``claimed_elsewhere`` as `open_order` does.
    """
    code = code.strip()
    serial = (serial or "").strip() or None
    scan = read_scan(code)
    err: ServiceError | None = None
    result: ScanResult | None = None
    now = utcnow()
    with db.write() as s:
        o = _order_row(s, order_id)
        if o is None:
            raise ServiceError("not_found", key=code)
        if o.status == OrderStatus.CANCELLED:
            err = _stop(s, o, code, "verify", station, operator)
        elif (refusal := _refusal_for_status(o, "verify")) is not None:
            verdict, err = refusal
            _record(
                s,
                step="verify",
                code=code,
                verdict=verdict,
                station=station,
                operator=operator,
                order_id=o.id,
            )
        elif other := _claimed_elsewhere(o, station, now):
            _record(
                s,
                step="verify",
                code=code,
                verdict="claimed_elsewhere",
                station=station,
                operator=operator,
                order_id=o.id,
                detail={"claimed_by": other},
            )
            err = ServiceError("claimed_elsewhere", order_no=o.order_no, station=other)
        else:
            result = _verify_scan(s, o, code, scan, serial, station, operator, now)
    if err is not None:
        raise err
    assert result is not None
    return result


def _verify_scan(
    s: Session,
    o: Row,
    code: str,
    scan: ScanCode,
    serial: str | None,
    station: str,
    operator: str,
    now: dt.datetime,
) -> ScanResult:
    lines = _load_lines(s, o.id)
    states = [_state(li, li.verified_qty) for li in lines]
    found = matching_lines(states, scan) if not scan.refused else []
    other_no = ""
    known = False
    if not scan.refused and not found:
        known = _known_product(s, scan)
        if not known:
            other = _order_id_for(s, scan.code)
            if other is not None and other[0] != o.id:
                other_no = other[1]
    serial_candidate = serial or scan.serial
    if serial and found and read_scan(serial).keys and matching_lines(states, read_scan(serial)):
        serial_candidate = None  # the item scanned again instead of its serial number
    seen = _serial_seen(s, serial_candidate, o.id) if serial_candidate and found else None
    shipped = {serial_candidate} if seen == "shipped" else set()
    in_parcel = {serial_candidate} if seen == "parcel" else set()
    if other_no:
        m_verdict, m_line, m_lines = "other_order", None, tuple(states)
        m_serial = None
    else:
        m = match_item(
            states,
            scan,
            known_product=known,
            serial=serial_candidate,
            shipped_serials=shipped,
            parcel_serials=in_parcel,
        )
        m_verdict, m_line, m_lines, m_serial = m.verdict, m.line_id, m.lines, m.serial
    by_id = {li.id: li for li in lines}
    if m_verdict in COUNTED and m_line is not None:
        by_id[m_line].verified_qty += 1
        _count_verified(s, m_line, 1)
    status = o.status
    ev = _record(
        s,
        step="verify",
        code=code,
        verdict=m_verdict,
        station=station,
        operator=operator,
        order_id=o.id,
        line_id=m_line,
        serial=m_serial if m_verdict in COUNTED else (serial_candidate or None),
        detail={
            **({"sku": by_id[m_line].sku} if m_line in by_id else {}),
            **({"other_order": other_no} if other_no else {}),
        },
    )
    if m_verdict == "order_complete":
        status = OrderStatus.VERIFIED.value
        _update_order(s, o.id, status=status, claimed_by=None, claimed_at=None, updated_at=now)
        append_event(
            s,
            "verified",
            order_id=o.id,
            station=station,
            operator=operator,
            detail={"status_before": o.status, "units": sum(li.qty for li in lines)},
        )
    else:
        _update_order(s, o.id, claimed_by=station, claimed_at=now)
    done = {st.line_id: st.done for st in m_lines}
    views = tuple(_line_view(li, done.get(li.id, li.verified_qty)) for li in lines)
    line = by_id.get(m_line) if m_line is not None else None
    return ScanResult(
        verdict=m_verdict,
        order_id=o.id,
        code=code,
        lines=views,
        status=status,
        line_id=m_line,
        sku=line.sku if line else "",
        name=(line.product.name if line and line.product else (line.title if line else "")),
        serial=m_serial,
        other_order_no=other_no,
        event_id=ev.id,
    )


def undo_scan(
    db: Database,
    order_id: int,
    *,
    supervisor_badge: str,
    pin: str,
    station: str,
    operator: str,
    reason: str = "",
) -> ScanResult:
    """Take back the last counted verification scan of the order; needs a supervisor's badge
    and PIN. Recorded as a ``scan_undone`` event with an `Override` naming the undone scan."""
    sup = sign_in(db, supervisor_badge, pin)
    require_role(db, sup.code, SUPERVISOR_ROLES)
    now = utcnow()
    with db.write() as s:
        o = s.get(Order, order_id, with_for_update=True)
        if o is None:
            raise ServiceError("not_found", key=str(order_id))
        if o.status not in (
            OrderStatus.PRINTED.value,
            OrderStatus.PICKED.value,
            OrderStatus.VERIFIED.value,
        ):
            raise ServiceError("wrong_step", order_no=o.order_no, status=o.status, step="verify")
        undone = select(Override.target_event_id).where(
            Override.order_id == o.id, Override.target_event_id.is_not(None)
        )
        last = s.scalars(
            select(ScanEvent)
            .where(
                ScanEvent.order_id == o.id,
                ScanEvent.step == "verify",
                ScanEvent.verdict.in_(COUNTED),
                ScanEvent.event_id.not_in(undone),
                ScanEvent.event_id > _recount_mark(s, o.id),
            )
            .order_by(ScanEvent.id.desc())
            .limit(1)
        ).first()
        if last is None:
            raise ServiceError("nothing_to_undo", order_no=o.order_no)
        lines = _load_lines(s, o.id)
        line = next((li for li in lines if li.id == last.order_line_id), None)
        if line is not None and line.verified_qty > 0:
            line.verified_qty -= 1
            _count_verified(s, line.id, -1)
        if o.status == OrderStatus.VERIFIED:
            ev = s.scalars(
                select(Event)
                .where(Event.order_id == o.id, Event.kind == "verified")
                .order_by(Event.seq.desc())
                .limit(1)
            ).first()
            before = (ev.detail or {}).get("status_before") if ev else None
            o.status = before if before in STEP_STATUSES["verify"] else OrderStatus.PRINTED.value
            o.updated_at = now
        o.claimed_by, o.claimed_at = station, now
        target = s.get(Event, last.event_id)
        ev = _record(
            s,
            kind="scan_undone",
            step="verify",
            code=last.code,
            verdict="undone",
            station=station,
            operator=operator,
            order_id=o.id,
            line_id=last.order_line_id,
            detail={
                "undoes_seq": target.seq if target else None,
                "supervisor": sup.code,
                "sku": line.sku if line else "",
                **({"reason": reason} if reason else {}),
                **({"undone_serial": last.serial_no} if last.serial_no else {}),
            },
        )
        s.add(
            Override(
                event_id=ev.id,
                order_id=o.id,
                target_event_id=last.event_id,
                supervisor=sup.code,
                reason=reason or "undo scan",
            )
        )
        views = tuple(_line_view(li) for li in lines)
        return ScanResult(
            verdict="undone",
            order_id=o.id,
            code=last.code,
            lines=views,
            status=o.status,
            line_id=last.order_line_id,
            sku=line.sku if line else "",
            name=(line.product.name if line and line.product else ""),
            event_id=ev.id,
        )


# --- holds and the supervisor's queue ---------------------------------------------------------


def hold(
    db: Database,
    order_id: int,
    reason: str,
    *,
    station: str,
    operator: str,
    step: str = "",
    note: str = "",
) -> str:
    """Put the order on hold with a reason (缺货 shortage, wrong item found, damaged goods,
    address problem, incomplete verification); returns the order number."""
    if reason not in HOLD_REASONS:
        raise ServiceError("bad_hold_reason", reason=reason)
    err: ServiceError | None = None
    with db.write() as s:
        o = s.get(Order, order_id, with_for_update=True)
        if o is None:
            raise ServiceError("not_found", key=str(order_id))
        if o.status == OrderStatus.CANCELLED:
            err = _stop(s, o, o.waybill_no or o.order_no, step or "hold", station, operator)
        elif o.status not in (
            OrderStatus.PRINTED.value,
            OrderStatus.PICKED.value,
            OrderStatus.VERIFIED.value,
            OrderStatus.PACKED.value,
        ):
            raise ServiceError("wrong_step", order_no=o.order_no, status=o.status, step="hold")
        else:
            _hold(s, o, reason, station=station, operator=operator, step=step, note=note)
        order_no = o.order_no
    if err is not None:
        raise err
    return order_no


def _hold(
    s: Session, o: Order, reason: str, *, station: str, operator: str, step: str, note: str = ""
) -> None:
    before = o.status
    o.status = OrderStatus.HELD.value
    o.hold_reason = reason
    o.claimed_by, o.claimed_at = None, None
    o.updated_at = utcnow()
    append_event(
        s,
        "held",
        order_id=o.id,
        station=station,
        operator=operator,
        detail={
            "reason": reason,
            "status_before": before,
            "step": step,
            **({"note": note} if note else {}),
        },
    )


@dataclass(frozen=True)
class HeldOrder:
    order_id: int
    order_no: str
    waybill_no: str
    reason: str
    note: str
    status_before: str
    held_at: dt.datetime | None
    station: str
    operator: str
    receiver_name: str  # masked for the screen (王*雨): app.domain.privacy
    units: int
    release_to: str = ""  # the status a release gives it
    recount: bool = False  # a release sends it back to verification, counts reset
    weight_reason: str = ""  # a weight hold: light / heavy
    difference_grams: int | None = None  # a weight hold: recorded minus expected


def _hold_events(s: Session, ids: list[int]) -> dict[int, Event]:
    """The event that put each order on hold: a ``held`` event (a station's exception), or
    the ``weighed`` event whose verdict was a hold (the scale)."""
    last: dict[int, Event] = {}
    for i in range(0, len(ids), 500):
        for ev in s.scalars(
            select(Event)
            .where(Event.order_id.in_(ids[i : i + 500]), Event.kind.in_(("held", "weighed")))
            .order_by(Event.seq)
        ):
            d = ev.detail or {}
            if ev.kind == "held" or d.get("verdict") == "hold":
                last[ev.order_id] = ev  # type: ignore[index]
    return last


def _held_order(o: Order, ev: Event | None) -> HeldOrder:
    d = (ev.detail or {}) if ev else {}
    weighed = ev is not None and ev.kind == "weighed"
    before = str(d.get("status_before", "")) if not weighed else ""
    release_to, recount = release_target(o.hold_reason, before, bool(o.waybill_no))
    return HeldOrder(
        order_id=o.id,
        order_no=o.order_no,
        waybill_no=o.waybill_no or "",
        reason=o.hold_reason,
        note=str(d.get("note", "")),
        status_before=before,
        held_at=ev.at if ev else o.updated_at,
        station=ev.station if ev else "",
        operator=ev.operator if ev else "",
        receiver_name=mask_name(o.receiver_name),  # shown masked: app.domain.privacy
        units=o.item_count,
        release_to=release_to,
        recount=recount,
        weight_reason=str(d.get("reason", "")) if weighed else "",
        difference_grams=d.get("difference_grams") if weighed else None,
    )


def list_holds(db: Database, limit: int = 500) -> list[HeldOrder]:
    """Held orders, oldest hold first, with who put them on hold, where and why, and where a
    release sends them."""
    with db.read() as s:
        orders = list(
            s.scalars(
                select(Order)
                .where(Order.status == OrderStatus.HELD.value)
                .order_by(Order.updated_at, Order.id)
                .limit(limit)
            )
        )
        events = _hold_events(s, [o.id for o in orders])
        out = [_held_order(o, events.get(o.id)) for o in orders]
        out.sort(key=lambda h: h.held_at or utcnow())
        return out


@dataclass(frozen=True)
class Released:
    """A released hold: where the parcel goes next."""

    order_no: str
    status: str
    recount: bool  # back to verification with its counts reset (a weight hold)
    reason: str  # the hold's reason


def _supervisor(db: Database, operator: str, pin: str | None, reason: str) -> str:
    """A supervisor's act: a reason and the supervisor's own PIN, checked; their code."""
    if not reason.strip():
        raise ServiceError("reason_required")
    require_role(db, operator, SUPERVISOR_ROLES)
    info = sign_in(db, operator, pin)  # a supervisor's badge always needs its PIN
    return info.code


def release_hold(
    db: Database, order_id: int, *, operator: str, station: str, pin: str | None, note: str
) -> Released:
    """A supervisor releases a hold, with a reason and their PIN.

    A weight hold goes back to verification with its counts reset (the recount: open,
    recount, repack, weigh again); any other hold goes back to where it stood
    (`app.domain.status.release_target`). The release is an event naming where it went."""
    code = _supervisor(db, operator, pin, note)
    with db.write() as s:
        o = s.get(Order, order_id, with_for_update=True)
        if o is None or o.status != OrderStatus.HELD:
            raise ServiceError("not_held", order_no=o.order_no if o else str(order_id))
        held = _held_order(o, _hold_events(s, [o.id]).get(o.id))
        status, recount = held.release_to, held.recount
        reason = o.hold_reason
        o.status, o.hold_reason = status, ""
        o.updated_at = utcnow()
        o.claimed_by, o.claimed_at = None, None
        counted = 0
        if recount:
            counted = int(
                s.scalar(
                    select(func.coalesce(func.sum(OrderLine.verified_qty), 0)).where(
                        OrderLine.order_id == o.id
                    )
                )
                or 0
            )
            s.execute(update(OrderLine).where(OrderLine.order_id == o.id).values(verified_qty=0))
        append_event(
            s,
            "hold_released",
            order_id=o.id,
            station=station,
            operator=code,
            detail={
                "reason": reason,
                "status": status,
                "note": note.strip(),
                **(
                    {
                        "recount": True,
                        "counted_before": counted,
                        "held_for": held.weight_reason,
                        "difference_grams": held.difference_grams,
                    }
                    if recount
                    else {}
                ),
            },
        )
        return Released(o.order_no, status, recount, reason)


def cancel_hold(
    db: Database, order_id: int, *, operator: str, station: str, pin: str | None, reason: str
) -> str:
    """A supervisor cancels a held order (reason and PIN): from now on every station stops
    it (拦截)."""
    code = _supervisor(db, operator, pin, reason)
    with db.write() as s:
        o = s.get(Order, order_id, with_for_update=True)
        if o is None or o.status != OrderStatus.HELD:
            raise ServiceError("not_held", order_no=o.order_no if o else str(order_id))
        hold_reason = o.hold_reason
        o.status = OrderStatus.CANCELLED.value
        o.updated_at = utcnow()
        append_event(
            s,
            "hold_cancelled",
            order_id=o.id,
            station=station,
            operator=code,
            detail={"reason": reason, "hold_reason": hold_reason},
        )
        return o.order_no


def find_held(db: Database, code: str) -> int | None:
    """The held order with this waybill or order number (the queue selects it on a scan)."""
    with db.read() as s:
        o = _find_order(s, code, lock=False)
        return o.id if o is not None and o.status == OrderStatus.HELD else None


# --- picking ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PickLine:
    sku: str
    name: str
    bin_location: str
    qty: int
    picked: int
    short: int  # units of orders held for shortage on this line

    @property
    def complete(self) -> bool:
        return self.picked + self.short >= self.qty


@dataclass(frozen=True)
class PickList:
    code: str
    order_ids: tuple[int, ...]
    lines: tuple[PickLine, ...]  # walking order (by bin)
    orders: tuple[tuple[str, str], ...]  # (order_no, status)
    intercepted: tuple[str, ...] = ()  # order numbers cancelled: pull their slips

    @property
    def complete(self) -> bool:
        return all(li.complete for li in self.lines)


@dataclass(frozen=True)
class PickResult:
    verdict: str
    sku: str
    pick_list: PickList
    orders_picked: tuple[str, ...] = ()
    orders_held: tuple[str, ...] = ()


def _picked_counts(s: Session, line_ids: Sequence[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for i in range(0, len(line_ids), 500):
        for lid, n in s.execute(
            select(ScanEvent.order_line_id, func.count())
            .where(
                ScanEvent.order_line_id.in_(line_ids[i : i + 500]),
                ScanEvent.step == "pick",
                ScanEvent.verdict.in_(_PICK_COUNTED),
            )
            .group_by(ScanEvent.order_line_id)
        ):
            out[lid] = n
    return out


def _pick_orders(s: Session, order_ids: Sequence[int], *, lock: bool = False) -> list[Order]:
    q = (
        select(Order)
        .where(Order.id.in_(order_ids))
        .options(
            selectinload(Order.lines).selectinload(OrderLine.product).selectinload(Product.barcodes)
        )
        .order_by(Order.id)
    )
    if lock:
        q = q.with_for_update()
    return list(s.scalars(q))


def _pick_list(s: Session, code: str, orders: list[Order]) -> PickList:
    lines = [li for o in orders for li in o.lines]
    picked = _picked_counts(s, [li.id for li in lines])
    agg: dict[str, dict] = {}
    for o in orders:
        if o.status == OrderStatus.CANCELLED:
            continue
        shortage = o.status == OrderStatus.HELD and o.hold_reason == "shortage"
        if o.status == OrderStatus.HELD and not shortage:
            continue
        for li in o.lines:
            p = li.product
            a = agg.setdefault(
                li.sku,
                {
                    "name": p.name if p else li.title,
                    "bin": p.bin_location if p else "",
                    "qty": 0,
                    "picked": 0,
                    "short": 0,
                },
            )
            a["qty"] += li.qty
            n = min(picked.get(li.id, 0), li.qty)
            a["picked"] += n
            if shortage:
                a["short"] += li.qty - n
    out = tuple(
        PickLine(sku, a["name"], a["bin"], a["qty"], a["picked"], a["short"])
        for sku, a in sorted(agg.items(), key=lambda kv: (kv[1]["bin"] or "~", kv[0]))
    )
    return PickList(
        code=code,
        order_ids=tuple(o.id for o in orders),
        lines=out,
        orders=tuple((o.order_no, o.status) for o in orders),
        intercepted=tuple(o.order_no for o in orders if o.status == OrderStatus.CANCELLED),
    )


def open_pick_list(db: Database, code: str, *, station: str, operator: str) -> PickList:
    """A pick list by its batch code (the code printed on the list: ``print_jobs.batch_code``),
    or one order by its waybill or order number (picking per order, small shops).

    Cancelled orders of a batch are listed in ``intercepted`` (each recorded as a stop);
    a single cancelled order is refused with ``intercepted``.
    """
    code = code.strip()
    err: ServiceError | None = None
    result: PickList | None = None
    with db.write() as s:
        ids = list(
            s.scalars(
                select(PrintJob.order_id)
                .where(PrintJob.batch_code == code, PrintJob.document == "waybill")
                .distinct()
            )
        )
        ids = [i for i in ids if i is not None]
        if ids:
            orders = _pick_orders(s, ids)
            for o in orders:
                if o.status == OrderStatus.CANCELLED:
                    _stop(s, o, code, "pick", station, operator)
            _record(
                s,
                step="pick",
                code=code,
                verdict="opened",
                station=station,
                operator=operator,
                detail={"batch": code, "orders": len(orders)},
            )
            result = _pick_list(s, code, orders)
        else:
            o = _find_order(s, code)
            if o is None:
                _record(
                    s,
                    step="pick",
                    code=code,
                    verdict="not_found",
                    station=station,
                    operator=operator,
                )
                err = ServiceError("not_found", key=code)
            elif o.status == OrderStatus.CANCELLED:
                err = _stop(s, o, code, "pick", station, operator)
            elif (refusal := _refusal_for_status(o, "pick")) is not None:
                verdict, err = refusal
                _record(
                    s,
                    step="pick",
                    code=code,
                    verdict=verdict,
                    station=station,
                    operator=operator,
                    order_id=o.id,
                )
            else:
                _record(
                    s,
                    step="pick",
                    code=code,
                    verdict="opened",
                    station=station,
                    operator=operator,
                    order_id=o.id,
                )
                result = _pick_list(s, code, _pick_orders(s, [o.id]))
    if err is not None:
        raise err
    assert result is not None
    return result


def _finish_picked(
    s: Session, orders: Iterable[Order], station: str, operator: str, code: str
) -> list[str]:
    out = []
    orders = [o for o in orders if o.status == OrderStatus.PRINTED]
    picked = _picked_counts(s, [li.id for o in orders for li in o.lines])
    for o in orders:
        if all(picked.get(li.id, 0) >= li.qty for li in o.lines):
            o.status = OrderStatus.PICKED.value
            o.updated_at = utcnow()
            append_event(
                s,
                "picked",
                order_id=o.id,
                station=station,
                operator=operator,
                detail={"list": code},
            )
            out.append(o.order_no)
    return out


def pick_item(
    db: Database,
    order_ids: Sequence[int],
    code: str,
    *,
    list_code: str,
    station: str,
    operator: str,
) -> PickResult:
    """One item scanned while picking: it counts one unit of the first order (in list order)
    that still needs that product. Fully picked orders become ``picked``."""
    code = code.strip()
    scan = read_scan(code)
    with db.write() as s:
        orders = _pick_orders(s, order_ids, lock=True)
        live = [o for o in orders if o.status == OrderStatus.PRINTED]
        # picked orders stay in the match so that one unit too many is told as such
        lines = [
            li
            for o in orders
            if o.status in (OrderStatus.PRINTED, OrderStatus.PICKED)
            for li in o.lines
        ]
        picked = _picked_counts(s, [li.id for li in lines])
        states = [_state(_line_row(li), picked.get(li.id, 0), serials=False) for li in lines]
        known = bool(not scan.refused and not matching_lines(states, scan)) and _known_product(
            s, scan
        )
        m = match_item(states, scan, known_product=known)
        line = next((li for li in lines if li.id == m.line_id), None)
        order_id = line.order_id if line is not None else None
        _record(
            s,
            step="pick",
            code=code,
            verdict=m.verdict,
            station=station,
            operator=operator,
            order_id=order_id if m.counted else None,
            line_id=m.line_id if m.counted else None,
            detail={"list": list_code, **({"sku": line.sku} if line is not None else {})},
        )
        s.flush()
        done = _finish_picked(s, live, station, operator, list_code) if m.counted else []
        return PickResult(
            verdict=m.verdict,
            sku=line.sku if line is not None else "",
            pick_list=_pick_list(s, list_code, orders),
            orders_picked=tuple(done),
        )


def _sku_on_list(
    s: Session, order_ids: Sequence[int], sku: str
) -> tuple[list[Order], list[Order], list[OrderLine], dict[int, int]]:
    """A pick list's orders (locked), those still to pick, their lines of ``sku`` and the
    units of those lines picked so far."""
    orders = _pick_orders(s, order_ids, lock=True)
    live = [o for o in orders if o.status == OrderStatus.PRINTED]
    lines = [li for o in live for li in o.lines if li.sku == sku]
    return orders, live, lines, _picked_counts(s, [li.id for li in lines])


def confirm_pick_line(
    db: Database,
    order_ids: Sequence[int],
    sku: str,
    *,
    list_code: str,
    station: str,
    operator: str,
) -> PickResult:
    """The picker confirms a whole line (counted by hand): every unit still open is picked."""
    with db.write() as s:
        orders, live, lines, picked = _sku_on_list(s, order_ids, sku)
        for li in lines:
            for _ in range(li.qty - picked.get(li.id, 0)):
                _record(
                    s,
                    step="pick",
                    code=sku,
                    verdict="confirmed",
                    station=station,
                    operator=operator,
                    order_id=li.order_id,
                    line_id=li.id,
                    detail={"list": list_code, "sku": sku},
                )
        s.flush()
        done = _finish_picked(s, live, station, operator, list_code)
        return PickResult(
            verdict="confirmed",
            sku=sku,
            pick_list=_pick_list(s, list_code, orders),
            orders_picked=tuple(done),
        )


def mark_shortage(
    db: Database,
    order_ids: Sequence[int],
    sku: str,
    *,
    list_code: str,
    station: str,
    operator: str,
) -> PickResult:
    """缺货: the orders still waiting for this product go on hold with reason ``shortage``."""
    with db.write() as s:
        orders, live, _lines, picked = _sku_on_list(s, order_ids, sku)
        held = []
        for o in live:
            if any(li.sku == sku and picked.get(li.id, 0) < li.qty for li in o.lines):
                _record(
                    s,
                    step="pick",
                    code=sku,
                    verdict="shortage",
                    station=station,
                    operator=operator,
                    order_id=o.id,
                    detail={"list": list_code, "sku": sku},
                )
                _hold(s, o, "shortage", station=station, operator=operator, step="pick", note=sku)
                held.append(o.order_no)
        s.flush()
        return PickResult(
            verdict="shortage",
            sku=sku,
            pick_list=_pick_list(s, list_code, orders),
            orders_held=tuple(held),
        )


# --- packing ----------------------------------------------------------------------------------


def list_cartons(db: Database) -> list[CartonSpec]:
    with db.read() as s:
        return _cartons(s)


def pack_order(
    db: Database, order_id: int, carton_code: str, *, station: str, operator: str
) -> OrderView:
    """Packing confirmed with the carton scanned: the carton (its tare and filler) enters the
    parcel's expected weight, and the order becomes ``packed``."""
    carton_code = carton_code.strip()
    err: ServiceError | None = None
    view: OrderView | None = None
    now = utcnow()
    with db.write() as s:
        o = s.get(Order, order_id, with_for_update=True)
        if o is None:
            raise ServiceError("not_found", key=str(order_id))
        carton = s.scalars(select(Carton).where(Carton.code == carton_code, Carton.active)).first()
        if o.status == OrderStatus.CANCELLED:
            err = _stop(s, o, carton_code, "pack", station, operator)
        elif (refusal := _refusal_for_status(o, "pack")) is not None:
            verdict, err = refusal
            _record(
                s,
                step="pack",
                code=carton_code,
                verdict=verdict,
                station=station,
                operator=operator,
                order_id=o.id,
            )
        elif (other := _claimed_elsewhere(o, station, now)) is not None:
            err = ServiceError("claimed_elsewhere", order_no=o.order_no, station=other)
        elif carton is None:
            _record(
                s,
                step="pack",
                code=carton_code,
                verdict="unknown_carton",
                station=station,
                operator=operator,
                order_id=o.id,
            )
            err = ServiceError("unknown_carton", carton=carton_code)
        else:
            o.carton_id = carton.id
            o.status = OrderStatus.PACKED.value
            o.claimed_by, o.claimed_at = None, None
            o.updated_at = now
            _record(
                s,
                kind="packed",
                step="pack",
                code=carton_code,
                verdict="packed",
                station=station,
                operator=operator,
                order_id=o.id,
                detail={
                    "carton": carton.code,
                    "tare_grams": carton.tare_grams,
                    "filler_grams": carton.filler_grams,
                },
            )
            view = _view(s, o, _load_lines(s, o.id), pack=True)
    if err is not None:
        raise err
    assert view is not None
    return view


def packing_view(db: Database, order_id: int) -> OrderView:
    """The order with its packing reminders and suggested carton (nothing recorded)."""
    with db.read() as s:
        o = s.get(Order, order_id)
        if o is None:
            raise ServiceError("not_found", key=str(order_id))
        return _view(s, o, _load_lines(s, o.id), pack=True)
