"""Round trips to PostgreSQL per station action (#24): a scan's verdict waits on each of them,
and on a busy machine each costs far more than the statement itself.

Counted exactly: libpq traces the connection's protocol messages, and the server ends each
round trip (a simple query, or an extended query's Sync) with one ``ReadyForQuery``. What is
recorded is held unchanged by the services' own tests (tests/db/test_scanning_service.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, text

from app.db.engine import Database


@pytest.fixture
def pg(db) -> Database:
    if db.is_sqlite:
        pytest.skip("round trips to a server: PostgreSQL only")
    return db


def _round_trips(db: Database, folder: Path, fn: Callable[[], object]) -> int:
    """The round trips ``fn`` makes (on the one pooled connection it checks out), the pool's
    check of the connection included: the connection is traced from its check-in before
    ``fn`` to its check-in after it."""
    from psycopg import pq

    path = folder / "libpq.trace"
    path.unlink(missing_ok=True)
    sink = path.open("w")
    tracing = [True]

    def on_checkin(dbapi_conn, _record) -> None:
        dbapi_conn.pgconn.untrace()  # what was traced is in the file now
        if tracing[0]:
            dbapi_conn.pgconn.trace(sink.fileno())
            dbapi_conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

    event.listen(db.engine, "checkin", on_checkin)
    try:
        with db.read() as s:  # the connection fn will have, traced from its check-in
            s.execute(text("SELECT 1"))
        tracing[0] = False
        fn()
    finally:
        event.remove(db.engine, "checkin", on_checkin)
        sink.close()
    return path.read_text().count("ReadyForQuery")


def test_a_transaction_is_checked_by_its_begin(pg, tmp_path):
    """The pool's check of a connection is the transaction's BEGIN: an empty write
    transaction is BEGIN, the statement, COMMIT (was a SELECT 1 and a BEGIN of psycopg's own
    before the statement)."""

    def one() -> None:
        with pg.write() as s:
            assert s.execute(text("SELECT 1")).scalar() == 1

    assert _round_trips(pg, tmp_path, one) == 3
