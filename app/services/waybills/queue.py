"""The print queue: what waits to be printed, by carrier, with each shop's carrier rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Carrier, Order, OrderLine, OrderStatus, Product, Shop, utcnow
from app.domain.batching import cutoff_at
from app.domain.carriers import CarrierRule, choose_carrier
from app.services.floortime import floor_zone


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
