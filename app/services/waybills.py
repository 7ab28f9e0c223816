"""The print station's transactions: the queue, batches, waybill numbers, print records.

A waybill number is taken from the carrier's pool inside the same transaction that gives it to
the order: on PostgreSQL the free numbers are locked with ``FOR UPDATE SKIP LOCKED`` (two
stations never wait on or take the same number), on SQLite the write transaction is
``BEGIN IMMEDIATE``; the unique index on the number is the last guard. A number stays with its
order: a failed print is retried with the same number, a reprint prints the same number, and
only a supervisor's void (with a reason) takes it out of use, for ever.

Print jobs are evidence: one `PrintJob` row and one event per document sent, with its result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select, true, update
from sqlalchemy.orm import Session, selectinload

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import (
    Carrier,
    Order,
    OrderLine,
    OrderStatus,
    PrintJob,
    Product,
    Shop,
    WaybillNumber,
    utcnow,
)
from app.domain.batching import (
    MAX_BATCH,
    Candidate,
    arrange_batch,
    cutoff_at,
    same_day,
)
from app.domain.carriers import CarrierRule, choose_carrier, serves
from app.domain.floortime import to_floor
from app.domain.orders import LEFT_WAREHOUSE
from app.domain.privacy import mask_name
from app.domain.stations import station_roles
from app.domain.weight import unit_weight
from app.services.floortime import floor_zone
from app.services.operators import require_role
from app.services.orders import ServiceError, packing_of
from app.services.platform_numbers import number_through_platforms, platform_accounts
from app.services.privacy import label_masks_phone

REPRINT_REASONS = ("jammed", "smudged", "lost", "address_changed", "other")


# --- the queue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueSummary:
    waiting: int  # paid orders without a printed waybill
    same_day: int  # of those, paid before today's cut-off
    cutoff: dt.datetime
    retry: int  # numbers allocated but the print failed
    by_carrier: list[tuple[str, str, int]]  # code, name, count (planned carrier)
    by_sku: list[tuple[str, str, int]]  # sku, name, orders


def _rules(s: Session) -> dict[int, CarrierRule]:
    return {
        c.id: CarrierRule(c.id, c.code, tuple(c.excluded_areas or ()), c.active)
        for c in s.scalars(select(Carrier).order_by(Carrier.id))
    }


def _shop_prefs(s: Session) -> dict[int, tuple[int | None, int | None]]:
    return {
        sid: (p, q)
        for sid, p, q in s.execute(
            select(Shop.id, Shop.primary_carrier_id, Shop.secondary_carrier_id)
        )
    }


def _plan_carrier(
    o_carrier_id: int | None,
    shop_id: int | None,
    province: str,
    city: str,
    rules: dict[int, CarrierRule],
    prefs: dict[int, tuple[int | None, int | None]],
) -> CarrierRule | None:
    if o_carrier_id is not None and o_carrier_id in rules:
        return rules[o_carrier_id]  # chosen at review or by a manual override
    primary, secondary = prefs.get(shop_id or -1, (None, None))
    preferred = [rules[i] for i in (primary, secondary) if i in rules]
    others = [r for r in rules.values() if r not in preferred]
    return choose_carrier(province, city, preferred, others)


def _waiting_query(sku: str | None = None, shop_id: int | None = None):
    q = select(Order).where(Order.status == OrderStatus.PAID.value)
    if shop_id is not None:
        q = q.where(Order.shop_id == shop_id)
    if sku:
        q = q.where(Order.id.in_(select(OrderLine.order_id).where(OrderLine.sku == sku)))
    return q


def print_queue(db: Database, now: dt.datetime | None = None) -> QueueSummary:
    now = now or utcnow()
    with db.read() as s:
        cut = cutoff_at(now, zone=floor_zone(s))
        rules, prefs = _rules(s), _shop_prefs(s)
        names = {c.code: c.name for c in s.scalars(select(Carrier))}
        waiting = same = retry = 0
        per_carrier: dict[str, int] = {}
        for _oid, cid, shop_id, prov, city, paid, wb in s.execute(
            select(
                Order.id,
                Order.carrier_id,
                Order.shop_id,
                Order.province,
                Order.city,
                Order.paid_at,
                Order.waybill_no,
            ).where(Order.status == OrderStatus.PAID.value)
        ):
            waiting += 1
            same += paid is not None and paid < cut
            retry += wb is not None
            rule = _plan_carrier(cid, shop_id, prov, city, rules, prefs)
            code = rule.code if rule else ""
            per_carrier[code] = per_carrier.get(code, 0) + 1
        by_sku = [
            (sku, name or "", n)
            for sku, name, n in s.execute(
                select(OrderLine.sku, Product.name, func.count(func.distinct(OrderLine.order_id)))
                .join(Order, Order.id == OrderLine.order_id)
                .outerjoin(Product, Product.id == OrderLine.product_id)
                .where(Order.status == OrderStatus.PAID.value)
                .group_by(OrderLine.sku, Product.name)
                .order_by(func.count(func.distinct(OrderLine.order_id)).desc(), OrderLine.sku)
                .limit(50)
            )
        ]
    return QueueSummary(
        waiting=waiting,
        same_day=same,
        cutoff=cut,
        retry=retry,
        by_carrier=sorted(
            ((c, names.get(c, ""), n) for c, n in per_carrier.items()), key=lambda t: -t[2]
        ),
        by_sku=by_sku,
    )


# --- batches ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchLine:
    order_id: int
    order_no: str
    carrier: str  # planned (or allocated) carrier code; '' when nobody serves the address
    waybill_no: str  # '' until allocated
    receiver_name: str  # masked for the screen (王*雨): app.domain.privacy
    province: str
    city: str
    item_count: int
    skus: tuple[str, ...]
    paid_at: dt.datetime | None
    same_day: bool


def _candidates(
    s: Session,
    *,
    limit: int,
    carrier: str | None,
    sku: str | None,
    shop_id: int | None,
    order_nos: list[str] | None,
    now: dt.datetime,
    lock: bool = False,
) -> list[tuple[Candidate, Order]]:
    """Waiting orders, first paid first. Orders already holding a number (another station's
    batch being printed, or a failed print) are only taken when named in ``order_nos``; with
    ``lock`` on PostgreSQL rows another station is allocating are skipped, not waited for."""
    rules, prefs = _rules(s), _shop_prefs(s)
    q = _waiting_query(sku, shop_id)
    if order_nos:
        q = q.where(Order.order_no.in_(order_nos))
    else:
        q = q.where(Order.waybill_no.is_(None))
    q = q.order_by(Order.paid_at, Order.id)
    pg_lock = lock and s.get_bind().dialect.name == "postgresql"
    out: list[tuple[Candidate, Order]] = []
    # rule 1 picks which orders: the first paid. A carrier filter needs each order's planned
    # carrier, so orders are read in pages; on PostgreSQL only the chosen rows are then locked
    # (SKIP LOCKED: another station's rows are passed over, never waited for or shared).
    offset, page = 0, max(limit * 2, 200)
    while len(out) < limit:
        orders = list(s.scalars(q.offset(offset).limit(page)))
        if not orders:
            break
        offset += page
        matching: list[tuple[Order, str]] = []
        for o in orders:
            rule = _plan_carrier(o.carrier_id, o.shop_id, o.province, o.city, rules, prefs)
            code = rule.code if rule else ""
            if not carrier or code == carrier:
                matching.append((o, code))
        chosen: list[tuple[Order, str]] = []
        i = 0
        while i < len(matching) and len(out) + len(chosen) < limit:
            take = matching[i : i + limit - len(out) - len(chosen)]
            i += len(take)
            if pg_lock:
                locked = set(
                    s.scalars(
                        select(Order.id)
                        .where(Order.id.in_([o.id for o, _ in take]))
                        .where(Order.status == OrderStatus.PAID.value)
                        .where(Order.waybill_no.is_(None) if not order_nos else true())
                        .with_for_update(skip_locked=True)
                    )
                )
                take = [(o, code) for o, code in take if o.id in locked]
                for o, _ in take:
                    s.refresh(o)  # the locked, current row
            chosen += take
        for o, code in chosen:
            cand = Candidate(
                order_id=o.id,
                order_no=o.order_no,
                paid_at=o.paid_at,
                promised_ship_at=o.promised_ship_at,
                item_count=o.item_count or sum(li.qty for li in o.lines),
                skus=tuple(sorted({li.sku for li in o.lines})),
                carrier=code,
            )
            out.append((cand, o))
    return out


def _line(c: Candidate, o: Order, now: dt.datetime, zone: dt.tzinfo) -> BatchLine:
    return BatchLine(
        order_id=o.id,
        order_no=o.order_no,
        carrier=c.carrier,
        waybill_no=o.waybill_no or "",
        receiver_name=mask_name(o.receiver_name),  # shown masked: app.domain.privacy
        province=o.province,
        city=o.city,
        item_count=c.item_count,
        skus=c.skus,
        paid_at=o.paid_at,
        same_day=same_day(o.paid_at, now, zone=zone),
    )


def preview_batch(
    db: Database,
    *,
    limit: int = MAX_BATCH,
    carrier: str | None = None,
    sku: str | None = None,
    shop_id: int | None = None,
    order_nos: list[str] | None = None,
    now: dt.datetime | None = None,
) -> list[BatchLine]:
    """The next batch in print order, nothing written."""
    now = now or utcnow()
    with db.read() as s:
        found = _candidates(
            s,
            limit=limit,
            carrier=carrier,
            sku=sku,
            shop_id=shop_id,
            order_nos=order_nos,
            now=now,
        )
        by_id = {c.order_id: o for c, o in found}
        zone = floor_zone(s)
        return [
            _line(c, by_id[c.order_id], now, zone)
            for c in arrange_batch((c for c, _ in found), zone)
        ]


@dataclass
class Batch:
    code: str
    lines: list[BatchLine] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # order_no, reason code


def _take_numbers(s: Session, carrier_id: int, n: int) -> list[WaybillNumber]:
    q = (
        select(WaybillNumber)
        .where(WaybillNumber.carrier_id == carrier_id, WaybillNumber.status == "free")
        .order_by(WaybillNumber.id)
        .limit(n)
    )
    if s.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    return list(s.scalars(q))


def allocate_batch(
    db: Database,
    *,
    limit: int = MAX_BATCH,
    carrier: str | None = None,
    sku: str | None = None,
    shop_id: int | None = None,
    order_nos: list[str] | None = None,
    operator: str = "",
    station: str = "",
    now: dt.datetime | None = None,
) -> Batch:
    """Choose the next batch and give each order a carrier and a waybill number.

    Orders that already hold a number (a failed print) keep it. An order whose shop has an
    e-waybill account for its carrier gets its number from that platform
    (`app.services.platform_numbers`), after the pool's transaction: the platform answers over
    the network. An order whose address no carrier serves, whose carrier's pool is empty, or
    that its platform refused, is refused with a reason and left waiting.
    """
    if limit < 1:
        raise ServiceError("bad_limit", limit=limit)
    now = now or utcnow()
    with db.write() as s:
        found = _candidates(
            s,
            limit=limit,
            carrier=carrier,
            sku=sku,
            shop_id=shop_id,
            order_nos=order_nos,
            now=now,
            lock=True,
        )
        if order_nos:
            missing = set(order_nos) - {c.order_no for c, _ in found}
            known = dict(
                s.execute(
                    select(Order.order_no, Order.status).where(Order.order_no.in_(missing))
                ).all()
            )
        else:
            missing, known = set(), {}
        rules = {r.code: r for r in _rules(s).values()}
        zone = floor_zone(s)
        arranged = arrange_batch((c for c, _ in found), zone)
        orders = {c.order_id: o for c, o in found}
        head = append_event(
            s,
            "batch_allocated",
            station=station,
            operator=operator,
            detail={"orders": len(arranged), "carrier": carrier or "", "sku": sku or ""},
            at=now,
        )
        local = to_floor(now, zone)
        batch = Batch(code=f"P{local:%y%m%d}-{head.seq}")
        batch.refused = [
            (no, "not_waiting" if no in known else "order_not_found") for no in sorted(missing)
        ]
        need: dict[str, list[Candidate]] = {}
        accounts = platform_accounts(s)
        by_platform: dict[int, list[int]] = {}  # account → orders its platform numbers
        for c in arranged:
            o = orders[c.order_id]
            if o.waybill_no:
                continue
            if not c.carrier:
                batch.refused.append((o.order_no, "no_carrier_serves"))
                continue
            account = accounts.get((o.shop_id, c.carrier))
            if account is not None:
                o.carrier_id = rules[c.carrier].id
                by_platform.setdefault(account, []).append(o.id)
                continue
            need.setdefault(c.carrier, []).append(c)
        taken: dict[int, tuple[str, str]] = {}
        for code, cands in need.items():
            rule = rules[code]
            numbers = _take_numbers(s, rule.id, len(cands))
            for c, wn in zip(cands, numbers, strict=False):
                o = orders[c.order_id]
                res = s.execute(
                    update(WaybillNumber)
                    .where(WaybillNumber.id == wn.id, WaybillNumber.status == "free")
                    .values(status="used", order_id=o.id, allocated_at=now)
                )
                if res.rowcount != 1:  # pragma: no cover - guarded by the lock
                    batch.refused.append((o.order_no, "pool_empty"))
                    continue
                o.waybill_no = wn.number
                o.carrier_id = rule.id
                o.updated_at = now
                taken[o.id] = (code, wn.number)
                append_event(
                    s,
                    "waybill_allocated",
                    order_id=o.id,
                    station=station,
                    operator=operator,
                    detail={"waybill_no": wn.number, "carrier": code, "batch": batch.code},
                    at=now,
                )
            for c in cands[len(numbers) :]:
                batch.refused.append((orders[c.order_id].order_no, "pool_empty"))
        s.flush()
        if not by_platform:
            batch.lines = _lines(arranged, orders, now, zone)
            return batch
    # outside the transaction: the platforms answer over the network; then the batch's lines
    # are read again, with the numbers the platforms gave
    batch.refused += number_through_platforms(
        db, by_platform, batch=batch.code, operator=operator, station=station, now=now
    )
    with db.read() as s:
        fresh = {o.id: o for o in s.scalars(select(Order).where(Order.id.in_(list(orders))))}
        batch.lines = _lines(arranged, fresh, now, zone)
    return batch


def _lines(
    arranged: list[Candidate], orders: dict[int, Order], now: dt.datetime, zone: dt.tzinfo
) -> list[BatchLine]:
    """The batch's lines in batch order: the orders that hold a number."""
    return [
        _line(c, orders[c.order_id], now, zone)
        for c in arranged
        if c.order_id in orders and orders[c.order_id].waybill_no
    ]


