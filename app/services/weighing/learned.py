"""Learned weights (the weights station): unit weights re-estimated from the floor's weighings,
and a supervisor adopting one (or going back to the master weight)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Carton, Order, OrderLine, Product, Weighing
from app.domain import weighing as rules
from app.domain.stations import station_roles
from app.domain.weight import DEFAULT_CARTON_GRAMS, DEFAULT_FILLER_GRAMS
from app.services.errors import ServiceError
from app.services.operators import require_role
from app.services.weighing.common import REASON_HEAVY, REASON_LIGHT


@dataclass(frozen=True)
class LearnedWeight:
    sku: str
    name: str
    master_grams: int
    adopted_grams: int | None
    learned_grams: int
    samples: int
    spread_grams: int


# --- learned weights -------------------------------------------------------------------------


def learned_weights(db: Database, *, min_samples: int = 3) -> list[LearnedWeight]:
    """Unit weights re-estimated from the floor: the median of single-SKU parcels net of their
    carton and filler (own weighings only: batch-covered rows are not measurements)."""
    with db.read() as s:
        single = (
            select(OrderLine.order_id)
            .group_by(OrderLine.order_id)
            .having(func.count(func.distinct(OrderLine.product_id)) == 1)
            .subquery()
        )
        rows = s.execute(
            select(
                OrderLine.product_id,
                Weighing.grams,
                Carton.tare_grams,
                Carton.filler_grams,
                func.sum(OrderLine.qty),
            )
            .join(single, single.c.order_id == Weighing.order_id)
            .join(OrderLine, OrderLine.order_id == Weighing.order_id)
            .join(Order, Order.id == Weighing.order_id)
            .outerjoin(Carton, Carton.id == Order.carton_id)
            .where(
                Weighing.batch_of.is_(None),
                Weighing.verdict.in_((rules.OK, rules.HOLD)),
                Weighing.reason.in_(("", REASON_LIGHT, REASON_HEAVY)),
                OrderLine.product_id.is_not(None),
            )
            .group_by(
                Weighing.id,
                OrderLine.product_id,
                Weighing.grams,
                Carton.tare_grams,
                Carton.filler_grams,
            )
        ).all()
        per: dict[int, list[tuple[int, int, int]]] = {}
        for pid, grams, tare, filler, qty in rows:
            pack = (DEFAULT_CARTON_GRAMS if tare is None else tare) + (
                DEFAULT_FILLER_GRAMS if filler is None else filler
            )
            per.setdefault(pid, []).append((grams, pack, int(qty)))
        out = []
        products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(list(per))))}
        for pid, parcels in per.items():
            est = rules.learned_unit_grams(parcels, min_samples=min_samples)
            p = products.get(pid)
            if est is None or p is None:
                continue
            out.append(
                LearnedWeight(
                    p.sku,
                    p.name,
                    p.unit_grams,
                    p.adopted_grams,
                    est.grams,
                    est.samples,
                    est.spread_grams,
                )  # fmt: skip
            )
        out.sort(key=lambda x: (-abs(x.learned_grams - x.master_grams), x.sku))
        return out


def adopt_weight(
    db: Database, sku: str, grams: int | None, operator: str, *, station: str = ""
) -> None:
    """A supervisor adopts a unit weight (None or 0 goes back to the master weight)."""
    require_role(db, operator, station_roles("weights"))
    if grams is not None and grams < 0:
        raise ServiceError("bad_grams", grams=grams)
    with db.write() as s:
        p = s.scalars(select(Product).where(Product.sku == sku).with_for_update()).first()
        if p is None:
            raise ServiceError("unknown_sku", sku=sku)
        before = p.adopted_grams
        p.adopted_grams = grams or None
        append_event(
            s,
            "weight_adopted",
            station=station,
            operator=operator,
            detail={
                "sku": sku,
                "master_grams": p.unit_grams,
                "previous_grams": before,
                "adopted_grams": p.adopted_grams,
            },
        )
