"""Batches: the candidates, the preview, and allocating a batch (numbers taken from the
carrier's pool in the same transaction that gives them to the orders)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select, true, update
from sqlalchemy.orm import Session

from app.db.chain import append_event, seal_now
from app.db.engine import Database
from app.db.models import Order, OrderStatus, WaybillNumber, utcnow
from app.domain.batching import MAX_BATCH, Candidate, arrange_batch, same_day
from app.domain.floortime import to_floor
from app.domain.privacy import mask_name
from app.services.errors import ServiceError
from app.services.floortime import floor_zone
from app.services.platform_numbers import number_through_platforms, platform_accounts
from app.services.waybills.queue import _plan_carrier, _rules, _shop_prefs, _waiting_query


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
        seal_now(s)  # the batch code is the event's seq: the head is taken now
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