# --- what a document needs --------------------------------------------------------------------


@dataclass(frozen=True)
class GoodsItem:
    sku: str
    name: str
    qty: int
    barcode: str
    bin_location: str
    unit_grams: int


@dataclass(frozen=True)
class WaybillInfo:
    """Everything the waybill, its stub and the slip show, as plain data."""

    order_id: int
    order_no: str
    platform: str
    waybill_no: str
    carrier_code: str
    carrier_name: str
    receiver_name: str
    receiver_phone: str
    province: str
    city: str
    district: str
    address: str
    sender_name: str
    sender_phone: str
    sender_address: str
    shop: str
    goods: tuple[GoodsItem, ...]
    expected_grams: int
    buyer_message: str
    seller_remark: str
    paid_at: dt.datetime | None
    status: str
    #: the floor setting (``label_privacy.mask_phone``): our label prints the phone masked
    label_masks_phone: bool = False


def waybill_infos(db: Database, order_ids: list[int]) -> list[WaybillInfo]:
    """Plain data for the documents of these orders, in the order given."""
    with db.read() as s:
        orders = {
            o.id: o
            for o in s.scalars(
                select(Order)
                .where(Order.id.in_(order_ids))
                .options(
                    selectinload(Order.lines)
                    .selectinload(OrderLine.product)
                    .selectinload(Product.barcodes),
                    selectinload(Order.shop),
                    selectinload(Order.carrier),
                    selectinload(Order.carton),
                )
            )
        }
        out = []
        masks_phone = label_masks_phone(s)
        for oid in order_ids:
            o = orders.get(oid)
            if o is None:
                continue
            goods = []
            pairs = []
            for li in o.lines:
                p = li.product
                grams = unit_weight(p.unit_grams, p.adopted_grams) if p else 0
                pairs.append((grams, li.qty))
                goods.append(
                    GoodsItem(
                        sku=li.sku,
                        name=p.name if p else li.title,
                        qty=li.qty,
                        barcode=p.barcodes[0].code if p and p.barcodes else "",
                        bin_location=p.bin_location if p else "",
                        unit_grams=grams,
                    )
                )
            shop = o.shop
            exp = packing_of(o.carton, shop).expected(pairs)
            out.append(
                WaybillInfo(
                    order_id=o.id,
                    order_no=o.order_no,
                    platform=o.platform,
                    waybill_no=o.waybill_no or "",
                    carrier_code=o.carrier.code if o.carrier else "",
                    carrier_name=o.carrier.name if o.carrier else "",
                    receiver_name=o.receiver_name,
                    receiver_phone=o.receiver_phone,
                    province=o.province,
                    city=o.city,
                    district=o.district,
                    address=o.address,
                    sender_name=shop.sender_name if shop else "",
                    sender_phone=shop.sender_phone if shop else "",
                    sender_address=shop.sender_address if shop else "",
                    shop=shop.name if shop else "",
                    goods=tuple(goods),
                    expected_grams=exp.grams,
                    buyer_message=o.buyer_message,
                    seller_remark=o.seller_remark,
                    paid_at=o.paid_at,
                    status=o.status,
                    label_masks_phone=masks_phone,
                )
            )
        return out


