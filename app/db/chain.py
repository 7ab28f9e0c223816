"""The evidence hash chain.

Every evidence event stores ``hash = sha256(prev_hash || canonical(event))`` and the hash of
the event before it. The single ``chain_head`` row is locked for each append, so stations on
one PostgreSQL server (or threads on one SQLite file) extend one chain in one order.
``verify_chain`` names the first event that was altered, removed or inserted behind the app's
back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.orm import Session

from app.db.models import ChainHead, Event, utcnow


def canonical(
    seq: int,
    uid: str,
    at: dt.datetime,
    kind: str,
    order_id: int | None,
    station: str,
    operator: str,
    detail: dict[str, Any],
) -> bytes:
    body = {
        "seq": seq,
        "uid": uid,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "kind": kind,
        "order_id": order_id,
        "station": station,
        "operator": operator,
        "detail": detail,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def link(prev_hash: str, body: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + body).hexdigest()


#: (uid, at) for the first event the next service call appends: see `station_event`.
_pending: ContextVar[tuple[str, dt.datetime | None] | None] = ContextVar("_pending", default=None)


@contextmanager
def station_event(uid: str, at: dt.datetime | None = None) -> Iterator[None]:
    """Give the first event appended inside this block the station's own ``uid`` (and the
    time ``at`` it happened at the station, for a replay from the offline outbox).

    The station makes the uid before its first attempt, so a service call that committed but
    whose answer was lost (the server went away at that moment) is recognised when it is
    replayed: an event with that uid exists, and the unique constraint on ``events.uid``
    refuses a second one. That is what makes an outbox replay exactly-once.
    """
    token = _pending.set((uid, at))
    try:
        yield
    finally:
        _pending.reset(token)


@dataclass(frozen=True)
class Appended:
    """The event `append_event` wrote, as it was written (the row's values and its id)."""

    id: int
    seq: int
    uid: str
    at: dt.datetime
    kind: str
    order_id: int | None
    station: str
    operator: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


# Built once: every scan, weighing and print appends an event, and building a statement
# costs more than running it.
_HEAD = select(ChainHead.seq, ChainHead.hash).where(ChainHead.id == 1).with_for_update()
_MOVE_HEAD = (
    update(ChainHead.__table__)
    .where(ChainHead.__table__.c.id == 1)
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
_INSERT = insert(Event.__table__)


def append_event(
    session: Session,
    kind: str,
    *,
    order_id: int | None = None,
    station: str = "",
    operator: str = "",
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
    uid: str | None = None,
) -> Appended:
    """Append one event to the chain inside the caller's transaction; it is written at once.

    Three statements on the session's connection (head locked, head moved, event inserted),
    without the ORM's unit of work: this is the path every scan's verdict waits on.
    """
    detail = detail or {}
    pending = _pending.get()
    if pending is not None and uid is None:  # the first event of a station's own action
        _pending.set(None)
        uid = pending[0]
        if pending[1] is not None:
            detail = {**detail, "recorded_at": pending[1].astimezone(dt.UTC).isoformat()}
    at = at or utcnow()
    # Truncate to microseconds both databases keep, so the hash survives the round trip.
    at = at.astimezone(dt.UTC)
    uid = uid or str(uuid.uuid4())
    conn = session.connection()
    head_seq, prev = conn.execute(_HEAD).one()
    if _hold_observer is not None and _LOCKED_AT not in session.info:
        session.info[_LOCKED_AT] = time.perf_counter()
    seq = head_seq + 1
    digest = link(prev, canonical(seq, uid, at, kind, order_id, station, operator, detail))
    conn.execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": digest})
    row = {
        "seq": seq,
        "uid": uid,
        "at": at,
        "kind": kind,
        "order_id": order_id,
        "station": station,
        "operator": operator,
        "detail": detail,
        "prev_hash": prev,
        "hash": digest,
    }
    new_id = conn.execute(_INSERT, row).inserted_primary_key[0]
    return Appended(id=new_id, **row)


# --- how long a transaction holds the chain head (the floor benchmark) -----------------------

_LOCKED_AT = "chain_locked_at"
_hold_observer: Callable[[float], None] | None = None


def observe_chain_holds(observer: Callable[[float], None] | None) -> None:
    """Call ``observer(ms)`` after each transaction that took the chain head with how long it
    held it (from taking the lock to the end of its commit or rollback); ``None`` stops it.
    For benchmarks: nothing is measured while no observer is set."""
    global _hold_observer
    _hold_observer = observer


@event.listens_for(Session, "after_transaction_end")
def _on_session_after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is not None:  # a savepoint or a subtransaction: not the end
        return
    t0 = session.info.pop(_LOCKED_AT, None)
    if t0 is not None and _hold_observer is not None:
        _hold_observer((time.perf_counter() - t0) * 1000)


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    events: int
    head: str
    problem: str = ""
    event_seq: int | None = None
    event_id: int | None = None


def _iter_events(session: Session, batch: int = 5000) -> Iterator[Event]:
    last = 0
    while True:
        rows = session.scalars(
            select(Event).where(Event.seq > last).order_by(Event.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def verify_chain(session: Session) -> ChainReport:
    prev = ""
    expected_seq = 1
    count = 0
    for ev in _iter_events(session):
        problem = ""
        if ev.seq != expected_seq:
            problem = f"event #{expected_seq} is missing (next found is #{ev.seq})"
        elif ev.prev_hash != prev:
            problem = f"event #{ev.seq} does not link to the event before it (inserted?)"
        else:
            body = canonical(
                ev.seq, ev.uid, ev.at, ev.kind, ev.order_id, ev.station, ev.operator, ev.detail
            )
            if link(prev, body) != ev.hash:
                problem = f"event #{ev.seq} ({ev.kind}) was altered after it was recorded"
        if problem:
            return ChainReport(False, count, prev, problem, ev.seq, ev.id)
        prev = ev.hash
        expected_seq += 1
        count += 1
    head = session.execute(select(ChainHead.seq, ChainHead.hash).where(ChainHead.id == 1)).one()
    if head.seq != count or head.hash != prev:
        return ChainReport(
            False,
            count,
            prev,
            f"the chain head says #{head.seq} but the last event found is #{count} "
            "(events removed from the end?)",
            head.seq,
            None,
        )
    problem = _check_weighings(session)
    if problem:
        seq, event_id, text = problem
        return ChainReport(False, count, prev, text, seq, event_id)
    return ChainReport(True, count, prev)


_WEIGHING_FIELDS = ("grams", "expected_grams", "tolerance_grams", "verdict")


def _check_weighings(session: Session) -> tuple[int, int, str] | None:
    """A weighing row says what its (chained) event says: weight, expectation, verdict, stub.

    The weighings table is what screens and reports read; an edit there behind the program's
    back would not touch the chain, so each row is compared with the detail of its event, and
    every ``weighed`` event must still have its row.
    """
    from app.db.models import Weighing

    q = (
        select(Weighing, Event.seq, Event.id, Event.order_id, Event.detail)
        .join(Event, Event.id == Weighing.event_id)
        .execution_options(yield_per=5000)
    )
    for w, seq, eid, order_id, detail in session.execute(q):
        detail = detail or {}
        wrong = [f for f in _WEIGHING_FIELDS if f in detail and detail[f] != getattr(w, f)]
        stub = detail.get("stub")
        if "stub" in detail and (stub or [None, None]) != [w.stub_bundle, w.stub_position]:
            wrong.append("stub")
        if order_id is not None and order_id != w.order_id:
            wrong.append("order")
        if wrong:
            return (
                seq,
                eid,
                (
                    f"weighing of event #{seq} no longer matches its event ({', '.join(wrong)}): "
                    "the weighings table was altered"
                ),
            )
    orphan = session.execute(
        select(Event.seq, Event.id)
        .outerjoin(Weighing, Weighing.event_id == Event.id)
        .where(Event.kind == "weighed", Weighing.id.is_(None))
        .order_by(Event.seq)
        .limit(1)
    ).first()
    if orphan is not None:
        return (
            orphan.seq,
            orphan.id,
            (f"the weighing of event #{orphan.seq} is missing: the weighings table was altered"),
        )
    return None
