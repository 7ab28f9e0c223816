"""Opening an order at a scanning station (its waybill or slip scanned), a scan refused
without a look-up, and letting go of an order's claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Event, Order, OrderStatus, utcnow
from app.services.errors import ServiceError
from app.services.scanning.common import (
    STEP_STATUSES,
    _claimed_elsewhere,
    _open_reads,
    _record,
    _refusal_for_status,
    _stop,
    _update_order,
    _view,
)
from app.services.scanning.verification import _recount_from
from app.services.scanning.views import OrderView, Recount

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
        opened = _open_reads(s, code)
        o = opened.order if opened is not None else None
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
            # read before the scan is appended: a query of events after it would take the
            # chain head there and then (app.db.chain), for the rest of the transaction; and
            # every read before the writes, which then go with the commit (`write_at_commit`)
            assert opened is not None
            recount = _recount(s, o.id, opened.releases) if step == "verify" else None
            view = _view(s, o, opened.lines, pack=step == "pack")
            if recount is not None:
                view = replace(view, recount=recount)
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
    if err is not None:
        raise err
    assert view is not None
    return view


def _recount(s: Session, order_id: int, releases: Sequence[Any]) -> Recount | None:
    """The recount the order is in (released from a weight hold), if any: the release and
    the hold's weighing, for the verifier to see why the parcel came back. ``releases``:
    the order's releases from a hold, newest first (`_open_reads`)."""
    mark = _recount_from(releases)
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
