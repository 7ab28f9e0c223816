"""Stubs (底单): the stub bundles and their positions, allocated under the bundle's lock, a bundle
closed with its count check and register, and where a parcel's stub was filed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from app.db.chain import append_event, write_at_commit
from app.db.engine import Database
from app.db.models import Event, Order, StubBundle, Weighing, utcnow
from app.domain import floortime
from app.services.errors import ServiceError
from app.services.weighing.common import _lock_chain, bundle_size
from printing import StubRegisterData, StubRegisterEntry

# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StubPlace:
    bundle: int
    position: int


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


# --- positions -------------------------------------------------------------------------------


def stub_of_select(order_id: ColumnElement[int]) -> Select:
    """Where the order's stub was filed (`_stub_of`); ``order_id`` a parameter or a subquery
    naming the order (the capture reads it with the order: `app.db.chain.read_together`)."""
    return (
        select(Weighing.stub_bundle, Weighing.stub_position)
        .where(Weighing.order_id == order_id, Weighing.stub_bundle.is_not(None))
        .order_by(Weighing.id.desc())
        .limit(1)
    )


_STUB_OF = stub_of_select(bindparam("oid"))


def _stub_of(s: Session, order_id: int, rows: Sequence[Any] | None = None) -> StubPlace | None:
    """``rows``: `stub_of_select`'s, read already."""
    if rows is None:
        rows = s.execute(_STUB_OF, {"oid": order_id}).all()
    return StubPlace(rows[0][0], rows[0][1]) if rows else None


def weighings_and_stub_select(order_id: ColumnElement[int]) -> Select:
    """How often the parcel was weighed, and its stub's place (the weigh station's scan): one
    read; ``order_id`` as for `stub_of_select`."""
    last = stub_of_select(order_id).subquery()
    return select(
        select(func.count())
        .select_from(Weighing)
        .where(Weighing.order_id == order_id)
        .scalar_subquery(),
        select(last.c.stub_bundle).scalar_subquery(),
        select(last.c.stub_position).scalar_subquery(),
    )


_WEIGHINGS_AND_STUB = weighings_and_stub_select(bindparam("oid"))


def _weighings_and_stub(
    s: Session, order_id: int, rows: Sequence[Any] | None = None
) -> tuple[int, StubPlace | None]:
    """The parcel's weighings so far and its stub's place (`_stub_of`), in one statement;
    ``rows``: `weighings_and_stub_select`'s, read already."""
    if rows is None:
        rows = s.execute(_WEIGHINGS_AND_STUB, {"oid": order_id}).all()
    count, bundle, position = rows[0]
    return int(count or 0), StubPlace(bundle, position) if bundle is not None else None


# a bundle's place is taken on every good weighing: statements built once, no ORM object
_BUNDLES = StubBundle.__table__
OPEN_BUNDLE = (
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


#: PostgreSQL: one transaction at a time opens a new bundle (its number is the largest + 1)
_NEW_BUNDLE_LOCK = text("SELECT pg_advisory_xact_lock(7305, 1)")


def _allocate_stub(
    s: Session, station: str, now: dt.datetime, open_bundle: Sequence[Any] | None = None
) -> StubPlace:
    """The next place in this station's open bundle (a new bundle when none has room).

    The bundle row is locked (PostgreSQL); a new bundle's number is taken under a lock of its
    own (an advisory lock until the commit; SQLite has one writer), not the chain head.
    ``open_bundle``: `OPEN_BUNDLE`'s rows, read (and locked) already in this transaction."""
    if open_bundle is None:
        open_bundle = s.execute(OPEN_BUNDLE, {"station": station}).all()
    b = open_bundle[0] if open_bundle else None
    if b is None and s.connection().dialect.name == "postgresql":
        s.execute(_NEW_BUNDLE_LOCK)
        b = s.execute(OPEN_BUNDLE, {"station": station}).first()
    if b is None:
        number = (s.scalar(select(func.max(StubBundle.number))) or 0) + 1
        s.add(
            StubBundle(number=number, station=station, size=bundle_size(s), filled=1, opened_at=now)
        )
        s.flush()
        return StubPlace(number, 1)
    write_at_commit(s, _TAKE_PLACE, {"bid": b.id})  # the row is locked: read back by nobody
    return StubPlace(b.number, b.filled + 1)


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
