"""Verdicts: the waybill scan (what the parcel should weigh, or a refusal), the capture (verdict,
explanation of a hold, batch weighings), `explain_difference` (the one story of a weight told
at the scale, the weigh line and the dispute desk) and a supervisor's override of a weight
hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db.chain import Appended, append_event, next_ids, write_at_commit
from app.db.engine import Database
from app.db.models import Event, Order, OrderLine, OrderStatus, PrintJob, Product, Weighing, utcnow
from app.domain import weighing as rules
from app.domain.stations import SUPERVISOR_ACT
from app.domain.weight import unit_weight
from app.services.errors import ServiceError
from app.services.operators import authorize
from app.services.orders import Packing, order_goods, order_packing
from app.services.scanning.common import _update_order
from app.services.weighing.common import (
    ORDER_OF_WAYBILL,
    REASON_BATCH,
    WEIGHT_REASONS,
    _expected,
    _identity,
    _load,
    _Loaded,
    _lock_chain,
    _ParcelOrder,
    _refusal,
)
from app.services.weighing.stubs import (
    OPEN_BUNDLE,
    StubPlace,
    _allocate_stub,
    _stub_of,
    _weighings_and_stub,
    stub_of_select,
    weighings_and_stub_select,
)

# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineInfo:
    sku: str
    name: str
    qty: int
    unit_grams: int


@dataclass(frozen=True)
class WeighContext:
    """What the station shows after the waybill scan, before the parcel is placed."""

    waybill_no: str
    order_no: str
    status: str
    lines: tuple[LineInfo, ...]
    carton: str
    carton_grams: int
    filler_grams: int
    expected_grams: int
    tolerance_grams: int  # without the scale's division (added at capture)
    tolerance_abs: int
    tolerance_permille: int
    weighings: int  # earlier weighings of this parcel (a re-weigh when > 0)
    stub: StubPlace | None  # the stub's place when it was already pulled
    identity: tuple  # same value = identical parcels (batch weighing)


@dataclass(frozen=True)
class Covered:
    """A parcel covered by a batch weighing."""

    waybill_no: str
    order_no: str
    stub: StubPlace | None


@dataclass(frozen=True)
class WeighResult:
    waybill_no: str
    order_no: str
    grams: int
    expected_grams: int
    tolerance_grams: int
    verdict: str  # ok / hold / override
    reason: str  # "" / light / heavy / not_verified / intercepted
    difference_grams: int  # signed: weighed − expected
    explanation: rules.Explanation | None
    stub: StubPlace | None
    status: str  # the order's status afterwards
    weighing_id: int
    event_seq: int
    covered: tuple[Covered, ...] = ()

    @property
    def suspects(self) -> tuple[rules.Suspect, ...]:
        return self.explanation.suspects if self.explanation else ()

    def as_json(self) -> dict:
        """The ``weigh-line`` JSON line of docs/dev/contract.md."""
        return {
            "waybill_no": self.waybill_no,
            "order_no": self.order_no,
            "grams": self.grams,
            "expected_grams": self.expected_grams,
            "tolerance_grams": self.tolerance_grams,
            "verdict": self.verdict,
            "reason": self.reason,
            "suspects": [{"sku": s.sku, "qty": s.qty} for s in self.suspects],
        }


# --- explanation -----------------------------------------------------------------------------


def _batch_products(s: Session, order_id: int) -> list[tuple[str, str, int]]:
    """Products of the orders printed in the same batch as this one (at most 30)."""
    code = s.scalar(
        select(PrintJob.batch_code)
        .where(PrintJob.order_id == order_id, PrintJob.batch_code != "")
        .order_by(PrintJob.id.desc())
        .limit(1)
    )
    if not code:
        return []
    rows = s.execute(
        select(Product.sku, Product.name, Product.unit_grams, Product.adopted_grams)
        .join(OrderLine, OrderLine.product_id == Product.id)
        .join(PrintJob, PrintJob.order_id == OrderLine.order_id)
        .where(PrintJob.batch_code == code)
        .distinct()
        .limit(30)
    ).all()
    return [(r[0], r[1], unit_weight(r[2], r[3])) for r in rows]


def explain_difference(
    s: Session,
    order_id: int,
    difference: int,
    tolerance: int,
    *,
    division: int = 1,
    lines: list[tuple[str, str, int, int]] | None = None,
    packing: Packing | None = None,
) -> rules.Explanation:
    """Which units most likely make an order's parcel ``difference`` grams off: the one story
    the scale, the weigh line and the dispute desk tell of a weight.

    Light: the order's own units. Heavy: more of its own goods, products of its print batch, a
    second carton, more filler. ``lines`` (sku, name, unit grams, qty) and ``packing`` when the
    caller has read them already."""
    if lines is None:
        lines = order_goods(s, order_id)
    if difference < 0:
        cands = rules.light_candidates(lines)
    else:
        if packing is None:
            packing = order_packing(s, order_id)
        cands = rules.heavy_candidates(
            lines,
            _batch_products(s, order_id),
            carton_grams=packing.carton_grams,
            filler_grams=packing.filler_grams,
        )
    return rules.explain(difference, cands, tolerance, division_grams=division)


def _explanation_json(ex: rules.Explanation | None) -> dict | None:
    if ex is None:
        return None
    return {
        "direction": ex.direction,
        "difference_grams": ex.difference_grams,
        "suspects": [
            {"sku": x.sku, "name": x.name, "qty": x.qty, "unit_grams": x.unit_grams}
            for x in ex.suspects
        ],
        "fit_grams": ex.fit_grams,
        "ambiguous": ex.ambiguous,
        "alternatives": [[{"sku": x.sku, "qty": x.qty} for x in alt] for alt in ex.alternatives],
    }


# --- the scan --------------------------------------------------------------------------------


def start_weighing(
    db: Database, waybill_no: str, *, operator: str = "", station: str = ""
) -> WeighContext:
    """The order behind a scanned waybill and what it should weigh.

    Refusals (`ServiceError`): ``not_found``; ``intercepted`` (the order was cancelled: the
    station stops the parcel); ``held`` (on hold: a supervisor decides first; ``reason`` the
    hold's); ``not_verified`` (status not ready for weighing). A refusal of a
    known order is recorded as a ``weigh_refused`` event.
    """
    code = waybill_no.strip()
    if not code:
        raise ServiceError("not_found", waybill=waybill_no)
    with db.write() as s:
        ld, (so_far,), _ = _load(s, code, also=((_WEIGHINGS_AND_STUB, {"wb": code}),))
        if ld is None:
            raise ServiceError("not_found", waybill=code)
        o = ld.order
        why = _refusal(ld)
        if why:
            append_event(
                s,
                "weigh_refused",
                order_id=o.id,
                station=station,
                operator=operator,
                detail={"waybill_no": code, "reason": why, "status": o.status},
            )
            refusal = ServiceError(
                why, waybill=code, order_no=o.order_no, status=o.status, reason=o.hold_reason
            )
        else:
            refusal = None
            ctx = _context(s, ld, code, so_far)
    if refusal is not None:  # raised after the commit: the refusal stays on record
        raise refusal
    return ctx


def _context(s: Session, ld: _Loaded, code: str, so_far: Sequence[Any]) -> WeighContext:
    """``so_far``: `_WEIGHINGS_AND_STUB`'s rows, read with the order."""
    o = ld.order
    exp = _expected(ld)
    count, stub = _weighings_and_stub(s, o.id, so_far)
    return WeighContext(
        waybill_no=code,
        order_no=o.order_no,
        status=o.status,
        lines=tuple(LineInfo(sku, name, q, g) for sku, name, g, q in ld.lines),
        carton=ld.carton_code,
        carton_grams=ld.carton_grams,
        filler_grams=ld.filler_grams,
        expected_grams=exp.grams,
        tolerance_grams=exp.tolerance_grams,
        tolerance_abs=ld.packing.tolerance_abs,
        tolerance_permille=ld.packing.tolerance_permille,
        weighings=count,
        stub=stub,
        identity=_identity(ld),
    )


# --- the capture -----------------------------------------------------------------------------

# what the scan and the capture read with the order (`_load`), keyed by its waybill
_WEIGHINGS_AND_STUB = weighings_and_stub_select(ORDER_OF_WAYBILL)
_STUB_OF_WAYBILL = stub_of_select(ORDER_OF_WAYBILL)


@dataclass(frozen=True)
class _ReadAhead:
    """What a capture read with its parcel's order (`_load`): where its stub was filed
    (`stub_of_select`'s rows), the station's open bundle, locked (`OPEN_BUNDLE`'s rows), and
    the weighing's id (PostgreSQL; None on SQLite, where it comes with the insert)."""

    stub: Sequence[Any]
    bundle: Sequence[Any]
    weighing_id: int | None


def _record_one(
    s: Session,
    ld: _Loaded,
    grams: int,
    division: int,
    operator: str,
    station: str,
    now: dt.datetime,
    *,
    batch_of: int | None = None,
    leader: tuple[str, int, int, str, str, rules.Explanation | None] | None = None,
    ahead: _ReadAhead | None = None,
) -> tuple[Weighing, Appended, rules.Explanation | None, StubPlace | None]:
    o = ld.order
    exp = _expected(ld, division)
    why = _refusal(ld)
    explanation = None
    if leader is not None:  # a parcel covered by a batch weighing takes the leader's verdict
        verdict, expected, tolerance, reason, _, explanation = leader
        diff = grams - expected
    elif why:
        verdict, reason = rules.HOLD, why
        expected, tolerance, diff = exp.grams, exp.tolerance_grams, grams - exp.grams
    else:
        v = rules.judge(grams, exp.grams, exp.tolerance_grams)
        verdict, expected, tolerance, diff = (
            v.verdict,
            exp.grams,
            exp.tolerance_grams,
            v.difference_grams,
        )
        reason = v.direction
        if verdict == rules.HOLD:
            explanation = explain_difference(
                s,
                o.id,
                diff,
                exp.tolerance_grams,
                division=division,
                lines=ld.lines,
                packing=ld.packing,
            )
    stub = None
    if verdict == rules.OK:
        stub = _stub_of(s, o.id, ahead and ahead.stub) or _allocate_stub(
            s, station, now, ahead and ahead.bundle
        )
        _set_order(s, o, status=OrderStatus.WEIGHED.value, hold_reason="", updated_at=now)
    elif reason in WEIGHT_REASONS:
        _set_order(s, o, status=OrderStatus.HELD.value, hold_reason="weight", updated_at=now)
    detail = {
        "waybill_no": o.waybill_no,
        "grams": grams,
        "expected_grams": expected,
        "tolerance_grams": tolerance,
        "division_grams": division,
        "verdict": verdict,
        "reason": reason,
        "difference_grams": diff,
        "explanation": _explanation_json(explanation),
        "stub": [stub.bundle, stub.position] if stub else None,
        "batch_of": batch_of,
    }
    if ahead is not None and ahead.weighing_id is not None:  # taken with the order
        ids: tuple[int, ...] | None = (*(next_ids(s, "events") or ()), ahead.weighing_id)
    else:  # PostgreSQL: both ids in one round trip; SQLite: None
        ids = next_ids(s, "events", "weighings")
    ev = append_event(
        s,
        "weighed",
        order_id=o.id,
        station=station,
        operator=operator,
        detail=detail,
        at=now,
        id=ids[0] if ids else None,
    )
    values = {
        "event_id": ev.id,
        "order_id": o.id,
        "waybill_no": o.waybill_no or "",
        "grams": grams,
        "expected_grams": expected,
        "tolerance_grams": tolerance,
        "verdict": verdict,
        "reason": REASON_BATCH if batch_of is not None and not reason else reason,
        "batch_of": batch_of,
        "stub_bundle": stub.bundle if stub else None,
        "stub_position": stub.position if stub else None,
    }
    if ids:  # PostgreSQL: the row goes with the commit (`write_at_commit`), its id known
        write_at_commit(s, _INSERT_WEIGHING, {"id": ids[1], **values})
        w = Weighing(id=ids[1], **values)  # what was written, for the result
    else:
        w = Weighing(**values)
        s.add(w)
        s.flush()
    return w, ev, explanation, stub


_INSERT_WEIGHING = insert(Weighing.__table__)


def _set_order(s: Session, o: _ParcelOrder, **values: object) -> None:
    """The capture's change of the order (status, hold reason, time), and of what was read of
    it. PostgreSQL: written with the commit (`write_at_commit`); SQLite: at once."""
    _update_order(s, o.id, **values)
    for key, value in values.items():
        setattr(o, key, value)


def record_weighing(
    db: Database,
    waybill_no: str,
    grams: int,
    division: int = 1,
    operator: str = "",
    station: str = "",
    batch_waybills: list[str] | None = None,
) -> WeighResult:
    """Record one captured weight (and the parcels a batch weighing covers), committed.

    A parcel that may not be weighed (cancelled, not verified) is recorded as a hold with that
    reason and keeps its status. ``ok`` moves the order to ``weighed`` and gives its stub a
    place (kept on a re-weigh); a weight hold moves it to ``held`` (``weight``) and back to
    verification. ``batch_waybills``: identical parcels (same goods and carton) covered by this
    weighing; any other parcel refuses the whole batch (``batch_not_identical``).
    """
    code = waybill_no.strip()
    grams = int(grams)
    division = max(int(division or 0), 0)
    now = utcnow()
    with db.write() as s:
        # the order row first; the chain head is taken at the commit (app.db.chain). With
        # the order, in the same round trip: where its stub is, the station's open bundle
        # (locked after the order, as when a place is taken) and the weighing's id
        ld, (stub_rows, bundle_rows), taken = _load(
            s,
            code,
            lock=True,
            also=((_STUB_OF_WAYBILL, {"wb": code}), (OPEN_BUNDLE, {"station": station})),
            ids=("weighings",),
        )
        if ld is None:
            append_event(
                s,
                "weigh_refused",
                station=station,
                operator=operator,
                detail={"waybill_no": code, "reason": "not_found", "grams": grams},
                at=now,
            )
            result, ev = None, None
        else:
            ahead = _ReadAhead(stub_rows, bundle_rows, taken[0] if taken else None)
            result, ev = _record(
                s, ld, code, grams, division, operator, station, now, batch_waybills, ahead
            )
    if result is None or ev is None:  # raised after the commit: the unknown parcel stays on record
        raise ServiceError("not_found", waybill=code)
    return dataclasses.replace(result, event_seq=ev.seq)  # on the chain since the commit


def _record(
    s: Session,
    ld: _Loaded,
    code: str,
    grams: int,
    division: int,
    operator: str,
    station: str,
    now: dt.datetime,
    batch_waybills: list[str] | None,
    ahead: _ReadAhead,
) -> tuple[WeighResult, Appended]:
    others: list[_Loaded] = []
    for wb in dict.fromkeys(x.strip() for x in batch_waybills or ()):
        if not wb or wb == code:
            continue
        other, _, _ = _load(s, wb, lock=True)
        if other is None:
            raise ServiceError("not_found", waybill=wb)
        if _identity(other) != _identity(ld):
            raise ServiceError("batch_not_identical", waybill=wb, order_no=other.order.order_no)
        if _refusal(other):
            raise ServiceError(
                "batch_not_ready",
                waybill=wb,
                order_no=other.order.order_no,
                status=other.order.status,
            )
        others.append(other)
    w, ev, explanation, stub = _record_one(
        s, ld, grams, division, operator, station, now, ahead=ahead
    )
    covered = []
    leader = (w.verdict, w.expected_grams, w.tolerance_grams, w.reason, "", explanation)
    for other in others:
        ow, _, _, ostub = _record_one(
            s, other, grams, division, operator, station, now, batch_of=w.id, leader=leader
        )
        covered.append(Covered(other.order.waybill_no or "", other.order.order_no, ostub))
    result = WeighResult(
        waybill_no=code,
        order_no=ld.order.order_no,
        grams=grams,
        expected_grams=w.expected_grams,
        tolerance_grams=w.tolerance_grams,
        verdict=w.verdict,
        reason=w.reason,
        difference_grams=grams - w.expected_grams,
        explanation=explanation,
        stub=stub,
        status=ld.order.status,
        weighing_id=w.id,
        event_seq=0,  # the event is numbered at the commit: see record_weighing
        covered=tuple(covered),
    )
    return result, ev


def last_weighing(db: Database, waybill_no: str) -> WeighResult | None:
    """The latest weighing of a parcel (for the station after a restart, and for tests)."""
    with db.read() as s:
        row = s.execute(
            select(Weighing, Event, Order)
            .join(Event, Event.id == Weighing.event_id)
            .join(Order, Order.id == Weighing.order_id)
            .where(Weighing.waybill_no == waybill_no.strip())
            .order_by(Weighing.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        w, ev, o = row
        ex = (ev.detail or {}).get("explanation")
        explanation = None
        if ex:
            explanation = rules.Explanation(
                ex["direction"],
                ex["difference_grams"],
                tuple(
                    rules.Suspect(x["sku"], x.get("name", ""), x["qty"], x.get("unit_grams", 0))
                    for x in ex["suspects"]
                ),
                ex.get("fit_grams", 0),
                ex.get("ambiguous", False),
            )
        stub = StubPlace(w.stub_bundle, w.stub_position) if w.stub_bundle else None
        return WeighResult(
            w.waybill_no, o.order_no, w.grams, w.expected_grams, w.tolerance_grams, w.verdict,
            w.reason, w.grams - w.expected_grams, explanation, stub, o.status, w.id, ev.seq,
        )  # fmt: skip


# --- override --------------------------------------------------------------------------------


def override(
    db: Database,
    waybill_no: str,
    reason: str,
    supervisor: str,
    pin: str | None,
    *,
    operator: str = "",
    station: str = "",
) -> WeighResult:
    """A supervisor releases a weight hold: badge (or 工号) + PIN + reason.

    Records an `Override` of the hold's event and a new weighing with verdict ``override``;
    the parcel gets its stub place and the order moves to ``weighed``. Cancelled parcels and
    holds for another reason than the weight cannot be overridden here.
    """
    if not reason.strip():
        raise ServiceError("reason_required")
    info = authorize(db, supervisor, pin, SUPERVISOR_ACT, station=station)
    code = waybill_no.strip()
    now = utcnow()
    from app.db.models import Override as OverrideRow

    with db.write() as s:
        ld, _, _ = _load(s, code, lock=True)  # order first, then the chain (record_weighing)
        _lock_chain(s)
        if ld is None:
            raise ServiceError("not_found", waybill=code)
        o = ld.order
        last = s.scalars(
            select(Weighing).where(Weighing.order_id == o.id).order_by(Weighing.id.desc()).limit(1)
        ).first()
        if last is None or last.verdict != rules.HOLD:
            raise ServiceError("nothing_to_override", waybill=code)
        if o.status == OrderStatus.CANCELLED or last.reason not in WEIGHT_REASONS:
            raise ServiceError("cannot_override", waybill=code, reason=last.reason)
        stub = _stub_of(s, o.id) or _allocate_stub(s, station, now)
        target = s.get(Event, last.event_id)
        ev = append_event(
            s,
            "override",
            order_id=o.id,
            station=station,
            operator=operator or info.code,
            detail={
                "waybill_no": code,
                "supervisor": info.code,
                "reason": reason.strip(),
                "target_seq": target.seq if target else None,
                "grams": last.grams,
                "expected_grams": last.expected_grams,
                "held_for": last.reason,
                "stub": [stub.bundle, stub.position],
            },
            at=now,
        )
        s.add(
            OverrideRow(
                event_id=ev.id,
                order_id=o.id,
                target_event_id=last.event_id,
                supervisor=info.code,
                reason=reason.strip()[:256],
            )
        )
        w = Weighing(
            event_id=ev.id,
            order_id=o.id,
            waybill_no=code,
            grams=last.grams,
            expected_grams=last.expected_grams,
            tolerance_grams=last.tolerance_grams,
            verdict=rules.OVERRIDE,
            reason=reason.strip()[:256],
            stub_bundle=stub.bundle,
            stub_position=stub.position,
        )
        s.add(w)
        _set_order(s, o, status=OrderStatus.WEIGHED.value, hold_reason="", updated_at=now)
        s.flush()
        return WeighResult(
            code, o.order_no, w.grams, w.expected_grams, w.tolerance_grams, w.verdict,
            last.reason, w.grams - w.expected_grams, None, stub, o.status, w.id, ev.seq,
        )  # fmt: skip