# --- print records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class JobRecord:
    order_no: str
    waybill_no: str
    document: str
    ok: bool
    job_id: int


def record_print(
    db: Database,
    order_ids: list[int],
    *,
    document: str,
    batch_code: str,
    printer: str,
    ok: bool,
    message: str = "",
    operator: str = "",
    station: str = "",
    reason: str = "",
    reprint: bool = False,
    forced: bool = False,
) -> list[JobRecord]:
    """One print job per order and document, with its result; a printed waybill moves the
    order from ``paid`` to ``printed`` (and an address-change hold is released by its reprint).
    ``forced``: a reprint confirmed although the parcel had left the warehouse; its event
    says so (``forced``, with the status then)."""
    out = []
    with db.write() as s:
        for o in s.scalars(select(Order).where(Order.id.in_(order_ids)).with_for_update()):
            prev = None
            if reprint:
                prev = s.scalar(
                    select(PrintJob.id)
                    .where(PrintJob.order_id == o.id, PrintJob.document == document)
                    .order_by(PrintJob.id.desc())
                    .limit(1)
                )
            kind = ("reprinted" if reprint else "printed") if ok else "print_failed"
            ev = append_event(
                s,
                kind,
                order_id=o.id,
                station=station,
                operator=operator,
                detail={
                    "document": document,
                    "waybill_no": o.waybill_no or "",
                    "printer": printer,
                    "batch": batch_code,
                    **({"reason": reason} if reason else {}),
                    **({"message": message} if message else {}),
                    **(
                        {"forced": True, "status": o.status}
                        if forced and o.status in LEFT_WAREHOUSE
                        else {}
                    ),
                },
            )
            job = PrintJob(
                event_id=ev.id,
                order_id=o.id,
                document=document,
                waybill_no=o.waybill_no,
                batch_code=batch_code,
                printer=printer,
                reprint_of=prev,
                reason=reason,
                result="ok" if ok else "failed",
                message=message[:256],
            )
            s.add(job)
            s.flush()
            if ok and document == "waybill":
                if o.status == OrderStatus.PAID:
                    o.status = OrderStatus.PRINTED.value
                    o.updated_at = utcnow()
                elif (
                    o.status == OrderStatus.HELD
                    and o.hold_reason == "address_changed"
                    and (reason == "address_changed")
                ):
                    o.status, o.hold_reason = OrderStatus.PRINTED.value, ""
                    o.updated_at = utcnow()
            out.append(JobRecord(o.order_no, o.waybill_no or "", document, ok, job.id))
    return out


