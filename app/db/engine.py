"""The one engine/session factory.

SQLite (the embedded default) runs in WAL mode with foreign keys on and a busy timeout;
write transactions start with ``BEGIN IMMEDIATE`` so two writers never deadlock on a lock
upgrade. PostgreSQL (``postgresql+psycopg://``) is the shared server for a floor of stations.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_DB = "PARCELPROOF_DB"


class DatabaseError(Exception):
    """The database cannot be used; the message says why in plain words."""


#: the evidence chain's canonical JSON: sorted keys, no spaces, UTF-8 (`app.db.chain.canonical`)
CANONICAL_JSON: dict[str, Any] = {
    "sort_keys": True,
    "ensure_ascii": False,
    "separators": (",", ":"),
}


def store_json(value: Any) -> str:
    """A JSON column's value as stored: the chain's canonical JSON (`app.db.chain.canonical`
    writes an event's detail this way)."""
    return json.dumps(value, **CANONICAL_JSON)


def is_connection_error(exc: BaseException) -> bool:
    """True when ``exc`` means the database could not be reached (server down, network gone,
    connection dropped mid-transaction) rather than a refusal or a bug: the station then keeps
    the action in its outbox for later."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError):
        text = str(exc.orig or exc).lower()
        # SQLite being busy or a schema problem is not an outage
        return "database is locked" not in text and "no such table" not in text
    try:
        import psycopg

        if isinstance(exc, psycopg.OperationalError):
            return True
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    return isinstance(exc, ConnectionError)


def is_privilege_error(exc: BaseException) -> bool:
    """True when the server refused the statement to this login (SQLSTATE 42501, e.g. a
    station's role asked to change evidence or the schema): a refusal to word, not an outage."""
    orig = getattr(exc, "orig", None) or exc
    return getattr(orig, "sqlstate", None) == "42501"


def privilege_detail(exc: BaseException) -> str:
    """The server's own line for a privilege refusal (``permission denied for table …``)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__


def default_url() -> str:
    env = os.environ.get(ENV_DB)
    if env:
        return env
    from platformdirs import user_data_dir

    path = Path(user_data_dir("parcelproof", appauthor=False)) / "parcelproof.db"
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept plain file paths and ``postgresql://`` URLs; pick the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_setup(engine: Engine, *, autocheckpoint: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA synchronous=NORMAL")
        if not autocheckpoint:
            cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class WalCheckpointer(threading.Thread):
    """Runs SQLite's WAL checkpoints on a thread of their own.

    By default SQLite checkpoints inside whichever commit pushes the WAL past 1,000 pages:
    that commit then copies the WAL into the database file and syncs it, and the scan whose
    verdict it carried waits 10-20 ms instead of 0.2 ms. A station turns automatic
    checkpoints off on its connections and lets this thread run a ``PASSIVE`` checkpoint
    every ``interval`` seconds on its own connection, as SQLite's documentation suggests
    for applications that care about commit latency (https://sqlite.org/wal.html). A
    passive checkpoint never blocks writers or readers; the sqlite3 module releases the GIL
    while it runs, so the station's threads go on. A checkpoint that finds the database busy
    simply tries again next time.
    """

    def __init__(self, path: str, interval: float = 1.0) -> None:
        super().__init__(name="wal-checkpoint", daemon=True)
        self.path = path
        self.interval = interval
        self._stop_event = threading.Event()
        self.checkpoints = 0

    def run(self) -> None:
        con = sqlite3.connect(self.path, timeout=0.1, isolation_level=None)
        try:
            while not self._stop_event.wait(self.interval):
                self.checkpoint(con)
            self.checkpoint(con)  # what was written last goes into the file too
        finally:
            con.close()

    def checkpoint(self, con: sqlite3.Connection) -> None:
        try:
            con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.checkpoints += 1
        except sqlite3.Error:  # busy or locked: the next round does it
            pass

    def stop(self) -> None:
        self._stop_event.set()
        if self.is_alive():
            self.join(timeout=30)


def _begin_as_ping(dbapi_conn, record, _proxy) -> None:
    """PostgreSQL: check a connection the pool hands out by sending its transaction's BEGIN.

    A connection left from before the server restarted (or the network went) must not reach
    a station's action: the pool asks the server first, and on a failure throws the connection
    away and takes a new one (`DisconnectionError`). SQLAlchemy's own ``pool_pre_ping`` sends
    ``SELECT 1``, and psycopg sends ``BEGIN`` in a round trip of its own before that: two
    round trips before every transaction's first statement. Sending the ``BEGIN`` here is the
    same check in one; psycopg then finds the transaction open (libpq's transaction status)
    and sends no ``BEGIN`` of its own. Nothing else changes: a pinged connection was already
    inside a transaction, and the pool ends it (``ROLLBACK``) when it is returned.

    A write's BEGIN (`Database.write`) also takes the next event id in the same round trip
    (``EVENT_ID_TAKEN`` in the connection record's ``info``), for the transaction's first
    event: most writes append one, and would otherwise ask for its id in a round trip of
    their own. A write that appends none leaves a gap in the ids, as a rolled-back one does;
    the chain's order is its ``seq``, which has none.
    """
    from psycopg import pq
    from sqlalchemy.exc import DisconnectionError

    pgconn = dbapi_conn.pgconn
    if pgconn.transaction_status != pq.TransactionStatus.IDLE:
        raise DisconnectionError("connection not idle at checkout")
    writing = _WRITING.get()
    try:
        # PQexec, blocking whatever psycopg's nonblocking setting: short commands
        res = pgconn.exec_(_BEGIN_WRITE if writing else b"BEGIN")
    except Exception as exc:  # the socket is gone: psycopg.OperationalError
        raise DisconnectionError(str(exc)) from exc
    taken = None
    if writing and res.status == pq.ExecStatus.TUPLES_OK:
        value = res.get_value(0, 0)
        taken = int(value) if value is not None else None
    elif writing and pgconn.status == pq.ConnStatus.OK:
        # the id could not be taken (a role without the sequence's grant, a database not yet
        # migrated, with no events table): the write goes on without it,
        # `app.db.chain.next_ids` asks when an event is appended
        try:
            res = pgconn.exec_(b"ROLLBACK; BEGIN")
        except Exception as exc:
            raise DisconnectionError(str(exc)) from exc
    if res.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
        message = res.error_message.decode(errors="replace").strip()
        raise DisconnectionError(message or "BEGIN failed")
    # an event id taken with this transaction's BEGIN is this transaction's only: a read's
    # checkout forgets one a write left unused
    record.info[EVENT_ID_TAKEN] = taken


def id_sequence(table: str) -> str:
    """The sequence that numbers ``table``'s ``id``, as an SQL literal for ``nextval``: our
    tables' ids are serial columns, whose sequence PostgreSQL names ``<table>_id_seq`` (a test
    holds every table to it). Named so, the sequence is found once, when the statement is
    parsed; ``pg_get_serial_sequence`` looks it up in the catalog again for every id taken
    (2,000 ids: 5.6 ms against 0.9)."""
    return f"'{table}_id_seq'"


#: set while a `Database.write` block runs: its connection's checkout is a write's
_WRITING: ContextVar[bool] = ContextVar("_WRITING", default=False)
#: a write transaction's BEGIN also takes the next event id: most write transactions append
#: an event, and `app.db.chain.next_ids` would otherwise ask for it in a round trip of its own
_BEGIN_WRITE = b"BEGIN; SELECT nextval(%s)" % id_sequence("events").encode()
#: the connection record's ``info`` key of the event id taken with the BEGIN (None: none)
EVENT_ID_TAKEN = "parcelproof_event_id_taken"


class ColumnDescription(NamedTuple):
    """One column of a result as DB-API's ``cursor.description`` gives it (what
    `_light_description_cursor` makes in place of psycopg's `Column`)."""

    name: str
    type_code: int
    display_size: int | None
    internal_size: int | None
    precision: int | None
    scale: int | None
    null_ok: bool | None


@functools.cache
def _light_description_cursor() -> type:
    """psycopg's cursor, its ``description`` made light and once per result.

    psycopg builds a new list of `Column` objects at every read of ``description`` (each
    looks up its type and reads five fields), and SQLAlchemy reads it for every statement and
    then indexes it: on a floor station's short transactions that was a tenth of the client's
    CPU. This cursor describes a result once, as plain 7-tuples with the column's name, type
    oid and size (the sizes psycopg works out from the type, ``None`` here, as DB-API allows);
    a new result (the next statement, ``nextset``) is described afresh. SQLAlchemy reads the
    name and the type oid; nothing else differs."""
    import psycopg
    from psycopg import pq

    rows = (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.SINGLE_TUPLE, pq.ExecStatus.TUPLES_CHUNK)

    class LightDescriptionCursor(psycopg.Cursor):
        _described: tuple[object, list[ColumnDescription] | None] | None = None

        @property
        def description(self):  # type: ignore[override]
            res = self.pgresult
            known = self._described
            if known is not None and known[0] is res:
                return known[1]
            columns = None
            if res is not None and (res.nfields or res.status in rows):
                encoding = self._encoding
                columns = [
                    ColumnDescription(
                        (res.fname(i) or b"").decode(encoding) or f"column_{i + 1}",
                        res.ftype(i),
                        None,
                        res.fsize(i),
                        None,
                        None,
                        None,
                    )
                    for i in range(res.nfields)
                ]
            self._described = (res, columns)
            return columns

    return LightDescriptionCursor


#: how long a SQLite write waits for the database's write lock before it fails as busy
SQLITE_BUSY_TIMEOUT_S = 15.0


class WriterTurn:
    """The turn this process's write transactions on one SQLite file take, first come first
    served.

    SQLite lets one writer at a time hold a file's write lock; a second one (``BEGIN
    IMMEDIATE`` finding it busy) is left to its busy handler, which polls by sleeping 1, 2,
    5, 10 … ms. A station's threads that write (a scan's verdict, the packing-video
    recorder's clips, the outbox) then waited up to 8 ms past the moment the lock was free.
    Queued here, the next writer in the process starts when the one before it ends, in the
    order they came: a thread that writes again and again (the recorder finishing clips)
    cannot take the turn back before a scan that was waiting (a plain lock lets it, as the
    thread that releases runs on). Writers in other processes still meet SQLite's busy
    handler. Reentrant: a thread that opens a write inside its own write meets SQLite's
    lock, as before.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._owner: int | None = None
        self._depth = 0
        self._waiting: deque[tuple[int, threading.Lock]] = deque()

    def acquire(self, timeout: float) -> bool:
        """Wait for the turn up to ``timeout`` seconds; False: not taken."""
        me = threading.get_ident()
        with self._mutex:
            if self._owner is None or self._owner == me:
                self._owner = me
                self._depth += 1
                return True
            gate = threading.Lock()
            gate.acquire()
            place = (me, gate)
            self._waiting.append(place)
        if gate.acquire(timeout=timeout):
            return True  # handed over by `release`
        with self._mutex:
            if self._owner == me:  # handed over as the wait ran out
                return True
            self._waiting.remove(place)
            return False

    def release(self) -> None:
        """End this thread's turn (its outermost): the first thread waiting takes it."""
        with self._mutex:
            self._depth -= 1
            if self._depth:
                return
            if self._waiting:
                self._owner, gate = self._waiting.popleft()
                self._depth = 1
                gate.release()
            else:
                self._owner = None


_writer_turns: dict[str, WriterTurn] = {}
_writer_turns_guard = threading.Lock()


def _sqlite_writer_turn(path: str | None) -> WriterTurn:
    """The `WriterTurn` of the SQLite file at ``path``, one per file in this process."""
    key = path or ""
    if key and key != ":memory:":
        key = os.path.realpath(key)
    with _writer_turns_guard:
        return _writer_turns.setdefault(key, WriterTurn())


@dataclass
class Database:
    """An engine and its two session factories: ``read()`` and ``write()``."""

    engine: Engine
    url: str
    checkpointer: WalCheckpointer | None = None

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(immediate=True), expire_on_commit=False
        )
        self._writer_turn = (
            _sqlite_writer_turn(self.engine.url.database) if self.is_sqlite else None
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; rolled back at the end."""
        with self._read() as s:
            try:
                yield s
            finally:
                s.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action = one transaction: committed on success, rolled back on error."""
        token = _WRITING.set(True)
        turn = self._writer_turn
        # SQLite: this process's writers queue here, not in SQLite's busy handler (see
        # `WriterTurn`); after the busy timeout the write goes on to SQLite's own
        held = turn.acquire(timeout=SQLITE_BUSY_TIMEOUT_S) if turn is not None else False
        try:
            with self._write() as s, s.begin():
                yield s
        finally:
            if held and turn is not None:
                turn.release()
            _WRITING.reset(token)

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()


def open_database(
    url: str | None = None, *, echo: bool = False, background_checkpoint: bool = False
) -> Database:
    """The database at ``url`` (default: `default_url`).

    ``background_checkpoint`` (stations): a SQLite file's WAL checkpoints run on their own
    thread (`WalCheckpointer`) instead of inside a user's commit.
    """
    url = normalise_url(url or default_url())
    parsed = make_url(url)
    # JSON columns are stored as the evidence chain's canonical form writes JSON (sorted keys,
    # no spaces, UTF-8): `verify-log` then hashes an event's stored detail as it is and parses
    # it only when that does not match (rows written before, by other means)
    kwargs: dict = {"echo": echo, "future": True, "json_serializer": store_json}
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
    else:
        # no pool_pre_ping: `_begin_as_ping` checks a connection with its transaction's BEGIN
        kwargs["connect_args"] = {"connect_timeout": 5}
        if parsed.get_driver_name() == "psycopg":
            kwargs["connect_args"]["cursor_factory"] = _light_description_cursor()
            # no statements prepared by psycopg: it forgets them at every rollback (a read
            # transaction's end) with a DEALLOCATE ALL, a round trip that would take ours
            # with it; the stations' statements are prepared by app.db.chain (`_sendable`)
            kwargs["connect_args"]["prepare_threshold"] = None
    try:
        engine = create_engine(url, **kwargs)
    except Exception as exc:  # bad URL, missing driver
        raise DatabaseError(f"cannot use database {url!r}: {exc}") from exc
    checkpointer = None
    if engine.dialect.name == "postgresql":
        from app.db.chain import watch_engine

        event.listen(engine, "checkout", _begin_as_ping)
        watch_engine(engine)  # writes sent with the commit (`app.db.chain.write_at_commit`)
    if engine.dialect.name == "sqlite":
        db_path = parsed.database
        background = background_checkpoint and bool(db_path) and db_path != ":memory:"
        _sqlite_setup(engine, autocheckpoint=not background)
        if background:
            checkpointer = WalCheckpointer(str(db_path))
            checkpointer.start()
    return Database(engine=engine, url=url, checkpointer=checkpointer)
