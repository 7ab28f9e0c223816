"""Picking (配货): a pick list by batch code or one order, an item scanned, a whole line
confirmed by hand, and a shortage (缺货) that puts the waiting orders on hold."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Order, OrderLine, OrderStatus, PrintJob, Product, ScanEvent, utcnow
from app.domain.verify import COUNTED, match_item, matching_lines, read_scan
from app.services.errors import ServiceError
from app.services.scanning.common import (
    _find_order,
    _known_product,
    _line_row,
    _record,
    _refusal_for_status,
    _state,
    _stop,
)
from app.services.scanning.holds import _hold

_PICK_COUNTED = COUNTED | {"confirmed"}


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
