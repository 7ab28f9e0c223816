"""The weighing station (抽单称重): verdicts, holds and overrides, stubs (底单) and learned weights.

Every function is one user action = one transaction and returns plain dataclasses.

* `start_weighing` — the scan: what the parcel should weigh, or a refusal code
  (``not_found``, ``intercepted``, ``not_verified``).
* `record_weighing` — the capture: verdict, explanation of a hold, the stub's bundle and
  position (allocated in the database under lock), the order's status. Committed before the
  caller shows anything green.
* `explain_difference` — which units most likely make a weight difference: the one story
  told at the scale, on the weigh line and at the dispute desk.
* `override` — a supervisor releases a weight hold (badge + PIN + reason).
* `close_bundle` / `find_stub` — the stub bundles and their register.
* `learned_weights` / `adopt_weight` — unit weights learned from the floor.

Floor settings (`app.services.floor_settings`): the stub bundle size and whether parcels must
be packed (not just verified) before weighing. Tolerances are per shop (``shops.tolerance_abs_grams`` / ``tolerance_permille``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import (
    Carton,
    ChainHead,
    Event,
    Operator,
    Order,
    OrderLine,
    OrderStatus,
    PrintJob,
    Product,
    StubBundle,
    Weighing,
    utcnow,
)
from app.domain import floortime
from app.domain import weighing as rules
from app.domain.stations import SUPERVISOR_ACT, station_roles
from app.domain.weight import (
    DEFAULT_CARTON_GRAMS,
    DEFAULT_FILLER_GRAMS,
    Expected,
    unit_weight,
)
from app.services import floor_settings as fs
from app.services.operators import require_role, sign_in
from app.services.orders import Packing, ServiceError, order_goods, order_packing
from printing import StubRegisterData, StubRegisterEntry

DEFAULT_BUNDLE_SIZE = fs.BUNDLE_SIZE.default
STEP = "weigh"

# hold reasons of a weighing (``weighings.reason``); "" when ok
REASON_LIGHT = "light"
REASON_HEAVY = "heavy"
REASON_NOT_VERIFIED = "not_verified"
REASON_INTERCEPTED = "intercepted"
REASON_HELD = "held"  # on hold (at the scale or elsewhere): a supervisor decides first
REASON_BATCH = "batch"
WEIGHT_REASONS = (REASON_LIGHT, REASON_HEAVY)


# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineInfo:
    sku: str
    name: str
    qty: int
    unit_grams: int


@dataclass(frozen=True)
class StubPlace:
    bundle: int
    position: int


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


@dataclass(frozen=True)
class StubEntry:
    position: int
    waybill_no: str
    order_no: str
    grams: int
    verdict: str
    operator: str
    at: dt.datetime


@dataclass(frozen=True)
class BundleReport:
    """A closed bundle: the count check and the register's rows."""

    bundle: int
    station: str
    size: int
    stubs: int  # positions given out
    parcels: int  # distinct parcels weighed into it
    counted: int | None  # what the clerk counted, if given
    opened_at: dt.datetime
    closed_at: dt.datetime
    operator: str
    chain_head: str  # hash of the closing event: paper and database check each other
    chain_seq: int
    entries: tuple[StubEntry, ...] = ()

    @property
    def matches(self) -> bool:
        return self.stubs == self.parcels and (self.counted is None or self.counted == self.stubs)


@dataclass(frozen=True)
class BundleState:
    bundle: int | None
    filled: int
    size: int


@dataclass(frozen=True)
class StubLocation:
    waybill_no: str
    order_no: str
    bundle: int
    position: int
    closed: bool
    grams: int
    verdict: str
    at: dt.datetime


@dataclass(frozen=True)
class LearnedWeight:
    sku: str
    name: str
    master_grams: int
    adopted_grams: int | None
    learned_grams: int
    samples: int
    spread_grams: int


@dataclass
class _Loaded:
    order: Order
    lines: list[tuple[str, str, int, int]] = field(default_factory=list)  # sku,name,grams,qty
    packing: Packing = field(default_factory=Packing)

    @property
    def carton_code(self) -> str:
        return self.packing.carton_code

    @property
    def carton_grams(self) -> int:
        return self.packing.carton_grams

    @property
    def filler_grams(self) -> int:
        return self.packing.filler_grams


# --- helpers ---------------------------------------------------------------------------------


def bundle_size(s: Session) -> int:
    return fs.read(s, fs.BUNDLE_SIZE)


