"""Verification (校验): an item scanned against the open order, serial numbers, the recount
after a weight hold, and a supervisor's undo of the last counted scan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.db.chain import append_event, read_together
from app.db.engine import Database
from app.db.models import Event, Order, OrderStatus, Override, ScanEvent, utcnow
from app.domain.verify import COUNTED, ScanCode, match_item, matching_lines, read_scan
from app.services.errors import ServiceError
from app.services.operators import authorize
from app.services.scanning.common import (
    _ORDER_BY_ID,
    _RELEASES,
    _SELECT_LINES,
    STEP_STATUSES,
    SUPERVISOR_ROLES,
    _claimed_elsewhere,
    _count_verified,
    _known_product,
    _line_view,
    _LineRow,
    _lines_from,
    _load_lines,
    _order_id_for,
    _record,
    _refusal_for_status,
    _state,
    _stop,
    _update_order,
)
from app.services.scanning.views import ScanResult

# --- verification -----------------------------------------------------------------------------


def _recount_mark(s: Session, order_id: int) -> int:
    """The event id from which the order's verification counts (0: all of it). A release
    from a weight hold sends the parcel back for a recount: scans before it no longer count
    (their rows stay on the record), so a serial number scanned again in the recount is
    this parcel's, and an undo never reaches back past the recount."""
    return _recount_from(s.connection().execute(_RELEASES, {"key": order_id}))


def _recount_from(releases: Iterable[Any]) -> int:
    """`_recount_mark` of the order's releases from a hold (`_RELEASES`'s rows)."""
    for r in releases:
        if (r.detail or {}).get("recount"):
            return int(r.id)
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
        # the order (locked) and its lines in one round trip, and an event id for the order's
        # ``verified`` should this scan complete it (`read_together`)
        (orders, line_rows), _ = read_together(
            s,
            (_ORDER_BY_ID, {"key": order_id}),
            (_SELECT_LINES, {"key": order_id}),
            spare_event_ids=1,
        )
        if not orders:
            raise ServiceError("not_found", key=code)
        o = orders[0]
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
            lines = _lines_from(line_rows)
            result = _verify_scan(s, o, lines, code, scan, serial, station, operator, now)
    if err is not None:
        raise err
    assert result is not None
    return result


def _verify_scan(
    s: Session,
    o: Row,
    lines: list[_LineRow],
    code: str,
    scan: ScanCode,
    serial: str | None,
    station: str,
    operator: str,
    now: dt.datetime,
) -> ScanResult:
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
    sup = authorize(db, supervisor_badge, pin, SUPERVISOR_ROLES, station=station)
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
