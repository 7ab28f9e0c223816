"""Changing the carrier of an order before printing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Carrier, Order, OrderStatus, utcnow
from app.domain.carriers import CarrierRule, serves
from app.domain.stations import station_roles
from app.services.errors import ServiceError
from app.services.operators import require_role
from app.services.waybills.queue import _plan_carrier, _rules, _shop_prefs

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