def packing_required(s: Session) -> bool:
    return fs.read(s, fs.PACKING_REQUIRED)


def weighable_statuses(s: Session) -> tuple[str, ...]:
    """Statuses a parcel may be weighed in; ``weighed`` is a re-weigh."""
    if packing_required(s):
        return (OrderStatus.PACKED.value, OrderStatus.WEIGHED.value)
    return (OrderStatus.VERIFIED.value, OrderStatus.PACKED.value, OrderStatus.WEIGHED.value)


# `_load` runs on every capture: the order is an ORM object (the capture changes it), what
# the expectation needs is read with statements built once (a capture commits in a few ms).
_ORDER_BY_WAYBILL = (
    select(Order).where(Order.waybill_no == bindparam("wb")).order_by(Order.id.desc()).limit(1)
)
_ORDER_BY_WAYBILL_LOCKED = _ORDER_BY_WAYBILL.with_for_update(of=Order)


def _load(s: Session, waybill_no: str, *, lock: bool = False) -> _Loaded | None:
    q = _ORDER_BY_WAYBILL_LOCKED if lock else _ORDER_BY_WAYBILL
    o = s.scalars(q, {"wb": waybill_no}).first()
    if o is None:
        return None
    ld = _Loaded(o, packing=order_packing(s, o.id))
    ld.lines.extend(order_goods(s, o.id))
    return ld


def _expected(ld: _Loaded, division: int = 0) -> Expected:
    """The one computation of the expected weight (`app.services.orders.Packing`)."""
    return ld.packing.expected([(g, q) for _, _, g, q in ld.lines], division)


def _identity(ld: _Loaded) -> tuple:
    goods = sorted((sku, qty) for sku, _, _, qty in ld.lines)
    return (tuple(goods), ld.order.carton_id)


_STUB_OF = (
    select(Weighing.stub_bundle, Weighing.stub_position)
    .where(Weighing.order_id == bindparam("oid"), Weighing.stub_bundle.is_not(None))
    .order_by(Weighing.id.desc())
    .limit(1)
)


def _stub_of(s: Session, order_id: int) -> StubPlace | None:
    row = s.execute(_STUB_OF, {"oid": order_id}).first()
    return StubPlace(row[0], row[1]) if row else None


def _refusal(s: Session, ld: _Loaded) -> str:
    """'' when the parcel may be weighed, else the hold reason."""
    st = ld.order.status
    if st == OrderStatus.CANCELLED:
        return REASON_INTERCEPTED
    if st == OrderStatus.HELD:
        return REASON_HELD
    if st not in weighable_statuses(s):
        return REASON_NOT_VERIFIED
    return ""


def _lock_chain(s: Session) -> None:
    """Serialise evidence writers (and so bundle allocation) on the chain head row."""
    s.execute(select(ChainHead.id).where(ChainHead.id == 1).with_for_update()).first()


# a bundle's place is taken on every good weighing: statements built once, no ORM object
_BUNDLES = StubBundle.__table__
_OPEN_BUNDLE = (
    select(_BUNDLES.c.id, _BUNDLES.c.number, _BUNDLES.c.filled)
    .where(
        _BUNDLES.c.station == bindparam("station"),
        _BUNDLES.c.closed_at.is_(None),
        _BUNDLES.c.filled < _BUNDLES.c.size,
    )
    .order_by(_BUNDLES.c.number)
    .limit(1)
    .with_for_update()
)
_TAKE_PLACE = (
    update(_BUNDLES).where(_BUNDLES.c.id == bindparam("bid")).values(filled=_BUNDLES.c.filled + 1)
)


def _allocate_stub(s: Session, station: str, now: dt.datetime) -> StubPlace:
    """The next place in this station's open bundle (a new bundle when none has room).

    The caller holds the chain lock; the bundle row is locked as well (PostgreSQL)."""
    b = s.execute(_OPEN_BUNDLE, {"station": station}).first()
    if b is None:
        number = (s.scalar(select(func.max(StubBundle.number))) or 0) + 1
        s.add(
            StubBundle(number=number, station=station, size=bundle_size(s), filled=1, opened_at=now)
        )
        s.flush()
        return StubPlace(number, 1)
    s.execute(_TAKE_PLACE, {"bid": b.id})
    return StubPlace(b.number, b.filled + 1)


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
        ld = _load(s, code)
        if ld is None:
            raise ServiceError("not_found", waybill=code)
        o = ld.order
        why = _refusal(s, ld)
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
            ctx = _context(s, ld, code)
    if refusal is not None:  # raised after the commit: the refusal stays on record
        raise refusal
    return ctx


