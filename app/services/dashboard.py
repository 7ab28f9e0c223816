"""The supervisor's day in numbers (日报看板): parcels printed, verified, weighed, held and
handed over, per hour and per operator; holds by reason; what is still to ship before the
cut-off.

Everything is counted from the evidence events of one local day (Beijing time, the floor's
day, as the cut-off is). The database does the counting: each figure is one grouped query over
``events`` restricted by kind and time, which the ``ix_events_kind_at`` index serves, so a
database with a million orders answers from the day's rows only and Python receives at most
24 × operators × a few rows.

What counts as what:

* printed — a waybill printed (``printed`` event whose print job is a waybill; slips, pick
  lists and reprints are not counted);
* verified — an order's verification completed (``verified``);
* weighed — a parcel weighed within tolerance (``weighed`` with verdict ``ok``) or released by
  a supervisor's override (``override``);
* held — an order put on hold (``held``, with its reason) or a parcel held by the scale for
  its weight (``weighed`` with verdict ``hold`` and reason light/heavy: reason ``weight``);
* handed over — a parcel counted onto a courier's handover list (``handed_over`` of an order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, bindparam, case, func, literal, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Event, Operator, Order, OrderStatus, PrintJob, UTCDateTime, Weighing
from app.domain import floortime
from app.domain.batching import cutoff_at
from app.services.floortime import floor_zone

PRINTED = "printed"
VERIFIED = "verified"
WEIGHED = "weighed"
HELD = "held"
HANDED_OVER = "handed_over"
METRICS: tuple[str, ...] = (PRINTED, VERIFIED, WEIGHED, HELD, HANDED_OVER)

#: hold reason of a parcel the scale held (as ``orders.hold_reason`` says it)
WEIGHT_HOLD = "weight"
_WEIGHT_REASONS = ("light", "heavy")

#: order statuses still to leave the warehouse (paid before the cut-off: they must go today)
OPEN_STATUSES: tuple[str, ...] = (
    OrderStatus.PAID.value,
    OrderStatus.PRINTED.value,
    OrderStatus.PICKED.value,
    OrderStatus.VERIFIED.value,
    OrderStatus.PACKED.value,
    OrderStatus.WEIGHED.value,
    OrderStatus.HELD.value,
)


@dataclass(frozen=True)
class OperatorDay:
    code: str
    name: str
    counts: dict[str, int]  # metric -> parcels

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class DaySummary:
    """One day of the floor, on the floor's clock (`app.domain.floortime`).
    ``hours[h][metric]``: parcels in the hour starting at ``h``:00 floor time (0–23)."""

    day: dt.date
    start: dt.datetime  # the floor's midnight, as UTC
    end: dt.datetime
    hours: tuple[dict[str, int], ...]
    totals: dict[str, int]
    operators: tuple[OperatorDay, ...]  # busiest first
    holds_by_reason: tuple[tuple[str, int], ...]  # most frequent first
    cutoff: dt.datetime  # today's same-day cut-off (aware, in the floor zone)
    to_ship: dict[str, int] = field(default_factory=dict)  # status -> orders paid before it
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    zone: dt.tzinfo | None = None  # the floor time zone the day is counted in

    @property
    def to_ship_total(self) -> int:
        return sum(self.to_ship.values())

    def active_hours(self) -> range:
        """The hours worth drawing: 08–18 at least, widened to any hour with activity."""
        busy = [h for h, c in enumerate(self.hours) if any(c.values())]
        first = min([8, *busy])
        last = max([18, *busy])
        return range(first, last + 1)


def day_bounds(day: dt.date, tz: dt.tzinfo | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The floor's midnight to the next (``tz``: default the floor zone), as UTC."""
    return floortime.day_bounds(day, tz)


def today(now: dt.datetime | None = None, tz: dt.tzinfo | None = None) -> dt.date:
    """The floor's day at ``now`` (``tz``: default the floor zone)."""
    return floortime.today(now, tz)


def _hour_of(start: dt.datetime):
    """The event's hour of the day (0–23) as SQL: a CASE over the hour boundaries, the same on
    SQLite and PostgreSQL and exact (no float arithmetic on timestamps)."""
    whens = [
        (
            Event.at < bindparam(f"hour_end_{h}", start + dt.timedelta(hours=h + 1), UTCDateTime()),
            literal(h),
        )
        for h in range(23)
    ]
    return case(*whens, else_=literal(23))


