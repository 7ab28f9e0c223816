"""Holds and the supervisor's queue: putting an order on hold, the held list, a release (a
weight hold back to a recount) and a cancellation by a supervisor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Event, Order, OrderLine, OrderStatus, utcnow
from app.domain.privacy import mask_name
from app.domain.status import release_target
from app.domain.verify import HOLD_REASONS
from app.services.errors import ServiceError
from app.services.operators import authorize
from app.services.scanning.common import SUPERVISOR_ROLES, _find_order, _stop

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


def _supervisor(db: Database, operator: str, pin: str | None, reason: str, station: str) -> str:
    """A supervisor's act: a reason and the supervisor's own PIN, checked; their code."""
    if not reason.strip():
        raise ServiceError("reason_required")
    return authorize(db, operator, pin, SUPERVISOR_ROLES, station=station).code


def release_hold(
    db: Database, order_id: int, *, operator: str, station: str, pin: str | None, note: str
) -> Released:
    """A supervisor releases a hold, with a reason and their PIN.

    A weight hold goes back to verification with its counts reset (the recount: open,
    recount, repack, weigh again); any other hold goes back to where it stood
    (`app.domain.status.release_target`). The release is an event naming where it went."""
    code = _supervisor(db, operator, pin, note, station)
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
    code = _supervisor(db, operator, pin, reason, station)
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