def order_for_waybill(db: Database, waybill_no: str) -> int:
    with db.read() as s:
        oid = s.scalar(select(Order.id).where(Order.waybill_no == waybill_no.strip()))
    if oid is None:
        raise ServiceError("waybill_not_found", waybill=waybill_no)
    return oid


def check_reprint(db: Database, waybill_no: str, reason: str, *, force: bool = False) -> int:
    """The order a reprint is for; refuses unknown numbers, a missing reason, cancelled orders
    and, unless ``force``, a parcel already handed to the courier (``reprint_left_warehouse``:
    a second label for it can ship a duplicate)."""
    if not reason.strip():
        raise ServiceError("reason_required")
    oid = order_for_waybill(db, waybill_no)
    with db.read() as s:
        status, order_no = s.execute(
            select(Order.status, Order.order_no).where(Order.id == oid)
        ).one()
    if status == OrderStatus.CANCELLED:
        raise ServiceError("order_cancelled", waybill=waybill_no)
    if status in LEFT_WAREHOUSE and not force:
        raise ServiceError(
            "reprint_left_warehouse", waybill=waybill_no, order_no=order_no, status=status
        )
    return oid


def void_waybill(
    db: Database,
    waybill_no: str,
    reason: str,
    *,
    operator: str = "",
    station: str = "",
    platform: dict | None = None,
) -> str:
    """Take a number out of use for ever (damaged label, cancelled order); the order, if it
    is still to ship, goes back to the queue for a new number. Returns the order number.
    ``platform``: the platform's answer to the cancel of a platform's number (recorded)."""
    if not reason.strip():
        raise ServiceError("reason_required")
    number = waybill_no.strip()
    with db.write() as s:
        wn = s.scalars(select(WaybillNumber).where(WaybillNumber.number == number)).first()
        if platform is not None:  # a platform's number: its order holds it
            o = s.scalars(select(Order).where(Order.waybill_no == number).with_for_update()).first()
        elif wn is None or wn.status != "used":
            raise ServiceError("waybill_not_found", waybill=waybill_no)
        else:
            o = s.get(Order, wn.order_id) if wn.order_id else None
            wn.status = "void"
        order_no = ""
        if o is not None:
            order_no = o.order_no
            if o.waybill_no == number:
                o.waybill_no = None
                if o.status in (OrderStatus.PRINTED, OrderStatus.HELD):
                    o.status, o.hold_reason = OrderStatus.PAID.value, ""
                o.updated_at = utcnow()
        append_event(
            s,
            "waybill_voided",
            order_id=o.id if o else None,
            station=station,
            operator=operator,
            detail={
                "waybill_no": number,
                "reason": reason,
                **({"platform": platform} if platform is not None else {}),
            },
        )
    return order_no