def _in_day(kind: str, start: dt.datetime, end: dt.datetime):
    return and_(
        Event.kind == kind,
        Event.at >= bindparam("day_start", start, UTCDateTime()),
        Event.at < bindparam("day_end", end, UTCDateTime()),
    )


def _queries(start: dt.datetime, end: dt.datetime) -> Iterable[tuple[str, Select]]:
    """(metric, query of hour, operator, reason, count) for every metric."""
    hour = _hour_of(start).label("hour")
    none = literal("").label("reason")

    def grouped(kind: str, reason=none) -> Select:
        return select(hour, Event.operator, reason, func.count().label("n")).where(
            _in_day(kind, start, end)
        )

    def by(q: Select, with_reason: bool = False) -> Select:
        cols = ["hour", Event.operator]
        if with_reason:
            cols.append("reason")
        return q.group_by(*cols)

    yield (
        PRINTED,
        by(
            grouped("printed")
            .join(PrintJob, PrintJob.event_id == Event.id)
            .where(PrintJob.document == "waybill")
        ),
    )
    yield VERIFIED, by(grouped("verified"))
    yield (
        WEIGHED,
        by(
            grouped("weighed")
            .join(Weighing, Weighing.event_id == Event.id)
            .where(Weighing.verdict == "ok")
        ),
    )
    yield WEIGHED, by(grouped("override"))
    held_reason = func.coalesce(Event.detail["reason"].as_string(), "").label("reason")
    yield HELD, by(grouped("held", held_reason), with_reason=True)
    yield (
        HELD,
        by(
            grouped("weighed", literal(WEIGHT_HOLD).label("reason"))
            .join(Weighing, Weighing.event_id == Event.id)
            .where(Weighing.verdict == "hold", Weighing.reason.in_(_WEIGHT_REASONS))
        ),
    )
    yield HANDED_OVER, by(grouped("handed_over").where(Event.order_id.is_not(None)))


def day_queries(day: dt.date, tz: dt.tzinfo | None = None) -> list[tuple[str, Select]]:
    """The grouped queries `day_summary` runs (for tests and benchmarks that read the plans)."""
    return list(_queries(*day_bounds(day, tz)))


def _to_ship(s: Session, cutoff: dt.datetime) -> dict[str, int]:
    """Orders paid before the cut-off still in the warehouse, per status (served by
    ``ix_orders_status_paid``: one range per status)."""
    rows = s.execute(
        select(Order.status, func.count())
        .where(Order.status.in_(OPEN_STATUSES), Order.paid_at < cutoff)
        .group_by(Order.status)
    ).all()
    return {status: n for status, n in rows if n}


def day_summary(
    db: Database,
    day: dt.date | None = None,
    *,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> DaySummary:
    """The numbers of one day of the floor (default: today), on the floor's clock (``tz``:
    default the floor time zone setting). Read-only; safe on any thread."""
    now = now or dt.datetime.now(dt.UTC)
    hours: list[dict[str, int]] = [dict.fromkeys(METRICS, 0) for _ in range(24)]
    per_op: dict[str, dict[str, int]] = {}
    reasons: dict[str, int] = {}
    with db.read() as s:
        tz = tz or floor_zone(s)
        day = day or today(now, tz)
        start, end = day_bounds(day, tz)
        cut = cutoff_at(now, zone=tz)
        for metric, q in _queries(start, end):
            for h, op, reason, n in s.execute(q):
                hours[int(h)][metric] += n
                counts = per_op.setdefault(op or "", dict.fromkeys(METRICS, 0))
                counts[metric] += n
                if metric == HELD:
                    reasons[reason or ""] = reasons.get(reason or "", 0) + n
        names = dict(
            s.execute(
                select(Operator.code, Operator.name).where(Operator.code.in_(list(per_op)))
            ).all()
        )
        to_ship = _to_ship(s, cut)
    totals = {m: sum(h[m] for h in hours) for m in METRICS}
    operators = sorted(
        (OperatorDay(code, names.get(code, ""), counts) for code, counts in per_op.items()),
        key=lambda o: (-o.total, o.code),
    )
    return DaySummary(
        day=day,
        start=start,
        end=end,
        hours=tuple(hours),
        totals=totals,
        operators=tuple(operators),
        holds_by_reason=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        cutoff=cut,
        to_ship=to_ship,
        generated_at=now,
        zone=tz,
    )
