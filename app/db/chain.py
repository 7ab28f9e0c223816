"""The evidence hash chain.

Every evidence event stores ``hash = sha256(prev_hash || canonical(event))`` and the hash of
the event before it. The single ``chain_head`` row holds the last sequence number and hash;
stations on one PostgreSQL server (or threads on one SQLite file) extend one chain in one
order. ``verify_chain`` names the first event that was altered, removed or inserted behind
the app's back.

**The head is taken at the end of a transaction, not at its first event.** `append_event`
gives the event its id (from the table's sequence on PostgreSQL; the next free id on SQLite,
whose writers hold the database for the whole transaction anyway) and keeps it in the
session. Just before the commit (a ``before_commit`` hook on every `Session`), after the
session's last flush, `_seal` locks the head, numbers and hashes the transaction's events in
the order they were appended, inserts them (one ``INSERT`` each, complete: an event is never
updated) and moves the head; the commit follows. A station's transaction therefore holds the
head for a few statements and its commit, however long the rest of it took. On PostgreSQL
the sealing is one server function (`parcelproof_seal`, migrations 0010 and 0012) sent,
prepared, in the same round trip as the COMMIT: the head is held by the server for that
statement and the commit, never while a station's process waits for its turn on the CPU;
the program recomputes the hashes from the head the function started from and raises
`ChainMismatch` if the server's differ (after a sealing with the COMMIT the events are
committed by then: verify-log names them). The writes a transaction kept for its commit (`write_at_commit`) and the share locks on the orders its
events point at go in that same round trip, before the function. What does not
change: one total order (the head row is still locked for every append), the canonical bytes
and the link function (`canonical`, `link`), and so the hashes and `verify-log`; an event
still commits with the change it records, or neither does.

The rows that point at an event (``scan_events``, ``weighings``, ``print_jobs``, …) are
written before it: their foreign keys to ``events`` are checked at the commit (DEFERRABLE
INITIALLY DEFERRED on PostgreSQL, migration 0008; ``PRAGMA defer_foreign_keys`` for the
transaction on SQLite). A caller that needs the event's ``seq`` or ``hash`` inside its
transaction (a manifest number, a batch code, the head printed on a stub register) calls
`seal_now` first: the head is then taken at once and held until the commit, as every append
did before. An ORM query of ``events`` in a transaction that has appended events seals them
first, so a transaction always reads its own events.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import hashlib
import json
import os
import re
import time
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, event, insert, select, text, update
from sqlalchemy.engine import ExecutionContext
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.sql import Executable

from app.db.engine import CANONICAL_JSON, EVENT_ID_TAKEN, id_sequence, store_json
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
    return store_json(body).encode()


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


class ChainNotSealed(RuntimeError):
    """An event's ``seq``/``hash`` was asked for before its transaction took the chain head."""


class Appended:
    """The event `append_event` wrote: its id and values at once; its place on the chain
    (``seq``, ``prev_hash``, ``hash``) once its transaction has taken the head (at the commit,
    or at `seal_now`). Asking for them earlier raises `ChainNotSealed`."""

    __slots__ = (
        "id",
        "uid",
        "at",
        "kind",
        "order_id",
        "station",
        "operator",
        "detail",
        "_seq",
        "_prev_hash",
        "_hash",
    )

    def __init__(
        self,
        id: int,  # noqa: A002 - the row's column
        uid: str,
        at: dt.datetime,
        kind: str,
        order_id: int | None,
        station: str,
        operator: str,
        detail: dict[str, Any],
    ) -> None:
        self.id, self.uid, self.at, self.kind = id, uid, at, kind
        self.order_id, self.station, self.operator, self.detail = (
            order_id,
            station,
            operator,
            detail,
        )
        self._seq: int | None = None
        self._prev_hash = self._hash = ""

    @property
    def sealed(self) -> bool:
        return self._seq is not None

    def _link_or_raise(self) -> int:
        if self._seq is None:
            raise ChainNotSealed(
                f"event {self.kind!r} is not on the chain before its transaction commits "
                "(call app.db.chain.seal_now first)"
            )
        return self._seq

    @property
    def seq(self) -> int:
        return self._link_or_raise()

    @property
    def prev_hash(self) -> str:
        self._link_or_raise()
        return self._prev_hash

    @property
    def hash(self) -> str:
        self._link_or_raise()
        return self._hash

    def __repr__(self) -> str:
        return f"Appended(id={self.id}, seq={self._seq}, kind={self.kind!r})"