def _context(s: Session, ld: _Loaded, code: str) -> WeighContext:
    o = ld.order
    exp = _expected(ld)
    count = s.scalar(select(func.count()).select_from(Weighing).where(Weighing.order_id == o.id))
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
        weighings=int(count or 0),
        stub=_stub_of(s, o.id),
        identity=_identity(ld),
    )


# --- the capture -----------------------------------------------------------------------------


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
) -> tuple[Weighing, Event, rules.Explanation | None, StubPlace | None]:
    o = ld.order
    exp = _expected(ld, division)
    why = _refusal(s, ld)
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
        stub = _stub_of(s, o.id) or _allocate_stub(s, station, now)
        o.status, o.hold_reason = OrderStatus.WEIGHED.value, ""
        o.updated_at = now
    elif reason in WEIGHT_REASONS:
        o.status, o.hold_reason = OrderStatus.HELD.value, "weight"
        o.updated_at = now
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
    ev = append_event(
        s, "weighed", order_id=o.id, station=station, operator=operator, detail=detail, at=now
    )
    w = Weighing(
        event_id=ev.id,
        order_id=o.id,
        waybill_no=o.waybill_no or "",
        grams=grams,
        expected_grams=expected,
        tolerance_grams=tolerance,
        verdict=verdict,
        reason=REASON_BATCH if batch_of is not None and not reason else reason,
        batch_of=batch_of,
        stub_bundle=stub.bundle if stub else None,
        stub_position=stub.position if stub else None,
    )
    s.add(w)
    s.flush()
    return w, ev, explanation, stub


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
        # the order row first, the chain head second (in `_record`): the order every service
        # locks in, so a weighing never deadlocks with another station's scan of the parcel
        ld = _load(s, code, lock=True)
        if ld is None:
            append_event(
                s,
                "weigh_refused",
                station=station,
                operator=operator,
                detail={"waybill_no": code, "reason": "not_found", "grams": grams},
                at=now,
            )
            result = None
        else:
            result = _record(s, ld, code, grams, division, operator, station, now, batch_waybills)
    if result is None:  # raised after the commit: the unknown parcel stays on record
        raise ServiceError("not_found", waybill=code)
    return result


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
) -> WeighResult:
    others: list[_Loaded] = []
    for wb in dict.fromkeys(x.strip() for x in batch_waybills or ()):
        if not wb or wb == code:
            continue
        other = _load(s, wb, lock=True)
        if other is None:
            raise ServiceError("not_found", waybill=wb)
        if _identity(other) != _identity(ld):
            raise ServiceError("batch_not_identical", waybill=wb, order_no=other.order.order_no)
        if _refusal(s, other):
            raise ServiceError(
                "batch_not_ready",
                waybill=wb,
                order_no=other.order.order_no,
                status=other.order.status,
            )
        others.append(other)
    _lock_chain(s)
    w, ev, explanation, stub = _record_one(s, ld, grams, division, operator, station, now)
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
        event_seq=ev.seq,
        covered=tuple(covered),
    )
    return result


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
    info = sign_in(db, supervisor, pin)
    require_role(db, info.code, SUPERVISOR_ACT)
    code = waybill_no.strip()
    now = utcnow()
    from app.db.models import Override as OverrideRow

    with db.write() as s:
        ld = _load(s, code, lock=True)  # order first, then the chain (see record_weighing)
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
        o.status, o.hold_reason, o.updated_at = OrderStatus.WEIGHED.value, "", now
        s.flush()
        return WeighResult(
            code, o.order_no, w.grams, w.expected_grams, w.tolerance_grams, w.verdict,
            last.reason, w.grams - w.expected_grams, None, stub, o.status, w.id, ev.seq,
        )  # fmt: skip


# --- stubs -----------------------------------------------------------------------------------


def current_bundle(db: Database, station: str) -> BundleState:
    with db.read() as s:
        b = s.scalars(
            select(StubBundle)
            .where(StubBundle.station == station, StubBundle.closed_at.is_(None))
            .order_by(StubBundle.number)
            .limit(1)
        ).first()
        if b is None:
            return BundleState(None, 0, bundle_size(s))
        return BundleState(b.number, b.filled, b.size)