#: Who may change the carrier of an order before printing (admin always may).
CARRIER_ROLES = station_roles("print")


@dataclass(frozen=True)
class CarrierChange:
    order_no: str
    old_carrier: str  # the carrier it would have printed with ("" when none serves it)
    new_carrier: str


def override_carrier(
    db: Database,
    order_nos: list[str],
    carrier_code: str,
    reason: str,
    *,
    operator: str = "",
    station: str = "",
) -> list[CarrierChange]:
    """Manual carrier override at review (改快递): the orders ship with ``carrier_code``.

    Only orders still waiting to print (``paid``, no waybill number) can change: a printed
    order must have its waybill voided first, so a number is never silently abandoned. A
    carrier that is inactive or does not serve the address (超区) is refused — the override is
    for choosing among carriers that can deliver. One transaction for all the orders (all or
    none), each change an event with the old and new carrier and the reason. Stations pass
    the signed-in operator (print operator or supervisor); the headless CLI passes none.
    """
    reason = reason.strip()
    if not reason:
        raise ServiceError("reason_required")
    if operator:
        require_role(db, operator, CARRIER_ROLES)
    wanted = [n.strip() for n in order_nos if n.strip()]
    if not wanted:
        raise ServiceError("order_not_found", order="")
    changes: list[CarrierChange] = []
    with db.write() as s:
        carrier = s.scalars(select(Carrier).where(Carrier.code == carrier_code.strip())).first()
        if carrier is None:
            raise ServiceError("carrier_unknown", carrier=carrier_code)
        rule = CarrierRule(
            carrier.id, carrier.code, tuple(carrier.excluded_areas or ()), carrier.active
        )
        rules, prefs = _rules(s), _shop_prefs(s)
        orders = {
            o.order_no: o
            for o in s.scalars(select(Order).where(Order.order_no.in_(wanted)).with_for_update())
        }
        for no in wanted:
            o = orders.get(no)
            if o is None:
                raise ServiceError("order_not_found", order=no)
            if o.status != OrderStatus.PAID.value or o.waybill_no:
                raise ServiceError("carrier_change_too_late", order=no, status=o.status)
            if not serves(rule, o.province or "", o.city or ""):
                raise ServiceError(
                    "carrier_not_serving", order=no, carrier=carrier.code, area=o.province or ""
                )
            planned = _plan_carrier(o.carrier_id, o.shop_id, o.province, o.city, rules, prefs)
            old = planned.code if planned else ""
            o.carrier_id = carrier.id
            o.updated_at = utcnow()
            append_event(
                s,
                "carrier_changed",
                order_id=o.id,
                station=station,
                operator=operator,
                detail={"from": old, "to": carrier.code, "reason": reason},
            )
            changes.append(CarrierChange(no, old, carrier.code))
    return changes
