"""Packing (打包): the cartons, the packing confirmation setting, packing an order with its
carton scanned and the packing view (reminders and the suggested carton)."""

from __future__ import annotations

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Carton, Order, OrderStatus, utcnow
from app.domain.verify import CartonSpec
from app.services import floor_settings
from app.services.errors import ServiceError
from app.services.scanning.common import (
    _cartons,
    _claimed_elsewhere,
    _load_lines,
    _record,
    _refusal_for_status,
    _stop,
    _view,
)
from app.services.scanning.views import OrderView

# --- packing ----------------------------------------------------------------------------------


def packing_confirmation(db: Database) -> bool:
    """Packing confirmation (`floor_settings.PACKING_REQUIRED`): when on, weighing needs
    ``packed``; when off (the demo floor profile) a verified order may go straight to weighing."""
    return floor_settings.get(db, floor_settings.PACKING_REQUIRED)


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