# Built once: every scan, weighing and print appends an event, and building a statement
# costs more than running it.
_HEAD = select(ChainHead.seq, ChainHead.hash).where(ChainHead.id == 1).with_for_update()
_MOVE_HEAD = (
    update(ChainHead.__table__)
    .where(ChainHead.__table__.c.id == 1)
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
_INSERT = insert(Event.__table__)
_MAX_ID = select(Event.__table__.c.id).order_by(Event.__table__.c.id.desc()).limit(1)

#: session.info keys: events appended and not yet on the chain; the head while this
#: transaction holds it ((seq, hash)); when it was taken; SQLite's next free id
_UNSEALED = "chain_unsealed"
_HEAD_HELD = "chain_head_held"
_LOCKED_AT = "chain_locked_at"
_NEXT_ID = "chain_next_id"
_HELD_MS = "chain_held_ms"
#: session.info and the connection's info: the rendered writes `write_at_commit` keeps
_LATER = "chain_later"
#: session.info: event ids taken ahead (`read_together`, `reserve_event_ids`), for this
#: transaction's next events; events appended in `appending_together`
_SPARE_IDS = "chain_spare_ids"
_TOGETHER = "chain_together"
_KEYS = (_UNSEALED, _HEAD_HELD, _LOCKED_AT, _NEXT_ID, _HELD_MS, _LATER, _SPARE_IDS, _TOGETHER)
#: execution option: this statement may go before the writes kept for the commit (it reads
#: nothing they change: the events' id sequence)
_LATER_MAY_WAIT = "chain_later_may_wait"
#: execution option: the result of a multi-statement string to return is the one whose first
#: column has this name (the seal's, after the writes sent with it)
_RESULT_NAMED = "chain_result_named"
#: execution option: keep every result set of a multi-statement string (`read_together`),
#: in the connection's info under the same key
_COLLECT = "chain_collect"


def _new_id(session: Session) -> int:
    ids = next_ids(session, "events")
    if ids is not None:  # PostgreSQL: the events' sequence
        return ids[0]
    # SQLite: one writer at a time (write transactions begin IMMEDIATE), so the next id is
    # the largest plus one, then counted on in this transaction
    nxt = session.info.get(_NEXT_ID)
    if nxt is None:
        nxt = (session.connection().execute(_MAX_ID).scalar() or 0) + 1
    session.info[_NEXT_ID] = nxt + 1
    return nxt


def next_ids(session: Session, *tables: str) -> tuple[int, ...] | None:
    """PostgreSQL: the next id of each table's sequence (``"events"`` for an event's, to give
    `append_event`), all in one round trip, which may go ahead of the writes kept for the
    commit (a sequence reads none of them). SQLite: None (ids come with the inserts)."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    if not tables:
        return ()
    if tables[0] == "events":
        # the event id a write transaction's BEGIN took (`app.db.engine._begin_as_ping`),
        # then those `read_together` took ahead
        info = conn.connection.info
        taken = info.get(EVENT_ID_TAKEN)
        if taken is not None:
            info[EVENT_ID_TAKEN] = None
        elif spare := session.info.get(_SPARE_IDS):
            taken = spare.pop(0)
        if taken is not None:
            return (taken, *(next_ids(session, *tables[1:]) or ()))
    row = conn.execute(text(_next_ids_sql(tables)), execution_options={_LATER_MAY_WAIT: True}).one()
    return tuple(int(x) for x in row)


@functools.cache
def _next_ids_sql(tables: tuple[str, ...]) -> str:
    return "SELECT " + ", ".join(f"nextval({id_sequence(t)})" for t in tables)


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
    id: int | None = None,  # noqa: A002 - the row's column
) -> Appended:
    """Append one event to the chain inside the caller's transaction.

    The event has its id at once (rows that point at it can be written); it is numbered,
    hashed and inserted when the transaction commits (or at `seal_now`), after every event
    the transaction appended before it. ``id``: PostgreSQL only, one `next_ids` gave for
    ``"events"`` (with the ids of the rows that will point at the event).
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
    ev = Appended(
        _new_id(session) if id is None else id, uid, at, kind, order_id, station, operator, detail
    )
    unsealed = session.info.get(_UNSEALED)
    if unsealed is None:
        unsealed = session.info[_UNSEALED] = []
        conn = session.connection()
        if conn.dialect.name == "sqlite":  # rows pointing at it come first; checked at commit
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    unsealed.append(ev)
    if _HEAD_HELD in session.info and not session.info.get(_TOGETHER):
        _seal(session)  # the head is this transaction's already: on the chain now
    return ev


@contextmanager
def appending_together(session: Session) -> Iterator[None]:
    """Events appended in this block after the transaction took the head (`seal_now`) go on
    the chain together at its end (one round trip on PostgreSQL), not each at once: their
    ``seq`` is known after the block. Nothing else changes (the head is held either way)."""
    outer = session.info.get(_TOGETHER)
    session.info[_TOGETHER] = True
    try:
        yield
    finally:
        session.info[_TOGETHER] = outer
    if not outer and _HEAD_HELD in session.info and session.info.get(_UNSEALED):
        _seal(session)


def reserve_event_ids(session: Session, n: int) -> None:
    """PostgreSQL: take ``n`` event ids in one round trip for the events this transaction
    is about to append (`next_ids` gives them out; one not used is a gap). SQLite: nothing."""
    conn = session.connection()
    if conn.dialect.name != "postgresql" or n <= 0:
        return
    session.info.setdefault(_SPARE_IDS, []).extend(take_ids(session, "events", n))


def take_ids(session: Session, table: str, n: int) -> list[int]:
    """PostgreSQL: the next ``n`` ids of ``table``'s sequence, in one round trip and as one
    array value (one row to read however many), which may go ahead of the writes kept for
    the commit (a sequence reads none of them). Ids not used are a gap, as a rolled-back
    write leaves one."""
    conn = session.connection()
    taken = conn.execute(
        _take_ids_sql(table), {"n": n}, execution_options={_LATER_MAY_WAIT: True}
    ).scalar_one()
    return [int(i) for i in taken]


@functools.cache
def _take_ids_sql(table: str) -> Any:
    return text(f"SELECT ARRAY(SELECT nextval({id_sequence(table)}) FROM generate_series(1, :n))")


def seal_now(session: Session) -> None:
    """Take the chain head now and put the events appended so far on the chain: their
    ``seq`` and ``hash`` are known from here on, and so are those of every event this
    transaction appends later. The head stays locked until the transaction ends."""
    _seal(session)


def _canonical_parts(ev: Appended, detail: str) -> tuple[str, str]:
    """`canonical` of the event cut around its seq: ``canonical == (pre + str(seq) +
    post).encode()``, the keys in sorted order and each value as json.dumps writes it (the
    tests hold the two equal). PostgreSQL's `parcelproof_seal` hashes from these. ``detail``:
    the event's detail as `store_json` writes it (and the column stores it)."""
    enc = _encode_str
    order = "null" if ev.order_id is None else int(ev.order_id)
    pre = (
        f'{{"at":"{ev.at.astimezone(dt.UTC).isoformat(timespec="microseconds")}",'
        f'"detail":{detail},"kind":{enc(ev.kind)},'
        f'"operator":{enc(ev.operator)},"order_id":{order},"seq":'
    )
    return pre, f',"station":{enc(ev.station)},"uid":{enc(ev.uid)}}}'


def _seal(session: Session, *, final: bool = False) -> None:
    """Put the session's unsealed events on the chain (see the module's docstring).

    ``final`` (the ``before_commit`` hook): on PostgreSQL the COMMIT goes in the same round
    trip as `parcelproof_seal`, so the head is held for that one statement and the commit,
    never while this process waits for its turn on the CPU."""
    info = session.info
    unsealed: list[Appended] = info.get(_UNSEALED) or []
    conn = session.connection()
    held = info.get(_HEAD_HELD)
    if conn.dialect.name == "postgresql":
        if unsealed:
            ids = set() if held is not None else {e.order_id for e in unsealed if e.order_id}
            _seal_pg(session, conn, unsealed, commit=final and held is None, key_share=ids)
        elif held is None:  # seal_now with nothing appended yet: the head is taken now
            info[_HEAD_HELD] = tuple(conn.execute(_HEAD).one())
            info[_LOCKED_AT] = time.perf_counter()
        return
    if held is None:
        held = tuple(conn.execute(_HEAD).one())
        info[_LOCKED_AT] = time.perf_counter()
    if not unsealed:
        info[_HEAD_HELD] = held
        return
    seq, prev = held
    rows = []
    for ev in unsealed:
        seq += 1
        digest = link(
            prev,
            canonical(seq, ev.uid, ev.at, ev.kind, ev.order_id, ev.station, ev.operator, ev.detail),
        )
        ev._seq, ev._prev_hash, ev._hash = seq, prev, digest
        rows.append(
            {
                "id": ev.id,
                "seq": seq,
                "uid": ev.uid,
                "at": ev.at,
                "kind": ev.kind,
                "order_id": ev.order_id,
                "station": ev.station,
                "operator": ev.operator,
                "detail": ev.detail,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    conn.execute(_INSERT, rows)
    conn.execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": prev})
    info[_HEAD_HELD] = (seq, prev)
    unsealed.clear()


#: sent prepared (`_sendable`), as the writes before them are: as text the server planned
#: them at every seal (the share lock's plan cost twice its run). One order a statement: a
#: list's (``= ANY``) would be planned afresh every time too, the server finding a plan for
#: the one list it is given cheaper than its plan for any list
_KEY_SHARE = "SELECT id FROM orders WHERE id = $1::integer FOR KEY SHARE"
_SEAL = "SELECT * FROM parcelproof_seal($1::json)"


class ChainMismatch(RuntimeError):
    """The server's hashes are not the ones this program computes for the same events."""


def _seal_pg(
    session: Session,
    conn: Connection,
    unsealed: list[Appended],
    *,
    commit: bool,
    key_share: set[int],
) -> None:
    details = [store_json(ev.detail) for ev in unsealed]
    parts = [_canonical_parts(ev, d) for ev, d in zip(unsealed, details, strict=True)]
    batch = json.dumps(
        [
            {
                "id": ev.id,
                "uid": ev.uid,
                "at": ev.at.isoformat(),
                "kind": ev.kind,
                "order_id": ev.order_id,
                "station": ev.station,
                "operator": ev.operator,
                "detail": detail,  # as the JSON column stores it
                "pre": pre,
                "post": post,
            }
            for ev, detail, (pre, post) in zip(unsealed, details, parts, strict=True)
        ]
    )
    from psycopg.pq import Escaping

    raw: Any = conn.connection.dbapi_connection
    literal = Escaping(raw.pgconn).escape_literal(batch.encode()).decode()
    # one string, one round trip: the writes kept for the commit (`write_at_commit`), the
    # share locks on the orders the events point at (taken before the head: the events'
    # foreign key checks then never wait while the head is held; a station holding an order
    # FOR UPDATE may be waiting for the head, which would deadlock), the sealing, the COMMIT
    items = _take_later(session)
    items.extend(_Rendered(_KEY_SHARE, f"({int(i)})") for i in sorted(key_share))
    items.append(_Rendered(_SEAL, f"({literal})"))
    sent = _sendable(conn, items)
    if commit:
        sent.append("COMMIT")
    # no parameters: SQLAlchemy runs it as it is (its errors, its invalidation of a lost
    # connection), psycopg sends it by the simple protocol, every statement in one round trip
    first, prev, last, held_ms = conn.exec_driver_sql(
        "; ".join(sent), execution_options={"no_parameters": True, _RESULT_NAMED: "first_seq"}
    ).one()
    seq = first - 1
    for ev, (pre, post) in zip(unsealed, parts, strict=True):
        seq += 1
        digest = hashlib.sha256((prev + pre + str(seq) + post).encode()).hexdigest()
        ev._seq, ev._prev_hash, ev._hash = seq, prev, digest
        prev = digest
    unsealed.clear()
    if prev != last:
        raise ChainMismatch(f"event #{seq}: the server hashed {last}, this program {prev}")
    info = session.info
    if commit:
        info[_HELD_MS] = held_ms
    else:  # the head is this transaction's until the commit
        info[_HEAD_HELD] = (seq, prev)
        info.setdefault(_LOCKED_AT, time.perf_counter() - held_ms / 1000)


@event.listens_for(Session, "before_commit")
def _on_session_before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    if session.info.get(_UNSEALED):
        session.flush()  # the rows that point at the events: written before the head is taken
        _seal(session, final=True)
    elif session.info.get(_LATER):  # kept writes and no event: sent now, with the COMMIT
        session.flush()
        parts = _take_later(session)
        if parts:
            conn = session.connection()
            conn.exec_driver_sql(
                "; ".join([*_sendable(conn, parts), "COMMIT"]),
                execution_options={"no_parameters": True},
            )


@event.listens_for(Session, "do_orm_execute")
def _on_session_do_orm_execute(state: ORMExecuteState) -> None:
    """A query of ``events`` in a transaction with unsealed events reads them too."""
    if state.session.info.get(_UNSEALED) and any(m.class_ is Event for m in state.all_mappers):
        _seal(state.session)


# --- writes sent with the commit (PostgreSQL) -------------------------------------------------


def write_at_commit(
    session: Session, statement: Executable, params: dict[str, Any] | None = None
) -> None:
    """Run a write (``INSERT``/``UPDATE``) whose outcome the transaction does not read back.

    SQLite: now. PostgreSQL: it is kept, and sent in the round trip of the next statement
    the transaction sends, or of its seal and COMMIT when it sends none (`_seal_pg`): a
    station's scan, whose writes follow its reads, then pays one round trip for its writes,
    its events and its commit instead of one per statement. What is written and in which order
    does not change: the kept writes go before any later statement of the transaction (a read
    sees them; `_on_cursor_execute`), in the order they were made; only an error a write
    raises (a constraint) comes at that later statement or the commit instead of at once, and
    rolls the whole transaction back as before. A rolled-back transaction sends nothing.
    """
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        conn.execute(statement, params or {})
        return
    later = session.info.get(_LATER)
    if later is None:
        later = session.info[_LATER] = []
        conn.info[_LATER] = later  # the same list: what `_on_cursor_execute` sees
    later.append(_render(conn, statement, params or {}))


_compiled: dict[tuple[int, frozenset[str]], tuple[Executable, Any, dict[str, Any], Any]] = {}
_PYFORMAT = re.compile(r"%\(([^)]+)\)s|%%")


@dataclass(frozen=True)
class _Rendered:
    """A statement with its values, to be sent as text: its SQL with ``$n`` parameters (a
    prepared statement's, `_sendable`) and the values, quoted, in their order."""

    sql: str
    args: str


class _Prepared:
    """The statements prepared on one connection (SQL → name), and whether the server may
    hold others (after an error: `_forget_prepared`)."""

    __slots__ = ("names", "unsure", "quoting")

    def __init__(self, raw: Any) -> None:
        import psycopg

        self.names: dict[str, str] = {}
        self.unsure = False
        self.quoting = psycopg.ClientCursor(raw)  # for its mogrify (`_render`), made once


def _prepared_on(conn: Connection) -> _Prepared:
    """The connection's (kept in its pool entry's info: a new DBAPI connection, after the
    old one was invalidated, starts with none)."""
    info = conn.connection.info
    known = info.get(_PREPARED)
    if known is None:
        known = info[_PREPARED] = _Prepared(conn.connection.dbapi_connection)
    return known


#: at most this many statements prepared on a connection; then they are all deallocated
_PREPARED_MAX = 256
_PREPARED = "chain_prepared"


def _sendable(conn: Connection, items: list[_Rendered]) -> list[str]:
    """The statements as text to send: ``EXECUTE`` of a statement prepared on this
    connection, with a ``PREPARE`` ahead of the first (one string, one round trip).

    Sent as text, a statement would be parsed and planned by the server every time (a
    station's statements are a few dozen, sent thousands of times a day); prepared, only its
    values are. These are the connection's only prepared statements (psycopg prepares none:
    `app.db.engine.open_database`). A ``PREPARE`` is not undone by a rollback, so the names
    hold until an error: the server may then hold some sent with it or not, and the next
    string starts with ``DEALLOCATE ALL`` and prepares anew."""
    known = _prepared_on(conn)
    out = []
    if known.unsure or len(known.names) >= _PREPARED_MAX:
        out.append("DEALLOCATE ALL")
        known.names.clear()
        known.unsure = False
    for item in items:
        name = known.names.get(item.sql)
        if name is None:
            name = known.names[item.sql] = f"pp_{len(known.names)}"
            out.append(f"PREPARE {name} AS {item.sql}")
        out.append(f"EXECUTE {name}{item.args}")
    return out


def _forget_prepared(context: Any) -> None:
    """``handle_error``: what the server holds of this connection's prepared statements is
    not known after an error (`_sendable`)."""
    conn = context.connection
    if conn is None:
        return
    try:
        known = conn.connection.info.get(_PREPARED)
    except Exception:  # noqa: BLE001 - invalidated: a new connection prepares anew
        return
    if known is not None:
        known.unsure = True


def _render(conn: Connection, statement: Executable, params: dict[str, Any]) -> _Rendered:
    """The statement with its values: compiled by SQLAlchemy once per statement and set of
    values (the statements are built once, at import; an ``UPDATE`` sets the columns it is
    given) with ``$n`` for its parameters, the values quoted by psycopg's own client-side
    binding (``ClientCursor.mogrify``: libpq's escaping)."""
    key = (id(statement), frozenset(params))
    entry = _compiled.get(key)
    if entry is None or entry[0] is not statement:
        compiled = statement.compile(dialect=conn.dialect, column_keys=list(params))
        procs = {}
        for name, bind in compiled.binds.items():
            proc = bind.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
            if proc is not None:
                procs[name] = proc
        order: list[str] = []

        def number(m: re.Match[str]) -> str:
            if m.group(1) is None:
                return "%"
            if m.group(1) not in order:
                order.append(m.group(1))
            return f"${order.index(m.group(1)) + 1}"

        sql = _PYFORMAT.sub(number, compiled.string)
        args = "(" + ", ".join(f"%({n})s" for n in order) + ")" if order else ""
        entry = _compiled[key] = (statement, compiled, procs, (sql, args))
    _, compiled, procs, (sql, args) = entry
    if not args:
        return _Rendered(sql, "")
    values = compiled.construct_params(params)
    for name, proc in procs.items():
        if name in values:
            values[name] = proc(values[name])
    quoting = _prepared_on(conn).quoting
    return _Rendered(sql, quoting.mogrify(args, values))


def _take_later(session: Session) -> list[_Rendered]:
    """The writes kept for the commit, taken off the list (they are about to be sent)."""
    later = session.info.get(_LATER)
    if not later:
        return []
    parts = list(later)
    later.clear()
    return parts


# --- reads sent together (PostgreSQL) ---------------------------------------------------------


def read_together(
    session: Session,
    *reads: tuple[Executable, dict[str, Any]],
    ids: tuple[str, ...] = (),
    spare_event_ids: int = 0,
) -> tuple[list[Sequence[Any]], tuple[int, ...] | None]:
    """Run ``reads`` (statement, parameters), none of which needs another's answer: the rows
    of each, with the next ``ids`` of those tables' sequences (as `next_ids`).

    PostgreSQL: one round trip for all of them, the writes kept for the commit
    (`write_at_commit`) sent ahead of them as any statement sends them; the statements run
    one after another on the server, in the order given, inside the transaction (a read
    ``FOR UPDATE`` takes its locks before the reads after it run). A station's action reads
    what its checks need before it writes: in one round trip instead of one per statement,
    each of which costs the station and the server far more than the statement itself.
    ``spare_event_ids``: that many event ids taken in the same round trip for events the
    transaction may append after its first (`next_ids` gives them out; one not used is a gap,
    as a rolled-back write leaves one). A row has its columns as attributes and by position,
    as SQLAlchemy's rows do. SQLite: each read in turn, ids None (they come with the inserts).
    """
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return [conn.execute(stmt, params).all() for stmt, params in reads], None
    shapes = []
    rendered = _take_later(session)
    for stmt, params in reads:
        rendered.append(_render(conn, stmt, params))
        shapes.append(_shape(conn, stmt, params))
    sent = _sendable(conn, rendered)
    tables = (*ids, *(("events",) * spare_event_ids))
    if tables:
        sent.append(_next_ids_sql(tables))
    conn.exec_driver_sql(
        "; ".join(sent), execution_options={"no_parameters": True, _COLLECT: True}
    ).close()
    results = conn.info.pop(_COLLECT)
    out = [shape(desc, rows) for shape, (desc, rows) in zip(shapes, results, strict=False)]
    taken: tuple[int, ...] = ()
    if tables:
        taken = tuple(int(x) for x in results[len(shapes)][1][0])
        if spare_event_ids:
            session.info.setdefault(_SPARE_IDS, []).extend(taken[len(ids) :])
    return out, taken[: len(ids)]


_shapes: dict[int, tuple[Any, Callable[[Any, list[tuple]], list[Any]]]] = {}


def _shape(
    conn: Connection, stmt: Executable, params: dict[str, Any]
) -> Callable[[Any, list[tuple]], list[Any]]:
    """How to make a read's rows (`_render` compiled it): named tuples with the statement's
    column keys, each value through the type's result processor (SQLAlchemy's, for what
    psycopg does not give as the column's Python type already)."""
    compiled = _compiled[(id(stmt), frozenset(params))][1]
    entry = _shapes.get(id(compiled))
    if entry is None or entry[0] is not compiled:
        cols = compiled._result_columns
        row_type = collections.namedtuple(  # type: ignore[misc]
            "Row", [c.keyname for c in cols], rename=True
        )
        dialect = conn.dialect
        by_types: dict[tuple[int, ...], list[Any]] = {}

        def shape(types: tuple[int, ...], rows: list[tuple]) -> list[Any]:
            procs = by_types.get(types)
            if procs is None:
                procs = by_types[types] = [
                    c.type._cached_result_processor(dialect, t)
                    for c, t in zip(cols, types, strict=True)
                ]
            if not any(procs):
                return [row_type._make(r) for r in rows]
            return [
                row_type._make(v if p is None else p(v) for p, v in zip(procs, r, strict=True))
                for r in rows
            ]

        entry = _shapes[id(compiled)] = (compiled, shape)
    return entry[1]


_watched: weakref.WeakSet[Engine] = weakref.WeakSet()


def watch_engine(engine: Engine) -> None:
    """Give a PostgreSQL engine the two hooks `write_at_commit` and the seal need, once
    (`app.db.engine.open_database` does, for every PostgreSQL engine). A SQLite engine needs
    neither, and its statements keep SQLAlchemy's path without events."""
    if engine in _watched:
        return
    event.listen(engine, "before_cursor_execute", _on_cursor_execute)
    event.listen(engine, "after_cursor_execute", _on_after_cursor_execute)
    event.listen(engine, "handle_error", _forget_prepared)
    _watched.add(engine)


def _on_cursor_execute(
    conn: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: ExecutionContext,
    executemany: bool,
) -> None:
    """Any statement a transaction sends after writes it kept (`write_at_commit`) sends them
    first, so that it sees them and they keep their order."""
    later = conn.info.get(_LATER)
    if later and not context.execution_options.get(_LATER_MAY_WAIT):
        sql = "; ".join(_sendable(conn, later))
        later.clear()
        cursor.execute(sql)


def _on_after_cursor_execute(
    conn: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: ExecutionContext,
    executemany: bool,
) -> None:
    """A multi-statement string (the seal with its writes): its result is the statement's
    whose first column `_RESULT_NAMED` names, not the first statement's; with `_COLLECT`
    (`read_together`), every result set that has rows (not the writes') is kept, with its
    description, in the connection's info."""
    if context.execution_options.get(_COLLECT):
        from psycopg.pq import ExecStatus

        results = []
        while True:
            res = cursor.pgresult
            if res is not None and res.status == ExecStatus.TUPLES_OK:
                types = tuple(res.ftype(i) for i in range(res.nfields))
                results.append((types, cursor.fetchall()))
            if not cursor.nextset():
                break
        conn.info[_COLLECT] = results
        return
    name = context.execution_options.get(_RESULT_NAMED)
    if name is None:
        return
    while not (cursor.description and cursor.description[0].name == name):
        if not cursor.nextset():
            break


# --- how long a transaction holds the chain head (the floor benchmark) -----------------------

_hold_observer: Callable[[float], None] | None = None


def observe_chain_holds(observer: Callable[[float], None] | None) -> None:
    """Call ``observer(ms)`` after each transaction that took the chain head with how long it
    held it (from taking the lock to the end of its commit or rollback); ``None`` stops it.
    For benchmarks: nothing is measured while no observer is set."""
    global _hold_observer
    _hold_observer = observer


@event.listens_for(Session, "after_transaction_end")
def _on_session_after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:  # a savepoint or a subtransaction: not the end
        return
    info = session.info
    t0, held_ms = info.get(_LOCKED_AT), info.get(_HELD_MS)
    later = info.get(_LATER)
    if later:  # rolled back: what was kept is not sent
        later.clear()
    for key in _KEYS:
        info.pop(key, None)
    if _hold_observer is None:
        return
    if held_ms is not None:  # sealed and committed in one round trip: the server's measure
        _hold_observer(held_ms)
    elif t0 is not None:
        _hold_observer((time.perf_counter() - t0) * 1000)


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    events: int
    head: str
    problem: str = ""
    event_seq: int | None = None
    event_id: int | None = None


_ROWS = (
    "SELECT id, seq, uid, {at}, kind, order_id, station, operator, {detail}, prev_hash, hash "
    "FROM events WHERE seq > {p} ORDER BY seq LIMIT {n}"
)
#: PostgreSQL: the time and the detail as text, as SQLite gives them (no parsing of either by
#: the driver: the walk writes the time as it is and parses the detail once)
_PG_AT = "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"


def _at_text(value: Any) -> str:
    """An event's time as the canonical form writes it, from what the driver returns: a
    datetime (PostgreSQL) or SQLite's stored text (``YYYY-MM-DD HH:MM:SS.ffffff``, UTC)."""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " ":
            return value[:10] + "T" + value[11:] + "+00:00"
        value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _event_batches(
    conn: Connection, after: int, batch: int = 20_000
) -> Iterator[list[tuple[Any, ...]]]:
    """The events after seq ``after`` as raw driver rows (no ORM, no type processing), in
    batches ordered by seq."""
    pg = conn.dialect.name == "postgresql"
    sql = _ROWS.format(
        at=_PG_AT if pg else "at",
        detail="detail::text" if pg else "detail",
        p="%s" if pg else "?",
        n=int(batch),
    )
    cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        last = after
        while True:
            cur.execute(sql, (last,))
            rows = cur.fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][1]
    finally:
        cur.close()


_CANON = CANONICAL_JSON
_encode_str: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _canonical_json() -> Callable[[Any], str]:
    """``json.dumps(value, **_CANON)`` without building an encoder per call: the C encoder
    (what ``dumps`` itself uses for these options) made once, or ``dumps`` where there is none.
    The walk's values come from ``json.loads``, so they hold no cycles to check for."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython has it
        return store_json
    encoder = json.JSONEncoder(**_CANON)
    c_encode = make(
        None,
        encoder.default,
        _encode_str,
        None,
        encoder.key_separator,
        encoder.item_separator,
        True,
        False,
        True,
    )
    join = "".join

    def canonical_json(value: Any) -> str:
        if isinstance(value, str):  # the C encoder takes containers and scalars alike
            return _encode_str(value)
        return join(c_encode(value, 0))

    return canonical_json


_canonical_detail = _canonical_json()


#: called with the number of events checked so far, after each batch (a progress bar)
ChainProgress = Callable[[int], None]


_Walked = tuple[int, str, tuple[str, int, int | None] | None]

#: after a stored detail that is not canonical JSON, parse this many before trying again
_RAW_RETRY = 256


def _walk(
    conn: Connection,
    prev: str,
    after: int,
    upto: int | None = None,
    progress: ChainProgress | None = None,
) -> _Walked:
    """Re-link and re-hash the events after seq ``after`` (up to ``upto``), starting from
    hash ``prev``: (events checked, last hash, (problem, seq, id) of the first bad event or
    None)."""
    expected_seq = after + 1
    count = 0
    detail_json = _canonical_detail
    loads = json.loads
    enc = _encode_str
    sha = hashlib.sha256
    stop = -1 if upto is None else upto + 1  # the seq that ends the chunk (none: -1)
    prev_b = prev.encode("ascii")
    parse_next = 0  # details to parse without trying their stored text first
    for rows in _event_batches(conn, after):
        for eid, seq, uid, at, kind, order_id, station, operator, detail, prev_hash, digest in rows:
            if expected_seq == stop:  # the chunk is done
                return count, prev, None
            if seq != expected_seq:
                return (
                    count,
                    prev,
                    (
                        f"event #{expected_seq} is missing (next found is #{seq})",
                        seq,
                        eid,
                    ),
                )
            if prev_hash != prev:
                return (
                    count,
                    prev,
                    (
                        f"event #{seq} does not link to the event before it (inserted?)",
                        seq,
                        eid,
                    ),
                )
            # the time as the canonical form writes it: SQLite's stored text and PostgreSQL's
            # `_PG_AT` are ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC); anything else the long way
            if at.__class__ is str and len(at) == 26 and at[10] == " ":
                at = f"{at[:10]}T{at[11:]}+00:00"
            else:
                at = _at_text(at)
            # `canonical`, written out: its keys in sorted order, each value as json.dumps
            # writes it (tests/db/test_verify_since.py holds the two equal). The detail is
            # stored in canonical JSON (`app.db.engine.store_json`), so it is hashed as stored
            # first: a match proves these very bytes were hashed when it was recorded. Only a
            # miss (a row stored otherwise, by an older version, or altered) is parsed and
            # written out canonically; after such a miss the next `_RAW_RETRY` details are
            # parsed straight away (an older chain pays one extra hash in that many).
            head = f'{{"at":"{at}","detail":'
            tail = (
                f',"kind":{enc(kind)},"operator":{enc(operator)},'
                f'"order_id":{"null" if order_id is None else int(order_id)},'
                f'"seq":{seq},"station":{enc(station)},"uid":{enc(uid)}}}'
            )
            raw = detail.__class__ is str
            if raw and not parse_next:
                matched = sha(prev_b + f"{head}{detail}{tail}".encode()).hexdigest() == digest
                if not matched:
                    parse_next = _RAW_RETRY
            else:
                matched = False
                parse_next -= parse_next > 0
            if not matched and (
                sha(
                    prev_b + f"{head}{detail_json(loads(detail) if raw else detail)}{tail}".encode()
                ).hexdigest()
                != digest
            ):
                return (
                    count,
                    prev,
                    (
                        f"event #{seq} ({kind}) was altered after it was recorded",
                        seq,
                        eid,
                    ),
                )
            prev = digest
            prev_b = digest.encode("ascii")
            expected_seq += 1
            count += 1
        if progress is not None:
            progress(count)
    return count, prev, None


_worker_db: Any = None


def _walk_chunk(url: str, prev: str | None, after: int, upto: int) -> _Walked:
    """One chunk of a parallel walk, in a worker process (its own engine, kept for the next
    chunk); ``prev`` None: start from the stored hash of event ``after``."""
    global _worker_db
    from app.db.engine import open_database

    if _worker_db is None or _worker_db.url != url:
        _worker_db = open_database(url)
    with _worker_db.read() as s:
        conn = s.connection()
        if prev is None:
            table = Event.__table__
            stored = conn.execute(select(table.c.hash).where(table.c.seq == after)).scalar()
            prev = stored if stored is not None else "?"  # missing: the chunk before says so
        return _walk(conn, prev, after, upto)


def _walk_parallel(
    url: str,
    prev: str,
    base: int,
    head: int,
    workers: int,
    chunk: int,
    progress: ChainProgress | None,
) -> _Walked:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    bounds = list(range(base, head, chunk)) or [base]
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        futures = [
            pool.submit(
                _walk_chunk,
                url,
                prev if a == base else None,
                a,
                None if a == bounds[-1] else a + chunk,
            )
            for a in bounds
        ]
        count, last = 0, prev
        for f in futures:
            n, last, problem = f.result()
            count += n
            if problem is not None:
                for g in futures:
                    g.cancel()
                return count, last, problem
            if progress is not None:
                progress(count)
    return count, last, None


def verify_chain(
    session: Session,
    *,
    since: int = 0,
    since_hash: str | None = None,
    progress: ChainProgress | None = None,
    workers: int | None = None,
    chunk: int = 500_000,
) -> ChainReport:
    """Walk the chain and name the first event altered, removed or inserted.

    ``since``: the seq of a checkpoint (`resolve_checkpoint`), ``since_hash`` the hash it
    recorded: the checkpoint's event must still have that hash and re-hash to it; then the
    events after it are checked from there, with the weighings of those events. 0 checks
    everything. ``progress(n)``: the events checked so far, after each batch.

    A long chain (two ``chunk``s or more; ``workers`` None) is walked in chunks of ``chunk``
    events by one process per core (at most 4), each with its own connection: a chunk starts
    from the stored hash of the event before it, whose own hash the chunk before checks, so
    the chunks together check exactly what one walk does, and the first problem in chain order
    is the one reported.
    """
    prev, base = "", 0
    if since:
        start = session.execute(
            select(Event.__table__).where(Event.__table__.c.seq == since)
        ).first()
        if start is None:
            return ChainReport(False, 0, "", f"event #{since} is missing", since, None)
        body = canonical(
            start.seq,
            start.uid,
            start.at,
            start.kind,
            start.order_id,
            start.station,
            start.operator,
            start.detail,
        )
        if since_hash is not None and start.hash != since_hash:
            return ChainReport(
                False,
                0,
                start.hash,
                f"event #{since} does not have the checkpoint's hash (altered or replaced?)",
                since,
                start.id,
            )
        if link(start.prev_hash, body) != start.hash:
            return ChainReport(
                False,
                0,
                start.prev_hash,
                f"event #{start.seq} ({start.kind}) was altered after it was recorded",
                start.seq,
                start.id,
            )
        prev, base = start.hash, since
    head = session.execute(select(ChainHead.seq, ChainHead.hash).where(ChainHead.id == 1)).one()
    conn = session.connection()
    url = conn.engine.url
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if head.seq - base >= 2 * chunk else 1
    if (
        workers > 1
        and url.get_backend_name() in ("sqlite", "postgresql")
        and url.database
        not in (
            None,
            "",
            ":memory:",
        )
    ):
        count, prev, problem = _walk_parallel(
            url.render_as_string(hide_password=False),
            prev,
            base,
            head.seq,
            workers,
            chunk,
            progress,
        )
    else:
        count, prev, problem = _walk(conn, prev, base, None, progress)
    if problem is not None:
        text_, seq, eid = problem
        return ChainReport(False, count, prev, text_, seq, eid)
    last = base + count
    if head.seq != last or head.hash != prev:
        return ChainReport(
            False,
            count,
            prev,
            f"the chain head says #{head.seq} but the last event found is #{last} "
            "(events removed from the end?)",
            head.seq,
            None,
        )
    found = _check_weighings(session, since)
    if found:
        seq, event_id, text_ = found
        return ChainReport(False, count, prev, text_, seq, event_id)
    return ChainReport(True, count, prev)


# --- checkpoints: a chain head printed on paper ------------------------------------------------


class CheckpointNotFound(LookupError):
    """``verify-log --since`` named no recorded checkpoint (the message says which)."""


def record_checkpoint(session: Session, seq: int, hash_: str, label: str) -> bool:
    """Keep the chain head ``(seq, hash_)`` printed on a page as a checkpoint (once per
    seq); True when it was new."""
    from app.db.models import ChainCheckpoint

    if session.scalar(select(ChainCheckpoint.id).where(ChainCheckpoint.seq == seq)) is not None:
        return False
    session.add(ChainCheckpoint(seq=seq, hash=hash_, label=label[:32], at=utcnow()))
    session.flush()
    return True


def resolve_checkpoint(session: Session, ref: str) -> tuple[int, str]:
    """(seq, hash) of the checkpoint ``ref`` names: ``last``, its seq, or its hash (the one
    printed on the page: a hash with no checkpoint row is taken from the event that has it)."""
    from app.db.models import ChainCheckpoint

    ref = ref.strip().lower()
    q = select(ChainCheckpoint.seq, ChainCheckpoint.hash)
    if ref == "last":
        row = session.execute(q.order_by(ChainCheckpoint.seq.desc()).limit(1)).first()
        if row is None:
            raise CheckpointNotFound("no checkpoint has been recorded yet (print a daily report)")
    elif ref.isdigit():
        row = session.execute(q.where(ChainCheckpoint.seq == int(ref))).first()
        if row is None:
            raise CheckpointNotFound(f"no checkpoint at event #{int(ref)}")
    elif len(ref) == 64 and all(c in "0123456789abcdef" for c in ref):
        row = session.execute(q.where(ChainCheckpoint.hash == ref)).first()
        if row is None:
            row = session.execute(select(Event.seq, Event.hash).where(Event.hash == ref)).first()
        if row is None:
            raise CheckpointNotFound(f"no checkpoint and no event has the hash {ref[:16]}…")
    else:
        raise CheckpointNotFound(f"{ref!r} is not a checkpoint: give 'last', its # or its hash")
    return int(row[0]), str(row[1])


_WEIGHING_FIELDS = ("grams", "expected_grams", "tolerance_grams", "verdict")


def _check_weighings(session: Session, since: int = 0) -> tuple[int, int, str] | None:
    """A weighing row says what its (chained) event says: weight, expectation, verdict, stub.

    The weighings table is what screens and reports read; an edit there behind the program's
    back would not touch the chain, so each row is compared with the detail of its event, and
    every ``weighed`` event must still have its row.
    """
    from app.db.models import Weighing

    q = (
        select(Weighing, Event.seq, Event.id, Event.order_id, Event.detail)
        .join(Event, Event.id == Weighing.event_id)
        .where(Event.seq > since)
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
        .where(Event.kind == "weighed", Weighing.id.is_(None), Event.seq > since)
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