def _entries(s: Session, bundle: int) -> list[StubEntry]:
    """One row per stub position: the weighing that gave it (the first one)."""
    rows = s.execute(
        select(Weighing, Event, Order.order_no)
        .join(Event, Event.id == Weighing.event_id)
        .join(Order, Order.id == Weighing.order_id)
        .where(Weighing.stub_bundle == bundle)
        .order_by(Weighing.stub_position, Weighing.id)
    ).all()
    seen: dict[int, StubEntry] = {}
    for w, ev, order_no in rows:
        if w.stub_position in seen:
            continue  # a re-weigh keeps the place; the register shows the first record
        seen[w.stub_position] = StubEntry(
            w.stub_position, w.waybill_no, order_no, w.grams, w.verdict, ev.operator, ev.at
        )
    return list(seen.values())


def close_bundle(
    db: Database, station: str, *, operator: str = "", counted: int | None = None
) -> BundleReport:
    """Close this station's current stub bundle and give the register to print with it.

    The check 发货数量与返单数量匹配: positions given out must equal distinct parcels weighed
    into the bundle and, when the clerk counted the stubs in hand, that count. A mismatch is
    refused (``stub_count_mismatch``) and the bundle stays open for a recount.
    """
    now = utcnow()
    with db.write() as s:
        _lock_chain(s)
        b = s.scalars(
            select(StubBundle)
            .where(StubBundle.station == station, StubBundle.closed_at.is_(None))
            .order_by(StubBundle.number)
            .limit(1)
            .with_for_update()
        ).first()
        if b is None or b.filled == 0:
            raise ServiceError("no_open_bundle", station=station)
        entries = _entries(s, b.number)
        parcels = len({e.waybill_no for e in entries})
        if parcels != b.filled or (counted is not None and counted != b.filled):
            raise ServiceError(
                "stub_count_mismatch",
                bundle=b.number,
                stubs=b.filled,
                parcels=parcels,
                counted="" if counted is None else counted,
            )
        b.closed_at = now
        ev = append_event(
            s,
            "bundle_closed",
            station=station,
            operator=operator,
            detail={
                "bundle": b.number,
                "stubs": b.filled,
                "parcels": parcels,
                "counted": counted,
                "waybills": [e.waybill_no for e in entries],
            },
            at=now,
        )
        return BundleReport(
            bundle=b.number,
            station=station,
            size=b.size,
            stubs=b.filled,
            parcels=parcels,
            counted=counted,
            opened_at=b.opened_at,
            closed_at=now,
            operator=operator,
            chain_head=ev.hash,
            chain_seq=ev.seq,
            entries=tuple(entries),
        )


def register_data(rep: BundleReport, tz: dt.tzinfo | None = None) -> StubRegisterData:
    """The stub register document's data for a closed bundle (with the chain head); its times
    on the clock of ``tz`` (default: the floor time zone)."""
    return StubRegisterData(
        bundle=rep.bundle,
        station=rep.station,
        entries=tuple(
            StubRegisterEntry(
                e.position, e.waybill_no, e.order_no, e.grams, e.verdict, e.operator, e.at
            )
            for e in rep.entries
        ),  # fmt: skip
        parcels=rep.parcels,
        counted=rep.counted,
        opened_at=rep.opened_at,
        closed_at=rep.closed_at,
        chain_head=rep.chain_head,
        chain_seq=rep.chain_seq,
        tz=tz or floortime.floor_zone(),
    )


def find_stub(db: Database, waybill_no: str) -> StubLocation:
    """Where a parcel's stub was filed: bundle and position (``no_stub`` when never pulled)."""
    code = waybill_no.strip()
    with db.read() as s:
        row = s.execute(
            select(Weighing, Event, Order.order_no)
            .join(Event, Event.id == Weighing.event_id)
            .join(Order, Order.id == Weighing.order_id)
            .where(Weighing.waybill_no == code, Weighing.stub_bundle.is_not(None))
            .order_by(Weighing.id)
            .limit(1)
        ).first()
        if row is None:
            known = s.scalar(select(Order.id).where(Order.waybill_no == code))
            raise ServiceError("no_stub" if known else "not_found", waybill=code)
        w, ev, order_no = row
        closed = s.scalar(select(StubBundle.closed_at).where(StubBundle.number == w.stub_bundle))
        return StubLocation(
            code, order_no, w.stub_bundle, w.stub_position, closed is not None, w.grams,
            w.verdict, ev.at,
        )  # fmt: skip


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


def operator_name(db: Database, code: str) -> str:
    with db.read() as s:
        return s.scalar(select(Operator.name).where(Operator.code == code)) or code
